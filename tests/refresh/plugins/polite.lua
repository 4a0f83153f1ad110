-- Test plugin for the refresh pipeline: a platform that allows one refresh an hour.
local json = require("json")

return {
  id = "polite",
  name = "Polite board",
  version = "1.0.0",
  api_version = 1,
  hosts = { "jobs.test-g.example" },
  politeness = { min_refresh_interval = 3600 },

  requests = function(ctx)
    return { { url = "https://jobs.test-g.example/jobs" } }
  end,

  parse = function(response, ctx)
    local data = assert(json.decode(response.body))
    local listings = {}
    for _, job in ipairs(data.jobs) do
      listings[#listings + 1] = { id = job.id, url = job.url, title = job.title,
                                  company = job.company, description = job.description }
    end
    return listings
  end,
}
