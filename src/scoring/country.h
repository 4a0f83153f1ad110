// Countries as platforms print them ("DE", "Germany", "United States", "USA"), mapped to
// ISO 3166-1 alpha-2 codes so a profile's excluded countries match whatever a listing says.
#pragma once

#include <optional>
#include <string_view>

namespace gigscout {

// The alpha-2 code for a code or an English name (case-insensitive; common short forms such as
// "USA", "UK", "UAE" included); nullopt when not recognised.
std::optional<std::string_view> country_code(std::string_view name_or_code);

// The English name for an alpha-2 code, or an empty view.
std::string_view country_name(std::string_view code);

// True when a free-text location ("Berlin, Germany", "US only", "Remote (EU)") names the
// country `code`: one of its comma/slash/parenthesis-separated parts is the country's name or
// code, with "only" and "remote" around it ignored. Two-letter codes must be upper case there,
// so "us" in a sentence is not the United States.
bool location_names_country(std::string_view location, std::string_view code);

// Whether a person living in the country `home` may take a listing by its location: true when
// the location names no country or region ("Remote", "London", empty), says anywhere
// ("Worldwide", "Anywhere"), or names `home` or a region holding it ("Remote (EU)", "EMEA",
// "LATAM, Brazil"); false when it names only other places ("Remote (US)", "Canada (Remote)",
// "Remote - Americas" for a home in Germany). A US state ("California", "Boston, MA") names no
// country by itself, so doubt keeps a listing.
bool location_admits(std::string_view location, std::string_view home);

}  // namespace gigscout
