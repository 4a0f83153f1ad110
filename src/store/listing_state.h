// What the user did with a listing. The store keeps it apart from the listing's content, so a
// refresh never overwrites it (docs/store.md).
#pragma once

#include <optional>
#include <string_view>

namespace gigscout {

// New and Seen are never stored: a listing without a user action is New when it entered the
// store after the user's last look, Seen otherwise. Seen may also be set explicitly.
enum class ListingState { New, Seen, Hidden, Saved, Applied };

std::string_view to_string(ListingState s);  // "new", "seen", "hidden", "saved", "applied"
std::optional<ListingState> listing_state_from_string(std::string_view s);

// When two listings merge, the stronger state survives: applied > saved > hidden > seen > new.
constexpr int strength(ListingState s) {
    return static_cast<int>(s);
}

}  // namespace gigscout
