-- Ashby job boards: one company's board per source, from the public Posting API
--   GET https://api.ashbyhq.com/posting-api/job-board/<board>?includeCompensation=true
-- No auth; { apiVersion = "1", jobs = [...] }. `publishedAt` ISO with offset; `workplaceType`
-- OnSite|Hybrid|Remote; `employmentType` FullTime|PartTime|Contract|Intern|Temporary; pay in
-- `compensation.summaryComponents` / `compensationTiers[].components` (compensationType
-- Salary, interval "1 YEAR", currencyCode, minValue, maxValue). Unlisted jobs are skipped.
-- The company name is not in the payload: it is the board name or the `company` setting.
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local log = require("log")
local common = require("common")
local str, tbl, setting = common.str, common.tbl, common.setting

local NAME = "ashby"

local function board_of(ctx)
  local b = str(setting(ctx, "board", "ramp"))
  if not b then
    error(NAME .. ": no board: set `board` to the company's Ashby board name (the part after " ..
      "jobs.ashbyhq.com/ in its jobs page address)")
  end
  b = b:match("job%-board/([^/?#]+)") or b:match("ashbyhq%.com/([^/?#]+)") or b
  if not b:match("^[%w][%w%-_%.]*$") then
    error(NAME .. ": `" .. b .. "` is not an Ashby board name")
  end
  return b
end

local JOB_TYPES = {
  FullTime = "full_time", PartTime = "part_time", Contract = "contract", Temporary = "contract",
}

-- The widest salary range over the summary (or every tier), in one currency.
local function budget_of(job)
  local comp = tbl(job.compensation)
  if not comp then return nil end
  local components = {}
  for _, c in ipairs(tbl(comp.summaryComponents) or {}) do components[#components + 1] = c end
  if #components == 0 then
    for _, tier in ipairs(tbl(comp.compensationTiers) or {}) do
      tier = tbl(tier)
      for _, c in ipairs(tier and tbl(tier.components) or {}) do components[#components + 1] = c end
    end
  end
  local best = nil
  for _, c in ipairs(components) do
    c = tbl(c)
    -- interval "1 YEAR", "1 MONTH", "1 HOUR", ...
    local b = c and (str(c.compensationType) or "") == "Salary" and
      common.salary_budget(c.minValue, c.maxValue, c.currencyCode, c.interval)
    if b and not best then
      best = b
    elseif b and best.currency == b.currency and best.kind == b.kind then
      if b.min and (not best.min or b.min < best.min) then best.min = b.min end
      if b.max and (not best.max or b.max > best.max) then best.max = b.max end
    end
  end
  return best
end

local function location_of(job)
  local names = {}
  if str(job.location) then names[#names + 1] = job.location end
  for _, s in ipairs(tbl(job.secondaryLocations) or {}) do
    s = tbl(s)
    if s and str(s.location) then names[#names + 1] = s.location end
  end
  if #names == 0 then return nil end
  return text.truncate(table.concat(names, "; "), 190)
end

local function listing_of(job, company)
  local id = str(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local link = str(job.jobUrl) or str(job.applyUrl)
  if not link then return nil, "job " .. id .. ": no `jobUrl`" end
  local tags = {}
  for _, key in ipairs({ "department", "team" }) do
    if str(job[key]) then tags[#tags + 1] = job[key] end
  end
  local workplace = str(job.workplaceType)
  local remote
  if workplace == "Remote" then remote = true
  elseif workplace == "OnSite" or workplace == "Hybrid" then remote = false
  elseif type(job.isRemote) == "boolean" then remote = job.isRemote end
  local description = str(job.descriptionPlain) or
    (str(job.descriptionHtml) and html.to_text(job.descriptionHtml)) or nil
  local budget = budget_of(job)
  if not budget then
    -- No compensation published: the pay the text states, marked in the log as read from it.
    local phrase
    budget, phrase = common.pay_in_text(description)
    if budget then
      log.info(NAME .. ": job " .. id .. ": pay read from the description text: \"" .. phrase ..
        "\"")
    end
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = description,
    company = company,
    posted_at = str(job.publishedAt) and time.parse(job.publishedAt) or nil,
    budget = budget,
    tags = tags,
    job_type = JOB_TYPES[str(job.employmentType) or ""],
    remote = remote,
    location = location_of(job),
  }
end

return {
  id = "ashby",
  name = "Ashby job boards",
  version = "1.0.0",
  api_version = 1,
  description = "Jobs from one company's Ashby board (public Posting API, with pay where the " ..
    "company publishes it), one source per company: set `board` to the name after " ..
    "jobs.ashbyhq.com/ in its jobs page address.",
  homepage = "https://developers.ashbyhq.com/docs/public-job-posting-api",
  author = "GigScout contributors",
  multi_source = true,
  -- A board is added per company; the default board is only an example known to exist.
  enabled_by_default = false,
  hosts = { "api.ashbyhq.com" },
  url_patterns = { "https://jobs.ashbyhq.com/*" },
  -- A pasted jobs page fills `board`.
  url_settings = { { pattern = "https://jobs.ashbyhq.com/{board}*" } },
  -- No published limit; a board changes a few times a day.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3 * 3600 },
  settings = {
    { key = "board", label = "Ashby board name (or the jobs page URL)", type = "string",
      default = "ramp", optional = false,
      help = "The name after jobs.ashbyhq.com/ in the company's jobs page address; the " ..
        "address itself works too." },
    { key = "company", label = "Company name to show (empty = from the board name)",
      type = "string", default = "", optional = true },
  },

  requests = function(ctx)
    return { { url = "https://api.ashbyhq.com/posting-api/job-board/" ..
                 url.encode(board_of(ctx)) .. "?includeCompensation=true",
               headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    local board = board_of(ctx)
    common.check_status(NAME, response, {
      [404] = "there is no Ashby board `" .. board .. "` (HTTP 404): check the board name in " ..
        "the source's settings",
      [429] = "Ashby is limiting requests (HTTP 429); wait an hour",
      other = "the posting API answered HTTP {status}; try again later",
    })
    local jobs = common.list_of(NAME, common.decode_json(NAME, response), "jobs",
      { api = "posting API", messages = { "error", "message", "errors" } })
    local company = str(setting(ctx, "company", "")) or common.name_from_slug(board)
    return common.collect(NAME, jobs, function(job) return listing_of(job, company) end, "job",
      { keep = function(job) return job.isListed ~= false end })
  end,
}
