// Compares what a plugin produced with what a case table expects, yt-dlp style: expected
// objects are subsets (only the fields named are checked), and a few string matchers stand in
// for values that are long or volatile. The rules (docs/plugin-cases.md, "Matching expected
// values"):
//   null                 the field must be absent (or null)
//   "re:<regex>"         a string the ECMAScript regex finds a match in
//   "contains:<text>"    a string containing <text>
//   "starts:<text>"      a string starting with <text>
//   "any"                present, any value
//   {"$count": N}        an array of exactly N elements
//   {"$has": [...]}      an array holding each of these elements (in any order)
//   any other string, number, bool: equal (numbers within 1e-9 relative)
//   [...]                an array of the same length, element by element
//   {...}                an object whose named fields match
#pragma once

#include <string>
#include <vector>

#include <rapidjson/document.h>

namespace gigscout::plugin_kit {

// One field that differs: where, what was expected and what was there, each as a person
// reads it (`listings["remoteok:1130779"].budget.max`, "474400", "350700").
struct FieldMismatch {
    std::string path;
    std::string expected;
    std::string actual;
    // "PATH: expected X, got Y"
    std::string text() const;
};

// Every mismatch, in the order of the expected value's fields. `actual` is nullptr when the
// field is absent.
std::vector<FieldMismatch> json_mismatches(const rapidjson::Value& expected,
                                           const rapidjson::Value* actual, const std::string& path);

// Compact JSON text of a value, for messages.
std::string json_text(const rapidjson::Value& v);

}  // namespace gigscout::plugin_kit
