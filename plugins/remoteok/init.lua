-- Remote OK: remote jobs from the public JSON API (https://remoteok.com/api).
-- Response: a JSON array whose element 0 is a legal notice, then up to ~100 jobs. Descriptions
-- are mojibake (UTF-8 read as Latin-1, re-encoded) and end with an anti-spam sentence; both are
-- repaired here. Salaries are yearly USD, 0 = not given.
local json = require("json")
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local money = require("money")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local list_setting = common.list_setting

local NAME = "remoteok"

-- Each two-byte UTF-8 sequence of U+0080-U+00FF -> the byte it encodes ("\xC3\xA9" -> "\xE9").
local LATIN1_BYTES = {}
for lead = 0xC2, 0xC3 do
  for cont = 0x80, 0xBF do
    LATIN1_BYTES[string.char(lead, cont)] = string.char(((lead & 0x1F) << 6) | (cont & 0x3F))
  end
end

-- Text that was UTF-8, decoded as Latin-1 and encoded again ("â\u0080\u0099" for "’"): every
-- code point is below 256, and re-reading them as bytes gives valid UTF-8 again. Text that
-- holds any code point above 255 was not mangled and is left alone. (gsub with a table: no Lua
-- call per replaced character.)
local function repair_mojibake(s)
  if not s:find("[\xC2\xC3][\x80-\xBF]") or s:find("[\xC4-\xFF]") then return s end
  local r = s:gsub("[\xC2\xC3][\x80-\xBF]", LATIN1_BYTES)
  if utf8.len(r) == nil then return s end
  return r
end

-- "Please mention the word **X** and tag R<base64 of the reader's IP> when applying ..." is
-- personalised anti-spam text, not part of the job.
local function strip_antispam(s)
  local at = s:find("Please mention the word", 1, true)
  if at then s = s:sub(1, at - 1) end
  return text.trim(s)
end

-- salary_min/max are meant as yearly USD. Two exceptions seen in real data: an hourly rate in
-- the same fields ("AI Trainer", 30-30; no yearly salary is below 1,000), and a salary in
-- another currency copied as is, which the description's first "Salary ..." line then names
-- ("Salary Range: PLN 350,700 - 474,400").
local function budget_of(job, description)
  local lo, hi = num(job.salary_min), num(job.salary_max)
  if lo == 0 then lo = nil end
  if hi == 0 then hi = nil end
  if not lo and not hi then return nil end
  if lo and hi and lo > hi then lo, hi = hi, lo end
  local kind = ((hi or lo) < 1000) and "hourly" or "salary"
  local currency = "USD"
  local at = description and description:sub(1, 600):find("Salary", 1, true)
  if at then
    local line = description:sub(at, at + 200):match("^[^\n]+")
    local stated = line and money.parse(line)
    if stated and stated.currency and stated.currency ~= "USD" and
        (stated.min == lo or stated.max == hi) then
      currency = stated.currency
    end
  end
  return { kind = kind, min = lo, max = hi, currency = currency }
end

-- Remote OK has no job-type field; its tags say it when the poster did.
local TAG_JOB_TYPES = {
  ["full-time"] = "full_time", ["full time"] = "full_time", ["part-time"] = "part_time",
  ["part time"] = "part_time", contract = "contract", contractor = "contract",
  freelance = "freelance",
}

local function listing_of(job)
  local id = id_of(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.position)
  if not title then return nil, "job " .. id .. ": no `position` (title)" end
  local link = str(job.url) or str(job.apply_url)
  if not link then
    local slug = str(job.slug)
    if not slug then return nil, "job " .. id .. ": no `url`" end
    link = "https://remoteok.com/remote-jobs/" .. slug
  end
  local posted = num(job.epoch)
  if not posted and str(job.date) then posted = time.parse(job.date) end
  local tags, job_type = {}, nil
  for _, t in ipairs(tbl(job.tags) or {}) do
    local tag = str(t)
    if tag then
      tags[#tags + 1] = repair_mojibake(tag)
      job_type = job_type or TAG_JOB_TYPES[tag:lower()]
    end
  end
  local description = str(job.description)
  if description then
    description = repair_mojibake(description)
    -- Some postings are plain text with line breaks; only HTML goes through the reader.
    if description:find("<%a") then
      -- The API escapes some line breaks twice: "</p>\n<p>" arrives as a backslash and an "n"
      -- between tags, which a reader would see as text.
      if description:find(">\\n") or description:find("\\n<") then
        description = description:gsub("\\n", "\n")
      end
      description = html.to_text(description)
    else
      description = html.unescape(description)
    end
    description = strip_antispam(description)
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(repair_mojibake(title))),
    description = description,
    company = str(job.company) and repair_mojibake(text.collapse(job.company)) or nil,
    posted_at = posted,
    budget = budget_of(job, description),
    tags = tags,
    job_type = job_type,
    remote = true,
    location = str(job.location) and repair_mojibake(text.collapse(job.location)) or nil,
  }
end

return {
  id = "remoteok",
  name = "Remote OK",
  version = "1.0.0",
  api_version = 1,
  description = "Remote jobs from remoteok.com's public JSON API (the newest ~100 per tag). " ..
    "Remote OK's API terms ask for a followed link back to each job and a mention of Remote OK " ..
    "as the source; GigScout always links to the job's Remote OK page.",
  homepage = "https://remoteok.com",
  author = "GigScout contributors",
  hosts = { "remoteok.com", "www.remoteok.com" },
  url_patterns = { "https://remoteok.com/*", "https://www.remoteok.com/*" },
  -- No figure is published; one call per tag per hour keeps well clear of the suspension the
  -- legal notice threatens.
  politeness = { requests_per_minute = 6, min_refresh_interval = 3600 },
  settings = {
    { key = "tags", label = "Tags (one request each; empty = the newest jobs of all kinds)",
      type = "list", default = { "python", "ai" }, optional = true },
  },

  requests = function(ctx)
    local tags = list_setting(ctx, "tags", { "python", "ai" })
    local out = {}
    for _, t in ipairs(tags) do
      local tag = str(t)
      if tag then
        out[#out + 1] = { url = "https://remoteok.com/api?" .. url.query({ tag = tag:lower() }),
                          headers = { Accept = "application/json" } }
      end
    end
    if #out == 0 then
      out[1] = { url = "https://remoteok.com/api", headers = { Accept = "application/json" } }
    end
    return out
  end,

  parse = function(response, ctx)
    local refused = "Remote OK refused the request (HTTP {status}): it limits how often its " ..
      "API may be called; wait an hour before refreshing this source again"
    common.check_status(NAME, response, {
      [403] = refused, [429] = refused,
      other = "the API answered HTTP {status} instead of the job list; try again later",
    })
    local data = common.decode_json(NAME, response,
      "Remote OK may be showing a block page — try again later")
    if type(data) ~= "table" or data == json.null or (data[1] == nil and next(data) ~= nil) then
      error(NAME .. ": expected a JSON array of jobs, got " ..
        (type(data) == "table" and "an object" or type(data)))
    end
    -- Element 0 (Lua 1) is the legal notice: it has `legal`, no `id`.
    return common.collect(NAME, data, listing_of, "job",
      { keep = function(job) return not (job.legal and job.id == nil) end })
  end,
}
