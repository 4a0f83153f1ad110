// Which profile a front end scores against: a stored profile's name, else a profile file; with
// nothing asked, the active stored profile, if any (docs/cli.md, "Profiles").
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "scoring/profile.h"
#include "store/store.h"

namespace gigscout {

struct ChosenProfile {
    Profile profile;
    std::string label;  // "profile `cv`" or the file name
};

Result<std::optional<ChosenProfile>> choose_profile(Store& store,
                                                    const std::optional<std::string>& wanted);

}  // namespace gigscout
