-- USAJOBS: US federal government jobs from the official Search API
--   GET https://data.usajobs.gov/api/Search?Keyword=..&RemoteIndicator=True
--       &ResultsPerPage=..&Page=..
-- with headers Host: data.usajobs.gov, User-Agent: <the email the key was registered with>,
-- Authorization-Key: <key> (HTTP 401 without). { SearchResult = { SearchResultCount,
-- SearchResultCountAll, SearchResultItems = [{ MatchedObjectId, MatchedObjectDescriptor }] } }.
-- Amounts are strings; dates are naive with a 4-digit fraction (UTC assumed); PositionURI may
-- contain ":443". Off by default: it needs the user's own key, and most jobs require US
-- citizenship and are on site.
local json = require("json")
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local setting, plain_text = common.setting, common.plain_text

local NAME = "usajobs"
local KEY_URL = "https://developer.usajobs.gov/apirequest/"

-- Pay ranges may carry a dollar sign ("$85,000").
local function amount(v)
  if type(v) == "string" then v = v:gsub("%$", "") end
  return num(v)
end

local function per_page(ctx)
  local n = math.floor(tonumber(setting(ctx, "results_per_page", 100)) or 100)
  if n < 1 then n = 1 elseif n > 500 then n = 500 end
  return n
end

local function search_request(ctx, page)
  local key = str(setting(ctx, "api_key", ""))
  local email = str(setting(ctx, "email", ""))
  if not key or not email then
    error(NAME .. ": the USAJOBS API needs your own key and the email address you requested " ..
      "it with: request one at " .. KEY_URL .. ", set `email` in the source's settings and the " ..
      "key as its secret `api_key` (GIGSCOUT_USAJOBS_API_KEY or the keyring, never sources.json)")
  end
  local q = { ResultsPerPage = tostring(per_page(ctx)), Page = tostring(page),
              SortField = "opendate", SortDirection = "desc" }
  local keyword = str(setting(ctx, "keyword", "computer vision"))
  if not keyword and type(ctx.query) == "table" and #ctx.query > 0 then
    keyword = table.concat(ctx.query, " ")
  end
  if keyword then q.Keyword = keyword end
  local location = str(setting(ctx, "location", ""))
  if location then q.LocationName = location end
  local remote = setting(ctx, "remote_only", true)
  if remote == true or remote == "true" then q.RemoteIndicator = "True" end
  return { url = "https://data.usajobs.gov/api/Search?" .. url.query(q),
           -- The Host header the API documents is the one every HTTP client sends anyway.
           headers = { ["User-Agent"] = email, ["Authorization-Key"] = key,
                       Accept = "application/json" } }
end

-- PA per year, PH per hour; the other intervals (per day, bi-weekly, ...) are converted to a
-- year of 2,087 federal work hours / 260 days / 26 pay periods.
local INTERVALS = {
  PA = { "salary", 1 }, PH = { "hourly", 1 }, PD = { "salary", 260 }, BW = { "salary", 26 },
  PW = { "salary", 52 }, PM = { "salary", 12 },
}

local function budget_of(d)
  local r = tbl(d.PositionRemuneration)
  r = r and tbl(r[1])
  if not r then return nil end
  local iv = INTERVALS[str(r.RateIntervalCode) or ""]
  if not iv then return nil end
  local lo, hi = amount(r.MinimumRange), amount(r.MaximumRange)
  if lo == 0 then lo = nil end
  if hi == 0 then hi = nil end
  if not lo and not hi then return nil end
  return { kind = iv[1], min = lo and lo * iv[2], max = hi and hi * iv[2], currency = "USD" }
end

local function job_type_of(d)
  for _, s in ipairs(tbl(d.PositionSchedule) or {}) do
    s = tbl(s)
    local name = s and (str(s.Name) or ""):lower() or ""
    if name:find("full") then return "full_time" end
    if name:find("part") then return "part_time" end
  end
  for _, s in ipairs(tbl(d.PositionOfferingType) or {}) do
    s = tbl(s)
    local name = s and (str(s.Name) or ""):lower() or ""
    if name:find("term") or name:find("temporary") then return "contract" end
  end
  return nil
end

