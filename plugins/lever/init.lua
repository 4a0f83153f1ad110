-- Lever job postings: one company's postings per source, from the public Postings API
--   GET https://api.lever.co/v0/postings/<site>?mode=json&skip=<n>&limit=<n>
-- (EU-hosted accounts: api.eu.lever.co). No auth; a JSON array. `createdAt` is epoch
-- MILLISECONDS; `workplaceType` is onsite|hybrid|remote|unspecified; the text comes as plain
-- and HTML variants (descriptionPlain, lists[].content, additionalPlain); `salaryRange` only
-- when the company publishes it. The company name is not in the payload: it is the site name
-- or the `company` setting.
local html = require("html")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, setting = common.str, common.tbl, common.setting
local budget_from_text = common.budget_from_text

local NAME = "lever"

local function num(v)
  if type(v) == "number" then return v end
  if type(v) == "string" then return tonumber((v:gsub("[,%s]", ""))) end
  return nil
end

local PAGE = 100

local function site_of(ctx)
  local s = str(setting(ctx, "site", "spotify"))
  if not s then
    error(NAME .. ": no site: set `site` to the company's Lever name (the part after " ..
      "jobs.lever.co/ in its jobs page address)")
  end
  s = s:match("lever%.co/v0/postings/([^/?#]+)") or s:match("lever%.co/([^/?#]+)") or s
  if not s:match("^[%w][%w%-_%.]*$") then
    error(NAME .. ": `" .. s .. "` is not a Lever site name")
  end
  return s
end

local function host_of(ctx)
  local region = (str(setting(ctx, "region", "global")) or "global"):lower()
  if region == "eu" then return "https://api.eu.lever.co" end
  if region ~= "global" then
    error(NAME .. ": `region` must be global or eu, got `" .. region .. "`")
  end
  return "https://api.lever.co"
end

local function page_request(ctx, skip)
  return { url = host_of(ctx) .. "/v0/postings/" .. url.encode(site_of(ctx)) .. "?" ..
             url.query({ mode = "json", skip = tostring(skip), limit = tostring(PAGE) }),
           headers = { Accept = "application/json" } }
end

local JOB_TYPES = {
  permanent = "full_time", ["full-time"] = "full_time", ["full time"] = "full_time",
  fulltime = "full_time", regular = "full_time",
  ["part-time"] = "part_time", ["part time"] = "part_time",
  contract = "contract", contractor = "contract", temporary = "contract", fixed_term = "contract",
  ["fixed term"] = "contract", freelance = "freelance",
}

local function job_type_of(commitment)
  commitment = str(commitment)
  if not commitment then return nil end
  local l = commitment:lower()
  if JOB_TYPES[l] then return JOB_TYPES[l] end
  if l:find("part") then return "part_time" end
  if l:find("full") or l:find("permanent") then return "full_time" end
  if l:find("contract") or l:find("temporary") then return "contract" end
  return nil
end

local INTERVALS = {
  ["per-year-salary"] = { "salary", 1 }, ["per-month-salary"] = { "salary", 12 },
  ["per-week-salary"] = { "salary", 52 }, ["per-hour-wage"] = { "hourly", 1 },
  ["per-day-wage"] = { "salary", 260 }, ["one-time"] = { "fixed", 1 },
}

local function budget_of(posting, plain)
  local r = tbl(posting.salaryRange)
  if r then
    local lo, hi = num(r.min), num(r.max)
    local currency = str(r.currency)
    local iv = INTERVALS[str(r.interval) or ""] or { "salary", 1 }
    if (lo or hi) and currency then
      return { kind = iv[1], min = lo and lo * iv[2], max = hi and hi * iv[2],
               currency = currency:upper() }
    end
  end
  -- US postings state the base range in the closing text: "The United States base range
  -- for this position is $67,172 - $95,960 plus equity."
  local at = plain and
    (plain:find("range for this", 1, true) or plain:find("Range for this", 1, true))
  local phrase = at and plain:sub(at, at + 200):match("%sis%s+([^\n%.]*%d)")
  if phrase then
    local b = budget_from_text(phrase, "salary", nil)
    if b and b.kind == "fixed" then b.kind = "salary" end
    return b
  end
  return nil
end

