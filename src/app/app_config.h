// Where the window keeps its layout (size, splitters, columns): gigscout.conf in GigScout's
// config folder (Paths::config_dir), next to sources.json — not wx's default ~/.gigscout.
#pragma once

#include <filesystem>

#include "base/paths.h"

namespace gigscout {

std::filesystem::path app_config_file(const Paths& paths);

// Installs a wxFileConfig on that file as wx's global config (wxConfigBase::Set), creating the
// folder first: wx cannot write its file otherwise, and says so in a dialog at exit.
void install_app_config(const Paths& paths);

}  // namespace gigscout
