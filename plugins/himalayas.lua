-- Himalayas: remote jobs from the public API
--   GET https://himalayas.app/jobs/api?limit=<n>[&cursor=<nextCursor>]
-- No auth; { comments, updatedAt, offset, limit, totalCount, nextCursor, jobs = [...] }. The
-- payload's own change log (21/08/2026) asks for cursor paging; `offset` is deprecated. Fields:
-- title, excerpt, companyName, companySlug, employmentType ("Full Time", "Contractor"),
-- minSalary/maxSalary/currency/salaryPeriod (hourly|annual), seniority[], locationRestrictions[],
-- categories[], description (HTML), pubDate/expiryDate (epoch seconds), applicationLink, guid.
-- Captured items carry companyName "name" (placeholder leakage): the slug is used instead.
local html = require("html")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, setting, num = common.str, common.tbl, common.setting, common.num

local NAME = "himalayas"
local ENDPOINT = "https://himalayas.app/jobs/api"
local LIMIT = 20

local function humanise(slug)
  return (slug:gsub("[%-_]+", " "):gsub("(%a)([%w]*)", function(a, b) return a:upper() .. b end))
end

-- Placeholders seen in real payloads instead of the company's name.
local PLACEHOLDERS = { name = true, company = true, companyname = true, ["null"] = true }

local JOB_TYPES = {
  ["full time"] = "full_time", ["part time"] = "part_time", contractor = "contract",
  contract = "contract", temporary = "contract", freelance = "freelance",
}

local SENIORITY = {
  ["entry-level"] = "entry", entry = "entry", junior = "entry", intern = "entry",
  ["mid-level"] = "intermediate", mid = "intermediate",
  senior = "expert", manager = "expert", director = "expert", executive = "expert",
  lead = "expert", principal = "expert", staff = "expert",
}

local function page_request(cursor)
  local q = { limit = tostring(LIMIT) }
  if cursor then q.cursor = cursor end
  return { url = ENDPOINT .. "?" .. url.query(q), headers = { Accept = "application/json" } }
end

local function budget_of(job)
  local lo, hi = num(job.minSalary), num(job.maxSalary)
  local currency = str(job.currency)
  if (not lo and not hi) or not currency then return nil end
  if lo == 0 then lo = nil end
  if hi == 0 then hi = nil end
  if not lo and not hi then return nil end
  local period = (str(job.salaryPeriod) or "annual"):lower()
  local kind, factor = "salary", 1
  if period:find("hour") then kind = "hourly"
  elseif period:find("month") then factor = 12
  elseif period:find("week") then factor = 52 end
  return { kind = kind, min = lo and lo * factor, max = hi and hi * factor,
           currency = currency:upper() }
end

local function experience_of(levels)
  -- Several levels ("Mid-level", "Senior"): the lowest one is who may apply.
  local order = { entry = 1, intermediate = 2, expert = 3 }
  local best = nil
  for _, s in ipairs(levels) do
    local e = SENIORITY[(str(s) or ""):lower()]
    if e and (not best or order[e] < order[best]) then best = e end
  end
  return best
end

local function listing_of(job)
  local guid = str(job.guid) or str(job.applicationLink)
  if not guid then return nil, "no `guid`" end
  -- https://himalayas.app/companies/<company>/jobs/<job> -> "<company>/<job>"
  local company_slug, job_slug = guid:match("/companies/([^/]+)/jobs/([^/?#]+)")
  local id = company_slug and (company_slug .. "/" .. job_slug) or guid
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local company = str(job.companyName)
  if company and PLACEHOLDERS[company:lower()] then company = nil end
  company_slug = str(job.companySlug) or company_slug
  if not company and company_slug then company = humanise(company_slug) end
  local tags = {}
  for _, c in ipairs(tbl(job.categories) or {}) do
    if str(c) then tags[#tags + 1] = c end
  end
  local places = {}
  for _, p in ipairs(tbl(job.locationRestrictions) or {}) do
    if str(p) then places[#places + 1] = p end
  end
  local posted = num(job.pubDate)
  return {
    id = id,
    url = str(job.applicationLink) or guid,
    title = text.collapse(html.to_text(title)),
    description = (str(job.description) and html.to_text(job.description)) or str(job.excerpt),
    company = company,
    posted_at = posted and math.floor(posted) or nil,
    budget = budget_of(job),
    tags = tags,
    experience_level = experience_of(tbl(job.seniority) or {}),
    job_type = JOB_TYPES[(str(job.employmentType) or ""):lower()],
    remote = true,
    location = #places > 0 and text.truncate(table.concat(places, ", "), 190) or "Worldwide",
  }
end

return {
  id = "himalayas",
  name = "Himalayas",
  version = "1.0.0",
  api_version = 1,
  description = "Remote jobs from Himalayas' public jobs API, with salary, seniority and the " ..
    "countries a job is open to.",
  homepage = "https://himalayas.app",
  author = "GigScout contributors",
  hosts = { "himalayas.app" },
  url_patterns = { "https://himalayas.app/*" },
  -- No published limit; the newest pages are what changes.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3600 },
  settings = {
    { key = "max_pages", label = "Most pages per refresh (20 jobs each)", type = "number",
      default = 5, optional = true },
  },

  requests = function(ctx)
    return { page_request(nil) }
  end,

  parse = function(response, ctx)
    local status = response.status or 200
    if status == 429 then
      error(NAME .. ": Himalayas is limiting requests (HTTP 429); wait an hour")
    elseif status >= 400 then
      error(NAME .. ": the API answered HTTP " .. status .. "; try again later")
    end
    local data = common.decode_json(NAME, response.body)
    data = tbl(data)
    if not data then error(NAME .. ": expected a JSON object with `jobs`") end
    local jobs = tbl(data.jobs)
    if not jobs then
      local msg = str(data.message) or str(data.error)
      if msg then error(NAME .. ": the API answered with an error: " .. msg) end
      error(NAME .. ": the response has no `jobs` list")
    end
    local listings = common.collect(NAME, jobs, listing_of, "job")
    local cursor = str(data.nextCursor)
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 5)) or 5)
    if cursor and #jobs > 0 and (tonumber(ctx.page) or 1) < max_pages then
      return listings, page_request(cursor)
    end
    return listings
  end,
}
