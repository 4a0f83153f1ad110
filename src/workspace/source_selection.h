// Which sources a refresh runs (docs/sources.md): the user's sources.json, or before there is
// one, every bundled plugin enabled by default that works with its default settings; of those,
// the enabled ones, or exactly the ones asked for.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/paths.h"
#include "base/result.h"
#include "plugin_host/plugin_catalog.h"
#include "refresh/refresh_runner.h"
#include "refresh/source_config.h"

namespace gigscout {

Result<std::vector<SourceConfig>> configured_sources(const Paths& paths,
                                                     const PluginCatalog& catalog);

// "board, board:down" — the ids for a message that names what is configured; "none" for none.
std::string source_ids_text(const std::vector<SourceConfig>& sources);

struct SourceSelection {
    std::vector<RefreshSource> runnable;
    // Asked for but unable to start (plugin missing or disabled), each Failed with its reason,
    // so the user sees it beside the others and the store records the attempt.
    std::vector<SourceOutcome> not_runnable;
};

// `requested` empty: every enabled source. Otherwise exactly the sources named, enabled or
// not, each once. An id that names no configured source is an error that lists the known ids
// and names `sources_file`, where sources are configured.
Result<SourceSelection> select_sources(const std::vector<SourceConfig>& configured,
                                       const PluginCatalog& catalog,
                                       const std::vector<std::string>& requested,
                                       const std::filesystem::path& sources_file);

}  // namespace gigscout
