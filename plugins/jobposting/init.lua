-- Any job page or careers page that embeds schema.org JobPosting data (JSON-LD), by URL.
-- Maps the schema.org fields: title, description (HTML), url, identifier, datePosted,
-- hiringOrganization, jobLocation (Place/PostalAddress), jobLocationType TELECOMMUTE,
-- applicantLocationRequirements, employmentType, baseSalary (MonetaryAmount with a
-- QuantitativeValue: minValue/maxValue/value and unitText HOUR/DAY/WEEK/MONTH/YEAR), skills.
local json = require("json")
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local log = require("log")
local common = require("common")
local str, tbl, setting, num = common.str, common.tbl, common.setting, common.num
local clean_html = common.clean_html

local NAME = "jobposting"

-- schema.org lets most properties be one value or a list of them.
local function list_of(v)
  local t = tbl(v)
  if not t then
    if v ~= nil and v ~= json.null then return { v } end
    return {}
  end
  if t[1] ~= nil then return t end
  return { t }
end

-- A Thing given as text or as an object with a name.
local function name_of(v)
  if type(v) == "string" then return str(v) end
  local t = tbl(v)
  return t and (str(t.name) or str(t["@id"])) or nil
end

local EMPLOYMENT = {
  FULL_TIME = "full_time", PART_TIME = "part_time", CONTRACTOR = "contract",
  TEMPORARY = "contract", PER_DIEM = "contract", FREELANCE = "freelance",
}

local function budget_of(salary)
  salary = tbl(list_of(salary)[1])
  if not salary then return nil end
  local currency = str(salary.currency)
  local value = salary.value
  local lo, hi, unit
  if tbl(value) then
    local q = value
    lo, hi = num(q.minValue), num(q.maxValue)
    if not lo and not hi then lo = num(q.value); hi = lo end
    unit = str(q.unitText)
    currency = currency or str(q.currency)
  else
    lo = num(value)
    hi = lo
  end
  return common.salary_budget(lo, hi, currency, unit)
end