local function listing_of(item)
  local d = tbl(item.MatchedObjectDescriptor)
  if not d then return nil, "no `MatchedObjectDescriptor`" end
  local id = id_of(item.MatchedObjectId) or id_of(d.PositionID)
  if not id then return nil, "no `MatchedObjectId`" end
  local title = str(d.PositionTitle)
  if not title then return nil, "announcement " .. id .. ": no `PositionTitle`" end
  local link = str(d.PositionURI)
  if not link then
    local apply = tbl(d.ApplyURI)
    link = apply and str(apply[1])
  end
  if not link then return nil, "announcement " .. id .. ": no `PositionURI`" end
  link = link:gsub("^(https://[^/:]+):443/", "%1/")
  local area = tbl(d.UserArea)
  local details = area and tbl(area.Details) or {}
  local parts = {}
  for _, key in ipairs({ "JobSummary", "MajorDuties", "WhoMayApply" }) do
    local v = details[key]
    if type(v) == "table" and v ~= json.null then
      local lines = {}
      for _, x in ipairs(v) do if str(x) then lines[#lines + 1] = x end end
      v = table.concat(lines, "\n")
    end
    parts[#parts + 1] = plain_text(v)
  end
  parts[#parts + 1] = plain_text(d.QualificationSummary)
  local tags = {}
  for _, c in ipairs(tbl(d.JobCategory) or {}) do
    c = tbl(c)
    if c and str(c.Name) then tags[#tags + 1] = c.Name end
  end
  local company = str(d.OrganizationName) or str(d.DepartmentName)
  local remote = details.RemoteIndicator
  if type(remote) ~= "boolean" then
    remote = (str(d.PositionLocationDisplay) or ""):lower():find("remote") and true or nil
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = #parts > 0 and table.concat(parts, "\n\n") or nil,
    company = company,
    posted_at = str(d.PublicationStartDate) and time.parse(d.PublicationStartDate) or nil,
    budget = budget_of(d),
    tags = tags,
    job_type = job_type_of(d),
    remote = remote,
    location = str(d.PositionLocationDisplay) and
      text.truncate(d.PositionLocationDisplay, 190) or nil,
  }
end

return {
  id = "usajobs",
  name = "USAJOBS",
  version = "1.0.0",
  api_version = 1,
  description = "US federal government jobs from the official USAJOBS Search API. Needs your " ..
    "own API key and the email you registered it with (free, from developer.usajobs.gov). " ..
    "Most announcements require US citizenship and many are on site; by default only jobs " ..
    "marked remote are asked for.",
  homepage = "https://developer.usajobs.gov",
  author = "GigScout contributors",
  enabled_by_default = false,
  hosts = { "data.usajobs.gov" },
  -- The host sends the plugin's User-Agent only when it is this setting's value.
  user_agent = { setting = "email", reason = "USAJOBS requires the e-mail address the API key " ..
    "was registered with as the User-Agent of every request." },
  url_patterns = { "https://www.usajobs.gov/job/*" },
  -- No figure in the API notes we have (developer.usajobs.gov publishes none); new
  -- announcements open daily.
  politeness = { requests_per_minute = 10, min_refresh_interval = 6 * 3600 },
  settings = {
    { key = "api_key", label = "API key (Authorization-Key)", type = "string", secret = true,
      optional = false, help = "Request a free key at https://developer.usajobs.gov/apirequest/" },
    { key = "email", label = "Email the key was registered with (sent as User-Agent)",
      type = "string", optional = false },
    { key = "keyword", label = "Keywords", type = "string", default = "computer vision",
      optional = true },
    { key = "location", label = "Location name (empty = anywhere)", type = "string",
      default = "", optional = true },
    { key = "remote_only", label = "Only remote jobs", type = "boolean", default = true,
      optional = true },
    { key = "results_per_page", label = "Results per page (1-500)", type = "number",
      default = 100, optional = true },
    { key = "max_pages", label = "Most pages per refresh", type = "number", default = 2,
      optional = true },
  },

  requests = function(ctx)
    return { search_request(ctx, 1) }
  end,

  parse = function(response, ctx)
    local refused = "the API refused the key (HTTP {status}): check the API key and that " ..
      "`email` is the address the key was issued to — request a new key at " .. KEY_URL
    common.check_status(NAME, response, {
      [401] = refused, [403] = refused,
      [429] = "USAJOBS is limiting requests (HTTP 429); wait an hour",
    })
    local data = tbl(common.decode_json(NAME, response))
    local result = data and tbl(data.SearchResult)
    if not result then
      local msg = data and (str(data.message) or str(data.Message) or str(data.error))
      if msg then error(NAME .. ": the API answered with an error: " .. msg) end
      error(NAME .. ": unexpected response: no `SearchResult`")
    end
    local items = tbl(result.SearchResultItems) or {}
    local listings = common.collect(NAME, items, listing_of, "announcement")
    local u = type(response.url) == "string" and response.url or ""
    local page = tonumber(u:match("[?&]Page=(%d+)")) or 1
    local all = num(result.SearchResultCountAll)
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 2)) or 2)
    if all and #items > 0 and page * per_page(ctx) < all and
        (tonumber(ctx.page) or 1) < max_pages then
      return listings, search_request(ctx, page + 1)
    end
    return listings
  end,
}
