-- Freelancer.com: active projects from the public REST API (no token needed for search).
--   GET https://www.freelancer.com/api/projects/0.1/projects/active/?query=..&limit=..&offset=..
-- with full_description, job_details (the platform's skill tags) and user details (the
-- client's country, rating and payment verification, under result.users[owner_id]).
-- Envelope { status = "success", result = { projects, total_count, users } }; errors are
-- { status = "error", message, error_code }. Budgets are in the project's own currency; hourly
-- projects carry per-hour min/max. Times are epoch seconds.
local json = require("json")
local html = require("html")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local setting, list_setting, plain_text = common.setting, common.list_setting, common.plain_text

local NAME = "freelancer"
local ENDPOINT = "https://www.freelancer.com/api/projects/0.1/projects/active/"

local function page_size(ctx)
  local n = math.floor(tonumber(setting(ctx, "page_size", 50)) or 50)
  if n < 1 then n = 1 elseif n > 100 then n = 100 end
  return n
end

-- The query string, built so `offset` can be changed for the next page.
local function search_url(ctx, offset)
  local query = str(setting(ctx, "query", "computer vision"))
  if not query and type(ctx.query) == "table" and #ctx.query > 0 then
    query = table.concat(ctx.query, " ")
  end
  local parts = {
    "limit=" .. page_size(ctx),
    "offset=" .. offset,
    "full_description=true", "job_details=true", "user_details=true",
    "user_country_details=true", "user_status=true", "user_employer_reputation=true",
    "sort_field=time_updated",
  }
  if query then table.insert(parts, 1, "query=" .. url.encode(query)) end
  for _, t in ipairs(list_setting(ctx, "project_types", {})) do
    t = str(t)
    if t then
      t = t:lower()
      if t ~= "fixed" and t ~= "hourly" then
        error(NAME .. ": `project_types` may hold fixed and hourly, got `" .. t .. "`")
      end
      parts[#parts + 1] = "project_types%5B%5D=" .. t
    end
  end
  for _, j in ipairs(list_setting(ctx, "skill_ids", {})) do
    local n = num(j)
    if not n then
      error(NAME .. ": `skill_ids` must be Freelancer job (skill) numbers, got `" ..
        tostring(j) .. "`")
    end
    parts[#parts + 1] = "jobs%5B%5D=" .. math.floor(n)
  end
  return ENDPOINT .. "?" .. table.concat(parts, "&")
end

local function offset_in(u)
  if type(u) ~= "string" then return 0 end
  return tonumber(u:match("[?&]offset=(%d+)")) or 0
end

-- The error envelope, whatever the HTTP status: { status = "error", message, error_code }.
local function api_error(d, status)
  if not (d and d.status == "error") then return nil end
  local code = str(d.error_code)
  return "the API answered with an error: " .. (str(d.message) or "no message") ..
    (code and (" (" .. code .. ")") or "") .. " (HTTP " .. status .. ")"
end

-- The client's user record: result.users[owner_id] from the API, or `client` where a saved
-- export attached it to the project.
local function client_of(project, users)
  local u = tbl(project.client)
  if not u and users then
    local owner = id_of(project.owner_id)
    u = owner and (tbl(users[owner]) or tbl(users[tonumber(owner)]))
  end
  if not u then return nil end
  local c = {}
  local loc = tbl(u.location)
  local country = loc and tbl(loc.country)
  if country then c.country = str(country.name) or (str(country.code) and country.code:upper()) end
  local status = tbl(u.status)
  if status and type(status.payment_verified) == "boolean" then
    c.payment_verified = status.payment_verified
  end
  -- The client's rating as an employer: employer_reputation (asked for with
  -- user_employer_reputation). `reputation` is the user's rating as a freelancer and only
  -- counts when it says it is the employer role.
  local rep = tbl(u.employer_reputation)
  if not rep and tbl(u.reputation) and u.reputation.role == "employer" then rep = u.reputation end
  local hist = rep and tbl(rep.entire_history)
  if hist then
    local reviews = num(hist.reviews)
    if reviews then c.reviews = math.floor(reviews) end
    -- A rating of 0 with no reviews means "not rated yet", not "rated zero".
    local overall = num(hist.overall)
    if overall and reviews and reviews > 0 and overall >= 0 and overall <= 5 then
      c.rating = overall
    end
  end
  if next(c) == nil then return nil end
  return c
end

local function budget_of(project)
  local b = tbl(project.budget)
  if not b then return nil end
  local lo, hi = num(b.minimum), num(b.maximum)
  if lo and lo <= 0 then lo = nil end
  if hi and hi <= 0 then hi = nil end
  if not lo and not hi then return nil end
  if lo and hi and lo > hi then hi = nil end
  local currency = tbl(project.currency)
  local code = currency and str(currency.code)
  if not code then return nil end
  local kind = (project.type == "hourly" or b.project_type == "hourly") and "hourly" or "fixed"
  return { kind = kind, min = lo, max = hi, currency = code:upper() }
end

local function listing_of(project, users)
  local id = id_of(project.id)
  if not id then return nil, "no `id`" end
  local title = str(project.title)
  if not title then return nil, "project " .. id .. ": no `title`" end
  local seo = str(project.seo_url)
  local link = seo and ("https://www.freelancer.com/projects/" .. seo) or
    ("https://www.freelancer.com/projects/" .. id)
  local tags = {}
  for _, job in ipairs(tbl(project.jobs) or {}) do
    job = tbl(job)
    local name = job and str(job.name)
    if name then tags[#tags + 1] = name end
  end
  local description = str(project.description) or str(project.preview_description)
  local stats = tbl(project.bid_stats)
  local bids = stats and num(stats.bid_count)
  local is_local = project["local"] == true
  local location = nil
  local loc = tbl(project.location)
  if is_local and loc then
    local country = tbl(loc.country)
    local parts = {}
    if str(loc.city) then parts[#parts + 1] = loc.city end
    if country and str(country.name) then parts[#parts + 1] = country.name end
    if #parts > 0 then location = table.concat(parts, ", ") end
  end
  -- The "full-time" upgrade marks a full-time position rather than a gig.
  local upgrades = tbl(project.upgrades)
  local full_time = upgrades and upgrades.fulltime == true
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = plain_text(description),
    posted_at = num(project.time_submitted) or num(project.submitdate),
    budget = budget_of(project),
    tags = tags,
    job_type = full_time and "full_time" or "freelance",
    remote = not is_local,
    location = location,
    client = client_of(project, users),
    proposals = bids and math.floor(bids) or nil,
  }
end

-- Direct-hire offers to one freelancer ("Project for <Name>"), private and deleted projects
-- are not open to anyone else.
local function is_open(project)
  if project.hireme == true or project.nonpublic == true or project.deleted == true then
    return false
  end
  local fs = project.frontend_project_status
  return fs == nil or fs == json.null or fs == "open" or fs == "active"
end

return {
  id = "freelancer",
  name = "Freelancer.com",
  version = "1.0.0",
  api_version = 1,
  description = "Open projects from Freelancer.com's public projects API: budgets in the " ..
    "project's currency, the platform's own skill tags, the client's country, rating and " ..
    "payment verification. Direct-hire offers to a named freelancer and private projects " ..
    "are left out.",
  homepage = "https://www.freelancer.com",
  author = "GigScout contributors",
  hosts = { "www.freelancer.com" },
  url_patterns = { "https://www.freelancer.com/projects/*", "https://www.freelancer.com/jobs/*" },
  -- No rate limit is published; the public Go client polls every 10 s. We stay far below that.
  politeness = { requests_per_minute = 6, min_refresh_interval = 900 },
  settings = {
    { key = "query", label = "Search terms", type = "string", default = "computer vision",
      optional = true },
    { key = "project_types", label = "Project types (fixed, hourly; empty = both)",
      type = "list", default = {}, optional = true },
    { key = "skill_ids", label = "Freelancer skill (job) ids to match (numbers; empty = any)",
      type = "list", default = {}, optional = true },
    { key = "page_size", label = "Projects per page (1-100)", type = "number", default = 50,
      optional = true },
    { key = "max_pages", label = "Most pages per refresh", type = "number", default = 3,
      optional = true },
  },

  requests = function(ctx)
    return { { url = search_url(ctx, 0), headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response, {
      [429] = "Freelancer.com is limiting requests (HTTP 429); wait a few minutes before " ..
        "refreshing this source again",
      other = function(status, d)
        return api_error(d, status) or ("the API answered HTTP " .. status .. "; try again later")
      end,
    })
    local data = common.decode_json(NAME, response)
    local refused = api_error(tbl(data), response.status or 200)
    if refused then error(NAME .. ": " .. refused) end
    if not tbl(data) then
      error(NAME .. ": expected a JSON object (or a saved list of projects), got " .. type(data))
    end
    local projects, users, total
    if data[1] ~= nil then
      -- A saved list of project objects (an export without the envelope).
      projects = data
    else
      local result = tbl(data.result)
      projects = result and tbl(result.projects)
      if not projects then
        error(NAME .. ": unexpected response: no `result.projects` (status `" ..
          tostring(data.status) .. "`)")
      end
      users = tbl(result.users)
      total = num(result.total_count)
    end
    local listings = common.collect(NAME, projects,
      function(project) return listing_of(project, users) end, "project", { keep = is_open })
    local offset = offset_in(response.url)
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 3)) or 3)
    local next_offset = offset + #projects
    if total and #projects > 0 and next_offset < total and
        (tonumber(ctx.page) or 1) < max_pages then
      return listings,
        { url = search_url(ctx, next_offset), headers = { Accept = "application/json" } }
    end
    return listings
  end,
}
