-- Toptal: public freelance job pages (HTML). Toptal publishes no API and no feed; what exists
-- is HTML:
--   category pages  https://www.toptal.com/freelance-jobs/<category>/jobs
--   skill pages     https://www.toptal.com/freelance-jobs/developers/<skill>
--   job pages       https://www.toptal.com/freelance-jobs/developers/<skill>/<slug>-<numeric id>
-- A job's address encodes its engagement (full-time, part-time, hourly); no budget is shown
-- anywhere, and applying means joining Toptal's screened network first. Listing pages are read
-- through their links to job pages (the link's heading is the title, the rest of its text the
-- summary); job pages through their schema.org JobPosting data where present, else their <h1>
-- and main text. No saved page was available when this was written, so the structure assumed
-- is the one described above; the plugin is experimental.
local html = require("html")
local time = require("time")
local text = require("text")
local common = require("common")
local str, tbl, setting, list_setting = common.str, common.tbl, common.setting, common.list_setting
local fit = common.fit

local NAME = "toptal"
local BASE = "https://www.toptal.com"

local CATEGORIES = {
  developers = true, designers = true, ["product-managers"] = true,
  ["project-managers"] = true, ["management-consultants"] = true,
}

-- /freelance-jobs/<category>/<skill>/<slug>-<id>
local function job_parts(href)
  local path = href:match("^https?://[^/]+(/[^?#]*)") or href:match("^(/[^?#]*)")
  if not path then return nil end
  local segs = {}
  for _, seg in ipairs(text.split(path, "/")) do
    if seg ~= "" then
      if not seg:match("^[%w%-]+$") then return nil end
      segs[#segs + 1] = seg
    end
  end
  if #segs ~= 4 or segs[1] ~= "freelance-jobs" then return nil end
  local category, skill, slug = segs[2], segs[3], segs[4]
  local id = slug:match("%-(%d+)$")
  if not id then return nil end
  return { category = category, skill = skill, slug = slug, id = id, path = path }
end

local function humanise(slug)
  return (slug:gsub("%-", " "):gsub("(%a)([%w]*)", function(a, b) return a:upper() .. b end))
end

-- The engagement is spelled out in the job's address: ...-full-time-172, ...-part-time-...
local function job_type_of(slug)
  if slug:find("part%-time") then return "part_time" end
  if slug:find("full%-time") then return "full_time" end
  if slug:find("hourly") or slug:find("freelance") then return "freelance" end
  return nil
end

local function skill_tag(skill)
  if skill == "jobs" then return nil end
  return (skill:gsub("%-", " "))
end

local function base_listing(parts, title)
  return {
    id = parts.id,
    url = BASE .. parts.path,
    title = text.truncate(text.collapse(title), 300, "…"),
    tags = skill_tag(parts.skill) and { skill_tag(parts.skill) } or {},
    job_type = job_type_of(parts.slug),
    -- Toptal's engagements are remote unless the page says otherwise; the address says
    -- "remote-" for most of them.
    remote = parts.slug:find("^remote%-") and true or nil,
  }
end

-- A schema.org JobPosting on a job page (Toptal's pages are indexed as jobs by search engines).
local function from_job_posting(p, page_parts)
  local title = str(p.title) or str(p.name)
  if not title then return nil end
  local link = str(p.url)
  local parts = (link and job_parts(link)) or page_parts
  if not parts then return nil end
  local l = base_listing(parts, html.to_text(title))
  local d = str(p.description)
  if d then l.description = text.truncate(html.to_text(d), 60000, "…") end
  if str(p.datePosted) then l.posted_at = time.parse(p.datePosted) end
  local org = p.hiringOrganization
  if type(org) == "string" then l.company = str(org)
  elseif tbl(org) then l.company = str(org.name) end
  local lt = p.jobLocationType
  if type(lt) == "string" and lt:upper():find("TELECOMMUTE") then l.remote = true end
  local et = p.employmentType
  if type(et) == "string" then
    local e = et:upper()
    if e:find("PART") then l.job_type = "part_time"
    elseif e:find("FULL") then l.job_type = "full_time"
    elseif e:find("CONTRACT") then l.job_type = "freelance" end
  end
  return l
end

local function parse_job_page(body, parts)
  local postings = html.job_postings(body) or {}
  for _, p in ipairs(postings) do
    local l = tbl(p) and from_job_posting(p, parts)
    if l and l.id == parts.id then return l end
  end
  local h1 = html.select(body, "h1")
  local title = h1 and h1[1] and str(text.collapse(h1[1].text or ""))
  if not title then return nil end
  local l = base_listing(parts, title)
  local main = html.select(body, "main") or {}
  if not main[1] then main = html.select(body, "article") or {} end
  local content = main[1] and str(main[1].text) or nil
  if content then l.description = text.truncate(text.trim(content), 60000, "…") end
  return l
end

local function parse_listing_page(body)
  local listings, seen = {}, {}
  -- JSON-LD first: it carries the full text where a listing page embeds it.
  for _, p in ipairs(html.job_postings(body) or {}) do
    local l = tbl(p) and from_job_posting(p, nil)
    if l and not seen[l.id] then
      seen[l.id] = true
      listings[#listings + 1] = fit(l)
    end
  end
  for _, a in ipairs(html.select(body, "a[href]") or {}) do
    local href = a.attrs and str(a.attrs.href)
    local parts = href and job_parts(href)
    if parts and not seen[parts.id] then
      -- A job card is usually one link: its heading is the title, the rest the summary.
      local heading = html.select(a.html or "", "h1, h2, h3, h4")
      local title = heading and heading[1] and str(text.collapse(heading[1].text or ""))
      local all = str(text.collapse(a.text or ""))
      title = title or all or humanise(parts.slug:gsub("%-%d+$", ""))
      if title then
        seen[parts.id] = true
        local l = base_listing(parts, title)
        if all and all ~= title then
          local summary = all
          if summary:sub(1, #title) == title then summary = text.trim(summary:sub(#title + 1)) end
          if summary ~= "" then l.description = text.truncate(summary, 60000, "…") end
        end
        listings[#listings + 1] = fit(l)
      end
    end
  end
  return listings
end

return {
  id = "toptal",
  name = "Toptal (experimental)",
  version = "0.9.0",
  api_version = 1,
  experimental = true,
  description = "Freelance jobs from Toptal's public job pages. Toptal has no API or feed, so " ..
    "this reads its HTML pages and may break when they change. It sees each job's title, " ..
    "skill, engagement (full-time, part-time or hourly) and summary; it cannot see budgets or " ..
    "rates (Toptal shows none) or the client. Applying requires passing Toptal's screening " ..
    "and joining its network first.",
  homepage = "https://www.toptal.com/freelance-jobs",
  author = "GigScout contributors",
  hosts = { "www.toptal.com" },
  url_patterns = { "https://www.toptal.com/freelance-jobs/*" },
  -- No published limit for HTML pages; scraping should be rare: a few pages twice a day.
  politeness = { requests_per_minute = 2, min_refresh_interval = 12 * 3600 },
  settings = {
    { key = "category", label = "Category: developers, designers, product-managers, " ..
        "project-managers or management-consultants", type = "string", default = "developers",
      optional = true },
    { key = "skills", label = "Skill pages to read (Toptal's slugs, e.g. python, " ..
        "machine-learning; empty = the category's job list)", type = "list",
      default = { "python", "machine-learning" }, optional = true },
  },

  requests = function(ctx)
    local category = (str(setting(ctx, "category", "developers")) or "developers"):lower()
    if not CATEGORIES[category] then
      error(NAME .. ": `category` must be developers, designers, product-managers, " ..
        "project-managers or management-consultants, got `" .. category .. "`")
    end
    local out = {}
    for _, s in ipairs(list_setting(ctx, "skills", { "python", "machine-learning" })) do
      local skill = str(s)
      if skill then
        skill = skill:lower():gsub("%s+", "-")
        if not skill:match("^[a-z0-9%-]+$") then
          error(NAME .. ": skill `" .. skill .. "` is not a Toptal page name (letters, digits " ..
            "and dashes, e.g. machine-learning)")
        end
        out[#out + 1] = { url = BASE .. "/freelance-jobs/" .. category .. "/" .. skill,
                          headers = { Accept = "text/html" } }
      end
    end
    if #out == 0 then
      out[1] = { url = BASE .. "/freelance-jobs/" .. category .. "/jobs",
                 headers = { Accept = "text/html" } }
    end
    return out
  end,

  parse = function(response, ctx)
    local refused = "Toptal refused the request (HTTP {status}); it may be blocking automated " ..
      "reading — wait a day before trying again"
    common.check_status(NAME, response, {
      [404] = "Toptal has no such page (HTTP 404" ..
        (str(response.url) and (": " .. response.url) or "") .. "): check the category and " ..
        "skill names in the source's settings",
      [403] = refused, [429] = refused,
      other = "Toptal answered HTTP {status}; try again later",
    })
    local body = response.body or ""
    if not body:sub(1, 2048):lower():find("<html", 1, true) and
        not body:sub(1, 2048):lower():find("<!doctype", 1, true) then
      error(NAME .. ": the response is not an HTML page")
    end
    -- A job page is recognised by its address (or its canonical link).
    local page_url = str(response.url)
    local parts = page_url and job_parts(page_url)
    if not parts then
      local canonical = html.select(body, "link[rel=canonical]")
      local href = canonical and canonical[1] and canonical[1].attrs and canonical[1].attrs.href
      parts = str(href) and job_parts(href) or nil
    end
    if parts then
      local l = parse_job_page(body, parts)
      if not l then
        error(NAME .. ": the job page has no title (no <h1> and no JobPosting data)")
      end
      return { fit(l) }
    end
    local listings = parse_listing_page(body)
    if #listings == 0 then
      error(NAME .. ": the page has no links to job pages (/freelance-jobs/<category>/<skill>/" ..
        "<title>-<id>): either the skill has no open jobs or Toptal changed its pages, which " ..
        "this experimental plugin cannot follow")
    end
    return listings
  end,
}
