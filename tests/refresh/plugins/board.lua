-- Test plugin for the refresh pipeline: a JSON job board at jobs.test-a.example, run as several
-- sources (multi_source), each starting at its own path. The test server decides what each
-- path does: three pages, HTTP 500, a slow answer, an ETag, a cross-posted job.
-- Response: { "jobs": [ {id, title, company, url, description, tags} ], "next": "/path" | null }
local json = require("json")

local BASE = "https://jobs.test-a.example"

return {
  id = "board",
  name = "Test board",
  version = "1.0.0",
  api_version = 1,
  multi_source = true,
  hosts = { "jobs.test-a.example" },
  settings = {
    { key = "start", label = "First page's path", type = "string", default = "/jobs?page=1" },
    { key = "limit", label = "Most jobs (unused)", type = "number", default = 100,
      optional = true },
  },

  requests = function(ctx)
    return { { url = BASE .. ctx.settings.start, headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    if response.status ~= 200 then
      error("the board answered HTTP " .. response.status)
    end
    local data, err = json.decode(response.body)
    if not data then
      error("the board sent something that is not JSON: " .. err)
    end
    local listings = {}
    for _, job in ipairs(data.jobs) do
      listings[#listings + 1] = {
        id = job.id, url = job.url, title = job.title, company = job.company,
        description = job.description, tags = job.tags, remote = true,
      }
    end
    local next_request = nil
    if type(data.next) == "string" then
      next_request = { url = BASE .. data.next, headers = { Accept = "application/json" } }
    end
    return listings, next_request
  end,
}
