-- Test plugin for the refresh pipeline: a platform whose plugin is deprecated but still runs.
local json = require("json")

return {
  id = "retired",
  name = "Retired board",
  version = "1.0.0",
  api_version = 1,
  hosts = { "jobs.test-g.example" },
  deprecated = "the board moved to a new API; use the `board` plugin",

  requests = function()
    return { { url = "https://jobs.test-g.example/jobs" } }
  end,

  parse = function(response)
    local data = assert(json.decode(response.body))
    local listings = {}
    for _, job in ipairs(data.jobs) do
      listings[#listings + 1] = { id = job.id, url = job.url, title = job.title,
                                  company = job.company, description = job.description }
    end
    return listings
  end,
}
