-- Greenhouse job boards: one company's board per source, from the public Job Board API
--   GET https://boards-api.greenhouse.io/v1/boards/<board token>/jobs?content=true
-- No auth, every job in one response: { jobs = [...], meta = { total } }. `content` is HTML
-- escaped twice (&lt;div ...); `first_published` is the posting date (a board can bulk-refresh
-- `updated_at`); "Location Type" metadata says Remote/On-Site/Hybrid where the company sets it;
-- pay, when published, is in the content's "pay-range" block.
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local log = require("log")
local common = require("common")
local str, tbl, id_of = common.str, common.tbl, common.id_of
local setting, budget_from_text = common.setting, common.budget_from_text

local NAME = "greenhouse"

-- The board token, also accepted as a board URL (boards.greenhouse.io/<token>,
-- job-boards.greenhouse.io/<token>/jobs/...).
local function board_of(ctx)
  local b = str(setting(ctx, "board", "anthropic"))
  if not b then
    error(NAME .. ": no board: set `board` to the company's board token (the name after " ..
      "boards.greenhouse.io/ in its jobs page address)")
  end
  local from_url = b:match("greenhouse%.io/v1/boards/([^/?#]+)") or
    b:match("[?&]for=([%w_%-]+)") or b:match("greenhouse%.io/([^/?#]+)")
  if from_url and from_url ~= "embed" then b = from_url end
  b = b:lower()
  if not b:match("^[a-z0-9][a-z0-9_%-]*$") then
    error(NAME .. ": `" .. b .. "` is not a board token (letters, digits, - and _)")
  end
  return b
end

local function remote_of(job, location)
  for _, m in ipairs(tbl(job.metadata) or {}) do
    m = tbl(m)
    local name = m and str(m.name) and m.name:lower() or ""
    if name:find("location type") or name:find("workplace") then
      local v = str(m.value)
      if v then
        local l = v:lower()
        if l:find("remote") then return true end
        if l:find("site") or l:find("office") or l:find("hybrid") then return false end
      end
    end
  end
  if location and location:lower():find("remote") then return true end
  return nil
end

-- <div class="pay-range"><span>$265,000</span><span class="divider">&mdash;</span>
-- <span>$365,000 USD</span></div>, under a title such as "Annual Salary:".
local function budget_of(content_html)
  local ranges = html.select(content_html, ".pay-range")
  if not ranges or not ranges[1] then return nil end
  local titles = html.select(content_html, ".pay-input .title")
  local label = titles and titles[1] and text.collapse(titles[1].text or "") or ""
  -- The block's title says the unit ("Annual Salary:", "Hourly Pay:").
  local b = budget_from_text(text.collapse(ranges[1].text or "") .. " " .. label, "salary", nil)
  if b and b.kind == "fixed" then b.kind = "salary" end
  return b
end

local function listing_of(job, board)
  local id = id_of(job.id)
  if not id then return nil, "no `id`" end
  local title = str(job.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local link = str(job.absolute_url) or
    ("https://job-boards.greenhouse.io/" .. board .. "/jobs/" .. id)
  local content = str(job.content)
  local content_html = content and html.unescape(content) or nil
  local loc = tbl(job.location)
  local location = loc and str(loc.name) or nil
  local tags = {}
  for _, d in ipairs(tbl(job.departments) or {}) do
    d = tbl(d)
    if d and str(d.name) then tags[#tags + 1] = d.name end
  end
  local posted = nil
  for _, key in ipairs({ "first_published", "updated_at" }) do
    if not posted and str(job[key]) then posted = time.parse(job[key]) end
  end
  local description = content_html and html.to_text(content_html) or nil
  local budget = content_html and budget_of(content_html) or nil
  if not budget then
    -- No pay block: the pay the text states, marked in the log as read from the text.
    local phrase
    budget, phrase = common.pay_in_text(description)
    if budget then
      log.info(NAME .. ": job " .. id .. ": pay read from the description text: \"" .. phrase ..
        "\"")
    end
  end
  return {
    id = id,
    url = link,
    title = text.collapse(html.to_text(title)),
    description = description,
    company = str(job.company_name),
    posted_at = posted,
    budget = budget,
    tags = tags,
    remote = remote_of(job, location),
    location = location and text.truncate(text.collapse(location), 190) or nil,
  }
end

return {
  id = "greenhouse",
  name = "Greenhouse job boards",
  version = "1.0.0",
  api_version = 1,
  description = "Jobs from one company's Greenhouse board (public Job Board API), one source " ..
    "per company: set `board` to the board token from its jobs page " ..
    "(boards.greenhouse.io/<token>).",
  homepage = "https://developers.greenhouse.io/job-board.html",
  author = "GigScout contributors",
  multi_source = true,
  -- A board is added per company; the default board is only an example known to exist.
  enabled_by_default = false,
  hosts = { "boards-api.greenhouse.io" },
  url_patterns = { "https://boards.greenhouse.io/*", "https://job-boards.greenhouse.io/*",
                   "https://boards-api.greenhouse.io/v1/boards/*" },
  -- A pasted board address fills `board` (`gigscout-cli source add URL`); the embed address
  -- first, or its "embed" would be taken for the board.
  url_settings = {
    { pattern = "https://boards.greenhouse.io/embed/job_board?for={board}*" },
    { pattern = "https://boards.greenhouse.io/{board}*" },
    { pattern = "https://job-boards.greenhouse.io/embed/job_board?for={board}*" },
    { pattern = "https://job-boards.greenhouse.io/{board}*" },
    { pattern = "https://boards-api.greenhouse.io/v1/boards/{board}*" },
  },
  -- No published limit; a board changes a few times a day.
  politeness = { requests_per_minute = 10, min_refresh_interval = 3 * 3600 },
  settings = {
    { key = "board", label = "Board token (or the board's URL)", type = "string",
      default = "anthropic", optional = false,
      help = "The name after boards.greenhouse.io/ in the company's jobs page address; the " ..
        "address itself works too." },
  },

  requests = function(ctx)
    return { { url = "https://boards-api.greenhouse.io/v1/boards/" .. url.encode(board_of(ctx)) ..
                 "/jobs?content=true",
               headers = { Accept = "application/json" } } }
  end,

  parse = function(response, ctx)
    local board = board_of(ctx)
    common.check_status(NAME, response, {
      [404] = "there is no Greenhouse board `" .. board .. "` (HTTP 404): check the board " ..
        "token in the source's settings",
      [429] = "Greenhouse is limiting requests (HTTP 429); wait an hour",
      other = "the board API answered HTTP {status}; try again later",
    })
    local jobs = common.list_of(NAME, common.decode_json(NAME, response), "jobs",
      { api = "board API", messages = { "error", "message" } })
    return common.collect(NAME, jobs, function(job) return listing_of(job, board) end, "job")
  end,
}
