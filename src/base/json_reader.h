// Reading untrusted JSON into C++ values with errors that carry the path to the bad field
// ("field `budget.min`: expected a number, got a string").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "base/result.h"

namespace gigscout::json {

// Iterative (no recursion per nesting level) and UTF-8 validating; NaN/Inf refused. Errors:
// "<what>: line 3, column 14: Missing a comma or '}' after an object member."
Result<rapidjson::Document> parse(std::string_view text, std::string_view what);

// "a string", "a number", "an object", ... for messages.
std::string_view type_name(const rapidjson::Value& v);

// Reads members of one JSON object; the first problem is kept and later reads return nullopt.
class FieldReader {
  public:
    FieldReader(const rapidjson::Value& object, std::string path);

    enum Need { Optional, Required };

    std::optional<std::string> string(const char* key, Need need = Optional);
    std::optional<double> number(const char* key, Need need = Optional);
    std::optional<std::int64_t> integer(const char* key, Need need = Optional);
    std::optional<bool> boolean(const char* key, Need need = Optional);
    const rapidjson::Value* object(const char* key, Need need = Optional);
    const rapidjson::Value* array(const char* key, Need need = Optional);
    // A member of any type (null counts as absent).
    const rapidjson::Value* any(const char* key, Need need = Optional);

    // Records a problem found by the caller about `key`.
    void fail(const char* key, std::string_view what);
    // Refuses members not in `known` (so a typo like "skils" is reported, not ignored).
    void reject_unknown(std::initializer_list<std::string_view> known);

    std::string path_of(const char* key) const;
    bool ok() const { return !error_; }
    const std::optional<Error>& error() const { return error_; }

  private:
    const rapidjson::Value* member(const char* key, Need need, bool (rapidjson::Value::*is)() const,
                                   std::string_view expected);

    const rapidjson::Value& object_;
    std::string path_;
    std::optional<Error> error_;
};

}  // namespace gigscout::json
