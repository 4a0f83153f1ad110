// `xml`: XML documents as plain tables {name=, attrs=, children=, text=, tail=}.
#include <optional>
#include <string>

#include "plugin_host/modules/lua_glue.h"
#include "plugin_host/modules/module_openers.h"
#include "plugin_host/modules/xml_tree.h"

namespace gigscout::plugin_modules {
namespace {

struct XmlBox {
    std::optional<Result<xml::Document>> result;
};

// Pushes the root element table. Elements are stored in document order with parents first,
// so one pass builds the tree: the Lua stack holds, for each open ancestor, its table and its
// children table.
void push_tree(lua_State* L, const xml::Document& doc) {
    luaL_checkstack(L, 2 * kMaxDepth + 8, "xml.parse");
    int base = lua_gettop(L);
    std::uint32_t open[kMaxDepth + 1];
    int depth = 0;
    for (std::uint32_t i = 0; i < doc.elements.size(); ++i) {
        const xml::Element& e = doc.elements[i];
        while (depth > 0 && open[depth - 1] != e.parent) {
            lua_pop(L, 2);
            --depth;
        }
        lua_createtable(L, 0, 5);
        set_string(L, "name", e.name);
        lua_createtable(L, 0, static_cast<int>(e.attrs.size()));
        for (const auto& [key, value] : e.attrs) {
            set_string(L, key.c_str(), value);
        }
        lua_setfield(L, -2, "attrs");
        set_string(L, "text", e.text);
        if (e.parent != xml::kNoParent) {
            std::string_view tail = doc.tail(i);
            if (!tail.empty()) {
                set_string(L, "tail", tail);
            }
            // stack: ..., parent, parent's children, element
            lua_pushvalue(L, -1);
            lua_rawseti(L, -3, static_cast<lua_Integer>(e.position) + 1);
        }
        lua_createtable(L, static_cast<int>(e.children.size()), 0);
        lua_pushvalue(L, -1);
        lua_setfield(L, -3, "children");
        // stack: ..., element, children
        open[depth++] = i;
    }
    lua_settop(L, base + 1);  // the root element
}

int xml_parse(lua_State* L) {
    std::string_view text = check_text(L, 1);
    auto& box = push_box<XmlBox>(L);
    {
        memory_budget::RefuseScope refuse;  // no Lua call in here
        box.result.emplace(xml::parse(text));
    }
    if (!box.result->ok()) {
        return push_failure(L, box.result->error().message);
    }
    push_tree(L, box.result->value());
    box.result.reset();  // freed now, not when the collector finds the box
    return 1;
}

bool name_is(lua_State* L, int element, std::string_view name) {
    if (raw_field(L, element, "name") != LUA_TSTRING) {
        lua_pop(L, 1);
        return false;
    }
    std::size_t size = 0;
    const char* data = lua_tolstring(L, -1, &size);
    bool same = std::string_view(data, size) == name;
    lua_pop(L, 1);
    return same;
}

// Pushes el.children (raw) and returns its raw length, or pushes nothing and returns -1.
lua_Integer push_children(lua_State* L, int element) {
    if (raw_field(L, element, "children") != LUA_TTABLE) {
        lua_pop(L, 1);
        return -1;
    }
    return static_cast<lua_Integer>(lua_rawlen(L, -1));
}

int xml_child(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    std::string_view name = check_text(L, 2);
    lua_settop(L, 2);
    lua_Integer n = push_children(L, 1);
    for (lua_Integer i = 1; i <= n; ++i) {
        // stack: el, name, children
        if (lua_rawgeti(L, 3, i) == LUA_TTABLE && name_is(L, -1, name)) {
            return 1;
        }
        lua_pop(L, 1);
    }
    lua_pushnil(L);
    return 1;
}

int xml_children(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    bool any_name = lua_isnoneornil(L, 2);
    std::string_view name = any_name ? std::string_view() : check_text(L, 2);
    lua_settop(L, 2);
    lua_newtable(L);
    lua_Integer n = push_children(L, 1);
    lua_Integer count = 0;
    for (lua_Integer i = 1; i <= n; ++i) {
        // stack: el, name, result, children
        if (lua_rawgeti(L, 4, i) == LUA_TTABLE && (any_name || name_is(L, -1, name))) {
            lua_rawseti(L, 3, ++count);
        } else {
            lua_pop(L, 1);
        }
    }
    lua_settop(L, 3);
    return 1;
}

// xml.text walks tables a plugin may have built or changed: it checks types as it goes,
// stops at kMaxDepth (a cycle ends there) and counts visits (shared subtrees repeat).
constexpr lua_Integer kMaxTextVisits = 1000000;

struct TextFrame {
    int children;  // stack index of the children table (or of a nil)
    lua_Integer count;
    lua_Integer next;
    bool with_tails;  // the element's text includes its children's tails
};

std::string_view string_field(lua_State* L, int table, const char* key) {
    if (raw_field(L, table, key) != LUA_TSTRING) {
        return {};
    }
    std::size_t size = 0;
    const char* data = lua_tolstring(L, -1, &size);
    return {data, size};  // the string stays referenced by the table
}

// Element at the top: writes its head text and pushes its children table; returns the frame.
TextFrame begin_element(lua_State* L, std::string& out) {
    int element = lua_gettop(L);
    lua_Integer count = push_children(L, element);
    if (count < 0) {
        lua_pushnil(L);
        count = 0;
    }
    int children = lua_gettop(L);
    std::size_t tails = 0;
    for (lua_Integer i = 1; i <= count; ++i) {
        if (lua_rawgeti(L, children, i) == LUA_TTABLE) {
            tails += string_field(L, -1, "tail").size();
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    std::string_view text = string_field(L, element, "text");
    bool with_tails = tails <= text.size();
    out.append(with_tails ? text.substr(0, text.size() - tails) : text);
    lua_pop(L, 1);
    return {children, count, 1, with_tails};
}

int xml_text(lua_State* L) {
    luaL_checktype(L, 1, LUA_TTABLE);
    lua_settop(L, 1);
    auto& out = push_box<std::string>(L);
    luaL_checkstack(L, 2 * kMaxDepth + 8, "xml.text");
    TextFrame frames[kMaxDepth];
    int depth = 0;
    lua_Integer visits = 1;
    lua_pushvalue(L, 1);
    frames[depth++] = begin_element(L, out);
    while (depth > 0) {
        TextFrame& f = frames[depth - 1];
        if (f.next <= f.count) {
            if (lua_rawgeti(L, f.children, f.next++) != LUA_TTABLE) {
                lua_pop(L, 1);
                continue;
            }
            if (depth == kMaxDepth) {
                return push_failure(L, "xml.text: elements nested deeper than 256 (or a cycle)");
            }
            if (++visits > kMaxTextVisits || out.size() > kMaxInputBytes) {
                return push_failure(L,
                                    "xml.text: more than 1000000 elements or 16 MiB of text "
                                    "(are subtrees shared?)");
            }
            frames[depth++] = begin_element(L, out);
            continue;
        }
        // stack: ..., element, children
        lua_pop(L, 1);
        --depth;
        if (depth > 0 && frames[depth - 1].with_tails) {
            out.append(string_field(L, -1, "tail"));
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    push_view(L, out);
    return 1;
}

const luaL_Reg kXmlFunctions[] = {
    {"parse", guarded<xml_parse>},
    {"child", guarded<xml_child>},
    {"children", guarded<xml_children>},
    {"text", guarded<xml_text>},
    {nullptr, nullptr},
};

}  // namespace

int open_xml_module(lua_State* L) {
    new_module(L, kXmlFunctions);
    return 1;
}

}  // namespace gigscout::plugin_modules
