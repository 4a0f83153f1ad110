-- Hacker News "Ask HN: Who is hiring?" (or "Freelancer? Seeking freelancer?"): the month's
-- thread through the public Algolia HN Search API. Two steps: find the newest thread posted by
-- the `whoishiring` account, then read its comments. Only top-level comments are postings; by
-- convention their first line is "Company | Role | Location | REMOTE/ONSITE | salary | URL",
-- which is split here into company, role, location, remote, job type and pay, and the text is
-- searched for the technologies it names. Algolia answers at most 1,000 hits a query, so a
-- thread is read in date windows (search_by_date with numericFilters on created_at_i).
local html = require("html")
local time = require("time")
local text = require("text")
local url = require("url")
local common = require("common")
local str, tbl, id_of, num = common.str, common.tbl, common.id_of, common.num
local setting, budget_from_text = common.setting, common.budget_from_text

local NAME = "hackernews"
local API = "https://hn.algolia.com/api/v1/"

local THREADS = {
  hiring = { prefix = "Ask HN: Who is hiring?", query = "who is hiring" },
  freelancer = { prefix = "Ask HN: Freelancer? Seeking freelancer?", query = "freelancer" },
}

-- Algolia answers at most 1,000 hits per query, however it is paged, so a thread is read in
-- date windows, newest first: each window is the comments up to (`<=`) the oldest time the
-- previous one reached, or before (`<`) it when a whole window shared that one second.
local function comments_request(story_id, bound, strict)
  local q = { tags = "comment,story_" .. story_id, hitsPerPage = "1000" }
  if bound then
    q.numericFilters = "created_at_i" .. (strict and "<" or "<=") .. string.format("%d", bound)
  end
  return { url = API .. "search_by_date?" .. url.query(q),
           headers = { Accept = "application/json" } }
end

