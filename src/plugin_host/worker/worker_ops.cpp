#include "plugin_host/worker/worker_ops.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <vector>

#include "plugin_host/worker/json_to_lua.h"
#include "plugin_host/worker/lua_to_json.h"
#include "plugin_host/worker/message_text.h"

namespace gigscout::worker {
namespace {

struct Failure {
    const char* kind;  // "error", "time", "memory", "output", "setup"
    std::string message;
};

std::string mib(std::size_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g MiB", static_cast<double>(bytes) / (1 << 20));
    return buf;
}

std::string seconds(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", static_cast<double>(ms.count()) / 1000.0);
    return buf;
}

// Adds the traceback to string errors; anything else gets a fixed text (an error object's
// __tostring is never called: it would be plugin code running outside the call).
int message_handler(lua_State* L) {
    if (Sandbox::of(L).kill() == Kill::Memory) {
        return 1;  // allocating now would fail anyway
    }
    const char* msg = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : nullptr;
    if (msg == nullptr) {
        msg = lua_pushfstring(L, "error object is a %s value, not a string (use error(\"text\"))",
                              luaL_typename(L, 1));
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

Failure failure_from_status(Sandbox& sb, int status, const char* what) {
    lua_State* L = sb.L();
    if (sb.kill() == Kill::Memory || is_memory_error(L, status, 0)) {
        return {"memory", "memory limit exceeded (" + mib(sb.limits().memory_bytes) + ") " + what};
    }
    std::string text = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "(no message)";
    if (sb.kill() == Kill::Time) {
        return {"time", "time limit exceeded (" + seconds(sb.limits().cpu_time) + ") " + what +
                            ": " + clean_error(text)};
    }
    return {"error", std::string("error ") + what + ": " + clean_error(text)};
}

class ReplyWriter {
  public:
    ReplyWriter() : w_(buf_) { w_.StartObject(); }
    JsonWriter& w() { return w_; }
    void key(const char* k) { w_.Key(k); }
    void string(const char* k, std::string_view v) {
        w_.Key(k);
        w_.String(v.data(), static_cast<rapidjson::SizeType>(v.size()));
    }
    Reply finish(const Sandbox* sb, bool ok, std::string payload = {}) {
        w_.Key("ok");
        w_.Bool(ok);
        if (sb != nullptr) {
            w_.Key("log");
            w_.StartArray();
            for (const auto& m : sb->log()) {
                w_.StartObject();
                string("level", m.level);
                string("text", m.text);
                w_.EndObject();
            }
            w_.EndArray();
            w_.Key("dropped_log");
            w_.Uint64(sb->dropped_log_messages());
            w_.Key("memory_used");
            w_.Uint64(sb->memory_used());
        }
        w_.EndObject();
        return {std::string(buf_.GetString(), buf_.GetSize()), std::move(payload)};
    }

  private:
    rapidjson::StringBuffer buf_;
    JsonWriter w_;
};

Reply failed(const Sandbox* sb, const Failure& f) {
    ReplyWriter r;
    r.string("kind", f.kind);
    r.string("error", f.message);
    return r.finish(sb, false);
}

int push_cstring(lua_State* L) {
    lua_pushstring(L, static_cast<const char*>(lua_touserdata(L, 1)));
    return 1;
}

// Runs the plugin's file. Afterwards the stack is: 1 message handler, 2 `key` (the name of
// the function the call needs, interned before plugin code runs so that looking it up later
// cannot allocate), 3 the plugin table.
std::optional<Failure> run_plugin_file(Sandbox& sb, const PluginSource& source, const char* key) {
    if (!sb.ok()) {
        return Failure{"setup", "cannot create a Lua state within the memory limit"};
    }
    lua_State* L = sb.L();
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, push_cstring);
    lua_pushlightuserdata(L, const_cast<char*>(key));
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
        return Failure{"setup", "the memory limit is too small to start a call"};
    }
    if (!source.text.empty() && source.text[0] == LUA_SIGNATURE[0]) {
        return Failure{"error",
                       "the plugin file is a precompiled (binary) chunk; only Lua source "
                       "text is accepted"};
    }
    sb.start_clock();
    int status =
        luaL_loadbufferx(L, source.text.data(), source.text.size(), source.chunkname.c_str(), "t");
    if (status == LUA_OK) {
        status = lua_pcall(L, 0, 1, 1);
    }
    if (status != LUA_OK) {
        return failure_from_status(sb, status, "while loading the plugin");
    }
    if (lua_type(L, 3) != LUA_TTABLE) {
        return Failure{"error", std::string("the plugin file must return a table (its manifest "
                                            "and functions), got ") +
                                    lua_type_phrase(lua_type(L, 3))};
    }
    if (lua_getmetatable(L, 3)) {
        return Failure{"error", "the table the plugin file returns must not have a metatable"};
    }
    return std::nullopt;
}

// Pushes the plugin's function named by stack slot 2 (raw lookup: no metamethods).
std::optional<Failure> push_plugin_function(Sandbox& sb) {
    lua_State* L = sb.L();
    lua_pushvalue(L, 2);
    if (lua_rawget(L, 3) != LUA_TFUNCTION) {
        return Failure{"error",
                       std::string("the plugin has no function `") + lua_tostring(L, 2) + "`"};
    }
    return std::nullopt;
}

// Runs `push` (json_to_lua.h) under lua_pcall; leaves its result on the stack.
std::optional<Failure> push_protected(Sandbox& sb, lua_CFunction push, void* arg,
                                      const char* what) {
    lua_State* L = sb.L();
    lua_pushcfunction(L, push);
    lua_pushlightuserdata(L, arg);
    int status = lua_pcall(L, 1, 1, 1);
    if (status != LUA_OK) {
        return failure_from_status(sb, status, what);
    }
    return std::nullopt;
}

// Counts the entries of the table at idx (raw), stopping past `stop`.
std::size_t count_entries(lua_State* L, int idx, std::size_t stop) {
    std::size_t count = 0;
    lua_pushnil(L);
    while (lua_next(L, idx) != 0) {
        lua_pop(L, 1);
        if (++count > stop) {
            lua_pop(L, 1);
            break;
        }
    }
    return count;
}

// Checks that the value at idx is a plain list of at most `max` entries; returns its length.
std::optional<Failure> check_list(lua_State* L, int idx, std::size_t max, const char* function,
                                  const char* things, const char* hint, std::size_t& length) {
    int type = lua_type(L, idx);
    if (type != LUA_TTABLE) {
        return Failure{"error", std::string(function) + " must return a list of " + things +
                                    ", got " + lua_type_phrase(type) + hint};
    }
    if (lua_getmetatable(L, idx)) {
        lua_pop(L, 1);
        return Failure{"error",
                       std::string(function) + " must return a plain table (no metatable)"};
    }
    lua_Unsigned n = lua_rawlen(L, idx);
    if (n > max) {
        return Failure{"output", std::string(function) + " returned " + std::to_string(n) + " " +
                                     things + "; the limit is " + std::to_string(max)};
    }
    std::size_t count = count_entries(L, idx, max);
    if (count != n) {
        return Failure{"error", std::string(function) + " must return a list (keys 1..n) of " +
                                    things + "; the table has other keys" + hint};
    }
    length = static_cast<std::size_t>(n);
    return std::nullopt;
}

ConvertLimits convert_limits(const PluginLimits& limits) {
    ConvertLimits c;
    c.max_string_bytes = limits.max_string_bytes;
    c.max_depth = 6;
    c.max_table_items = 1000;
    return c;
}

}  // namespace

Reply load_plugin(const PluginSource& source, const PluginLimits& limits) {
    Sandbox sb(limits);
    if (auto f = run_plugin_file(sb, source, "parse")) {
        return failed(&sb, *f);
    }
    lua_State* L = sb.L();
    ReplyWriter r;
    r.key("manifest");
    std::vector<std::string> functions;
    ConvertLimits c = convert_limits(limits);
    c.max_string_bytes = 64u << 10;
    LuaToJson convert(L, c);
    // The manifest's own writer: a refused value must not leave the reply half-written.
    rapidjson::StringBuffer manifest;
    JsonWriter mw(manifest);
    std::vector<std::string> problems;
    if (auto problem = convert.write_record_without_functions(3, mw, functions, problems)) {
        return failed(&sb, {"error", "the plugin table: " + *problem});
    }
    r.w().RawValue(manifest.GetString(), manifest.GetSize(), rapidjson::kObjectType);
    r.key("functions");
    r.w().StartArray();
    for (const auto& f : functions) {
        r.w().String(f.data(), static_cast<rapidjson::SizeType>(f.size()));
    }
    r.w().EndArray();
    // Fields left out of the manifest: the host names them with its own checks' problems.
    if (!problems.empty()) {
        r.key("problems");
        r.w().StartArray();
        for (const auto& p : problems) {
            r.w().String(p.data(), static_cast<rapidjson::SizeType>(p.size()));
        }
        r.w().EndArray();
    }
    return r.finish(&sb, true);
}

Reply call_requests(const PluginSource& source, const PluginLimits& limits,
                    const rapidjson::Value& ctx) {
    Sandbox sb(limits);
    if (auto f = run_plugin_file(sb, source, "requests")) {
        return failed(&sb, *f);
    }
    if (auto f = push_plugin_function(sb)) {
        return failed(&sb, *f);
    }
    if (auto f = push_protected(sb, push_json_value, const_cast<rapidjson::Value*>(&ctx),
                                "while preparing ctx")) {
        return failed(&sb, *f);
    }
    lua_State* L = sb.L();
    int status = lua_pcall(L, 1, 1, 1);  // stack: ..., result
    if (status != LUA_OK) {
        return failed(&sb, failure_from_status(sb, status, "in requests()"));
    }
    int result = lua_gettop(L);
    std::size_t n = 0;
    if (auto f = check_list(L, result, limits.max_requests, "requests()", "requests",
                            " (return { { url = ... } }, a list, even for one request)", n)) {
        return failed(&sb, *f);
    }
    rapidjson::StringBuffer out;
    JsonWriter w(out);
    LuaToJson convert(L, convert_limits(limits));
    w.StartArray();
    for (std::size_t i = 1; i <= n; ++i) {
        lua_rawgeti(L, result, static_cast<lua_Integer>(i));
        std::string where = "request " + std::to_string(i);
        if (lua_type(L, -1) != LUA_TTABLE) {
            return failed(&sb, {"error", "requests(): " + where +
                                             ": expected a table { url = "
                                             "... }, got " +
                                             lua_type_phrase(lua_type(L, -1))});
        }
        if (auto problem = convert.write(-1, w, "")) {
            return failed(&sb, {"error", "requests(): " + where + ": " + *problem});
        }
        lua_pop(L, 1);
    }
    w.EndArray();
    ReplyWriter r;
    return r.finish(&sb, true, std::string(out.GetString(), out.GetSize()));
}

Reply call_parse(const PluginSource& source, const PluginLimits& limits,
                 const rapidjson::Value& response_meta, std::string_view body,
                 const rapidjson::Value& ctx, rapidjson::StringBuffer& out) {
    Sandbox sb(limits);
    if (auto f = run_plugin_file(sb, source, "parse")) {
        return failed(&sb, *f);
    }
    if (auto f = push_plugin_function(sb)) {
        return failed(&sb, *f);
    }
    ResponseArgs args{&response_meta, body.data(), body.size()};
    if (auto f = push_protected(sb, push_response, &args, "while passing the response")) {
        return failed(&sb, *f);
    }
    if (auto f = push_protected(sb, push_json_value, const_cast<rapidjson::Value*>(&ctx),
                                "while preparing ctx")) {
        return failed(&sb, *f);
    }
    lua_State* L = sb.L();
    int status = lua_pcall(L, 2, 2, 1);  // stack: ..., listings, next
    if (status != LUA_OK) {
        return failed(&sb, failure_from_status(sb, status, "in parse()"));
    }
    int listings = lua_gettop(L) - 1;
    int next = listings + 1;
    std::size_t n = 0;
    if (auto f = check_list(L, listings, limits.max_listings, "parse()", "listings", "", n)) {
        return failed(&sb, *f);
    }

    // Each listing is written straight into the output; a refused one is cut back out and
    // replaced by null, keeping the positions the host reports problems with. Listings are
    // usually smaller than the body they came from: reserving that much saves regrowing.
    out.Clear();
    out.Reserve(std::min(body.size(), limits.max_output_bytes));
    JsonWriter w(out);
    LuaToJson convert(L, convert_limits(limits));
    std::vector<std::pair<std::size_t, std::string>> problems;
    out.Put('[');
    for (std::size_t i = 1; i <= n; ++i) {
        if (i > 1) {
            out.Put(',');
        }
        std::size_t mark = out.GetSize();
        int type = lua_rawgeti(L, listings, static_cast<lua_Integer>(i));
        std::optional<std::string> problem;
        w.Reset(out);
        if (type != LUA_TTABLE) {
            problem = std::string("expected a table (a listing), got ") + lua_type_phrase(type);
        } else {
            problem = convert.write(-1, w, "");
        }
        lua_pop(L, 1);
        if (!problem && out.GetSize() - mark == 4 &&
            std::string_view(out.GetString() + mark, 4) == "null") {
            problem = "an empty table";
        }
        if (problem) {
            problems.emplace_back(i, clean_message(*problem, 1024));
            out.Pop(out.GetSize() - mark);
            out.Put('n');
            out.Put('u');
            out.Put('l');
            out.Put('l');
        }
        if (out.GetSize() > limits.max_output_bytes) {
            return failed(&sb, {"output", "parse() returned more than " +
                                              mib(limits.max_output_bytes) + " of listings"});
        }
    }
    out.Put(']');

    ReplyWriter r;
    r.key("count");
    r.w().Uint64(n);
    r.key("problems");
    r.w().StartArray();
    for (const auto& [index, text] : problems) {
        r.w().StartArray();
        r.w().Uint64(index);
        r.w().String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
        r.w().EndArray();
    }
    r.w().EndArray();
    int next_type = lua_type(L, next);
    if (next_type == LUA_TTABLE) {
        rapidjson::StringBuffer nb;
        JsonWriter nw(nb);
        if (auto problem = convert.write(next, nw, "")) {
            r.string("next_problem", clean_message(*problem, 1024));
        } else {
            r.key("next");
            r.w().RawValue(nb.GetString(), nb.GetSize(), rapidjson::kObjectType);
        }
    } else if (next_type != LUA_TNIL) {
        r.string("next_problem", std::string("expected a table (the next request) or nil, got ") +
                                     lua_type_phrase(next_type));
    }
    Reply reply = r.finish(&sb, true);
    reply.payload_buffer = &out;
    return reply;
}

namespace {

// Runs under lua_pcall: leaves a list of "name" / "table.name" strings for every function
// reachable from the globals and from each module `require` accepts.
int list_functions(lua_State* L) {
    lua_newtable(L);  // 1: the list
    lua_Integer n = 0;
    lua_pushglobaltable(L);  // 2: _G
    lua_pushnil(L);
    while (lua_next(L, 2) != 0) {  // stack: list, _G, key, value
        if (lua_type(L, -2) == LUA_TSTRING) {
            if (lua_type(L, -1) == LUA_TFUNCTION) {
                lua_pushvalue(L, -2);
                lua_rawseti(L, 1, ++n);
            } else if (lua_type(L, -1) == LUA_TTABLE && !lua_rawequal(L, -1, 2)) {
                lua_pushnil(L);
                while (lua_next(L, -2) != 0) {  // stack: ..., key, tbl, k2, v2
                    if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
                        lua_pushfstring(L, "%s.%s", lua_tostring(L, -4), lua_tostring(L, -2));
                        lua_rawseti(L, 1, ++n);
                    }
                    lua_pop(L, 1);
                }
            }
        }
        lua_pop(L, 1);
    }
    // A static list: no C++ temporary may be alive when a Lua call raises (longjmp).
    static const std::vector<std::string> kModules = module_names();
    for (const auto& name : kModules) {
        lua_getglobal(L, "require");
        lua_pushstring(L, name.c_str());
        lua_call(L, 1, 1);  // stack: list, _G, module
        lua_pushnil(L);
        while (lua_next(L, -2) != 0) {
            if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TFUNCTION) {
                lua_pushfstring(L, "%s.%s", name.c_str(), lua_tostring(L, -2));
                lua_rawseti(L, 1, ++n);
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_settop(L, 1);
    return 1;
}

}  // namespace

Reply describe_environment(const PluginLimits& limits) {
    Sandbox sb(limits);
    if (!sb.ok()) {
        return failed(nullptr, {"setup", "cannot create a Lua state"});
    }
    lua_State* L = sb.L();
    sb.start_clock();
    lua_pushcfunction(L, message_handler);
    lua_pushcfunction(L, list_functions);
    if (int status = lua_pcall(L, 0, 1, 1); status != LUA_OK) {
        return failed(&sb, failure_from_status(sb, status, "while listing functions"));
    }
    ReplyWriter r;
    r.key("functions");
    r.w().StartArray();
    lua_Unsigned n = lua_rawlen(L, -1);
    for (lua_Unsigned i = 1; i <= n; ++i) {
        lua_rawgeti(L, -1, static_cast<lua_Integer>(i));
        std::size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        r.w().String(s, static_cast<rapidjson::SizeType>(len));
        lua_pop(L, 1);
    }
    r.w().EndArray();
    return r.finish(&sb, true);
}

Reply protocol_error(std::string_view message) {
    ReplyWriter r;
    r.string("kind", "protocol");
    r.string("error", message);
    return r.finish(nullptr, false);
}

}  // namespace gigscout::worker
