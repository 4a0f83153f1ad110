-- Gig Board: the plugin built step by step in the tutorial of docs/plugin-api.md.
-- Gig Board is a made-up platform with a small JSON API; the saved response
-- gigboard.sample.json is page 1 of its results.
local json = require("json")
local html = require("html")
local url = require("url")
local log = require("log")

local API = "https://api.gigboard.example/v1/gigs"

-- Gig Board's pay types, in GigScout's budget kinds.
local KINDS = { hourly = "hourly", fixed = "fixed", yearly = "salary" }

local function page_request(query, page)
  return { url = API .. "?" .. url.query({ q = query, page = page }),
           headers = { Accept = "application/json" } }
end

local function to_listing(gig)
  local listing = {
    id = gig.id,
    url = gig.link,
    title = gig.title,
    description = html.to_text(gig.body),
    company = gig.client.name,
    posted_at = gig.posted,
    tags = gig.skills,
    job_type = "freelance",
    remote = true,
    client = {
      country = gig.client.country,
      rating = gig.client.rating,
      payment_verified = gig.client.verified,
    },
  }
  local kind = KINDS[gig.pay.type]
  if kind then
    listing.budget = { kind = kind, min = gig.pay.from, max = gig.pay.to,
                       currency = gig.pay.currency }
  end
  return listing
end

return {
  id = "gigboard",
  name = "Gig Board",
  version = "1.0.0",
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
    return { page_request(ctx.settings.query, 1) }
  end,

  parse = function(response, ctx)
    if response.status ~= 200 then
      error("Gig Board answered HTTP " .. response.status)
    end
    local data, err = json.decode(response.body)
    if not data then
      error("Gig Board sent something that is not JSON: " .. err)
    end
    local listings = {}
    for _, gig in ipairs(data.gigs) do
      if gig.pay.type == "equity" then
        log.warn("skipped gig " .. gig.id .. ": it pays in equity only")
      else
        listings[#listings + 1] = to_listing(gig)
      end
    end
    local next_request = nil
    if data.page < data.pages and data.page < ctx.settings.max_pages then
      next_request = page_request(ctx.settings.query, data.page + 1)
    end
    return listings, next_request
  end,
}
