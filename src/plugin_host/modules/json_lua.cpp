#include "plugin_host/modules/json_lua.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "base/json_string.h"
#include "base/utf8.h"
#include "plugin_host/modules/lua_glue.h"

namespace gigscout::plugin_modules {
namespace {

const char kNullKey = 0;  // its address keys json.null in the registry

// Not kParseFullPrecisionFlag: in RapidJSON 1.1.0 (Debian 12) that reader turns a zero with
// an exponent beyond 22 into garbage ("0e040" -> -2.4e229, an undefined clz(0); found by the
// json fuzz target). The default reader is RapidJSON's usual one and the one base/json_reader
// uses: at most a unit in the last place off on long decimals, never on a job's figures.
constexpr unsigned kParseFlags =
    rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

// RapidJSON's allocations (its parse stack and the tree's chunks) counted against the
// plugin's memory budget. RapidJSON does not check for NULL, so a refusal throws: the parse
// runs in C++ frames only, below a `guarded` module function that turns it into Lua's memory
// error.
class BudgetAllocator {
  public:
    static const bool kNeedFree = true;
    void* Malloc(std::size_t size) {
        if (size == 0) {
            return nullptr;
        }
        void* p = memory_budget::allocate(size, true);
        if (p == nullptr) {
            throw std::bad_alloc();
        }
        return p;
    }
    void* Realloc(void* original, std::size_t, std::size_t size) {
        if (size == 0) {
            memory_budget::release(original);
            return nullptr;
        }
        void* p = memory_budget::reallocate(original, size, true);
        if (p == nullptr) {
            throw std::bad_alloc();
        }
        return p;
    }
    static void Free(void* p) { memory_budget::release(p); }
};

using DecodeDocument =
    rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<BudgetAllocator>,
                               BudgetAllocator>;
using DecodeValue = DecodeDocument::ValueType;

struct DecodeBox {
    std::optional<DecodeDocument> document;
    std::string text;  // parsed in place: the document's strings point into it
};

// One open array or object while converting; the Lua stack holds, per open container, its
// key (inside an object) and its table.
struct DecodeFrame {
    const DecodeValue* value;
    rapidjson::SizeType next;
};

// Pushes a scalar, or returns false for a string that is not valid UTF-8 (RapidJSON lets
// "\uDC00" — a lone low surrogate — through as CESU bytes).
bool push_scalar(lua_State* L, const DecodeValue& v) {
    switch (v.GetType()) {
        case rapidjson::kNullType:
            push_json_null(L);
            return true;
        case rapidjson::kFalseType:
            lua_pushboolean(L, 0);
            return true;
        case rapidjson::kTrueType:
            lua_pushboolean(L, 1);
            return true;
        case rapidjson::kNumberType:
            if (v.IsInt64()) {
                lua_pushinteger(L, v.GetInt64());
            } else {
                lua_pushnumber(L, v.GetDouble());
            }
            return true;
        case rapidjson::kStringType: {
            std::string_view s(v.GetString(), v.GetStringLength());
            if (!utf8::is_valid(s)) {
                return false;
            }
            push_view(L, s);
            return true;
        }
        default:
            return false;
    }
}

bool push_key(lua_State* L, const DecodeValue& key) {
    std::string_view s(key.GetString(), key.GetStringLength());
    if (!utf8::is_valid(s)) {
        return false;
    }
    push_view(L, s);
    return true;
}

bool is_container(const DecodeValue& v) {
    return v.IsArray() || v.IsObject();
}

void create_table_for(lua_State* L, const DecodeValue& v) {
    if (v.IsArray()) {
        lua_createtable(L, static_cast<int>(std::min<rapidjson::SizeType>(v.Size(), 1u << 24)), 0);
    } else {
        lua_createtable(L, 0,
                        static_cast<int>(std::min<rapidjson::SizeType>(v.MemberCount(), 1u << 24)));
    }
}

// Converts `root` to a Lua value on the stack; on failure leaves garbage above the caller's
// top and returns the message.
const char* convert(lua_State* L, const DecodeValue& root) {
    static const char kBadString[] =
        "json: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)";
    static const char kTooDeep[] = "json: nesting deeper than 256";
    if (!is_container(root)) {
        return push_scalar(L, root) ? nullptr : kBadString;
    }
    luaL_checkstack(L, 2 * kMaxDepth + 8, "json.decode");
    DecodeFrame frames[kMaxDepth];
    int depth = 0;
    create_table_for(L, root);
    frames[depth++] = {&root, 0};
    while (depth > 0) {
        DecodeFrame& f = frames[depth - 1];
        const DecodeValue* child = nullptr;
        if (f.value->IsArray()) {
            if (f.next < f.value->Size()) {
                child = &(*f.value)[f.next++];
                if (!is_container(*child)) {
                    // stack: ..., array
                    if (!push_scalar(L, *child)) {
                        return kBadString;
                    }
                    lua_rawseti(L, -2, f.next);
                    continue;
                }
            }
        } else if (f.next < f.value->MemberCount()) {
            const auto& member = f.value->MemberBegin()[f.next++];
            if (!push_key(L, member.name)) {
                return kBadString;
            }
            child = &member.value;
            if (!is_container(*child)) {
                // stack: ..., object, key
                if (!push_scalar(L, *child)) {
                    return kBadString;
                }
                lua_rawset(L, -3);
                continue;
            }
        }
        if (child != nullptr) {
            if (depth == kMaxDepth) {
                return kTooDeep;
            }
            create_table_for(L, *child);
            frames[depth++] = {child, 0};
            continue;
        }
        // f is complete; its table is at the top.
        --depth;
        if (depth > 0) {
            const DecodeFrame& parent = frames[depth - 1];
            if (parent.value->IsArray()) {
                // stack: ..., parent, child
                lua_rawseti(L, -2, parent.next);
            } else {
                // stack: ..., parent, key, child
                lua_rawset(L, -3);
            }
        }
    }
    return nullptr;
}

// --- encoding ---

constexpr std::size_t kMaxOutputBytes = kMaxInputBytes;

struct EncodeFrame {
    int table;             // absolute stack index of the table being written
    const void* identity;  // for cycle detection
    bool array;
    lua_Integer length;      // array: number of elements
    lua_Integer next;        // array: next index (1-based); object: next key
    std::size_t keys_begin;  // object: its sorted keys are keys[keys_begin, keys_end)
    std::size_t keys_end;
};

struct EncodeBox {
    std::string out;
    std::vector<std::string_view> keys;  // views into key strings the tables keep alive
    std::vector<EncodeFrame> frames;
    std::string error;
};

// "$.items[2].name" for the value being written, for messages.
std::string path_of(const EncodeBox& box) {
    std::string path = "$";
    for (const EncodeFrame& f : box.frames) {
        if (f.array) {
            path += "[" + std::to_string(f.next - 2) + "]";  // JSON indexes from 0
        } else if (f.next > 0) {
            path += ".";
            path +=
                utf8::truncate(box.keys[f.keys_begin + static_cast<std::size_t>(f.next) - 1], 60);
        }
    }
    return path;
}

bool fail(EncodeBox& box, const std::string& what) {
    box.error = "json.encode: " + path_of(box) + ": " + what;
    return false;
}

// Starts writing the table at the top of the stack (which becomes the frame's table), or
// writes "{}" and pops it when empty.
bool open_table(lua_State* L, EncodeBox& box) {
    int table = lua_gettop(L);
    const void* identity = lua_topointer(L, table);
    if (box.frames.size() >= static_cast<std::size_t>(kMaxDepth)) {
        return fail(box, "nesting deeper than 256");
    }
    for (const EncodeFrame& f : box.frames) {
        if (f.identity == identity) {
            return fail(box, "the table contains itself (a cycle)");
        }
    }
    luaL_checkstack(L, 4, "json.encode");
    lua_Integer count = 0, max_index = 0;
    int non_string_key = LUA_TNONE;  // the type of a key that is not a string, if any
    bool sequence_keys = true;       // every key an integer >= 1
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
        // stack: ..., table, key, value (never lua_tolstring a key here: it would convert a
        // number key in place and break the traversal)
        lua_pop(L, 1);
        ++count;
        int type = lua_type(L, -1);
        if (type != LUA_TSTRING) {
            non_string_key = type;
        }
        if (lua_isinteger(L, -1) && lua_tointeger(L, -1) >= 1) {
            max_index = std::max(max_index, lua_tointeger(L, -1));
        } else {
            sequence_keys = false;
        }
    }
    if (count == 0) {
        box.out += "{}";
        lua_pop(L, 1);
        return true;
    }
    if (sequence_keys && max_index == count) {
        box.out += '[';
        box.frames.push_back({table, identity, true, count, 1, 0, 0});
        return true;
    }
    if (non_string_key != LUA_TNONE) {
        return fail(box, std::string("table has a ") + lua_typename(L, non_string_key) +
                             " key; only sequences (keys 1..n) and tables with string keys can "
                             "be encoded");
    }
    std::size_t begin = box.keys.size();
    lua_pushnil(L);
    while (lua_next(L, table) != 0) {
        lua_pop(L, 1);
        std::size_t size = 0;
        const char* data = lua_tolstring(L, -1, &size);  // a string key: no conversion
        box.keys.emplace_back(data, size);
    }
    std::sort(box.keys.begin() + static_cast<std::ptrdiff_t>(begin), box.keys.end());
    box.out += '{';
    box.frames.push_back({table, identity, false, 0, 0, begin, box.keys.size()});
    return true;
}

// Writes the value at the top of the stack (and pops it), or opens a frame for a table.
bool write_value(lua_State* L, EncodeBox& box) {
    char number[64];
    switch (lua_type(L, -1)) {
        case LUA_TNIL:
            box.out += "null";
            break;
        case LUA_TBOOLEAN:
            box.out += lua_toboolean(L, -1) ? "true" : "false";
            break;
        case LUA_TNUMBER: {
            std::to_chars_result r;
            if (lua_isinteger(L, -1)) {
                r = std::to_chars(number, number + sizeof number, lua_tointeger(L, -1));
            } else {
                double d = lua_tonumber(L, -1);
                if (!std::isfinite(d)) {
                    return fail(box, "cannot encode NaN or infinity");
                }
                r = std::to_chars(number, number + sizeof number, d);
            }
            box.out.append(number, r.ptr);
            break;
        }
        case LUA_TSTRING: {
            std::size_t size = 0;
            const char* data = lua_tolstring(L, -1, &size);
            if (!utf8::is_valid({data, size})) {
                return fail(box, "string is not valid UTF-8");
            }
            append_json_string(box.out, {data, size});
            break;
        }
        case LUA_TTABLE:
            return open_table(L, box);
        default:
            if (is_json_null(L, -1)) {
                box.out += "null";
                break;
            }
            return fail(box, std::string("cannot encode a ") + luaL_typename(L, -1));
    }
    lua_pop(L, 1);
    return true;
}

bool encode(lua_State* L, EncodeBox& box) {
    if (!write_value(L, box)) {
        return false;
    }
    while (!box.frames.empty()) {
        if (box.out.size() > kMaxOutputBytes) {
            return fail(box, "output larger than 16 MiB");
        }
        EncodeFrame& f = box.frames.back();
        if (f.array) {
            if (f.next > f.length) {
                box.out += ']';
                lua_pop(L, 1);
                box.frames.pop_back();
                continue;
            }
            if (f.next > 1) {
                box.out += ',';
            }
            lua_rawgeti(L, f.table, f.next++);
        } else {
            std::size_t k = f.keys_begin + static_cast<std::size_t>(f.next);
            if (k == f.keys_end) {
                box.out += '}';
                lua_pop(L, 1);
                box.keys.resize(f.keys_begin);
                box.frames.pop_back();
                continue;
            }
            if (f.next > 0) {
                box.out += ',';
            }
            ++f.next;
            std::string_view key = box.keys[k];
            append_json_string(box.out, key);
            box.out += ':';
            if (!utf8::is_valid(key)) {
                return fail(box, "key is not valid UTF-8");
            }
            push_view(L, key);
            lua_rawget(L, f.table);
        }
        if (!write_value(L, box)) {
            return false;
        }
    }
    if (box.out.size() > kMaxOutputBytes) {
        return fail(box, "output larger than 16 MiB");
    }
    return true;
}

}  // namespace

