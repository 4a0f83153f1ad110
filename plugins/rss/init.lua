-- Any job board that publishes an RSS, RDF or Atom feed, by URL. Each item becomes a listing:
-- title (literal text or markup, as the feed says), link (resolved against xml:base and the
-- feed's address), guid (the id), description or content (HTML made plain), the date (published,
-- else updated, else the Dublin Core dates: feed.parse folds those in), author (taken as the
-- company: job feeds put the employer there), and the item's categories as tags. Feeds say
-- nothing structured about pay or job type, so those are left out. A date the listing format
-- refuses (before 1995, days ahead) is dropped by the host with a warning; the job is kept.
local feed = require("feed")
local text = require("text")
local url = require("url")
local common = require("common")
local str, setting, feed_text = common.str, common.setting, common.feed_text
local clean_html = common.clean_html

local NAME = "rss"

local function listing_of(item, base, remote)
  local link = str(item.link)
  if link and base then link = url.resolve(base, link) or link end
  local guid = str(item.guid)
  if not link and guid and guid:match("^https?://") then link = guid end
  if not link then return nil, "no `link`" end
  local title = feed_text(item.title, item.title_type)
  if not title then return nil, link .. ": no `title`" end
  local tags = {}
  for _, c in ipairs(type(item.categories) == "table" and item.categories or {}) do
    local tag = str(c)
    if tag and #tag <= 64 and #tags < 100 then tags[#tags + 1] = tag end
  end
  local body, body_type = str(item.content), item.content_type
  if not body then body, body_type = str(item.description), item.description_type end
  if body then body = body_type == "text" and body or clean_html(body) end
  local posted = item.published
  if type(posted) ~= "number" then posted = item.updated end
  return {
    id = text.truncate(guid or link, 250),
    url = link,
    title = text.truncate(title, 300, "…"),
    description = body and text.truncate(body, 60000, "…") or nil,
    company = str(item.author) and text.truncate(text.collapse(item.author), 190, "…") or nil,
    posted_at = type(posted) == "number" and posted or nil,
    tags = tags,
    remote = remote or nil,
  }
end

return {
  id = "rss",
  name = "RSS or Atom feed",
  version = "1.0.0",
  api_version = 1,
  description = "Any job board's RSS, RDF or Atom feed, by its address: one source per feed. " ..
    "Feeds carry a title, link, date and text per job; pay, company and skills are only " ..
    "found where the board puts them in the text.",
  homepage = "https://www.rssboard.org/rss-specification",
  author = "GigScout contributors",
  multi_source = true,
  -- Each source may reach the host of its own `url` (and only that one, redirects included).
  hosts = {},
  hosts_from_settings = { "url" },
  url_patterns = {},
  -- Any feed: no limit is known for the one the user names; hourly is the common `<ttl>` of
  -- job feeds (We Work Remotely's declares 60 minutes).
  politeness = { requests_per_minute = 6, min_refresh_interval = 3600 },
  settings = {
    { key = "url", label = "Feed address", type = "string", optional = false,
      help = "The address of the board's RSS or Atom feed (often linked as \"RSS\" or found " ..
        "in the page's <link rel=\"alternate\">)." },
    { key = "remote", label = "Every job in this feed is remote", type = "boolean",
      default = false, optional = true },
  },

  requests = function(ctx)
    local u = str(setting(ctx, "url", ""))
    if not u or not u:match("^https?://") then
      error(NAME .. ": `url` must be the feed's http(s) address, got `" .. tostring(u) .. "`")
    end
    return { { url = u, headers = {
      Accept = "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5" } } }
  end,

  parse = function(response, ctx)
    local none = "there is no feed at this address (HTTP {status}): check `url`"
    common.check_status(NAME, response, {
      [404] = none, [410] = none,
      [429] = "the site is limiting requests (HTTP 429); wait and refresh later",
      other = "the site answered HTTP {status}; try again later",
    })
    local base = str(response.url) or str(setting(ctx, "url", ""))
    if base and not base:match("^https?://") then base = nil end
    -- The address lets feed.parse resolve relative links and xml:base values.
    local f, err = feed.parse(response.body or "", base)
    if not f then
      error(NAME .. ": the response is not an RSS or Atom feed (" .. tostring(err) .. "); if " ..
        "the address is a web page, look for its feed link or try the schema.org plugin")
    end
    local remote = setting(ctx, "remote", false)
    remote = remote == true or remote == "true"
    return common.collect(NAME, f.items or {},
      function(item) return listing_of(item, base, remote) end, "item")
  end,
}
