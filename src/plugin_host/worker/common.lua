-- The small helpers nearly every plugin needs, written in Lua on top of the other host modules
-- and run inside the sandbox like plugin code (docs/plugin-api-helpers.md, "common").
local json = require("json")
local html = require("html")
local money = require("money")
local text = require("text")
local log = require("log")

local common = {}

-- A string with its surrounding spaces removed; nil for anything else or an empty string.
function common.str(v)
  if type(v) ~= "string" then return nil end
  v = text.trim(v)
  if v == "" then return nil end
  return v
end

-- A table that is not JSON null; nil for anything else.
function common.tbl(v)
  if type(v) == "table" and v ~= json.null then return v end
  return nil
end

-- A platform id as text: numbers without a fraction lose their ".0".
function common.id_of(v)
  if type(v) == "number" then return tostring(math.tointeger(v) or v) end
  return common.str(v)
end

-- The source's setting `key`, or `default` when the user gave none.
function common.setting(ctx, key, default)
  local v = (ctx.settings or {})[key]
  if v == nil then return default end
  return v
end

-- A programming mistake in a call to a `common` helper: the message names the helper, and the
-- plugin line that called it.
local function check_arg(fn, what, v, want)
  if type(v) ~= want then
    error("common." .. fn .. ": `" .. what .. "` must be a " .. want .. ", got " .. type(v), 3)
  end
end

-- A response (or its body) decoded as JSON, a UTF-8 byte order mark skipped; raises "<name>: the
-- response is not JSON (<why>; it starts with "...")" for a body that is not, such as a block
-- page or a cut-off transfer, with `hint` (what the user can do) after it when given.
function common.decode_json(name, response, hint)
  check_arg("decode_json", "name", name, "string")
  local body = response
  if type(response) == "table" then body = response.body end
  if body ~= nil and type(body) ~= "string" then
    error("common.decode_json: `response` must be a response or its body, got " ..
      type(body), 2)
  end
  body = body or ""
  if body:sub(1, 3) == "\239\187\191" then body = body:sub(4) end
  local data, err = json.decode(body)
  if data ~= nil then return data end
  local why = tostring(err)
  if text.trim(body) == "" then
    why = "the body is empty"
  else
    why = why .. "; it starts with \"" ..
      text.truncate(text.collapse((body:sub(1, 200):gsub("%c", " "))), 60, "…") .. "\""
  end
  error(name .. ": the response is not JSON (" .. why .. ")" .. (hint and ("; " .. hint) or ""), 0)
end

-- Raises for an HTTP error status (400 and up) with the plugin's message for it: `messages`
-- maps a status to a text or to function(status, data) giving one (`data`: the body decoded
-- when it is a JSON object or array, else nil); `other` is the one for the statuses not
-- listed. "{status}" in a text is the status. Nothing happens below 400.
function common.check_status(name, response, messages)
  check_arg("check_status", "name", name, "string")
  check_arg("check_status", "response", response, "table")
  messages = messages or {}
  check_arg("check_status", "messages", messages, "table")
  local status = math.tointeger(response.status) or 200
  if status < 400 then return end
  local m = messages[status] or messages.other or "the API answered HTTP {status}; try again later"
  if type(m) == "function" then m = m(status, common.tbl((json.decode(response.body or "")))) end
  if type(m) ~= "string" then
    error("common.check_status: the message for HTTP " .. status .. " must be a text or a " ..
      "function giving one, got " .. type(m), 2)
  end
  error(name .. ": " .. (m:gsub("{status}", tostring(status))), 0)
end

-- The list at `data[field]` of a decoded JSON answer (any table there: some APIs answer an
-- object). Without one, raises "<name>: expected a JSON object with `<field>`" when `data` is
-- not an object; "<name>: the <opts.api or "API"> answered with an error: <text>" with the first
-- text found in the fields `opts.messages` names (default message, error; a field holding a
-- list gives its first item); else "<name>: <opts.missing or "the response has no `<field>`
-- list">".
function common.list_of(name, data, field, opts)
  check_arg("list_of", "name", name, "string")
  check_arg("list_of", "field", field, "string")
  opts = opts or {}
  check_arg("list_of", "opts", opts, "table")
  local messages = opts.messages or { "message", "error" }
  check_arg("list_of", "opts.messages", messages, "table")
  if not common.tbl(data) then
    error(name .. ": expected a JSON object with `" .. field .. "`", 0)
  end
  local list = common.tbl(data[field])
  if list then return list end
  for _, key in ipairs(messages) do
    local v = data[key]
    local msg = common.str(v) or (common.tbl(v) and common.str(v[1]))
    if msg then
      error(name .. ": the " .. (opts.api or "API") .. " answered with an error: " .. msg, 0)
    end
  end
  error(name .. ": " .. (opts.missing or ("the response has no `" .. field .. "` list")), 0)
end

-- A company's name made from its board or site name: "acme-robotics" -> "Acme Robotics".
function common.name_from_slug(slug)
  check_arg("name_from_slug", "slug", slug, "string")
  return (slug:gsub("[%-_]+", " "):gsub("(%a)([%w]*)", function(a, b) return a:upper() .. b end))