local function place_name(place)
  place = tbl(place)
  if not place then return name_of(place) end
  local a = tbl(place.address)
  if a then
    local parts = {}
    for _, key in ipairs({ "addressLocality", "addressRegion", "addressCountry" }) do
      local v = name_of(a[key])
      if v then parts[#parts + 1] = v end
    end
    if #parts > 0 then return table.concat(parts, ", ") end
  elseif type(place.address) == "string" then
    return str(place.address)
  end
  return str(place.name)
end

local function listing_of(p, page_url)
  local title = str(p.title) or str(p.name)
  if not title then return nil, "no `title`" end
  local link = str(p.url) or name_of(p.sameAs)
  if link and page_url then link = url.resolve(page_url, link) or link end
  link = link or page_url
  if not link then return nil, "no `url` and no page address" end
  local ident = p.identifier
  local id
  if tbl(ident) then
    id = str(ident.value) or (type(ident.value) == "number" and tostring(ident.value)) or
      str(ident.name)
  elseif type(ident) == "number" then
    id = tostring(math.tointeger(ident) or ident)
  else
    id = str(ident)
  end
  -- An identifier is only unique within its organisation, so it is qualified by the page's host.
  local host = url.host(link) or ""
  id = id and (host .. "/" .. id) or link
  local places = {}
  for _, place in ipairs(list_of(p.jobLocation)) do
    local n = place_name(place)
    if n then places[#places + 1] = n end
  end
  local remote = nil
  for _, t in ipairs(list_of(p.jobLocationType)) do
    if type(t) == "string" and t:upper():find("TELECOMMUTE") then remote = true end
  end
  if remote then
    for _, req in ipairs(list_of(p.applicantLocationRequirements)) do
      local n = name_of(req)
      if n then places[#places + 1] = n end
    end
  end
  local job_type = nil
  for _, e in ipairs(list_of(p.employmentType)) do
    if type(e) == "string" then
      job_type = job_type or EMPLOYMENT[e:upper():gsub("[%s%-]", "_")]
    end
  end
  local tags = {}
  for _, s in ipairs(list_of(p.skills)) do
    if type(s) == "string" then
      for _, part in ipairs(text.split(s, ",")) do
        local tag = str(part)
        if tag and #tag <= 64 then tags[#tags + 1] = tag end
      end
    else
      local n = name_of(s)
      if n then tags[#tags + 1] = n end
    end
  end
  local description = str(p.description)
  return {
    id = text.truncate(id, 250),
    url = link,
    title = text.truncate(text.collapse(html.to_text(title)), 300, "…"),
    description = description and text.truncate(clean_html(description), 60000, "…") or nil,
    company = name_of(p.hiringOrganization),
    posted_at = str(p.datePosted) and time.parse(p.datePosted) or nil,
    budget = budget_of(p.baseSalary),
    tags = tags,
    job_type = job_type,
    remote = remote,
    location = #places > 0 and text.truncate(table.concat(places, "; "), 190, "…") or nil,
  }
end

-- The JobPosting objects of a page: html.job_postings finds them in every JSON-LD block
-- (including @graph lists) and lists the blocks that are not valid JSON.
local function postings_in(body)
  local found, problems = html.job_postings(body)
  if not found then return nil, problems end
  return found, type(problems) == "table" and problems or {}
end

return {
  id = "jobposting",
  name = "Job pages with schema.org data",
  version = "1.0.0",
  api_version = 1,
  description = "Reads the schema.org JobPosting data (JSON-LD) that many career sites embed " ..
    "for search engines: one source per page address. Works for a single job page or a " ..
    "careers page listing several; pages without that data give an error saying so.",
  homepage = "https://schema.org/JobPosting",
  author = "GigScout contributors",
  multi_source = true,
  -- Each source may reach the host of its own `url` (and only that one, redirects included).
  hosts = {},
  hosts_from_settings = { "url" },
  url_patterns = {},
  -- Any site: no limit is known for the one the user names, so a careful crawler's pace (one
  -- page every 10 s) and a job page's pace of change (a few times a day).
  politeness = { requests_per_minute = 6, min_refresh_interval = 6 * 3600 },
  settings = {
    { key = "url", label = "Page address", type = "string", optional = false,
      help = "A job page or careers page that embeds schema.org JobPosting data (most " ..
        "career sites do, for search engines)." },
  },

  requests = function(ctx)
    local u = str(setting(ctx, "url", ""))
    if not u or not u:match("^https?://") then
      error(NAME .. ": `url` must be the page's http(s) address, got `" .. tostring(u) .. "`")
    end
    return { { url = u, headers = { Accept = "text/html,application/xhtml+xml" } } }
  end,

  parse = function(response, ctx)
    local gone = "the page is gone (HTTP {status}): the job was probably filled; remove this " ..
      "source or point it at the careers page"
    common.check_status(NAME, response, {
      [404] = gone, [410] = gone,
      [429] = "the site is limiting requests (HTTP 429); wait and refresh later",
      other = "the site answered HTTP {status}; try again later",
    })
    local postings, problems = postings_in(response.body or "")
    if not postings then
      error(NAME .. ": the page could not be read (" .. tostring(problems) .. ")")
    end
    if #postings == 0 then
      if problems[1] then
        error(NAME .. ": the page's JobPosting data is broken: " .. tostring(problems[1]))
      end
      error(NAME .. ": the page has no schema.org JobPosting data (no JSON-LD block of type " ..
        "JobPosting); this plugin cannot read it — try the RSS plugin or a board-specific one")
    end
    for _, p in ipairs(problems) do log.warn(NAME .. ": " .. tostring(p)) end
    local page_url = str(response.url) or str(setting(ctx, "url", ""))
    return common.collect(NAME, postings, function(p) return listing_of(p, page_url) end,
      "JobPosting")
  end,
}
