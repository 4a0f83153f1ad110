-- We Work Remotely: remote jobs from its category RSS feeds
-- (https://weworkremotely.com/categories/remote-<category>-jobs.rss), no auth, no paging,
-- <ttl>60</ttl>. Item: title "Company: Role", region, (since ~2025) country, state, skills,
-- category, type, entity-escaped HTML description (logo, Headquarters, URL, body, "To apply"),
-- pubDate (RFC 822), guid = link. Feeds overlap; the guid is the stable id.
local feed = require("feed")
local html = require("html")
local time = require("time")
local text = require("text")
local common = require("common")
local str, list_setting, feed_text = common.str, common.list_setting, common.feed_text

local NAME = "weworkremotely"

-- Feeds whose names break the remote-<category>-jobs pattern, by every spelling a user may give
-- once "remote-" and "-jobs" are stripped.
local IRREGULAR_FEEDS = {
  ["all-other"] = "all-other-remote-jobs",
  ["all-other-remote"] = "all-other-remote-jobs",
}

local JOB_TYPES = {
  ["full-time"] = "full_time", ["part-time"] = "part_time", ["contract"] = "contract",
  ["freelance"] = "freelance",
}

-- Item elements beyond RSS 2.0 (`region`, `type`, `skills`, ...) as the feed module keeps them.
local function extra(item, key)
  local e = item.extra
  if type(e) ~= "table" then return nil end
  local v = e[key]
  if type(v) == "table" then v = v.text or v[1] end
  return str(v)
end

-- "🇩🇪 Germany, 🇫🇷 France, and 🇳🇱 Netherlands" -> "Germany, France, Netherlands". The flags
-- (regional indicator pairs) go; only a leading "and " is dropped, since country names can
-- contain "and".
local function countries(s)
  if not s then return nil end
  s = s:gsub("\xF0\x9F\x87[\xA6-\xBF]", "")
  local names = {}
  for _, part in ipairs(text.split(s, ",")) do
    local name = str(text.trim(part):gsub("^and%s+", ""))
    if name then names[#names + 1] = name end
  end
  if #names == 0 then return nil end
  return table.concat(names, ", ")
end

-- "Company: Role" — the company is everything before the first ": ".
local function split_title(title)
  local at = title:find(": ", 1, true)
  if at and at > 1 and at <= 120 then
    local role = text.trim(title:sub(at + 2))
    if role ~= "" then return text.trim(title:sub(1, at - 1)), role end
  end
  return nil, title
end

-- The description opens with the logo, "Headquarters: X", "URL: Y" and closes with "To apply:
-- <link>"; the job text is in between.
local function drop_line(t, label)
  t = text.trim(t)
  if t:sub(1, #label) == label then
    local eol = t:find("\n", 1, true)
    return eol and t:sub(eol + 1) or ""
  end
  return t
end

local function body_text(description)
  local t = html.to_text(description or "")
  t = drop_line(drop_line(t, "Headquarters:"), "URL:")
  -- The board's own "To apply:" line is the last one; a job's text may say it earlier too.
  local apply_at, from = nil, 1
  while true do
    local at = t:find("To apply:", from, true)
    if not at then break end
    apply_at, from = at, at + 1
  end
  if apply_at then t = t:sub(1, apply_at - 1) end
  return text.trim(t)
end

local function listing_of(item)
  local link = str(item.link) or str(item.guid)
  if not link then return nil, "no `link` or `guid`" end
  local title = feed_text(item.title, item.title_type)
  if not title then return nil, link .. ": no `title`" end
  local company, role = split_title(title)
  local description = body_text(item.content or item.description)
  local tags = {}
  local skills = extra(item, "skills")
  if skills then
    -- "PPC, PPC Management, and PPC Campaigns"
    for _, part in ipairs(text.split(skills, ",")) do
      local tag = str((text.trim(part):gsub("^and%s+", "")))
      if tag then tags[#tags + 1] = tag end
    end
  end
  local category = extra(item, "category") or (type(item.categories) == "table" and
    str(item.categories[1])) or nil
  if category then tags[#tags + 1] = category end
  local location = extra(item, "region")
  local country = countries(extra(item, "country"))
  if country and location then location = location .. " (" .. country .. ")"
  elseif country then location = country end
  local posted = item.published
  if type(posted) ~= "number" then posted = item.updated end
  if type(posted) ~= "number" and str(item.published_raw) then
    posted = time.parse(item.published_raw)
  end
  return {
    id = str(item.guid) or link,
    url = link,
    title = role,
    company = company,
    description = description ~= "" and description or nil,
    posted_at = posted,
    tags = tags,
    job_type = JOB_TYPES[(extra(item, "type") or ""):lower()],
    remote = true,
    location = location,
  }
end

return {
  id = "weworkremotely",
  name = "We Work Remotely",
  version = "1.0.0",
  api_version = 1,
  description = "Remote jobs from We Work Remotely's public category RSS feeds. The feeds " ..
    "carry no salaries and no paging: each holds the category's current jobs. Terms: We Work " ..
    "Remotely's terms of service restrict using its listings for a job search service; use " ..
    "this source for your own search only, and do not republish or share what it fetches.",
  homepage = "https://weworkremotely.com",
  author = "GigScout contributors",
  hosts = { "weworkremotely.com", "www.weworkremotely.com" },
  url_patterns = { "https://weworkremotely.com/*.rss" },
  -- The feeds declare <ttl>60</ttl>: no point reading them more than once an hour.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3600 },
  settings = {
    { key = "categories", label = "Categories (feed names, e.g. programming, " ..
        "back-end-programming, devops-sysadmin, all-other-remote; \"all\" = every category)",
      type = "list", default = { "programming", "back-end-programming" }, optional = true },
  },

  requests = function(ctx)
    local out, seen = {}, {}
    local categories = list_setting(ctx, "categories", { "programming", "back-end-programming" })
    for _, c in ipairs(categories) do
      local cat = str(c)
      if cat then
        cat = cat:lower():gsub("%.rss$", ""):gsub("^remote%-", ""):gsub("%-jobs$", "")
        if not cat:match("^[a-z0-9%-]+$") then
          error(NAME .. ": category `" .. cat .. "` is not a feed name (letters, digits and " ..
            "dashes, e.g. back-end-programming)")
        end
        local u = cat == "all" and "https://weworkremotely.com/remote-jobs.rss" or
          ("https://weworkremotely.com/categories/" ..
            (IRREGULAR_FEEDS[cat] or ("remote-" .. cat .. "-jobs")) .. ".rss")
        if not seen[u] then
          seen[u] = true
          out[#out + 1] = { url = u, headers = { Accept = "application/rss+xml, application/xml" } }
        end
      end
    end
    if #out == 0 then
      out[1] = { url = "https://weworkremotely.com/remote-jobs.rss" }
    end
    return out
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response, {
      [429] = "We Work Remotely is limiting requests (HTTP 429); wait an hour",
      [404] = "no such feed (HTTP 404): check the category names in the source's settings",
      other = "the feed answered HTTP {status}; try again later",
    })
    local base = str(response.url)
    local f, err =
      feed.parse(response.body or "", base and base:match("^https?://") and base or nil)
    if not f then error(NAME .. ": the response is not an RSS feed (" .. tostring(err) .. ")") end
    return common.collect(NAME, f.items or {}, listing_of, "item")
  end,
}
