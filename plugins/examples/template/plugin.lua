-- {{name}}: a GigScout plugin (plugin API 1; reference: docs/plugin-api.md).
--
-- Try it on the saved response next to it:
--   gigscout-cli plugin run {{id}}.lua --response {{id}}.sample.json
-- then point `requests` at the real platform, save one of its responses with curl, and
-- change `parse` until every listing is valid.
local json = require("json")

-- Percent-encodes text for a URL query.
local function encode(text)
  return (text:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", c:byte()) end))
end

return {
  id = "{{id}}",
  name = "{{name}}",
  version = "0.1.0",
  api_version = 1,
  description = "Jobs from example.com (say which platform and what kind of jobs).",
  homepage = "https://example.com",
  author = "Your Name",
  hosts = { "example.com" },                 -- every host a request may go to
  url_patterns = { "https://example.com/jobs*" },
  politeness = { requests_per_minute = 10, min_refresh_interval = 3600 },
  settings = {
    { key = "query", label = "Search terms", type = "string", default = "computer vision",
      optional = true },
  },

  requests = function(ctx)
    local url = "https://example.com/api/jobs"
    if ctx.settings.query ~= "" then
      url = url .. "?q=" .. encode(ctx.settings.query)
    end
    return { { url = url, headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    if response.status ~= 200 then
      error("unexpected HTTP status " .. response.status)
    end
    local data, err = json.decode(response.body)
    if not data then
      error("the response is not JSON: " .. err)
    end
    local listings = {}
    for _, job in ipairs(data.jobs) do
      listings[#listings + 1] = {
        id = job.id,
        url = job.url,
        title = job.title,
        company = job.company,
        description = job.description,
        posted_at = job.posted_at,
        tags = job.tags,
        remote = true,
      }
    end
    return listings
  end,
}
