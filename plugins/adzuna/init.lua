-- Adzuna: jobs from Adzuna's search API (19 country indexes)
--   GET https://api.adzuna.com/v1/api/jobs/<cc>/search/<page>?app_id=&app_key=&what_phrase=
--       &where=&results_per_page=&sort_by=date&max_days_old=
-- { count, results = [...] }. `description` is a truncated snippet; `redirect_url` carries a
-- per-request token and echoes app_id as utm_source (so the listing keeps only
-- https://www.adzuna.com/details/<id>); `salary_is_predicted` "1" marks Adzuna's own estimate
-- (min == max), which is not the employer's offer and is left out unless asked for. Default
-- limits: 25 hits/minute, 250/day, 1,000/week, 2,500/month; listings shown must carry a "Jobs
-- by Adzuna" label.
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local setting, plain_text = common.setting, common.plain_text

local NAME = "adzuna"
local SIGNUP = "https://developer.adzuna.com/signup"

local CURRENCY = {
  at = "EUR", au = "AUD", be = "EUR", br = "BRL", ca = "CAD", ch = "CHF", de = "EUR",
  es = "EUR", fr = "EUR", gb = "GBP", ["in"] = "INR", it = "EUR", mx = "MXN", nl = "EUR",
  nz = "NZD", pl = "PLN", sg = "SGD", us = "USD", za = "ZAR",
}

local function country_of(ctx)
  local cc = (str(setting(ctx, "country", "us")) or "us"):lower()
  if not CURRENCY[cc] then
    local known = {}
    for k in pairs(CURRENCY) do known[#known + 1] = k end
    table.sort(known)
    error(NAME .. ": `country` must be one of Adzuna's indexes (" .. table.concat(known, ", ") ..
      "), got `" .. cc .. "`")
  end
  return cc
end

local function per_page(ctx)
  local n = math.floor(tonumber(setting(ctx, "results_per_page", 50)) or 50)
  if n < 1 then n = 1 elseif n > 50 then n = 50 end
  return n
end

local function search_request(ctx, page)
  local id = str(tostring(setting(ctx, "app_id", "") or ""))
  local key = str(setting(ctx, "app_key", ""))
  if not id or not key then
    error(NAME .. ": the Adzuna API needs your own app_id and app_key: register at " .. SIGNUP ..
      ", set app_id in the source's settings and app_key as its secret (the environment " ..
      "variable GIGSCOUT_ADZUNA_APP_KEY or the keyring, never sources.json)")
  end
  local q = { app_id = id, app_key = key, results_per_page = tostring(per_page(ctx)),
              sort_by = "date", ["content-type"] = "application/json" }
  local phrase = str(setting(ctx, "what_phrase", "computer vision"))
  if not phrase and type(ctx.query) == "table" and #ctx.query > 0 then phrase = ctx.query[1] end
  if phrase then q.what_phrase = phrase end
  local where = str(setting(ctx, "where", ""))
  if where then q.where = where end
  local days = tonumber(setting(ctx, "max_days_old", 30))
  if days and days > 0 then q.max_days_old = tostring(math.floor(days)) end
  return { url = "https://api.adzuna.com/v1/api/jobs/" .. country_of(ctx) .. "/search/" ..
             page .. "?" .. url.query(q),
           headers = { Accept = "application/json" } }
end

local CONTRACT = { full_time = "full_time", part_time = "part_time" }

local function listing_of(job, ctx, currency)
  local id = id_of(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local company = tbl(job.company)
  local location = tbl(job.location)
  local category = tbl(job.category)
  local budget = nil
  local predicted = job.salary_is_predicted == "1" or job.salary_is_predicted == 1 or
    job.salary_is_predicted == true
  local include_predicted = setting(ctx, "include_predicted_salary", false)
  if not predicted or include_predicted == true or include_predicted == "true" then
    local lo, hi = num(job.salary_min), num(job.salary_max)
    if lo == 0 then lo = nil end
    if hi == 0 then hi = nil end
    if lo or hi then budget = { kind = "salary", min = lo, max = hi, currency = currency } end
  end
  local job_type = CONTRACT[str(job.contract_time) or ""]
  if (str(job.contract_type) or "") == "contract" then job_type = "contract" end
  local desc = plain_text(job.description)
  return {
    id = id,
    -- The redirect URL echoes the caller's app_id and a per-request token; the details page
    -- is the stable address.
    url = "https://www.adzuna.com/details/" .. id,
    title = text.collapse(html.to_text(title)),
    description = desc,
    company = company and str(company.display_name) or nil,
    posted_at = str(job.created) and time.parse(job.created) or nil,
    budget = budget,
    tags = category and str(category.label) and { category.label } or {},
    job_type = job_type,
    remote = (desc or ""):lower():find("%f[%a]remote%f[^%a]") and true or nil,
    location = location and str(location.display_name) and
      text.truncate(location.display_name, 190) or nil,
  }
end

return {
  id = "adzuna",
  -- The label Adzuna's terms require next to its listings.
  name = "Jobs by Adzuna",
  version = "1.0.0",
  api_version = 1,
  description = "Jobs from Adzuna's search API (one country index per source). Needs your own " ..
    "app_id and app_key (free registration at developer.adzuna.com; use beyond a 14-day trial " ..
    "may need a licence). Descriptions are Adzuna's short snippets. Adzuna's terms require " ..
    "its listings to be shown labelled \"Jobs by Adzuna\", which is this source's name. " ..
    "Salaries Adzuna estimated itself are left out unless asked for.",
  homepage = "https://developer.adzuna.com",
  author = "GigScout contributors",
  enabled_by_default = false,
  multi_source = true,
  hosts = { "api.adzuna.com" },
  url_patterns = { "https://www.adzuna.com/*", "https://www.adzuna.co.uk/*" },
  -- Adzuna's default limits: 25 hits a minute, 250 a day, 1,000 a week, 2,500 a month. Two
  -- pages every 2 hours is 24 a day and ~720 a month.
  politeness = { requests_per_minute = 25, min_refresh_interval = 2 * 3600 },
  settings = {
    { key = "app_id", label = "Application id", type = "string", optional = false,
      help = "Register an application at https://developer.adzuna.com/signup" },
    { key = "app_key", label = "Application key", type = "string", secret = true,
      optional = false },
    { key = "country", label = "Country index (us, gb, de, fr, in, ...)", type = "string",
      default = "us", optional = true },
    { key = "what_phrase", label = "Exact phrase", type = "string", default = "computer vision",
      optional = true },
    { key = "where", label = "Where (city or region; empty = the whole country)",
      type = "string", default = "", optional = true },
    { key = "max_days_old", label = "Only jobs posted within this many days", type = "number",
      default = 30, optional = true },
    { key = "results_per_page", label = "Results per page (1-50)", type = "number",
      default = 50, optional = true },
    { key = "max_pages", label = "Most pages per refresh", type = "number", default = 2,
      optional = true },
    { key = "include_predicted_salary", label = "Keep salaries Adzuna estimated itself",
      type = "boolean", default = false, optional = true },
  },

  requests = function(ctx)
    return { search_request(ctx, 1) }
  end,

  parse = function(response, ctx)
    local refused = "the API refused the app_id/app_key (HTTP {status}): check app_id in the " ..
      "source's settings and its secret app_key (GIGSCOUT_ADZUNA_APP_KEY or the keyring), or " ..
      "register a new application at " .. SIGNUP
    common.check_status(NAME, response, {
      [401] = refused, [403] = refused,
      [429] = "Adzuna's limit was reached (HTTP 429: 25 calls a minute, 250 a day by default); " ..
        "wait and refresh later",
      other = function(status, d)
        local msg = d and (str(d.display) or str(d.exception))
        return "the API answered HTTP " .. status .. (msg and (": " .. msg) or "") ..
          "; try again later"
      end,
    })
    local d = tbl(common.decode_json(NAME, response))
    if d and d.exception == "AUTH_FAIL" then
      error(NAME .. ": " .. refused:gsub("{status}", tostring(response.status or 200)), 0)
    end
    local results = common.list_of(NAME, d, "results", { messages = { "display", "exception" } })
    local currency = CURRENCY[country_of(ctx)]
    local listings = common.collect(NAME, results,
      function(job) return listing_of(job, ctx, currency) end, "result")
    local page = tonumber(type(response.url) == "string" and
      response.url:match("/search/(%d+)")) or 1
    local count = num(d.count)
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 2)) or 2)
    if count and #results > 0 and page * per_page(ctx) < count and
        (tonumber(ctx.page) or 1) < max_pages then
      return listings, search_request(ctx, page + 1)
    end
    return listings
  end,
}
