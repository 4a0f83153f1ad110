-- Test plugin for the refresh pipeline: a platform that requires the user's e-mail as
-- User-Agent (as USAJOBS does). It declares why, so the host sends the header when its value is
-- the `email` setting's; `send` makes it try another value.
local json = require("json")

return {
  id = "contact",
  name = "Contact board",
  version = "1.0.0",
  api_version = 1,
  multi_source = true,
  enabled_by_default = false,
  hosts = { "jobs.test-c.example" },
  user_agent = { setting = "email", reason = "The board requires a contact e-mail as User-Agent." },
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
