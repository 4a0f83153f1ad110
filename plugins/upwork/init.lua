-- Upwork: job postings through Upwork's official GraphQL API, and the legacy RSS format.
--
-- API: POST https://api.upwork.com/graphql with "Authorization: Bearer <OAuth2 access token>"
-- (the user's own API key, approved by Upwork, with the job-postings read scope and the
-- common-entities read scope). The host signs in (`oauth2` below: `gigscout-cli source auth
-- upwork`) and renews the token, which lasts about 24 h; this file sees the access token only.
-- Query marketplaceJobPostingsSearch(marketPlaceJobFilter, searchType, sortAttributes)
-- -> { totalCount, edges { node }, pageInfo { hasNextPage, endCursor } }. Fields and types
-- follow Upwork's published schema (MarketplaceJobPostingSearchResult, Money = { rawValue
-- string, currency, displayValue }); no real captured response is public, so the tests use
-- responses written from that schema. Timestamps look like 2025-10-16T06:06:47+0000. Hourly
-- jobs carry hourlyBudgetMin/Max, fixed jobs `amount`; all-zero means an open budget.
--
-- RSS: Upwork's per-search feeds (removed in August 2024) put every structured field inside the
-- item's HTML: "<b>Budget</b>: $10,000" or "<b>Hourly Range</b>: $30.00-$54.00", "<b>Posted
-- On</b>", "<b>Category</b>", "<b>Skills</b>:A,   B", "<b>Country</b>". Saved feeds and old
-- feed URLs are read with the same listing ids as the API (the job's ciphertext, "~01...").
local feed = require("feed")
local html = require("html")
local time = require("time")
local text = require("text")
local log = require("log")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local setting, budget_from_text = common.setting, common.budget_from_text

local NAME = "upwork"
local ENDPOINT = "https://api.upwork.com/graphql"
local KEYS_URL = "https://www.upwork.com/developer/keys/"
-- How a token is had, in the host's words (docs/sources.md): the host's sign-in, or a token of
-- the user's own in the environment; a secret is never a sources.json setting.
local SECRET_ADVICE = "sign in with `gigscout-cli source auth upwork` (`upwork:<instance>` " ..
  "for a named source), or set the environment variable GIGSCOUT_UPWORK_TOKEN; never " ..
  "sources.json"
local SETUP = "Setup: request an API key at " .. KEYS_URL ..
  " (Upwork reviews it, about two weeks); give it the job-postings read scope and the " ..
  "common-entities read scope; register the redirect URI http://127.0.0.1:8765/callback; " ..
  "put the key in the source's `client_id` setting; then run `gigscout-cli source auth " ..
  "upwork --client-secret-stdin` and type the key's secret."

-- A JSON (and GraphQL) string literal.
local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\"
    elseif c == "\n" then return "\\n" elseif c == "\t" then return "\\t"
    else return string.format("\\u%04x", c:byte()) end
  end) .. '"'
end

-- The money fields go in a second, aliased copy of the search (`money:`): Upwork's schema
-- declares some Money fields non-null while integrators see nulls, and GraphQL then nulls the
-- nearest nullable parent. Apart, a null there voids only the `money` copy: the jobs still come,
-- without budgets, and the page says so.
local JOB_FIELDS = [[
id ciphertext title description createdDateTime publishedDateTime renewedDateTime
duration durationLabel engagement
hourlyBudgetType
experienceLevel category subcategory
occupations { category { id prefLabel } }
skills { name prettyName }
totalApplicants freelancersToHire
preferredFreelancerLocation preferredFreelancerLocationMandatory
premium enterprise
client {
  totalHires totalPostedJobs totalReviews totalFeedback hasFinancialPrivacy verificationStatus
  location { country city state timezone }
}]]

local MONEY_FIELDS = [[
ciphertext
amount { rawValue currency displayValue }
hourlyBudgetMin { rawValue currency displayValue }
hourlyBudgetMax { rawValue currency displayValue }
weeklyBudget { rawValue currency displayValue }
client { totalSpent { rawValue currency displayValue } }]]

local EXPERIENCE = { ENTRY_LEVEL = "entry", INTERMEDIATE = "intermediate", EXPERT = "expert" }

