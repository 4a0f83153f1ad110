-- Remotive: remote jobs from the public API (https://remotive.com/api/remote-jobs).
-- The payload's own legal notice: jobs are delayed by 24 hours, call the API "max. 4 times a
-- day", link back to Remotive and credit it, do not resubmit its jobs to other job sites.
-- Response: { "job-count", "jobs": [...] }; `publication_date` has no zone (UTC); `salary` is
-- free text ("$18 - $22/hr", "$30k - $100k", "").
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of = common.str, common.tbl, common.id_of
local setting, budget_from_text = common.setting, common.budget_from_text

local NAME = "remotive"

local JOB_TYPES = {
  full_time = "full_time", part_time = "part_time", contract = "contract",
  freelance = "freelance",
}

-- A figure without a unit is a yearly salary on this board ("$45,000 - $50,000").
local function budget_of(salary)
  salary = str(salary)
  if not salary then return nil end
  local b = budget_from_text(salary, "salary", nil)
  if b and b.kind == "fixed" then b.kind = "salary" end
  return b
end

local function listing_of(job)
  local id = id_of(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local link = str(job.url)
  if not link then return nil, "job " .. id .. ": no `url`" end
  local tags = {}
  for _, t in ipairs(tbl(job.tags) or {}) do
    if str(t) then tags[#tags + 1] = str(t) end
  end
  local posted = nil
  if str(job.publication_date) then posted = time.parse(job.publication_date) end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = str(job.description) and html.to_text(job.description) or nil,
    company = str(job.company_name) and text.collapse(html.unescape(job.company_name)) or nil,
    posted_at = posted,
    budget = budget_of(job.salary),
    tags = tags,
    job_type = JOB_TYPES[str(job.job_type) or ""],
    remote = true,
    location = str(job.candidate_required_location) and
      text.collapse(job.candidate_required_location) or nil,
  }
end

return {
  id = "remotive",
  name = "Remotive",
  version = "1.0.0",
  api_version = 1,
  description = "Remote jobs from Remotive's public API. Remotive shows jobs here 24 hours " ..
    "after they appear on its site, allows at most 4 calls a day, and asks that every job " ..
    "links back to Remotive and credits it as the source.",
  homepage = "https://remotive.com",
  author = "GigScout contributors",
  hosts = { "remotive.com", "www.remotive.com" },
  url_patterns = { "https://remotive.com/*" },
  -- "we advise max. 4 times a day" (the API's own legal notice): one request per refresh, at
  -- most every 6 hours.
  politeness = { requests_per_minute = 1, min_refresh_interval = 6 * 3600 },
  settings = {
    { key = "category", label = "Category (Remotive slug, e.g. software-dev, data, devops)",
      type = "string", default = "software-dev", optional = true },
    { key = "search", label = "Search terms", type = "string", default = "", optional = true },
    { key = "limit", label = "Most jobs per refresh", type = "number", default = 100,
      optional = true },
  },

  requests = function(ctx)
    local q = {}
    local category = str(setting(ctx, "category", "software-dev"))
    local search = str(setting(ctx, "search", ""))
    if category then q.category = category end
    if search then q.search = search end
    local limit = tonumber(setting(ctx, "limit", 100))
    if limit and limit > 0 then q.limit = tostring(math.floor(limit)) end
    local u = "https://remotive.com/api/remote-jobs"
    if next(q) then u = u .. "?" .. url.query(q) end
    -- A single request: the 4-a-day limit counts calls, not refreshes.
    return { { url = u, headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    local refused = "Remotive refused the request (HTTP {status}): its terms allow at most 4 " ..
      "calls a day and block excessive requests; wait six hours before refreshing again"
    common.check_status(NAME, response, {
      [403] = refused, [429] = refused,
      other = "the API answered HTTP {status} instead of the job list; try again later",
    })
    local data = tbl(common.decode_json(NAME, response))
    if not data then error(NAME .. ": expected a JSON object with `jobs`, got something else") end
    local jobs = common.list_of(NAME, data, "jobs", { messages = { "message", "error", "detail" } })
    return common.collect(NAME, jobs, listing_of, "job")
  end,
}
