#include "lua_test_state.h"

#include <lua.hpp>

#include <algorithm>
#include <cstdlib>
#include <utility>

#include "plugin_host/modules/host_modules.h"
#include "plugin_host/modules/json_lua.h"

namespace gigscout::testing {

void* LuaTestState::allocate(void* ud, void* ptr, std::size_t old_size, std::size_t new_size) {
    auto* self = static_cast<LuaTestState*>(ud);
    if (ptr == nullptr) {
        old_size = 0;  // then old_size is the type of the object, not a size
    }
    if (new_size == 0) {
        std::free(ptr);
        self->used_ -= old_size;
        return nullptr;
    }
    if (self->cap_ > 0 && new_size > old_size && self->used_ + (new_size - old_size) > self->cap_) {
        return nullptr;
    }
    void* p = std::realloc(ptr, new_size);
    if (p != nullptr) {
        self->used_ = self->used_ - old_size + new_size;
    }
    return p;
}

LuaTestState::LuaTestState(std::size_t memory_cap) : cap_(memory_cap) {
    L_ = lua_newstate(&LuaTestState::allocate, this);
    luaL_requiref(L_, LUA_GNAME, luaopen_base, 1);
    luaL_requiref(L_, LUA_STRLIBNAME, luaopen_string, 1);
    luaL_requiref(L_, LUA_TABLIBNAME, luaopen_table, 1);
    luaL_requiref(L_, LUA_MATHLIBNAME, luaopen_math, 1);
    luaL_requiref(L_, LUA_UTF8LIBNAME, luaopen_utf8, 1);
    lua_settop(L_, 0);
    for (const auto& module : plugin_modules::host_modules()) {
        module.open(L_);
        lua_setglobal(L_, module.name);
    }
}

LuaTestState::~LuaTestState() {
    lua_close(L_);
}

void LuaTestState::set_string(const std::string& name, const std::string& value) {
    lua_pushlstring(L_, value.data(), value.size());
    lua_setglobal(L_, name.c_str());
}

std::string LuaTestState::render(int index, int depth) {
    index = lua_absindex(L_, index);
    switch (lua_type(L_, index)) {
        case LUA_TNIL:
            return "nil";
        case LUA_TBOOLEAN:
            return lua_toboolean(L_, index) ? "true" : "false";
        case LUA_TNUMBER:
        case LUA_TSTRING: {
            std::size_t size = 0;
            lua_pushvalue(L_, index);
            const char* s = lua_tolstring(L_, -1, &size);
            std::string out(s, size);
            lua_pop(L_, 1);
            return out;
        }
        case LUA_TTABLE: {
            if (depth > 20) {
                return "{...}";
            }
            std::vector<std::pair<std::string, std::string>> entries;
            lua_Integer length = 0;
            while (lua_rawgeti(L_, index, length + 1) != LUA_TNIL) {
                lua_pop(L_, 1);
                ++length;
            }
            lua_pop(L_, 1);
            lua_pushnil(L_);
            while (lua_next(L_, index) != 0) {
                bool in_sequence = lua_isinteger(L_, -2) && lua_tointeger(L_, -2) >= 1 &&
                                   lua_tointeger(L_, -2) <= length;
                if (!in_sequence) {
                    std::string key = lua_type(L_, -2) == LUA_TSTRING
                                          ? render(-2, depth + 1)
                                          : "[" + render(-2, depth + 1) + "]";
                    entries.emplace_back(key, render(-1, depth + 1));
                }
                lua_pop(L_, 1);
            }
            std::sort(entries.begin(), entries.end());
            std::string out = "{";
            for (lua_Integer i = 1; i <= length; ++i) {
                lua_rawgeti(L_, index, i);
                out += (i > 1 ? "," : "") + render(-1, depth + 1);
                lua_pop(L_, 1);
            }
            for (std::size_t i = 0; i < entries.size(); ++i) {
                out +=
                    (length > 0 || i > 0 ? "," : "") + entries[i].first + "=" + entries[i].second;
            }
            return out + "}";
        }
        default:
            if (plugin_modules::is_json_null(L_, index)) {
                return "null";
            }
            return luaL_typename(L_, index);
    }
}

LuaRun LuaTestState::run(const std::string& chunk) {
    LuaRun result;
    int base = lua_gettop(L_);
    if (luaL_loadbufferx(L_, chunk.data(), chunk.size(), "=test", "t") != LUA_OK ||
        lua_pcall(L_, 0, LUA_MULTRET, 0) != LUA_OK) {
        std::size_t size = 0;
        const char* message = lua_tolstring(L_, -1, &size);
        result.error = message != nullptr ? std::string(message, size) : "(error object)";
        lua_settop(L_, base);
        return result;
    }
    result.ok = true;
    for (int i = base + 1; i <= lua_gettop(L_); ++i) {
        result.values.push_back(render(i));
    }
    lua_settop(L_, base);
    return result;
}

std::string LuaTestState::eval(const std::string& chunk) {
    LuaRun r = run(chunk);
    if (!r.ok) {
        return "error: " + r.error;
    }
    return r.values.empty() ? "" : r.values.front();
}

std::string LuaTestState::eval_all(const std::string& chunk) {
    LuaRun r = run(chunk);
    if (!r.ok) {
        return "error: " + r.error;
    }
    std::string out;
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        out += (i > 0 ? " | " : "") + r.values[i];
    }
    return out;
}

}  // namespace gigscout::testing