void push_json_null(lua_State* L) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kNullKey) != LUA_TNIL) {
        return;
    }
    lua_pop(L, 1);
    lua_newuserdatauv(L, 0, 0);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "json.null");
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kNullKey);
}

bool is_json_null(lua_State* L, int index) {
    if (lua_type(L, index) != LUA_TUSERDATA) {
        return false;
    }
    index = lua_absindex(L, index);
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kNullKey);
    bool same = lua_rawequal(L, index, -1) != 0;
    lua_pop(L, 1);
    return same;
}

bool push_json_decoded(lua_State* L, std::string_view text) {
    int base = lua_gettop(L);
    if (text.size() > kMaxInputBytes) {
        lua_pushfstring(L, "json: input is %I bytes, more than the %I-byte limit",
                        static_cast<lua_Integer>(text.size()),
                        static_cast<lua_Integer>(kMaxInputBytes));
        return false;
    }
    // RapidJSON's length-aware parse still stops at a NUL byte as if the text ended there, so
    // "123\0junk" would pass; JSON allows no raw NUL anywhere.
    if (const void* nul = std::memchr(text.data(), '\0', text.size())) {
        lua_pushfstring(L, "json: offset %I: a raw NUL byte (control characters must be escaped)",
                        static_cast<lua_Integer>(static_cast<const char*>(nul) - text.data()));
        return false;
    }
    auto& box = push_box<DecodeBox>(L);
    box.document.emplace();
    DecodeDocument& doc = *box.document;
    // A UTF-8 byte order mark is allowed and skipped (RFC 8259 §8.1); only a whole one
    // (RapidJSON's encoded streams also skip a *partial* BOM: "\xEF\xBB{}").
    if (text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
    }
    // Parsed in place in one copy of the text (it holds no NUL, checked above, so the copy's
    // terminator is its end): the document's strings are decoded into that copy instead of
    // being allocated one by one. One pass of utf8::is_valid (eight ASCII bytes at a time) is
    // much cheaper than RapidJSON's check of every character; valid text has valid strings, so
    // the parser need not check again. Invalid text is parsed with the check, which reports
    // where it fails.
    {
        memory_budget::RefuseScope refuse;  // no Lua call in here
        box.text.assign(text.data(), text.size());
        // RapidJSON 1.1.0's UTF-8 check takes a multi-byte character's continuation bytes
        // without stopping at the end, so a text ending in a lead byte ("\"...\xE7") is read
        // up to three bytes past its terminator (found by the listing fuzz target). Three
        // more NULs keep every such read inside the copy; the parse still ends at the first.
        box.text.append(3, '\0');
        if (utf8::is_valid(text)) {
            doc.ParseInsitu<kParseFlags & ~rapidjson::kParseValidateEncodingFlag>(box.text.data());
        } else {
            doc.ParseInsitu<kParseFlags>(box.text.data());
        }
    }
    if (doc.HasParseError()) {
        lua_settop(L, base);
        lua_pushfstring(L, "json: offset %I: %s", static_cast<lua_Integer>(doc.GetErrorOffset()),
                        rapidjson::GetParseError_En(doc.GetParseError()));
        return false;
    }
    if (const char* error = convert(L, doc)) {
        lua_settop(L, base);
        lua_pushstring(L, error);
        return false;
    }
    // Freed now rather than when the collector finds the box: the megabytes the plugin
    // allocates next reuse this memory instead of new pages.
    box.document.reset();
    box.text = std::string();
    // stack: base..., box, value
    lua_replace(L, base + 1);
    return true;
}

bool push_json_encoded(lua_State* L, int index) {
    index = lua_absindex(L, index);
    int base = lua_gettop(L);
    auto& box = push_box<EncodeBox>(L);
    lua_pushvalue(L, index);
    // stack: base..., box, value
    if (!encode(L, box)) {
        lua_settop(L, base + 1);
        push_view(L, box.error);
        lua_replace(L, base + 1);
        return false;
    }
    push_view(L, box.out);
    lua_replace(L, base + 1);
    lua_settop(L, base + 1);
    return true;
}

}  // namespace gigscout::plugin_modules