-- When the window holds more comments than it returned, the next window and the time whose
-- comments this one leaves to it (nil when all of the window's hits share one second).
local function next_window(data, hits)
  local total = num(data.nbHits)
  if not total or total <= #hits then return nil end
  local oldest, newest = nil, nil
  for _, hit in ipairs(hits) do
    local t = num((tbl(hit) or {}).created_at_i)
    if t then
      if not oldest or t < oldest then oldest = t end
      if not newest or t > newest then newest = t end
    end
  end
  if not oldest then return nil end
  -- Comments of the oldest second may continue past this window: leave them all to the next,
  -- which starts at that second, so none is lost or read twice.
  if oldest < newest then return { bound = oldest, strict = false }, oldest end
  return { bound = oldest, strict = true }, nil
end

-- Technologies looked for in a posting's text, with the spelling used as the tag. Matched
-- case-insensitively on word boundaries; the list favours what a computer-vision or ML
-- engineer searches for, plus the common stacks.
local TECH = {
  "Python", "C++", "C#", "Rust", "Go", "Golang", "Java", "Kotlin", "Scala", "Swift",
  "TypeScript", "JavaScript", "Ruby", "Elixir", "PHP", "Haskell", "OCaml", "Julia", "CUDA",
  "OpenCV", "PyTorch", "TensorFlow", "JAX", "Keras", "scikit-learn", "NumPy", "Pandas",
  "ONNX", "TensorRT", "OpenGL", "Vulkan", "ROS", "YOLO", "LLM", "NLP",
  "Computer Vision", "Machine Learning", "Deep Learning", "SLAM",
  "React", "React Native", "Next.js", "Node.js", "Vue", "Angular", "Svelte", "Rails", "Django",
  "Flask", "FastAPI", "Spring", "GraphQL", "PostgreSQL", "Postgres", "MySQL", "SQLite",
  "MongoDB", "Redis", "Kafka", "Spark", "Airflow", "Snowflake", "dbt", "Elasticsearch",
  "AWS", "GCP", "Azure", "Kubernetes", "Docker", "Terraform", "Linux", "Embedded", "FPGA",
  "iOS", "Android", "Flutter", "Tailwind", "WebGL", "WebAssembly", "Unity", "Unreal",
}

-- Names that are also everyday words ("we go", "in spring") only count with their capital.
local EXACT_CASE = {
  Go = true, Rust = true, Swift = true, Spring = true, Spark = true, Unity = true, Unreal = true,
  Embedded = true, React = true, Angular = true, Vue = true, Rails = true, Flask = true,
  Julia = true, Elixir = true, Scala = true,
}

-- A Lua pattern for a technology name: specials escaped, letters case-insensitive unless the
-- name is an everyday word, word boundaries where the name starts or ends with a letter or
-- digit.
local function tech_pattern(name)
  local p = name:gsub("[%+%.%-#]", "%%%0")
  if not EXACT_CASE[name] then
    p = p:gsub("%a", function(c) return "[" .. c:upper() .. c:lower() .. "]" end)
  end
  if name:match("^%w") then p = "%f[%w]" .. p end
  if name:match("%w$") then p = p .. "%f[^%w]" end
  return p
end

local TECH_PATTERNS = {}
for _, name in ipairs(TECH) do TECH_PATTERNS[#TECH_PATTERNS + 1] = { name, tech_pattern(name) } end

local function skills_in(s)
  local found, seen = {}, {}
  -- An explicit "Stack:"/"Tech stack:"/"Technologies:" line is the poster's own list.
  local stack = nil
  for _, label in ipairs({ "Stack:", "stack:", "Technologies:", "Tech:" }) do
    local at = s:find(label, 1, true)
    if at and not stack then
      stack = s:sub(at + #label, at + #label + 400):match("^([^\n]+)")
    end
  end
  if stack then
    for _, part in ipairs(text.split(stack, ",")) do
      local tag = str(part)
      if tag and #tag <= 40 and not seen[tag:lower()] then
        seen[tag:lower()] = true
        found[#found + 1] = tag
      end
    end
  end
  for _, t in ipairs(TECH_PATTERNS) do
    if not seen[t[1]:lower()] and s:find(t[2]) then
      seen[t[1]:lower()] = true
      found[#found + 1] = t[1]
    end
  end
  return found
end

local ROLE_WORDS = {
  "engineer", "developer", "scientist", "designer", "manager", "lead", "architect", "advocate",
  "specialist", "sre", "devops", "analyst", "researcher", "head of", "director", "cto", "vp",
  "founding", "intern", "programmer", "consultant", "administrator", "technician", "writer",
  "marketer", "recruiter", "product", "staff", "principal", "roles", "positions",
}

local NOISE_WORDS = { "equity", "visa", "benefits", "sponsorship", "relocation", "401k" }

local function looks_like(part, words)
  local l = part:lower()
  for _, w in ipairs(words) do
    if l:find("%f[%w]" .. w:gsub("%-", "%%-") .. "%f[^%w]") then return true end
  end
  return false
end

local function job_type_of(l)
  if l:find("part[%s%-]?time") then return "part_time" end
  if l:find("full[%s%-]?time") or l:find("permanent") then return "full_time" end
  if l:find("freelance") then return "freelance" end
  if l:find("contract") then return "contract" end
  return nil
end

-- Splits the conventional header line into its fields. Parts are classified by what they look
-- like, since posters order them freely.
local function split_header(line)
  local parts = {}
  for _, p in ipairs(text.split(line, "|")) do
    p = str(p)
    if p then parts[#parts + 1] = p end
  end
  local h = { roles = {} }
  if #parts < 2 then return nil end
  h.company = parts[1]
  for i = 2, #parts do
    local p = parts[i]
    local l = p:lower()
    if l:find("https?://") or l:find("^www%.") or l:find("^[%w%-]+%.[%a][%a]+/?$") then
      h.link = h.link or p
    elseif p:find("[%$€£]") or l:find("%d+%s*k%f[^%w]") or l:find("salary") then
      h.pay = h.pay or p
    elseif l:find("remote") or l:find("onsite") or l:find("on%-site") or l:find("hybrid") or
        l:find("in[%s%-]office") then
      if l:find("remote") and not l:find("no remote") and not l:find("not remote") then
        h.remote = true
      elseif h.remote == nil then
        h.remote = false
      end
      -- "Remote (EMEA)", "REMOTE (Europe)": the bracket is where.
      local where = p:match("%((.-)%)")
      if where and not h.location then h.location = where end
      if not l:find("remote") and not l:find("hybrid") then
        -- "Onsite in Berlin"
        local place = p:match("[Ii]n%s+(.+)$")
        if place and not h.location then h.location = place end
      end
      h.job_type = h.job_type or job_type_of(l)
    elseif looks_like(p, NOISE_WORDS) then -- luacheck: ignore 542 (kept on purpose: skip it)
      -- "Equity only", "Visa sponsorship": perks, not where or what.
    elseif looks_like(p, ROLE_WORDS) then
      h.roles[#h.roles + 1] = p
      h.job_type = h.job_type or job_type_of(l)
    elseif job_type_of(l) and #p <= 60 then
      h.job_type = h.job_type or job_type_of(l)
    elseif not h.location and #p <= 80 and #h.roles > 0 then
      h.location = p
    elseif #h.roles == 0 and #p <= 80 then
      h.roles[#h.roles + 1] = p
    end
  end
  return h
end

-- The text before the first paragraph break or newline, and what follows that break.
local function first_line(s)
  local p = s:find("<p>", 1, true)
  local n = s:find("\n", 1, true)
  local cut, width = p, 3
  if n and (not p or n < p) then cut, width = n, 1 end
  if not cut then return s, nil end
  return s:sub(1, cut - 1), s:sub(cut + width)
end

local function listing_of(hit, story_id)
  local id = id_of(hit.objectID)
  if not id then return nil, "no `objectID`" end
  local raw = str(hit.comment_text)
  if not raw then return nil, "comment " .. id .. ": no `comment_text`" end
  -- The header is the text before the first paragraph break or newline.
  local first, rest = first_line(raw:sub(1, 2000))
  local header_line = text.collapse(html.to_text(first))
  local body = html.to_text(raw)
  -- A first line this long is a paragraph, not a header.
  local h = #header_line <= 400 and split_header(header_line) or nil
  local title, company, location, remote, job_type, budget
  if h then
    company = h.company
    title = #h.roles > 0 and table.concat(h.roles, " / ") or header_line
    location = h.location
    remote = h.remote
    job_type = h.job_type
    if h.pay then
      -- Pay on this board is a salary unless it says per hour; "$" is taken as USD.
      budget = budget_from_text(h.pay, "salary", nil)
      if budget and budget.kind == "fixed" then budget.kind = "salary" end
    end
  else
    -- No header. "Acme is hiring ..." names the company in a sentence; a short first line is
    -- the company alone, with the roles on the next line; anything else is the title.
    local words = #text.split(header_line, " ")
    local at = header_line:find(" is hiring", 1, true) or header_line:find(" are hiring", 1, true)
    if at and at > 1 and at <= 60 then
      company = header_line:sub(1, at - 1)
      title = header_line
    elseif words <= 5 and #header_line <= 60 then
      company = header_line
      local second = rest and str(text.collapse(html.to_text((first_line(rest)))))
      title = second and (company .. ": " .. second) or header_line
    else
      title = header_line
    end
  end
  if remote == nil then
    local l = body:lower()
    if l:find("%f[%w]remote%f[^%w]") and not l:find("no remote") and not l:find("not remote") then
      remote = true
    end
  end
  if title == "" then return nil, "comment " .. id .. ": empty first line" end
  if h and company and #h.roles > 0 then title = company .. ": " .. title end
  local posted = num(hit.created_at_i)
  if not posted and str(hit.created_at) then posted = time.parse(hit.created_at) end
  return {
    id = id,
    url = "https://news.ycombinator.com/item?id=" .. id,
    title = text.truncate(title, 280),
    company = company and text.truncate(company, 190) or nil,
    description = body,
    posted_at = posted,
    budget = budget,
    tags = skills_in(body),
    job_type = job_type,
    remote = remote,
    location = location and text.truncate(location, 190) or nil,
  }
end

-- Step 1: the newest matching thread by `whoishiring`.
local function parse_story_search(data, ctx)
  local which = THREADS[setting(ctx, "thread", "hiring")] or THREADS.hiring
  local best, best_time = nil, -1
  for _, hit in ipairs(tbl(data.hits) or {}) do
    hit = tbl(hit)
    local title = hit and str(hit.title)
    if title and title:sub(1, #which.prefix) == which.prefix then
      local t = num(hit.created_at_i) or (str(hit.created_at) and time.parse(hit.created_at)) or 0
      if t > best_time then best, best_time = hit, t end
    end
  end
  if not best then
    error(NAME .. ": no \"" .. which.prefix .. "\" thread by whoishiring was found in the " ..
      "search results; set the thread's id in the source's settings (`story_id`)")
  end
  local story = id_of(best.objectID) or id_of(best.story_id)
  if not story then error(NAME .. ": the thread found has no `objectID`") end
  return {}, comments_request(story)
end

return {
  id = "hackernews",
  name = "Hacker News: Who is hiring?",
  version = "1.0.0",
  api_version = 1,
  description = "Job postings from the monthly \"Ask HN: Who is hiring?\" thread (or the " ..
    "\"Freelancer? Seeking freelancer?\" thread), read through the public Algolia HN Search " ..
    "API. Postings are free text: company, role, location, remote, pay and technologies are " ..
    "read from the conventional first line and the text, so some will be missing.",
  homepage = "https://news.ycombinator.com",
  author = "GigScout contributors",
  hosts = { "hn.algolia.com" },
  url_patterns = { "https://news.ycombinator.com/item?id=*" },
  -- ~10,000 requests/hour per IP is the commonly quoted courtesy limit (no SLA); a thread is
  -- monthly, so a few reads a day are plenty.
  politeness = { requests_per_minute = 30, min_refresh_interval = 3 * 3600 },
  settings = {
    { key = "thread", label = "Thread: hiring (Who is hiring?) or freelancer (Seeking freelancer?)",
      type = "string", default = "hiring", optional = true },
    { key = "story_id", label = "Thread id (empty = the newest thread)", type = "string",
      default = "", optional = true,
      help = "The number after id= in the thread's address on news.ycombinator.com." },
  },

  requests = function(ctx)
    local story = str(tostring(setting(ctx, "story_id", "") or ""))
    if story then
      if not story:match("^%d+$") then
        error(NAME .. ": `story_id` must be the thread's number (the id= in its URL), got `" ..
          story .. "`")
      end
      return { comments_request(story) }
    end
    local thread = setting(ctx, "thread", "hiring")
    local which = THREADS[thread]
    if not which then
      error(NAME .. ": `thread` must be hiring or freelancer, got `" .. tostring(thread) .. "`")
    end
    return { {
      url = API .. "search_by_date?" ..
        url.query({ tags = "story,author_whoishiring", query = which.query, hitsPerPage = "20" }),
      headers = { Accept = "application/json" },
    } }
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response, {
      [429] = "the Algolia HN API is limiting requests (HTTP 429); wait an hour",
      other = "the Algolia HN API answered HTTP {status}; try again later",
    })
    local data = common.decode_json(NAME, response)
    local hits = common.list_of(NAME, data, "hits")
    -- A story search (step 1) has story hits with titles; a thread read (step 2) has comments.
    local first = tbl(hits[1])
    if first and first.comment_text == nil and first.title ~= nil then
      return parse_story_search(data, ctx)
    end
    local story_id = nil
    local window, left_to_next = next_window(data, hits)
    local function story_of(hit) return id_of(hit.story_id) or id_of(data.story_id) end
    local listings = common.collect(NAME, hits,
      function(hit) return listing_of(hit, story_of(hit)) end, "comment", { keep = function(hit)
        -- Read again, whole, by the next window.
        if left_to_next and num(hit.created_at_i) == left_to_next then return false end
        story_id = story_id or story_of(hit)
        -- Replies are conversation, not postings.
        return id_of(hit.parent_id) == story_of(hit)
      end })
    if story_id and window then
      return listings, comments_request(story_id, window.bound, window.strict)
    end
    return listings
  end,
}
