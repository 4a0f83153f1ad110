#include "plugin_host/worker/lua_to_json.h"

#include <algorithm>
#include <cmath>

#include "base/utf8.h"

namespace gigscout::worker {

// Only Lua API functions that cannot raise an error are used here (lua_type, lua_rawlen,
// lua_next over keys it produced, lua_rawgeti, lua_checkstack, lua_tolstring on strings only,
// lua_getmetatable, lua_topointer, lua_pop): an error would longjmp over C++ destructors.

const char* lua_type_phrase(int type) {
    switch (type) {
        case LUA_TNIL:
            return "nil";
        case LUA_TBOOLEAN:
            return "a boolean";
        case LUA_TNUMBER:
            return "a number";
        case LUA_TSTRING:
            return "a string";
        case LUA_TTABLE:
            return "a table";
        case LUA_TFUNCTION:
            return "a function";
        case LUA_TUSERDATA:
        case LUA_TLIGHTUSERDATA:
            return "a userdata";
        case LUA_TTHREAD:
            return "a thread";
        default:
            return "a value";
    }
}

namespace {

std::string field(const std::string& path, const std::string& what) {
    return path.empty() ? what : "field `" + path + "`: " + what;
}

}  // namespace

// A chain of steps from the value given to write(), on the C++ stack; the keys are views of
// Lua strings that stay on the Lua stack while their values are written.
struct LuaToJson::Path {
    const Path* parent = nullptr;       // nullptr: the value given to write()
    const std::string* root = nullptr;  // its name (set when parent is nullptr)
    std::string_view key;               // a record's field
    std::size_t index = 0;              // a list's element (1-based); 0 for a field

