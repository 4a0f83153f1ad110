-- Test plugin for the refresh pipeline: sends the user's e-mail as User-Agent without declaring
-- why in its manifest (no `user_agent` field): the host keeps its own User-Agent.
local json = require("json")

return {
  id = "nocontact",
  name = "No-contact board",
  version = "1.0.0",
  api_version = 1,
  multi_source = true,
  enabled_by_default = false,
  hosts = { "jobs.test-c.example" },
  settings = {
    { key = "email", label = "Contact e-mail", type = "string", optional = true },
    { key = "send", label = "User-Agent to try instead", type = "string", optional = true },
  },

  requests = function(ctx)
    return { { url = "https://jobs.test-c.example/ua",
               headers = { ["User-Agent"] = ctx.settings.send or ctx.settings.email } } }
  end,

  parse = function(response)
    local data = assert(json.decode(response.body))
    return { { id = "ua", url = "https://jobs.test-c.example/ua", title = "Echo",
               description = data.user_agent } }
  end,
}
