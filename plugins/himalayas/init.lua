-- Himalayas: remote jobs from the public API
--   GET https://himalayas.app/jobs/api?limit=<n>[&cursor=<nextCursor>]   (the newest jobs)
--   GET https://himalayas.app/jobs/api/search?q=<terms>&sort=recent&page=<n>   (a search, one
--       per search term, paged by `page`; the same job objects)
-- No auth; { comments, updatedAt, offset, limit, totalCount, nextCursor, jobs = [...] }. The
-- payload's own change log (21/08/2026) asks for cursor paging; `offset` is deprecated. Fields:
-- title, excerpt, companyName, companySlug, employmentType ("Full Time", "Contractor"),
-- minSalary/maxSalary/currency/salaryPeriod (hourly|annual), seniority[], locationRestrictions[],
-- categories[], description (HTML), pubDate/expiryDate (epoch milliseconds in the docs, seconds
-- in real 2026 payloads: common.epoch_seconds tells them apart), applicationLink, guid.
-- Captured items carry companyName "name" (placeholder leakage): the slug is used instead.
local html = require("html")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, setting, num = common.str, common.tbl, common.setting, common.num

local NAME = "himalayas"
local ENDPOINT = "https://himalayas.app/jobs/api"
local LIMIT = 20
local SEARCH = "https://himalayas.app/jobs/api/search"
local MAX_TERMS = 5

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

local function search_request(term, page)
  return { url = SEARCH .. "?" .. url.query({ q = term, sort = "recent", page = tostring(page) }),
           headers = { Accept = "application/json" } }
end

-- The search terms: the `search` setting's, else the profile's; at most MAX_TERMS.
local function search_terms(ctx)
  local terms = {}
  local given = common.list_setting(ctx, "search", {})
  if type(given) ~= "table" or #given == 0 then given = tbl(ctx.query) or {} end
  for _, t in ipairs(given) do
    t = str(t)
    if t and #terms < MAX_TERMS then terms[#terms + 1] = t end
  end
  return terms
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

local function listing_of(job, now)
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
  if not company and company_slug then company = common.name_from_slug(company_slug) end
  local tags = {}
  for _, c in ipairs(tbl(job.categories) or {}) do
    if str(c) then tags[#tags + 1] = c end
  end
  local places = {}
  for _, p in ipairs(tbl(job.locationRestrictions) or {}) do
    if str(p) then places[#places + 1] = p end
  end
  -- The docs give milliseconds, real 2026 payloads seconds: take whichever it is.
  local posted = common.epoch_seconds(job.pubDate, now, NAME .. ": job " .. id .. ": `pubDate`")
  return {
    id = id,
    url = str(job.applicationLink) or guid,
    title = text.collapse(html.to_text(title)),
    description = (str(job.description) and html.to_text(job.description)) or str(job.excerpt),
    company = company,
    posted_at = posted,
    budget = common.salary_budget(job.minSalary, job.maxSalary, job.currency, job.salaryPeriod),
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
    "countries a job is open to: a search for each of your profile's terms (or the terms " ..
    "you set), else the newest jobs.",
  homepage = "https://himalayas.app",
  author = "GigScout contributors",
  hosts = { "himalayas.app" },
  url_patterns = { "https://himalayas.app/*" },
  -- No published limit (the API notes ask for cursor paging only); the newest pages are what
  -- changes, so hourly.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3600 },
  settings = {
    { key = "search", label = "Search terms, comma-separated (empty = the profile's terms; " ..
        "none at all = the newest jobs)", type = "list", default = {}, optional = true },
    { key = "max_pages", label = "Most pages per refresh and search term (20 jobs each)",
      type = "number", default = 5, optional = true },
  },

  requests = function(ctx)
    local terms = search_terms(ctx)
    if #terms == 0 then return { page_request(nil) } end
    local out = {}
    for i, t in ipairs(terms) do out[i] = search_request(t, 1) end
    return out
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response,
      { [429] = "Himalayas is limiting requests (HTTP 429); wait an hour" })
    local data = common.decode_json(NAME, response)
    local jobs = common.list_of(NAME, data, "jobs")
    local listings = common.collect(NAME, jobs,
      function(job) return listing_of(job, ctx.now) end, "job")
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 5)) or 5)
    local where = str(response.url) or ""
    if where:sub(1, #SEARCH + 1) == SEARCH .. "?" then
      -- A search pages by number; each term's pages are counted from its own URL.
      local page = tonumber(where:match("[?&]page=(%d+)")) or 1
      local total = num(data.totalCount)
      local more = #jobs > 0 and (not total or (page - 1) * LIMIT + #jobs < total)
      if more and page < max_pages then
        local next_url = where:gsub("([?&]page=)%d+", "%1" .. (page + 1), 1)
        return listings, { url = next_url, headers = { Accept = "application/json" } }
      end
      return listings
    end
    local cursor = str(data.nextCursor)
    if cursor and #jobs > 0 and (tonumber(ctx.page) or 1) < max_pages then
      return listings, page_request(cursor)
    end
    return listings
  end,
}
