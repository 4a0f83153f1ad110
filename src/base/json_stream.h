// Reading a JSON file of any size without holding it (docs/store.md, "Export and import"): one
// check of the whole file in constant memory, then the elements of its one big array handed
// out as text, one at a time, for the caller to parse and store in batches.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string_view>

#include "base/result.h"

namespace gigscout::json {

// Checks, reading the file in chunks, that it is one JSON value (after a UTF-8 byte order mark)
// that is UTF-8 throughout, and counts the elements of its big array: the top-level array, or
// the array member `member` of a top-level object (0 when there is none). rapidjson's reader
// refuses a number too large for a double (1e400) here too, so a caller that sets aside only
// the element holding one (parse_listings) reads such a file whole. The error names the byte
// offset; callers that word errors precisely read a refused file whole (json::parse) to say
// more.
Result<std::size_t> check_file(const std::filesystem::path& file, std::string_view member);

// Hands each element of the big array (as check_file finds it) to `element` as its JSON text,
// in order, and each other member of a top-level object to `other` as its name (a JSON string
// with its quotes) and its value's text. Holds one element at a time. Expects a file
// check_file passed; stops at the first error `element` returns and returns it.
Status for_each_element(
    const std::filesystem::path& file, std::string_view member,
    const std::function<Status(std::string_view element)>& element,
    const std::function<void(std::string_view name, std::string_view value)>& other);

}  // namespace gigscout::json