local function description_of(p)
  local parts = {}
  local opening = str(p.openingPlain) or (str(p.opening) and html.to_text(p.opening))
  if opening then parts[#parts + 1] = opening end
  local body = str(p.descriptionBodyPlain) or str(p.descriptionPlain) or
    (str(p.description) and html.to_text(p.description))
  if body and body ~= opening then parts[#parts + 1] = body end
  for _, l in ipairs(tbl(p.lists) or {}) do
    l = tbl(l)
    if l then
      local heading = str(l.text)
      local content = str(l.content) and html.to_text(l.content) or nil
      if heading or content then
        parts[#parts + 1] = (heading and (heading .. "\n") or "") .. (content or "")
      end
    end
  end
  local additional = str(p.additionalPlain) or (str(p.additional) and html.to_text(p.additional))
  if additional then parts[#parts + 1] = additional end
  if #parts == 0 then return nil end
  return text.trim(table.concat(parts, "\n\n"))
end

local function listing_of(p, company)
  local id = str(p.id)
  if not id then return nil, "no `id`" end
  local title = str(p.text)
  if not title then return nil, "posting " .. id .. ": no `text` (title)" end
  local link = str(p.hostedUrl) or str(p.applyUrl)
  if not link then return nil, "posting " .. id .. ": no `hostedUrl`" end
  local cats = tbl(p.categories) or {}
  local tags = {}
  for _, key in ipairs({ "department", "team" }) do
    if str(cats[key]) then tags[#tags + 1] = cats[key] end
  end
  local created = num(p.createdAt)
  local workplace = (str(p.workplaceType) or ""):lower()
  local remote = nil
  if workplace == "remote" then remote = true
  elseif workplace == "onsite" or workplace == "hybrid" then remote = false
  elseif str(cats.location) and cats.location:lower():find("remote") then remote = true end
  local description = description_of(p)
  local locations = tbl(cats.allLocations)
  local location = str(cats.location)
  if locations and #locations > 1 then
    local all = {}
    for _, l in ipairs(locations) do if str(l) then all[#all + 1] = l end end
    location = table.concat(all, "; ")
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = description,
    company = company,
    posted_at = created and math.floor(created / 1000) or nil,
    budget = budget_of(p, str(p.additionalPlain) or description),
    tags = tags,
    job_type = job_type_of(cats.commitment),
    remote = remote,
    location = location and text.truncate(location, 190) or nil,
  }
end

return {
  id = "lever",
  name = "Lever job postings",
  version = "1.0.0",
  api_version = 1,
  description = "Jobs from one company's Lever postings page (public Postings API), one " ..
    "source per company: set `site` to the name after jobs.lever.co/ in its jobs page address.",
  homepage = "https://github.com/lever/postings-api",
  author = "GigScout contributors",
  multi_source = true,
  -- A board is added per company; the default board is only an example known to exist.
  enabled_by_default = false,
  hosts = { "api.lever.co", "api.eu.lever.co" },
  url_patterns = { "https://jobs.lever.co/*", "https://jobs.eu.lever.co/*" },
  -- A pasted jobs page fills `site`, and `region` for an EU-hosted account.
  url_settings = {
    { pattern = "https://jobs.lever.co/{site}*" },
    { pattern = "https://jobs.eu.lever.co/{site}*", set = { region = "eu" } },
  },
  -- No published limit; a postings page changes a few times a day.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3 * 3600 },
  settings = {
    { key = "site", label = "Lever site name (or the jobs page URL)", type = "string",
      default = "spotify", optional = false,
      help = "The name after jobs.lever.co/ in the company's jobs page address; the address " ..
        "itself works too." },
    { key = "company", label = "Company name to show (empty = from the site name)",
      type = "string", default = "", optional = true },
    { key = "region", label = "Account region: global or eu", type = "string",
      default = "global", optional = true },
  },

  requests = function(ctx)
    return { page_request(ctx, 0) }
  end,

  parse = function(response, ctx)
    local site = site_of(ctx)
    -- Lever says so in the body too: { ok = false, error = "Document not found" }.
    local function no_site(_, d)
      return "there is no Lever site `" .. site .. "`" ..
        (d and str(d.error) and (" (" .. d.error .. ")") or "") ..
        ": check `site` (and `region` for EU accounts) in the source's settings"
    end
    common.check_status(NAME, response, {
      [404] = no_site,
      [429] = "Lever is limiting requests (HTTP 429); wait an hour",
      other = "the postings API answered HTTP {status}; try again later",
    })
    local d = tbl(common.decode_json(NAME, response))
    if d and d.ok == false then error(NAME .. ": " .. no_site(nil, d)) end
    if not d or (d[1] == nil and next(d) ~= nil) then
      error(NAME .. ": expected a JSON array of postings")
    end
    local company = str(setting(ctx, "company", "")) or common.name_from_slug(site)
    local listings = common.collect(NAME, d, function(p) return listing_of(p, company) end,
      "posting")
    -- A full page means there may be more (at most 10 pages: 1,000 postings).
    if #d >= PAGE and (tonumber(ctx.page) or 1) < 10 then
      local u = type(response.url) == "string" and response.url or ""
      local skip = tonumber(u:match("[?&]skip=(%d+)")) or 0
      return listings, page_request(ctx, skip + PAGE)
    end
    return listings
  end,
}
