// Which profile a front end scores against: a stored profile's name, else a profile file; with
// nothing asked, the active stored profile, if any (docs/cli.md, "Profiles").
#pragma once

#include <optional>
#include <string>

#include "base/paths.h"
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

// For a front end that works on files alone (`match`): `wanted` as above when the store at
// `paths` exists, without creating one when it does not (then `wanted` is a profile file).
Result<Profile> choose_profile_without_creating(const Paths& paths, const std::string& wanted);

}  // namespace gigscout
