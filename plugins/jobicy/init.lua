-- Jobicy: remote jobs from the public API
--   GET https://jobicy.com/api/v2/remote-jobs?count=<n>&industry=<slug>&geo=<slug>&tag=<text>
-- No auth, no paging (the newest jobs; `count` 1-50 as documented); { jobs = [...] }. Fields:
-- id, url, jobTitle, companyName, jobIndustry[] (HTML-escaped: "Product &amp; Operations"),
-- jobType[], jobGeo ("LATAM,  Hong Kong" — doubled spaces), jobLevel, jobExcerpt,
-- jobDescription (HTML), pubDate (ISO with offset) and, on some jobs only,
-- salaryMin/salaryMax/salaryCurrency/salaryPeriod.
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of = common.str, common.tbl, common.id_of
local setting = common.setting

local NAME = "jobicy"
-- The API's documented maximum for `count` (its default is higher, so it is always sent).
local MAX_COUNT = 50

local LEVELS = {
  entry = "entry", junior = "entry", midweight = "intermediate", ["mid-level"] = "intermediate",
  senior = "expert", lead = "expert", manager = "expert", director = "expert",
  executive = "expert",
}

local function job_type_of(types)
  for _, t in ipairs(types) do
    local l = (str(t) or ""):lower()
    if l:find("full") then return "full_time" end
    if l:find("part") then return "part_time" end
    if l:find("freelance") then return "freelance" end
    if l:find("contract") or l:find("temporary") then return "contract" end
  end
  return nil
end

local function listing_of(job)
  local id = id_of(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.jobTitle)
  if not title then return nil, "job " .. id .. ": no `jobTitle`" end
  local link = str(job.url)
  if not link then return nil, "job " .. id .. ": no `url`" end
  local tags = {}
  for _, t in ipairs(tbl(job.jobIndustry) or {}) do
    if str(t) then tags[#tags + 1] = text.collapse(html.unescape(t)) end
  end
  local geo = str(job.jobGeo)
  local description = (str(job.jobDescription) and html.to_text(job.jobDescription)) or
    (str(job.jobExcerpt) and html.to_text(job.jobExcerpt)) or nil
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = description,
    company = str(job.companyName) and text.collapse(html.unescape(job.companyName)) or nil,
    posted_at = str(job.pubDate) and time.parse(job.pubDate) or nil,
    budget = common.salary_budget(job.salaryMin, job.salaryMax, job.salaryCurrency,
      job.salaryPeriod),
    tags = tags,
    experience_level = LEVELS[(str(job.jobLevel) or ""):lower()],
    job_type = job_type_of(tbl(job.jobType) or {}),
    remote = true,
    location = geo and text.truncate(text.collapse(html.unescape(geo)), 190) or nil,
  }
end

return {
  id = "jobicy",
  name = "Jobicy",
  version = "1.0.0",
  api_version = 1,
  description = "Remote jobs from Jobicy's public API (the newest up to 50 per refresh), " ..
    "with salary where the employer gives one.",
  homepage = "https://jobicy.com",
  author = "GigScout contributors",
  hosts = { "jobicy.com" },
  url_patterns = { "https://jobicy.com/*" },
  -- Jobicy's API page documents `count` 1-50 and asks clients to fetch the feed only a few
  -- times a day: at most every 6 hours.
  politeness = { requests_per_minute = 5, min_refresh_interval = 21600 },
  settings = {
    { key = "industry", label = "Industry (Jobicy slug, e.g. engineering, data-science; " ..
        "empty = all)", type = "string", default = "engineering", optional = true },
    { key = "geo", label = "Region (Jobicy slug, e.g. usa, europe, emea; empty = anywhere)",
      type = "string", default = "", optional = true },
    { key = "tag", label = "Search term", type = "string", default = "", optional = true },
    { key = "count", label = "How many jobs (1-50)", type = "number", default = 50,
      optional = true },
  },

  requests = function(ctx)
    local count = math.floor(tonumber(setting(ctx, "count", MAX_COUNT)) or MAX_COUNT)
    if count < 1 then count = 1 elseif count > MAX_COUNT then count = MAX_COUNT end
    local q = { count = tostring(count) }
    for _, key in ipairs({ "industry", "geo", "tag" }) do
      local v = str(setting(ctx, key, key == "industry" and "engineering" or ""))
      if v then q[key] = v end
    end
    return { { url = "https://jobicy.com/api/v2/remote-jobs?" .. url.query(q),
               headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response,
      { [429] = "Jobicy is limiting requests (HTTP 429); wait an hour" })
    local data = common.decode_json(NAME, response)
    local refused = tbl(data) and data.success == false and "the API found no jobs for these " ..
      "filters or refused them; check `industry`, `geo` and `tag` in the source's settings"
    return common.collect(NAME, common.list_of(NAME, data, "jobs", { missing = refused }),
      listing_of, "job")
  end,
}
