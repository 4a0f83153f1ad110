-- Gig Board: the plugin built step by step in docs/plugin-tutorial.md.
-- Gig Board is a made-up platform with a small JSON API; responses/sample.json is page 1 of
-- its results, and cases.json says what this plugin must make of it.
local common = require("common")
local html = require("html")
local url = require("url")
local log = require("log")
local str, tbl, id_of, setting = common.str, common.tbl, common.id_of, common.setting

local NAME = "gigboard"
local API = "https://api.gigboard.example/v1/gigs"

-- Gig Board's pay types, in GigScout's budget kinds.
local KINDS = { hourly = "hourly", fixed = "fixed", yearly = "salary" }

local function page_request(ctx, page)
  return { url = API .. "?" .. url.query({ q = setting(ctx, "query", ""), page = page }),
           headers = { Accept = "application/json" } }
end

local function bool_of(v)
  if type(v) == "boolean" then return v end
  return nil
end

-- One gig as a listing, or nil and why not. Only id, title and link are required; every other
-- field is guarded (`client and client.name`), so a gig without a client is still a listing.
local function to_listing(gig)
  local id, title, link = id_of(gig.id), str(gig.title), str(gig.link)
  if not (id and title and link) then
    return nil, "no `id`, `title` or `link`"
  end
  local client, pay = tbl(gig.client), tbl(gig.pay)
  local listing = {
    id = id,
    url = link,
    title = title,
    description = html.to_text(str(gig.body) or ""),
    company = client and str(client.name),
    posted_at = str(gig.posted),
    tags = tbl(gig.skills),
    job_type = "freelance",
    remote = true,
  }
  if client then
    listing.client = { country = str(client.country), rating = common.num(client.rating),
                       payment_verified = bool_of(client.verified) }
  end
  local kind = pay and KINDS[pay.type]
  if kind then
    listing.budget = { kind = kind, min = common.num(pay.from), max = common.num(pay.to),
                       currency = str(pay.currency) }
  end
  return listing
end

-- Gig Board also lists equity-only offers, which are not paid work: left out, and said so.
local function paid(gig)
  local pay = tbl(gig.pay)
  if pay and pay.type == "equity" then
    log.warn("skipped gig " .. tostring(id_of(gig.id)) .. ": it pays in equity only")
    return false
  end
  return true
end

return {
  id = "gigboard",
  name = "Gig Board",
  version = "1.1.0",
  api_version = 1,
  description = "Freelance gigs from Gig Board's public JSON API (tutorial example).",
  homepage = "https://gigboard.example",
  author = "GigScout contributors",
  hosts = { "api.gigboard.example" },
  url_patterns = { "https://gigboard.example/*" },
  politeness = { requests_per_minute = 20, min_refresh_interval = 900 },
  max_cache_age = 30 * 86400,
  settings = {
    { key = "query", label = "Search terms", type = "string", default = "computer vision",
      help = "What to search for, as you would type it on gigboard.example." },
    { key = "max_pages", label = "Pages per refresh", type = "number", default = 3,
      optional = true },
  },

  requests = function(ctx)
    return { page_request(ctx, 1) }
  end,

  parse = function(response, ctx)
    common.check_status(NAME, response, {
      [429] = "Gig Board is limiting requests; wait a few minutes",
      other = "Gig Board answered HTTP {status}",
    })
    local data = common.decode_json(NAME, response)
    local listings = common.collect(NAME, common.list_of(NAME, data, "gigs"), to_listing, "gig",
      { keep = paid })
    local page, pages = common.num(data.page), common.num(data.pages)
    local next_request = nil
    if page and pages and page < pages and page < setting(ctx, "max_pages", 3) then
      next_request = page_request(ctx, page + 1)
    end
    return listings, next_request
  end,
}
