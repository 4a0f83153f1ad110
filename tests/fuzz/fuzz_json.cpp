// json.decode as a plugin calls it (RapidJSON's iterative parse, UTF-8 checks, the Lua tree),
// and json.encode of whatever it decoded.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "fuzz/fuzz_lua.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gigscout::fuzz::LuaHarness harness(R"(
        local s = ...
        local ok, value = pcall(json.decode, s)
        if ok and value ~= nil then
            pcall(json.encode, value)
        end
    )");
    harness.run({reinterpret_cast<const char*>(data), size});
    return 0;
}
