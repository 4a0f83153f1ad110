// Reading a JSON file of any size without holding it (docs/store.md, "Export and import"): one
// check of the whole file in constant memory, then the elements of its one big array handed
// out as text, one at a time, for the caller to parse and store in batches.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace gigscout::json {

// Checks, reading the file in chunks, that it is one JSON value (after a UTF-8 byte order mark)
// that is UTF-8 throughout, and counts the elements of its big array: the top-level array, or
// the array member `member` of a top-level object (0 when there is none). rapidjson's reader
// refuses a number too large for a double (1e400) here too. The error names the byte offset; a
// refused file is read with for_each_readable_element, which loses only what is damaged (and
// leaves a huge number to the caller, who sets aside only the element holding it).
Result<std::size_t> check_file(const std::filesystem::path& file, std::string_view member);

// Hands each element of the big array (as check_file finds it) to `element` as its JSON text,
// in order, and each other member of a top-level object to `other` as its name (a JSON string
// with its quotes) and its value's text. Holds one element at a time. Expects a file
// check_file passed; stops at the first error `element` returns and returns it.
Status for_each_element(
    const std::filesystem::path& file, std::string_view member,
    const std::function<Status(std::string_view element)>& element,
    const std::function<void(std::string_view name, std::string_view value)>& other);

// A stretch of a damaged file's big array that is not one readable JSON value, skipped to where
// the next element begins (for_each_readable_element).
struct SkippedElement {
    std::size_t index = 0;  // its place among the array's elements, skipped ones counted
    std::size_t begin = 0;  // the byte it starts at
    // The byte the next element starts at; none when nothing after it could be read (a file cut
    // short inside it, or damage to the end).
    std::optional<std::size_t> resumed_at;
    std::string reason;  // "Missing a comma or '}' after an object member (at byte 812)"
    // When what stopped the reading is a number too large for a double: that number ("1e400").
    std::string too_large_number;
};

// for_each_element for a file check_file refused: each element is read as one JSON value by
// itself, so damage costs the element it is in, not the file. A damaged stretch is handed to
// `skipped` and reading resumes at the next element: the next `{` after a `,`, `[` or `}`
// that reads as an object with an `id` and a member other than id, source and url (what every
// listing and export entry has, and no object nested in one) followed by `,` or `]`. An
// element over 32 MiB counts as damaged, so memory holds at most that much whatever the file.
// Text that is not UTF-8 is damage when `check_utf8` (a listing array); otherwise it is left
// for the caller to mend (an export). A number too large for a double costs its element too
// (rapidjson cannot read past it); the number is named.
// The top-level object's other members are found as for_each_element finds them; damage there
// fails with the byte it is at. Stops at the first error `element` or `skipped` returns.
Status for_each_readable_element(
    const std::filesystem::path& file, std::string_view member, bool check_utf8,
    const std::function<Status(std::string_view element)>& element,
    const std::function<void(std::string_view name, std::string_view value)>& other,
    const std::function<Status(const SkippedElement&)>& skipped);

}  // namespace gigscout::json
