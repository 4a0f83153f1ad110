-- Test plugin for the refresh pipeline: needs a secret token (from GIGSCOUT_<SOURCE>_TOKEN),
-- which it sends as a header the test server checks.
local json = require("json")

return {
  id = "keyed",
  name = "Keyed board",
  version = "1.0.0",
  api_version = 1,
  multi_source = true,
  enabled_by_default = false,
  hosts = { "jobs.test-f.example" },
  settings = {
    { key = "token", label = "API token", type = "string", secret = true },
    { key = "query", label = "Search terms", type = "string", default = "vision" },
  },

  requests = function(ctx)
    return { { url = "https://jobs.test-f.example/keyed?q=" .. ctx.settings.query,
               headers = { ["X-Api-Token"] = ctx.settings.token } } }
  end,

  parse = function(response, ctx)
    if response.status ~= 200 then
      error("the board answered HTTP " .. response.status)
    end
    local data = assert(json.decode(response.body))
    local listings = {}
    for _, job in ipairs(data.jobs) do
      listings[#listings + 1] = { id = job.id, url = job.url, title = job.title,
                                  company = job.company, description = job.description }
    end
    return listings
  end,
}
