// Pushes host-made JSON (the call context, the response) into a plugin's state. Both functions
// are lua_CFunctions meant to run under lua_pcall: they allocate, so they can raise a memory
// error; they hold no C++ object with a destructor.
#pragma once

#include <cstddef>

#include <rapidjson/document.h>
#include <lua.hpp>

namespace gigscout::worker {

// Argument 1: a light userdata pointing to a rapidjson::Value. Pushes it as Lua values
// (objects and arrays become tables, integers stay integers).
int push_json_value(lua_State* L);

struct ResponseArgs {
    const rapidjson::Value* meta;  // {status, headers: {name: value}, url}
    const char* body;
    std::size_t body_size;
};

// Argument 1: a light userdata pointing to ResponseArgs. Pushes
// { status = ..., headers = {...}, body = "...", url = "..." }.
int push_response(lua_State* L);

}  // namespace gigscout::worker
