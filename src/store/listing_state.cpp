#include "store/listing_state.h"

namespace gigscout {

std::string_view to_string(ListingState s) {
    switch (s) {
        case ListingState::New:
            return "new";
        case ListingState::Seen:
            return "seen";
        case ListingState::Hidden:
            return "hidden";
        case ListingState::Saved:
            return "saved";
        case ListingState::Applied:
            return "applied";
    }
    return "new";
}

std::optional<ListingState> listing_state_from_string(std::string_view s) {
    for (ListingState st : {ListingState::New, ListingState::Seen, ListingState::Hidden,
                            ListingState::Saved, ListingState::Applied}) {
        if (to_string(st) == s) {
            return st;
        }
    }
    return std::nullopt;
}

}  // namespace gigscout
