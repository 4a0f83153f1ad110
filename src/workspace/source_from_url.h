// A board's address, pasted: the source it makes (docs/sources.md, "Adding a board by pasting
// its address"). The plugin whose manifest `url_patterns` match the address is chosen and its
// `url_settings` fill the settings from the address (a Greenhouse board's token, a Lever site and
// region); an address no plugin claims goes to a generic plugin — `rss` for what looks like a
// feed, `jobposting` for a page. Both front ends add and remove sources through these.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "plugin_host/plugin_catalog.h"
#include "refresh/source_config.h"
#include "workspace/workspace.h"

namespace gigscout {

struct SourceFromUrl {
    SourceConfig source;   // id, plugin, instance and settings, ready to add
    bool generic = false;  // no plugin claims the address: a generic plugin was chosen
    // What was chosen and why, in a sentence: "plugin greenhouse (its url_patterns match);
    // settings: board = gitlab", "no plugin knows this address; it looks like a feed, so the rss
    // plugin reads it (setting url)".
    std::string how;
};

// `name`: the source's id or its instance name ("greenhouse:gl" or "gl"); none: taken from
// the address (the board's name, or the feed's host). `plugin`: use this plugin rather than
// the one the address suggests (a page the guess took for a feed); a generic plugin gets the
// address in the setting its `hosts_from_settings` names. An address that is not http(s) with a
// host name, or a plugin that is not usable, is an error that says so.
Result<SourceFromUrl> source_from_url(const PluginCatalog& catalog, std::string_view url,
                                      const std::optional<std::string>& name = std::nullopt,
                                      const std::optional<std::string>& plugin = std::nullopt);

// Adds `source` to sources.json (before the user has one, the bundled defaults become it, as
// `source enable` does). A source with the same id already configured is an error naming it.
Status add_source(Workspace& workspace, const SourceConfig& source);

// Takes the source with this id out of sources.json; the removed source, or an error that lists
// the configured ones. Its listings stay in the store.
Result<SourceConfig> remove_source(Workspace& workspace, const std::string& id);

// Turns the source with this id on or off in sources.json (the bundled defaults become the file
// first, as for add_source); an unknown id is an error that lists the configured ones.
Status set_source_enabled(Workspace& workspace, const std::string& id, bool enabled);

// Changes the source with this id in sources.json as `change` says (the one way a source's
// entry is rewritten: set_source_enabled, the sources dialog's settings); an unknown id is an
// error that lists the configured ones.
Status edit_source(Workspace& workspace, const std::string& id,
                   const std::function<void(SourceConfig&)>& change);

// Sets the minutes between the app's scheduled refreshes of this source (none: the default,
// kDefaultRefreshMinutes), as set_source_enabled does; a value outside 1 minute to a week is an
// error. The plugin's politeness limit still applies (views/refresh_schedule.h).
Status set_source_refresh_minutes(Workspace& workspace, const std::string& id,
                                  std::optional<int> minutes);

}  // namespace gigscout
