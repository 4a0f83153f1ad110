// The small parsers plugins feed with whatever a page says: time.parse, money.parse and the url
// helpers (parse, resolve against a fixed base and with the input as base, encode/decode).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "fuzz/fuzz_lua.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gigscout::fuzz::LuaHarness harness(R"(
        local s = ...
        pcall(time.parse, s, 1764806400)
        pcall(money.parse, s)
        pcall(money.currency_code, s)
        pcall(url.parse, s)
        pcall(url.host, s)
        pcall(url.resolve, "https://jobs.example.org/board/list?page=2", s)
        pcall(url.resolve, s, "../job/42?x=1#top")
        pcall(url.decode, s)
        pcall(url.encode, s)
        pcall(text.collapse, s)
        pcall(text.truncate, s, 17, "…")
        pcall(text.split, s, ",", 8)
    )");
    harness.run({reinterpret_cast<const char*>(data), size});
    return 0;
}
