// xml.parse and feed.parse as a plugin calls them (expat, the element tree, RSS/RDF/Atom
// reading, dates in items), and walking the tree with xml.children / xml.text.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include "fuzz/fuzz_lua.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static gigscout::fuzz::LuaHarness harness(R"(
        local s = ...
        local ok, doc = pcall(xml.parse, s)
        if ok and type(doc) == "table" then
            pcall(function()
                for _, el in ipairs(xml.children(doc)) do
                    xml.text(el)
                    xml.child(el, "title")
                end
            end)
        end
        pcall(feed.parse, s)
    )");
    harness.run({reinterpret_cast<const char*>(data), size});
    return 0;
}
