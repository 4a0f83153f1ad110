// Copies what a plugin returned out of its Lua state into JSON text, by raw access only
// (lua_next, lua_rawgeti): no metamethod, no plugin code and no Lua error can run during the
// copy, so it needs no protected call (SECURITY-NOTES 1.10). Tables with metatables, cycles,
// deep nesting, functions, non-finite numbers, invalid UTF-8 and oversized strings are refused
// with a message naming the field.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <lua.hpp>

namespace gigscout::worker {

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

struct ConvertLimits {
    std::size_t max_string_bytes = 256u << 10;
    std::size_t max_depth = 8;            // nested tables below the value converted
    std::size_t max_table_items = 10000;  // entries of any one table
};

class LuaToJson {
  public:
    LuaToJson(lua_State* L, const ConvertLimits& limits) : L_(L), limits_(limits) {}

    // Writes the value at `idx`. An empty table is written as null (Lua cannot tell an empty
    // list from an empty record; both mean "nothing"). On failure returns the problem, e.g.
    // "field `budget.min`: expected a finite number", with `path` naming the value ("" for a
    // listing itself); the writer then holds a partial value and must be discarded.
    std::optional<std::string> write(int idx, JsonWriter& w, const std::string& path);

    // Writes a record, leaving out function-valued fields and listing their names. A field
    // whose value cannot be written is left out too and its problem added to `problems`, so a
    // manifest with several bad fields is refused naming each; the return value is a problem
    // of the whole table (a metatable, keys that are not strings).
    std::optional<std::string> write_record_without_functions(int idx, JsonWriter& w,
                                                              std::vector<std::string>& functions,
                                                              std::vector<std::string>& problems);

  private:
    // Where a value sits; spelled out ("budget.min", "tags[3]") only for a message.
    struct Path;

    std::optional<std::string> value(int idx, JsonWriter& w, const Path& path, std::size_t depth);
    std::optional<std::string> table(int idx, JsonWriter& w, const Path& path, std::size_t depth,
                                     std::vector<std::string>* functions);

    lua_State* L_;
    ConvertLimits limits_;
    // The record's field problems, while write_record_without_functions runs.
    std::vector<std::string>* field_problems_ = nullptr;
    std::vector<const void*> open_tables_;  // the tables on the current path (cycle check)
};

// "a string", "a table", "a function", ... for messages.
const char* lua_type_phrase(int type);

}  // namespace gigscout::worker