end

-- A setting that lists several values: a table as given, or a string split at commas.
function common.list_setting(ctx, key, default)
  local v = common.setting(ctx, key, default)
  if type(v) == "string" then return text.split(v, ",") end
  return v
end

-- A number, or a string holding one with thousands separators or spaces ("1,200"); nil for
-- anything else.
function common.num(v)
  if type(v) == "number" then return v end
  if type(v) == "string" then return tonumber((v:gsub("[,%s]", ""))) end
  return nil
end

-- A platform's epoch time in whole seconds. Some APIs document milliseconds and send seconds or
-- the reverse (Himalayas' `pubDate`): a time is plausible from 1995-01-01 to `now` + 2 days (the
-- listing format's range), so a number past that which is plausible once divided by 1000 was
-- milliseconds. A number plausible in neither unit is a unit error, not a date: nil, with a
-- `log.warn` naming `label` when given.
local EARLIEST = 788918400 -- 1995-01-01T00:00:00Z
function common.epoch_seconds(v, now, label)
  v = common.num(v)
  if not v then return nil end
  local latest = (now or math.huge) + 2 * 86400
  if v >= EARLIEST and v <= latest then return math.floor(v) end
  if v / 1000 >= EARLIEST and v / 1000 <= latest then return math.floor(v / 1000) end
  if label then
    log.warn(label .. ": " .. string.format("%.0f", v) ..
      " is not a time in seconds or milliseconds; the date is left out")
  end
  return nil
end

-- Keeps a listing within the listing format's limits (docs/listing-format.md): long texts are
-- cut with an ellipsis, tags longer than 64 bytes dropped, at most 100 tags kept.
function common.fit(l)
  l.title = text.truncate(l.title, 300, "…")
  if l.description then l.description = text.truncate(l.description, 65536, "…") end
  if l.company then l.company = text.truncate(l.company, 200, "…") end
  if l.location then l.location = text.truncate(l.location, 200, "…") end
  local tags = {}
  for _, t in ipairs(l.tags or {}) do
    if #tags < 100 and #t <= 64 then tags[#tags + 1] = t end
  end
  l.tags = tags
  return l
end

-- HTML to plain text; HTML that arrived escaped once more (&lt;p&gt;...) is unescaped first. A
-- real tag after the escaped part (a board's footer) does not change that.
function common.clean_html(s)
  local escaped, tag = s:find("&lt;", 1, true), s:find("<", 1, true)
  if escaped and (not tag or escaped < tag) then s = html.unescape(s) end
  return html.to_text(s)
end

-- A one-line text construct of a feed (feed.parse's `title`) as plain text, by the type
-- feed.parse reports beside it (`title_type`): "text" is taken literally ("C++ <Senior>"
-- stays), "html" and "xhtml" are markup, decoded once. Whitespace collapsed; nil when empty.
function common.feed_text(s, kind)
  if type(s) ~= "string" then return nil end
  if kind ~= "text" then s = html.to_text(s) end
  return common.str(text.collapse(s))
end

-- A pay text ("$18 - $22/hr", "€80k–€100k", "$6,000 a month") as a budget: hourly when it is
-- per hour, a yearly salary when per year, month, week or day (converted to a year), else
-- `default_kind`. Nil when the text holds no amount or no currency is known.
local PER_YEAR = { year = 1, month = 12, week = 52, day = 260 }
function common.budget_from_text(s, default_kind, default_currency)
  local b = money.parse(s)
  if not b or (b.min == nil and b.max == nil) then return nil end
  local kind, factor = b.kind or default_kind, 1
  if b.period == "hour" then
    kind = "hourly"
  elseif PER_YEAR[b.period] then
    kind, factor = "salary", PER_YEAR[b.period]
  end
  local currency = b.currency or default_currency
  if not currency then return nil end
  return { kind = kind, min = b.min and b.min * factor, max = b.max and b.max * factor,
           currency = currency }
end

-- Where a job text states its pay: a currency sign or code (whole word for the codes).
local PAY_SIGNS = { "$", "€", "£", "USD", "EUR", "GBP" }

-- The pay a job text states, for boards whose structured pay field is empty: a budget read with
-- money.parse from the phrase at a currency sign ("$120k – $150k", "€60–80/h"), and that
-- phrase. Only a range counts, or one amount with its period on a line that says it is pay
-- ("Salary: $150,000 per year"): a lone "$20M" (funding, revenue) and a benefit's cap ("Fertility
-- HRA (up to $10,000 per year)", in Ramp's real Ashby board) do not. Without a period, a range
-- of 1,000 or more is a yearly salary and smaller ones are skipped; more than 1,000 an hour or a
-- million a year is not pay. nil when no phrase qualifies.
function common.pay_in_text(s)
  if type(s) ~= "string" or s == "" then return nil end
  local from = 1
  for _ = 1, 50 do
    local at = nil
    for _, sign in ipairs(PAY_SIGNS) do
      local i = s:find(sign, from, true)
      if i and (not at or i < at) then at = i end
    end
    if not at then return nil end
    -- A code follows its amount ("3,850 USD"): the phrase starts at the amount. It runs to the
    -- end of its line or sentence, at most ~80 bytes, cut at a space.
    local amount_before = s:sub(math.max(1, at - 24), at - 1):match("(%d[%d,%.]*[%skK]*)$")
    local start = amount_before and at - #amount_before or at
    local rest = s:sub(start, start + 120)
    local phrase = rest:match("^[^\n]*") or rest
    phrase = phrase:match("^(.-)%.%s") or phrase
    if #phrase > 80 then phrase = phrase:sub(1, 80):match("^(.*%S)%s") or phrase:sub(1, 80) end
    phrase = phrase:gsub("[%.;,%s]+$", "")
    local b = money.parse(phrase)
    if b and b.currency and (b.min or b.max) then
      local ranged = b.min and b.max and b.min ~= b.max
      local amount = b.max or b.min
      local kind = b.kind
      if b.period == "hour" then kind = "hourly" elseif b.period then kind = "salary" end
      if not kind and ranged and amount >= 1000 then kind = "salary" end
      local line_start = (s:sub(1, start - 1):match(".*()\n") or 1)
      local said = (s:sub(line_start, start - 1) .. phrase):lower()
      local pay_words = said:find("salary") or said:find("pay") or said:find("compensation") or
        said:find("wage") or said:find("rate") or said:find("stipend")
      if kind and (ranged or (b.min and (b.period or b.kind) and pay_words)) then
        local budget = common.budget_from_text(phrase, kind, nil)
        if budget and budget.kind ~= "fixed" and
            ((budget.kind == "hourly" and (budget.max or budget.min) <= 1000) or
             (budget.kind == "salary" and (budget.max or budget.min) <= 1e6)) then
          return budget, text.collapse(phrase)
        end
      end
    end
    from = at + 1
  end
  return nil
end

-- Turns each item into a listing with `convert(item, i)` (a listing, or nil and why not) and
-- fits it; items that are not objects or that convert refuses are skipped, and the first reason
-- is logged. `opts.keep(item, i)`, when given, is asked first about each object: an item it
-- refuses is not a posting (an unlisted job, a reply, a notice) and is skipped quietly. Raises
-- when items were given but none could be read, so a changed format never passes as an empty
-- page. `noun` names an item in messages ("job": "job 3: no `title`").
function common.collect(name, items, convert, noun, opts)
  check_arg("collect", "name", name, "string")
  check_arg("collect", "items", items, "table")
  check_arg("collect", "convert", convert, "function")
  check_arg("collect", "noun", noun, "string")
  opts = opts or {}
  check_arg("collect", "opts", opts, "table")
  local keep = opts.keep
  if keep ~= nil then check_arg("collect", "opts.keep", keep, "function") end
  local listings, skipped, first_problem = {}, 0, nil
  for i, item in ipairs(items) do
    local l, problem
    if not common.tbl(item) then
      problem = "not an object"
    elseif keep and not keep(item, i) then
      problem = false
    else
      l, problem = convert(item, i)
    end
    if l then
      listings[#listings + 1] = common.fit(l)
    elseif problem ~= false then
      skipped = skipped + 1
      first_problem = first_problem or (noun .. " " .. i .. ": " .. tostring(problem))
    end
  end
  if #listings == 0 and skipped > 0 then
    error(name .. ": none of the " .. skipped .. " " .. noun .. "s could be read (" ..
      first_problem .. ")", 0)
  end
  if skipped > 0 then
    log.warn(name .. ": skipped " .. skipped .. " unreadable item(s); the first: " ..
      first_problem)
  end
  return listings
end

-- Text a platform sends as plain text stays as it is (line breaks included, entities decoded);
-- it only goes through the HTML reader when a tag shows up in it. Nil for anything but a
-- string, or when nothing is left.
function common.plain_text(s)
  if type(s) ~= "string" then return nil end
  if s:find("<%a") then return common.str(html.to_text(s)) end
  return common.str(html.unescape(s))
end

-- A salary from a platform's structured fields: `lo`/`hi` amounts (numbers or numeric texts; 0
-- means not given), an ISO currency code, and the period they are per ("hour", "month",
-- "yearly", "PER_WEEK", "daily", ...; case and other words do not matter; nil is a year). Per
-- hour is an hourly rate; per day, week or month a yearly salary (x260, x52, x12). Nil when no
-- amount or no three-letter currency is given.
function common.salary_budget(lo, hi, currency, period)
  lo, hi, currency = common.num(lo), common.num(hi), common.str(currency)
  if lo == 0 then lo = nil end
  if hi == 0 then hi = nil end
  if (not lo and not hi) or not currency or not currency:match("^%a%a%a$") then return nil end
  period = (common.str(period) or "year"):lower()
  local kind, factor = "salary", 1
  if period:find("hour") then
    kind = "hourly"
  elseif period:find("month") then
    factor = 12
  elseif period:find("week") then
    factor = 52
  elseif period:find("da[iy]") then
    factor = 260
  end
  return { kind = kind, min = lo and lo * factor, max = hi and hi * factor,
           currency = currency:upper() }
end

return common
