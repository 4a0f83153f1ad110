// Which profile a command scores against: `--profile P` (a stored profile's name, else a
// profile file), or without it the active stored profile, if any (docs/cli.md).
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "scoring/profile.h"
#include "store/store.h"

namespace gigscout::cli {

struct ChosenProfile {
    Profile profile;
    std::string label;  // "profile `cv`" or the file name
};

Result<std::optional<ChosenProfile>> choose_profile(Store& store,
                                                    const std::optional<std::string>& wanted);

}  // namespace gigscout::cli
