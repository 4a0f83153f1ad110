-- {{name}}: a GigScout plugin (plugin API 1). A walk-through: docs/plugin-tutorial.md; every
-- field and helper: docs/plugin-api.md.
--
-- Run its cases (cases.json, on the saved response in responses/) in the real sandbox:
--   ./test.sh        (or: gigscout-cli plugin test THIS_FOLDER)
-- Then point `requests` at the real platform, save one of its answers with curl into
-- responses/, add a case for it to cases.json, and change `parse` until every case passes.
local common = require("common")
local url = require("url")
local str, tbl, id_of, setting = common.str, common.tbl, common.id_of, common.setting

local NAME = "{{id}}"
local API = "https://example.com/api/jobs"

local function page_request(query, page)
  -- url.query percent-encodes each value ("computer vision" -> "computer%20vision").
  return { url = API .. "?" .. url.query({ q = query, page = page }),
           headers = { Accept = "application/json" } }
end

-- One job of the platform's answer as a listing, or nil and why not: common.collect skips that
-- job and logs why. Optional fields are guarded (`company and company.name`), so one job
-- without them is still a listing instead of an error that loses the whole page.
local function listing_of(job)
  local id, title, link = id_of(job.id), str(job.title), str(job.url)
  if not (id and title and link) then
    return nil, "no `id`, `title` or `url`"
  end
  local company = tbl(job.company)
  return {
    id = id,
    url = link,
    title = title,
    company = company and str(company.name),
    description = str(job.description),
    posted_at = str(job.posted_at),
    tags = tbl(job.tags),
    remote = true,
  }
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
    { key = "max_pages", label = "Pages per refresh", type = "number", default = 3,
      optional = true },
  },

  requests = function(ctx)
    return { page_request(setting(ctx, "query", ""), 1) }
  end,

  parse = function(response, ctx)
    -- An HTTP error (400 and up) ends the page with a message the user can act on.
    common.check_status(NAME, response, { [429] = "the board is limiting requests; wait an hour" })
    local data = common.decode_json(NAME, response)
    local listings = common.collect(NAME, common.list_of(NAME, data, "jobs"), listing_of, "job")
    -- The next page, while the platform says there is one and the user wants more.
    local next_request = nil
    local page, pages = common.num(data.page), common.num(data.pages)
    if page and pages and page < pages and page < setting(ctx, "max_pages", 3) then
      next_request = page_request(setting(ctx, "query", ""), page + 1)
    end
    return listings, next_request
  end,
}
