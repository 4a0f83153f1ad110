// The html module as a plugin calls it: the tokeniser's pre-pass, gumbo's DOM, CSS selectors
// (the first line of the input is the selector, the rest the page), JSON-LD and JobPosting
// extraction, and the text helpers.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "fuzz/fuzz_lua.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gigscout::fuzz::LuaHarness harness(R"(
        local s = ...
        local selector, page = s:match("^([^\n]*)\n(.*)$")
        if not selector then
            selector, page = "a[href]", s
        end
        local ok, doc = pcall(html.parse, page)
        if ok and doc then
            pcall(html.select, doc, selector)
            pcall(html.select, doc, "div > p, h2 a, #main .job")
            pcall(html.json_ld, doc)
        end
        pcall(html.job_postings, page)
        pcall(html.to_text, page)
        pcall(html.unescape, page)
        pcall(html.strip, page)
    )");
    harness.run({reinterpret_cast<const char*>(data), size});
    return 0;
}