    std::string text() const {
        if (parent == nullptr) {
            return *root;
        }
        std::string path = parent->text();
        if (index == 0) {
            return path.empty() ? std::string(key) : path + "." + std::string(key);
        }
        return (path.empty() ? std::string("element") : path) + "[" + std::to_string(index) + "]";
    }
};

std::optional<std::string> LuaToJson::write(int idx, JsonWriter& w, const std::string& path) {
    open_tables_.clear();
    Path root;
    root.root = &path;
    return value(lua_absindex(L_, idx), w, root, 0);
}

std::optional<std::string> LuaToJson::write_record_without_functions(
    int idx, JsonWriter& w, std::vector<std::string>& functions,
    std::vector<std::string>& problems) {
    open_tables_.clear();
    static const std::string kNoName;
    Path root;
    root.root = &kNoName;
    field_problems_ = &problems;
    auto problem = table(lua_absindex(L_, idx), w, root, 0, &functions);
    field_problems_ = nullptr;
    return problem;
}

std::optional<std::string> LuaToJson::value(int idx, JsonWriter& w, const Path& path,
                                            std::size_t depth) {
    int type = lua_type(L_, idx);
    switch (type) {
        case LUA_TBOOLEAN:
            w.Bool(lua_toboolean(L_, idx) != 0);
            return std::nullopt;
        case LUA_TNUMBER: {
            if (lua_isinteger(L_, idx)) {
                w.Int64(lua_tointeger(L_, idx));
                return std::nullopt;
            }
            double d = lua_tonumber(L_, idx);
            if (!std::isfinite(d)) {
                // "nan", not the "-nan" std::to_string and %g write for 0/0 on glibc.
                const char* what = std::isnan(d) ? "nan" : (d > 0 ? "inf" : "-inf");
                return field(path.text(), std::string("expected a finite number, got ") + what);
            }
            // 50.0 (a float with an integral value) is written as 50: counts stay integers.
            if (d == std::floor(d) && std::fabs(d) < 9007199254740992.0) {
                w.Int64(static_cast<std::int64_t>(d));
            } else {
                w.Double(d);
            }
            return std::nullopt;
        }
        case LUA_TSTRING: {
            std::size_t len = 0;
            const char* s = lua_tolstring(L_, idx, &len);
            if (len > limits_.max_string_bytes) {
                return field(path.text(), "a string of " + std::to_string(len) +
                                              " bytes is longer than the limit of " +
                                              std::to_string(limits_.max_string_bytes));
            }
            if (!utf8::is_valid(std::string_view(s, len))) {
                return field(path.text(),
                             "is not valid UTF-8 (convert the text with text.to_utf8 or "
                             "drop the bad bytes)");
            }
            w.String(s, static_cast<rapidjson::SizeType>(len));
            return std::nullopt;
        }
        case LUA_TTABLE:
            return table(idx, w, path, depth, nullptr);
        case LUA_TNIL:
            w.Null();
            return std::nullopt;
        default:
            return field(path.text(),
                         std::string("expected a string, number, boolean or table, got ") +
                             lua_type_phrase(type));
    }
}

std::optional<std::string> LuaToJson::table(int idx, JsonWriter& w, const Path& path,
                                            std::size_t depth,
                                            std::vector<std::string>* functions) {
    if (depth > limits_.max_depth) {
        return field(path.text(),
                     "tables nested more than " + std::to_string(limits_.max_depth) + " deep");
    }
    if (!lua_checkstack(L_, 4)) {
        return field(path.text(), "nested too deeply");
    }
    if (lua_getmetatable(L_, idx)) {
        lua_pop(L_, 1);
        return field(path.text(), "tables with metatables are not accepted (return plain tables)");
    }
    const void* self = lua_topointer(L_, idx);
    if (std::find(open_tables_.begin(), open_tables_.end(), self) != open_tables_.end()) {
        return field(path.text(), "a table that contains itself (a cycle)");
    }
    // Count the entries and see whether the keys are 1..n (a list) or strings (a record).
    lua_Unsigned n = lua_rawlen(L_, idx);
    std::size_t count = 0;
    bool string_keys = true;
    lua_pushnil(L_);
    while (lua_next(L_, idx) != 0) {  // stack: key, value
        ++count;
        string_keys = string_keys && lua_type(L_, -2) == LUA_TSTRING;
        lua_pop(L_, 1);
        if (count > limits_.max_table_items) {
            lua_pop(L_, 1);
            return field(path.text(), "a table with more than " +
                                          std::to_string(limits_.max_table_items) + " entries");
        }
    }
    if (count == 0) {
        w.Null();
        return std::nullopt;
    }
    open_tables_.push_back(self);
    std::optional<std::string> problem;
    if (n > 0 && count == n) {
        w.StartArray();
        for (lua_Unsigned i = 1; i <= n && !problem; ++i) {
            Path p;
            p.parent = &path;
            p.index = static_cast<std::size_t>(i);
            if (lua_rawgeti(L_, idx, static_cast<lua_Integer>(i)) == LUA_TNIL) {
                problem = field(p.text(), "a list with a hole (nil)");
            } else {
                problem = value(lua_gettop(L_), w, p, depth + 1);
            }
            lua_pop(L_, 1);
        }
        w.EndArray();
    } else if (string_keys) {
        w.StartObject();
        lua_pushnil(L_);
        while (!problem && lua_next(L_, idx) != 0) {  // stack: key, value
            std::size_t key_len = 0;
            const char* key = lua_tolstring(L_, -2, &key_len);  // a string: no conversion
            std::string_view name(key, key_len);
            if (key_len > 200 || !utf8::is_valid(name)) {
                problem = field(path.text(), "a field name that is too long or not UTF-8");
            } else if (functions != nullptr && lua_type(L_, -1) == LUA_TFUNCTION) {
                functions->emplace_back(name);
            } else if (functions != nullptr && field_problems_ != nullptr) {
                // The record's own fields one by one: a bad one is named and left out, and
                // the next is read (each field's value goes to `w` only once written whole).
                rapidjson::StringBuffer one;
                JsonWriter ow(one);
                Path p;
                p.parent = &path;
                p.key = name;
                if (auto bad = value(lua_gettop(L_), ow, p, depth + 1)) {
                    field_problems_->push_back(std::move(*bad));
                } else {
                    w.Key(key, static_cast<rapidjson::SizeType>(key_len));
                    w.RawValue(one.GetString(), one.GetSize(), rapidjson::kObjectType);
                }
            } else {
                w.Key(key, static_cast<rapidjson::SizeType>(key_len));
                Path p;
                p.parent = &path;
                p.key = name;
                problem = value(lua_gettop(L_), w, p, depth + 1);
            }
            lua_pop(L_, 1);  // stack: key
        }
        if (problem) {
            lua_pop(L_, 1);  // the key lua_next left
        }
        w.EndObject();
    } else {
        problem = field(path.text(),
                        "expected a list (keys 1..n) or a record (string keys), got a "
                        "table that mixes them or has other keys");
    }
    open_tables_.pop_back();
    return problem;
}

}  // namespace gigscout::worker
