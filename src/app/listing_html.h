// The details pane's page for one listing, as HTML for wxHtmlWindow. Listings are untrusted
// text: everything taken from one is escaped, the page names no image or other resource (so
// showing it reads no file and fetches nothing), and its only link is the listing's own
// address when that is https — the window opens links in the user's browser, never in itself.
// Plain C++ (no wx), so its test needs no display.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "views/listing_view.h"

namespace gigscout {

// & < > " and ' as entities; control characters other than tab and newline dropped.
std::string html_escape(std::string_view text);

struct DetailsStyle {
    bool dark = false;  // the system's dark theme: lighter highlight colours
};

// Title, facts, the score in the same words as the CLI (components, skills, refusal reasons),
// the missing skills, then the description with matched skills highlighted.
std::string listing_details_html(const ShownListing& shown, std::int64_t now,
                                 const DetailsStyle& style);

// The page shown when nothing is selected, or when `message` says why the list is empty.
std::string placeholder_html(std::string_view message);

}  // namespace gigscout
