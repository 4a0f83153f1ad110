-- Arbeitnow: jobs (mostly Europe, many in German) from the public Job Board API
--   GET https://www.arbeitnow.com/api/job-board-api?page=<n>
-- No auth; { data = [...], links = {...}, meta = { current_page, last_page, ... } }. Fields:
-- slug (the id), company_name, title, description (HTML; some boards' text arrives
-- entity-escaped), remote (bool), url, tags, job_types, location, created_at (epoch seconds).
local html = require("html")
local text = require("text")
local common = require("common")
local str, tbl, setting, num = common.str, common.tbl, common.setting, common.num
local clean_html = common.clean_html

local NAME = "arbeitnow"
local ENDPOINT = "https://www.arbeitnow.com/api/job-board-api"

local function job_type_of(types)
  for _, t in ipairs(types) do
    local l = (str(t) or ""):lower()
    if l:find("full") or l:find("vollzeit") then return "full_time" end
    if l:find("part") or l:find("teilzeit") then return "part_time" end
    if l:find("freelance") or l:find("freiberuf") then return "freelance" end
    if l:find("contract") or l:find("befristet") then return "contract" end
  end
  return nil
end

local function listing_of(job)
  local id = str(job.slug)
  if not id then return nil, "no `slug`" end
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local link = str(job.url) or ("https://www.arbeitnow.com/view/" .. id)
  local tags = {}
  for _, t in ipairs(tbl(job.tags) or {}) do
    if str(t) then tags[#tags + 1] = t end
  end
  local created = num(job.created_at)
  local remote = nil
  if type(job.remote) == "boolean" then remote = job.remote end
  local description = str(job.description) and clean_html(job.description) or nil
  if description then
    -- The board appends its own link line to every description.
    local footer = description:find("Find Jobs in Germany on Arbeitnow", 1, true)
    if footer then description = text.trim(description:sub(1, footer - 1)) end
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = description,
    company = str(job.company_name),
    posted_at = created and math.floor(created) or nil,
    tags = tags,
    job_type = job_type_of(tbl(job.job_types) or {}),
    remote = remote,
    location = str(job.location) and text.truncate(job.location, 190) or nil,
  }
end

local function page_request(page)
  local u = ENDPOINT
  if page > 1 then u = u .. "?page=" .. page end
  return { url = u, headers = { Accept = "application/json" } }
end

return {
  id = "arbeitnow",
  name = "Arbeitnow",
  version = "1.0.0",
  api_version = 1,
  description = "Jobs from Arbeitnow's public job board API — mostly Europe and Germany, many " ..
    "in German. By default only jobs marked remote are kept.",
  homepage = "https://www.arbeitnow.com",
  author = "GigScout contributors",
  hosts = { "www.arbeitnow.com" },
  url_patterns = { "https://www.arbeitnow.com/*" },
  -- No published limit; the board adds jobs through the day.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3600 },
  settings = {
    { key = "remote_only", label = "Only jobs marked remote", type = "boolean", default = true,
      optional = true },
    { key = "max_pages", label = "Most pages per refresh", type = "number", default = 3,
      optional = true },
  },

  requests = function(ctx)
    return { page_request(1) }
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response,
      { [429] = "Arbeitnow is limiting requests (HTTP 429); wait an hour" })
    local data = common.decode_json(NAME, response)
    local jobs = common.list_of(NAME, data, "data")
    local remote_only = setting(ctx, "remote_only", true)
    if remote_only == "false" then remote_only = false end
    local listings = common.collect(NAME, jobs, listing_of, "job",
      { keep = function(job) return not remote_only or job.remote == true end })
    local meta = tbl(data.meta)
    local page, last = meta and num(meta.current_page), meta and num(meta.last_page)
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 3)) or 3)
    -- Refreshes start at page 1, so the payload's page number is also the count read so far.
    if page and #jobs > 0 and page < max_pages and (not last or page < last) then
      return listings, page_request(math.floor(page) + 1)
    end
    return listings
  end,
}
