// What a plugin returns, through the worker's copy out of Lua and the host's checks: the input
// is decoded to arbitrary Lua values (json.decode), copied to JSON by raw access (LuaToJson, as
// the worker copies a plugin's listings), then read and validated by the host (parse_listings
// runs validate_listing on every element).
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include "fuzz/fuzz_lua.h"
#include "model/listing_json.h"
#include "plugin_host/worker/lua_to_json.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gigscout::fuzz::LuaHarness harness(R"(
        local ok, value = pcall(json.decode, ...)
        if ok and type(value) == "table" then
            return value
        end
    )");
    lua_State* L = harness.run({reinterpret_cast<const char*>(data), size});
    if (lua_gettop(L) != 1) {
        return 0;
    }
    rapidjson::StringBuffer buffer;
    gigscout::worker::JsonWriter writer(buffer);
    gigscout::worker::LuaToJson copy(L, {});
    if (copy.write(1, writer, "") || !writer.IsComplete()) {
        return 0;
    }
    std::string_view json(buffer.GetString(), buffer.GetSize());
    // A plugin returns a list of listings; a single record is tried as a list of one.
    std::string text = json.starts_with('[') ? std::string(json) : "[" + std::string(json) + "]";
    (void)gigscout::parse_listings(text, "fuzz", 1764806400);
    return 0;
}
