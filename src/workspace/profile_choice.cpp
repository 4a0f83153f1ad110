#include "workspace/profile_choice.h"

#include <filesystem>

namespace gigscout {

// A stored profile by name, else a profile file; without --profile, the active one (if any).
Result<std::optional<ChosenProfile>> choose_profile(Store& store,
                                                    const std::optional<std::string>& wanted) {
    if (!wanted) {
        auto active = store.active_profile();
        if (!active) {
            return active.error();
        }
        if (!active.value()) {
            return std::optional<ChosenProfile>();
        }
        std::string label = "profile `" + active.value()->name + "`";
        auto p = profile_from_json(active.value()->json, "the active " + label);
        if (!p) {
            return p.error();
        }
        return std::optional<ChosenProfile>(ChosenProfile{std::move(p).value(), label});
    }
    auto stored = store.profiles();
    if (!stored) {
        return stored.error();
    }
    for (const auto& s : stored.value()) {
        if (s.name == *wanted) {
            std::string label = "profile `" + s.name + "`";
            auto p = profile_from_json(s.json, label);
            if (!p) {
                return p.error();
            }
            return std::optional<ChosenProfile>(ChosenProfile{std::move(p).value(), label});
        }
    }
    std::error_code ec;
    if (!std::filesystem::is_regular_file(*wanted, ec)) {
        return Error{"--profile: no stored profile is named `" + *wanted + "` and no file " +
                     *wanted + " exists"};
    }
    auto p = load_profile(*wanted);
    if (!p) {
        return p.error();
    }
    return std::optional<ChosenProfile>(ChosenProfile{std::move(p).value(), *wanted});
}

Result<Profile> choose_profile_without_creating(const Paths& paths, const std::string& wanted) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(paths.database_file(), ec)) {
        return load_profile(wanted);
    }
    auto store = Store::open(paths.database_file());
    if (!store) {
        return store.error();
    }
    auto chosen = choose_profile(store.value(), wanted);
    if (!chosen) {
        return chosen.error();
    }
    return std::move(*chosen.value()).profile;
}

}  // namespace gigscout
