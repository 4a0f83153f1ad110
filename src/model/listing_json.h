// The JSON form of a listing (docs/listing-format.md): what `match` reads, what plugins return,
// what export and import write.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "base/result.h"
#include "model/listing.h"

namespace gigscout {

// Converts one JSON object; the error names the field ("field `budget.min`: expected a number,
// got a string"). Types and enums only: limits are the validator's job (validate_listing).
Result<Listing> listing_from_json(const rapidjson::Value& value);

void write_listing_json(rapidjson::Writer<rapidjson::StringBuffer>& w, const Listing& listing,
                        bool with_skills);
std::string listing_to_json(const Listing& listing, bool with_skills = false);
std::string listings_to_json(const std::vector<Listing>& listings, bool with_skills = false);

// A JSON array of listings where each element stands or falls alone.
struct ListingsParse {
    std::vector<Listing> listings;
    std::vector<std::size_t> indexes;   // position in the array of each accepted listing
    std::vector<std::string> problems;  // "listing 3: field `title`: is required"
};

// Fails only when the text is not JSON or not an array (message names `what`). Invalid elements
// are reported in `problems` and skipped; each accepted one also passed validate_listing.
// `first_index` is the position of the text's first listing in a larger array read in batches
// (json::for_each_element): messages and `indexes` count from it.
Result<ListingsParse> parse_listings(std::string_view json_text, std::string_view what,
                                     std::int64_t now, std::size_t first_index = 0);

}  // namespace gigscout