-- Jobs per refresh: the first page asks for this many, and further pages are read (up to
-- `max_pages`) while Upwork returned fewer.
local function page_size(ctx)
  local n = math.floor(tonumber(setting(ctx, "page_size", 50)) or 50)
  if n < 1 then n = 1 elseif n > 100 then n = 100 end
  return n
end

-- The search as GraphQL literals (no variables, so no guessing at the schema's nullability).
-- Every page sends pagination_eq, the first with after "0": without it Upwork answers with its
-- default page (about 10 jobs) whatever `first` would ask (integrators report {after: "0",
-- first: N} works on the first page).
local function search_request(ctx, after, first)
  local token = str(setting(ctx, "token", ""))
  if not token then
    -- The host stops a source without a token (or a feed_url) before this runs, with its own
    -- words (docs/sources.md); this is for `plugin run` and other direct calls.
    error(NAME .. ": no API token: Upwork's API needs your own OAuth2 sign-in — " .. SETUP ..
      " Or " .. SECRET_ADVICE)
  end
  local filter = {}
  local query = str(setting(ctx, "query", "computer vision"))
  if not query and type(ctx.query) == "table" and #ctx.query > 0 then
    -- The profile's terms, each as a phrase: "computer vision" OR "opencv".
    local terms = {}
    for _, q in ipairs(ctx.query) do
      q = str(q)
      if q then terms[#terms + 1] = '"' .. q:gsub('"', "") .. '"' end
    end
    if #terms > 0 then query = table.concat(terms, " OR ") end
  end
  if query then filter[#filter + 1] = "searchExpression_eq: " .. quote(query) end
  local job_type = str(setting(ctx, "job_type", ""))
  if job_type then
    job_type = job_type:upper()
    if job_type ~= "HOURLY" and job_type ~= "FIXED" then
      error(NAME .. ": `job_type` must be hourly, fixed or empty, got `" .. job_type .. "`")
    end
    filter[#filter + 1] = "jobType_eq: " .. job_type
  end
  local level = str(setting(ctx, "experience_level", ""))
  if level then
    level = level:upper()
    if level == "ENTRY" then level = "ENTRY_LEVEL" end
    if not EXPERIENCE[level] then
      error(NAME .. ": `experience_level` must be entry, intermediate, expert or empty, got `" ..
        level .. "`")
    end
    filter[#filter + 1] = "experienceLevel_eq: " .. level
  end
  if setting(ctx, "verified_payment_only", false) == true then
    filter[#filter + 1] = "verifiedPaymentOnly_eq: true"
  end
  filter[#filter + 1] = "pagination_eq: { after: " .. quote(after or "0") .. ", first: " ..
    (first or page_size(ctx)) .. " }"
  local args = "(\n    marketPlaceJobFilter: { " .. table.concat(filter, ", ") .. " }\n" ..
    "    searchType: USER_JOBS_SEARCH\n" ..
    "    sortAttributes: [{ field: RECENCY }]\n  )"
  local gql = "query GigScoutJobSearch {\n  marketplaceJobPostingsSearch" .. args .. " {\n" ..
    "    totalCount\n    edges { node {\n" .. JOB_FIELDS .. "\n    } }\n" ..
    "    pageInfo { hasNextPage endCursor }\n  }\n" ..
    "  money: marketplaceJobPostingsSearch" .. args .. " {\n" ..
    "    edges { node {\n" .. MONEY_FIELDS .. "\n    } }\n  }\n}"
  local headers = {
    Authorization = "Bearer " .. token,
    ["Content-Type"] = "application/json",
    Accept = "application/json",
  }
  local tenant = str(tostring(setting(ctx, "tenant_id", "") or ""))
  if tenant then headers["X-Upwork-API-TenantId"] = tenant end
  return { url = ENDPOINT, method = "POST", headers = headers,
           body = '{"query":' .. quote(gql) .. '}' }
end

local function money_of(m)
  m = tbl(m)
  if not m then return nil, nil end
  return num(m.rawValue), str(m.currency)
end

local function budget_of(node)
  local hmin, hcur = money_of(node.hourlyBudgetMin)
  local hmax, hcur2 = money_of(node.hourlyBudgetMax)
  if hmin == 0 then hmin = nil end
  if hmax == 0 then hmax = nil end
  if hmin or hmax then
    if hmin and hmax and hmin > hmax then hmin, hmax = hmax, hmin end
    return { kind = "hourly", min = hmin, max = hmax, currency = (hcur or hcur2 or "USD"):upper() }
  end
  local amount, cur = money_of(node.amount)
  if amount and amount > 0 then
    return { kind = "fixed", max = amount, currency = (cur or "USD"):upper() }
  end
  return nil -- an open budget
end

local function client_of(c)
  c = tbl(c)
  if not c then return nil end
  local out = {}
  local loc = tbl(c.location)
  if loc then out.country = str(loc.country) end
  local reviews = num(c.totalReviews)
  if reviews then out.reviews = math.floor(reviews) end
  local feedback = num(c.totalFeedback)
  if feedback and reviews and reviews > 0 and feedback >= 0 and feedback <= 5 then
    out.rating = feedback
  end
  local vs = str(c.verificationStatus)
  if vs then out.payment_verified = (vs == "VERIFIED") end
  local spent, cur = money_of(c.totalSpent)
  if spent and spent > 0 then
    out.total_spent = { amount = spent, currency = (cur or "USD"):upper() }
  end
  if next(out) == nil then return nil end
  return out
end

local function job_url(ciphertext)
  return "https://www.upwork.com/jobs/~" .. ciphertext:gsub("^~", "")
end

local function listing_of_node(node)
  local cipher = str(node.ciphertext)
  if not cipher then return nil, "node " .. tostring(id_of(node.id)) .. ": no `ciphertext`" end
  local id = "~" .. cipher:gsub("^~", "")
  local title = str(node.title)
  if not title then return nil, "job " .. id .. ": no `title`" end
  local tags = {}
  for _, sk in ipairs(tbl(node.skills) or {}) do
    sk = tbl(sk)
    local name = sk and (str(sk.prettyName) or str(sk.name))
    if name then tags[#tags + 1] = name end
  end
  local posted = nil
  for _, key in ipairs({ "publishedDateTime", "createdDateTime" }) do
    if not posted and str(node[key]) then posted = time.parse(node[key]) end
  end
  local locations = {}
  for _, l in ipairs(tbl(node.preferredFreelancerLocation) or {}) do
    if str(l) then locations[#locations + 1] = l end
  end
  local applicants = num(node.totalApplicants)
  return {
    id = id,
    url = job_url(cipher),
    title = text.collapse(html.to_text(title)),
    description = common.plain_text(node.description),
    posted_at = posted,
    budget = budget_of(node),
    tags = tags,
    experience_level = EXPERIENCE[str(node.experienceLevel) or ""],
    job_type = "freelance",
    remote = true,
    location = #locations > 0 and text.truncate(table.concat(locations, ", "), 190) or nil,
    client = client_of(node.client),
    proposals = applicants and math.floor(applicants) or nil,
  }
end

local function token_error(status, detail)
  error(NAME .. ": the API refused the token (" .. (status and ("HTTP " .. status) or detail) ..
    "): it has expired or was revoked — " .. SECRET_ADVICE)
end

-- GraphQL errors as one line: "message (at money.edges.1.node.amount)".
local function errors_text(errors)
  local e = tbl(errors[1]) or {}
  local at = {}
  for _, step in ipairs(tbl(e.path) or {}) do at[#at + 1] = tostring(step) end
  return (str(e.message) or "no message") .. (#at > 0 and (" (at " .. table.concat(at, ".") .. ")")
    or "") .. (#errors > 1 and (" and " .. (#errors - 1) .. " more") or "")
end

-- The `money` copy of the search, by job: ciphertext -> node.
local function money_by_job(money)
  local out = {}
  for _, edge in ipairs(tbl(money and money.edges) or {}) do
    local node = tbl(tbl(edge) and edge.node)
    local cipher = node and str(node.ciphertext)
    if cipher then out[cipher] = node end
  end
  return out
end

local function parse_api(response, data, ctx)
  local status = response.status or 200
  local errors = tbl(data.errors)
  if errors and tbl(errors[1]) then
    local e = errors[1]
    local msg = str(e.message) or "no message"
    local ext = tbl(e.extensions)
    local code = ext and (str(ext.code) or str(ext.classification)) or ""
    local l = (msg .. " " .. code):lower()
    -- Scopes first: Upwork's scope message also mentions the "authentication token".
    if l:find("scope") or l:find("permission") or l:find("forbidden") or
        l:find("access denied") then
      error(NAME .. ": the token lacks a permission the search needs (" .. msg .. "): edit the " ..
        "API key at " .. KEYS_URL .. " to include the job-postings read and common-entities " ..
        "read scopes, then sign in again (gigscout-cli source auth upwork)")
    elseif l:find("token") or l:find("unauthori") or l:find("authenticat") or l:find("expired") then
      token_error(nil, "GraphQL error: " .. msg)
    elseif l:find("rate") or l:find("too many") then
      error(NAME .. ": Upwork is limiting requests (" .. msg .. "); wait a minute and refresh " ..
        "again")
    end
    if not tbl(data.data) then
      error(NAME .. ": the API answered with an error: " .. msg)
    end
  end
  local d = tbl(data.data)
  local search = d and tbl(d.marketplaceJobPostingsSearch)
  if not search then
    if errors and tbl(errors[1]) then
      error(NAME .. ": Upwork returned no jobs on this page; its errors: " .. errors_text(errors))
    end
    error(NAME .. ": unexpected response: no `data.marketplaceJobPostingsSearch` (HTTP " ..
      status .. ")")
  end
  -- A null money field voided the `money` copy (or the whole answer has no such copy: a saved
  -- response of the single query): the jobs come without what is missing.
  local money = nil
  if d.money ~= nil then money = money_by_job(tbl(d.money)) end
  if errors and tbl(errors[1]) then
    log.warn(NAME .. ": partial page: Upwork left out part of it (" .. errors_text(errors) ..
      ")" .. (tbl(d.money) and "" or "; budgets and client spending are missing"))
  end
  local edges = tbl(search.edges) or {}
  local listings = common.collect(NAME, edges, function(edge)
    local node = tbl(edge.node)
    if not node then return nil, "no `node`" end
    if money then
      local m = money[str(node.ciphertext) or ""] or {}
      for _, key in ipairs({ "amount", "hourlyBudgetMin", "hourlyBudgetMax", "weeklyBudget" }) do
        node[key] = m[key]
      end
      local c, mc = tbl(node.client), tbl(m.client)
      if c and mc then c.totalSpent = mc.totalSpent end
    end
    return listing_of_node(node)
  end, "job")
  local info = tbl(search.pageInfo)
  local cursor = info and str(info.endCursor)
  if info and info.hasNextPage == true and cursor and #edges > 0 then
    local page = tonumber(ctx.page) or 1
    local max_pages = math.floor(tonumber(setting(ctx, "max_pages", 3)) or 3)
    -- Upwork's cursors count the jobs before them ("50" after the first 50); another cursor
    -- counts as full pages of what came.
    local read = math.floor(tonumber(cursor) or (#edges * page))
    local want = page_size(ctx)
    -- A saved response read without a token has no next page to ask for.
    local has_token = str(setting(ctx, "token", "")) ~= nil
    if has_token and page < max_pages and read < want then
      return listings, search_request(ctx, cursor, want - read)
    end
  end
  return listings
end

-- Legacy RSS ----------------------------------------------------------------------------

-- "<b>Label</b>: value<br />" — found with a plain search, then read up to the next tag (the
-- sandbox limits how much text a backtracking pattern may scan).
local function field(desc, label)
  local marker = "<b>" .. label .. "</b>:"
  local at = desc:find(marker, 1, true)
  if not at then return nil end
  local rest = desc:sub(at + #marker, at + #marker + 2000)
  local v = rest:match("^([^<]*)")
  return v and str(text.collapse(html.to_text(v))) or nil
end

local function listing_of_item(item)
  local link = str(item.link) or str(item.guid)
  if not link then return nil, "no `link`" end
  local cipher = link:match("_%%7[Ee](%w+)") or link:match("~(%w+)")
  if not cipher then return nil, link .. ": no job ciphertext in the link" end
  local title = common.feed_text(item.title, item.title_type)
  if not title then return nil, link .. ": no `title`" end
  title = title:gsub("%s+%-%s+Upwork$", "")
  local desc = item.content or item.description or ""
  -- The free text ends where the first structured field begins.
  local cut = desc:find("<b>[%a ]+</b>:")
  local body = html.to_text(cut and desc:sub(1, cut - 1) or desc)
  -- The feed escaped some text two or three times ("bespoke &amp;amp; Secure", "API&amp;amp;#39;s",
  -- "long &amp;amp;amp; short"): undo it until no entity the feed itself writes is left. (A
  -- description that means the text "&amp;" loses it; the feed gives no way to tell.)
  for _ = 1, 3 do
    if not (body:find("&amp;", 1, true) or body:find("&quot;", 1, true) or
        body:find("&#0?39;") or body:find("&lt;", 1, true) or body:find("&gt;", 1, true)) then
      break
    end
    body = html.unescape(body)
  end
  local budget = nil
  local fixed = field(desc, "Budget")
  local hourly = field(desc, "Hourly Range")
  if hourly then
    budget = budget_from_text(hourly, "hourly", "USD")
    if budget then budget.kind = "hourly" end
  elseif fixed then
    budget = budget_from_text(fixed, "fixed", "USD")
    -- "$20" for a fixed job is its whole budget: an upper bound, not a floor.
    if budget then
      budget.kind = "fixed"
      if budget.min == budget.max then budget.min = nil end
    end
  end
  local tags = {}
  local skills = field(desc, "Skills")
  if skills then
    for _, s in ipairs(text.split(skills, ",")) do
      if str(s) then tags[#tags + 1] = text.collapse(s) end
    end
  end
  local posted = item.published
  if type(posted) ~= "number" then posted = item.updated end
  if type(posted) ~= "number" then
    local on = field(desc, "Posted On")
    posted = on and time.parse(on) or nil
  end
  local country = field(desc, "Country")
  return {
    id = "~" .. cipher,
    url = link:gsub("%?source=rss$", ""),
    title = title,
    description = body,
    posted_at = posted,
    budget = budget,
    tags = tags,
    job_type = "freelance",
    remote = true,
    location = field(desc, "Location Requirement"),
    client = country and { country = country } or nil,
  }
end

local function parse_rss(body, address)
  address = str(address)
  local f, err = feed.parse(body, address and address:match("^https?://") and address or nil)
  if not f then error(NAME .. ": the response is not an RSS feed (" .. tostring(err) .. ")") end
  return common.collect(NAME, f.items or {}, listing_of_item, "feed item")
end

return {
  id = "upwork",
  name = "Upwork",
  version = "1.0.0",
  api_version = 1,
  description = "Upwork job postings through Upwork's official GraphQL API, signed in with " ..
    "your own API key. " .. SETUP .. " GigScout renews the sign-in (the access token lasts " ..
    "about a day). Upwork's terms: the API is not for commercial use; Upwork's name and " ..
    "logo may not be part of an application's name; API data may not be kept longer than " ..
    "24 hours, so these listings expire a day after each refresh. Also reads Upwork's old " ..
    "RSS job feeds (discontinued in August 2024) from saved files or old feed URLs.",
  homepage = "https://www.upwork.com",
  author = "GigScout contributors",
  enabled_by_default = false,
  hosts = { "api.upwork.com", "www.upwork.com" },
  url_patterns = { "https://www.upwork.com/ab/feed/*", "https://www.upwork.com/jobs/*" },
  -- 10 requests/second per IP (HTTP 429 beyond; an older version of the article said 40 per
  -- minute — we keep under the older, stricter figure).
  politeness = { requests_per_minute = 40, min_refresh_interval = 900 },
  -- "caching API responses for more than 24 h is against the ToS".
  max_cache_age = 24 * 3600,
  -- Upwork's OAuth2 authorization-code flow (its developer documentation); the scopes belong
  -- to the API key, chosen when requesting it, so none are sent here. No PKCE is documented.
  oauth2 = {
    authorize_url = "https://www.upwork.com/ab/account-security/oauth2/authorize",
    token_url = "https://www.upwork.com/api/v3/oauth2/token",
    pkce = false,
    client_id_setting = "client_id",
    token_setting = "token",
  },
  settings = {
    { key = "client_id", label = "API key (client id)", type = "string", default = "",
      optional = true,
      help = "The key Upwork gave you at https://www.upwork.com/developer/keys/ (with the " ..
        "job-postings read and common-entities read scopes, and the redirect URI " ..
        "http://127.0.0.1:8765/callback); then sign in: gigscout-cli source auth upwork" },
    { key = "token", label = "OAuth2 access token", type = "string", secret = true,
      optional = true,
      required_unless = "feed_url",
      help = "Kept and renewed by GigScout after `gigscout-cli source auth upwork`; or your " ..
        "own token in GIGSCOUT_UPWORK_TOKEN. Never in sources.json. Not needed for a legacy " ..
        "feed URL." },
    { key = "query", label = "Search (partial Lucene syntax)", type = "string",
      default = "computer vision", optional = true },
    { key = "job_type", label = "Job type: hourly, fixed or empty for both", type = "string",
      default = "", optional = true },
    { key = "experience_level", label = "Experience level: entry, intermediate, expert or empty",
      type = "string", default = "", optional = true },
    { key = "verified_payment_only", label = "Only clients with a verified payment method",
      type = "boolean", default = false, optional = true },
    { key = "tenant_id", label = "Organisation id (only if your account has several)",
      type = "string", default = "", optional = true },
    { key = "page_size", label = "Jobs per refresh (1-100)", type = "number", default = 50,
      optional = true },
    { key = "max_pages", label = "Most pages per refresh (while Upwork returns fewer jobs " ..
        "than asked)", type = "number", default = 3, optional = true },
    { key = "feed_url", label = "Legacy RSS feed URL (instead of the API; Upwork removed " ..
        "these feeds in August 2024)", type = "string", default = "", optional = true },
  },

  requests = function(ctx)
    local feed_url = str(setting(ctx, "feed_url", ""))
    if feed_url then
      if not feed_url:match("^https://www%.upwork%.com/") then
        error(NAME .. ": `feed_url` must be an https://www.upwork.com/ab/feed/... address, got `" ..
          feed_url .. "`")
      end
      return { { url = feed_url, headers = { Accept = "application/rss+xml, application/xml" } } }
    end
    return { search_request(ctx, nil) }
  end,

  parse = function(response, ctx)
    local status = response.status or 200
    local body = response.body or ""
    if status == 401 then token_error(401) end
    if status == 429 then
      error(NAME .. ": Upwork is limiting requests (HTTP 429: more than 10 a second from this " ..
        "address); wait a minute and refresh again")
    end
    -- Only the start is looked at: patterns on a whole body would hit the sandbox's limit.
    local first = body:sub(1, 256):match("^%s*(.)")
    if first == "<" then
      if status >= 400 then
        error(NAME .. ": Upwork answered HTTP " .. status .. (status == 404 and
          " — the RSS feeds were discontinued in August 2024; use the API instead" or ""))
      end
      return parse_rss(body, response.url)
    end
    local data = tbl(common.decode_json(NAME, body,
      "Upwork's API answers JSON and its old feeds RSS (HTTP " .. status .. ")"))
    if not data then error(NAME .. ": expected a JSON object from the GraphQL API") end
    if status == 403 then
      local msg = str(data.message) or str(data.error_description) or str(data.error) or ""
      error(NAME .. ": the API refused access (HTTP 403" .. (msg ~= "" and (": " .. msg) or "") ..
        "): the key lacks the job-postings read or common-entities read scope, or is not " ..
        "approved — check the key at " .. KEYS_URL)
    end
    if status >= 400 and not tbl(data.errors) then
      error(NAME .. ": the API answered HTTP " .. status .. "; try again later")
    end
    return parse_api(response, data, ctx)
  end,
}
