// Inputs built to hurt: huge, deep, malformed, or shaped to make a parser quadratic. Each of
// these would run for many minutes (past ctest's timeout) or crash if a limit were missing.
#include <gtest/gtest.h>
#include <pthread.h>

#include <functional>
#include <string>

#include "lua_test_state.h"
#include "plugin_host/modules/html_document.h"
#include "plugin_host/modules/html_text.h"
#include "plugin_host/modules/json_lua.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

std::string repeat(const std::string& s, std::size_t n) {
    std::string out;
    out.reserve(s.size() * n);
    for (std::size_t i = 0; i < n; ++i) {
        out += s;
    }
    return out;
}

TEST(HostileInput, TenMegabyteJsonDecodesAndOversizedJsonIsRefused) {
    LuaTestState lua;
    std::string doc =
        "[" + repeat("{\"title\":\"Vision engineer\",\"salary\":123456},", 240000) + "{}]";
    ASSERT_GT(doc.size(), 10u << 20);
    lua.set_string("doc", doc);
    EXPECT_EQ(lua.eval("return #json.decode(doc)"), "240001");
    lua.set_string("huge", std::string(17u << 20, ' '));
    EXPECT_EQ(lua.eval_all("return json.decode(huge)"),
              "nil | json: input is 17825792 bytes, more than the 16777216-byte limit");
}

TEST(HostileInput, TenMegabyteFeedParses) {
    LuaTestState lua;
    std::string doc = "<rss><channel>" +
                      repeat("<item><title>Job</title><link>https://x/1</link><description>" +
                                 repeat("&lt;p&gt;text&lt;/p&gt;", 50) + "</description></item>",
                             9000) +
                      "</channel></rss>";
    ASSERT_GT(doc.size(), 10u << 20);
    lua.set_string("doc", doc);
    EXPECT_EQ(lua.eval("return #feed.parse(doc).items"), "9000");
}

TEST(HostileInput, FeedNamespaceAndBaseLookupsStayLinear) {
    // Issue 20: every item child looks up its prefix and every link its xml:base through the
    // ancestors; a root with 200,000 declarations must cost once, not once per lookup.
    LuaTestState lua;
    std::string decls;
    for (int i = 0; i < 200000; ++i) {
        decls += " xmlns:p" + std::to_string(i) + "=\"urn:x:" + std::to_string(i) + "\"";
    }
    std::string doc = "<rss" + decls + " xml:base=\"https://jobs.example.com/\"><channel>" +
                      repeat(
                          "<item><title>Job</title><link>a/1</link><q:x>1</q:x><guid>g</guid>"
                          "</item>",
                          10000) +
                      "</channel></rss>";
    lua.set_string("doc", doc);
    EXPECT_EQ(lua.eval_all("local f = feed.parse(doc) return #f.items, f.items[10000].link"),
              "10000 | https://jobs.example.com/a/1");
}

TEST(HostileInput, TextHelpersStayLinearOnTenMegabytes) {
    LuaTestState lua;
    lua.set_string("s", std::string(10u << 20, 'a'));
    EXPECT_EQ(lua.eval("return text.contains(s, string.rep('a', 100000) .. 'b')"), "false");
    EXPECT_EQ(lua.eval("return #text.split(s, string.rep('a', 1000))"), "10486");
    lua.set_string("ws", repeat(" \xC2\xA0\t", 3u << 20) + "x");
    EXPECT_EQ(lua.eval("return text.collapse(ws)"), "x");
    EXPECT_EQ(lua.eval("return text.trim(ws)"), "x");
}

TEST(HostileInput, DeepHtmlIsReadLinearlyAsTextAndRefusedByTheParser) {
    std::string deep = repeat("<div>", 1000000) + "x";
    EXPECT_EQ(html::to_text(deep), "x");
    auto doc = html::Document::parse(deep);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message, "html: markup nested deeper than 512 levels");
    // within the limit it parses, and the tree is freed without recursion
    auto ok = html::Document::parse(repeat("<div>", 400) + "x");
    ASSERT_TRUE(ok.ok()) << ok.error().message;
}

TEST(HostileInput, TricksThatDeepenTheTreeWithoutNestedTagsAreCountedToo) {
    // Formatting elements closed by a block end tag are reopened by the parser at the next
    // text: each iteration adds a level (distinct attributes defeat the three-copies rule).
    std::string reopen;
    for (int i = 0; i < 100000; ++i) {
        reopen += "<div><b id=" + std::to_string(i) + "></div>x";
    }
    auto a = html::Document::parse(reopen);
    ASSERT_FALSE(a.ok());
    EXPECT_EQ(a.error().message, "html: markup nested deeper than 512 levels");
    // Misnested formatting end tags: the adoption agency keeps the block open.
    auto b = html::Document::parse(repeat("<b><div></b>", 100000));
    ASSERT_FALSE(b.ok());
    EXPECT_EQ(b.error().message, "html: markup nested deeper than 512 levels");
    // Formatting elements left open across block ends are rebuilt at each text, with their
    // attributes; the parser keeps three identical ones, so each <p> rebuilds three.
    auto c = html::Document::parse(repeat("<p><font color=red>x</p>", 100000));
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.error().message,
              "html: too many formatting elements (<b>, <font>, ...) left open: the parser would "
              "rebuild them more than 100000 times");
    EXPECT_TRUE(html::Document::parse(repeat("<p><font color=red>x</p>", 1000)).ok());
    // Deep, but not too deep, and very long: the parser walks the open elements at each tag.
    auto wide = html::Document::parse(repeat(repeat("<div>", 500) + repeat("</div>", 500), 1000));
    ASSERT_FALSE(wide.ok());
    EXPECT_EQ(wide.error().message,
              "html: markup too deeply nested for its size (the parser's work grows with depth "
              "times tags)");
    EXPECT_TRUE(
        html::Document::parse(repeat(repeat("<div>", 50) + repeat("</div>", 50), 1000)).ok());
    // Sloppy but ordinary markup: unclosed <p>, <li>, <td>.
    auto d = html::Document::parse(
        repeat("<p>para<ul><li>one<li>two</ul><table><tr><td>a<td>b<tr><td>c</table>", 20000));
    EXPECT_TRUE(d.ok()) << d.error().message;
}

TEST(HostileInput, TagsWithThousandsOfAttributesAreRefused) {
    std::string tag = "<p";
    for (int i = 0; i < 200000; ++i) {
        tag += " a" + std::to_string(i);
    }
    tag += ">";
    auto doc = html::Document::parse(tag);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message, "html: a <p> tag has 200000 attributes, more than 1024");
    auto many =
        html::Document::parse(repeat("<p a b c d e f g h i j k l m n o p q r s t u v w x "
                                     "y z aa bb cc dd ee ff gg hh ii jj>",
                                     2000));
    EXPECT_TRUE(many.ok());
    std::string wide = "<p";
    for (int i = 0; i < 1000; ++i) {
        wide += " a" + std::to_string(i);
    }
    wide += ">";
    auto work = html::Document::parse(repeat(wide, 100));
    ASSERT_FALSE(work.ok());
    EXPECT_EQ(work.error().message,
              "html: too many attributes for the parser (tags with hundreds of attributes)");
}

TEST(HostileInput, FramesetDocumentsAreRefused) {
    auto doc = html::Document::parse(repeat("<div>", 100) + "<frameset>");
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message, "html: <frameset> documents are not supported");
}

TEST(HostileInput, TheParserMemoryCapAbandonsTheParse) {
    html::DocumentLimits limits;
    limits.max_memory = 1u << 20;
    auto doc = html::Document::parse(repeat("<p class=x>paragraph text</p>", 100000), limits);
    ASSERT_FALSE(doc.ok());
    EXPECT_EQ(doc.error().message, "html: the document needs more than 1 MiB to parse");
    auto fine = html::Document::parse(repeat("<p class=x>paragraph text</p>", 100000));
    ASSERT_TRUE(fine.ok()) << fine.error().message;
    EXPECT_GT(fine.value()->memory_used(), 1u << 20);
}

TEST(HostileInput, UnterminatedMarkupIsReadOnce) {
    EXPECT_EQ(html::to_text("a<!--" + repeat("x", 5u << 20)), "a");
    EXPECT_EQ(html::to_text("a<script>" + repeat("<", 5u << 20)), "a");
    EXPECT_EQ(html::to_text("a<p title='" + repeat("x", 5u << 20)), "a");
    EXPECT_EQ(html::to_text(repeat("<", 5u << 20)).size(), 5u << 20);
    EXPECT_EQ(html::to_text(repeat("</", 1u << 20)), "");
    EXPECT_EQ(html::unescape(repeat("&", 5u << 20)).size(), 5u << 20);
    EXPECT_EQ(html::unescape(repeat("&#9999999999999999", 100000)), repeat("\xEF\xBF\xBD", 100000));
}

TEST(HostileInput, InvalidUtf8NeverReachesLuaFromHtml) {
    LuaTestState lua;
    lua.set_string("page", "<p class='\xff\xfe'>a\xc3</p><x\xff>y</x\xff>");
    EXPECT_EQ(lua.eval("return utf8.len(html.to_text(page)) ~= nil"), "true");
    EXPECT_EQ(lua.eval("return utf8.len(html.strip(page)) ~= nil"), "true");
    EXPECT_EQ(lua.eval("local ok = true for _, e in ipairs(html.select(page, '*')) do "
                       "ok = ok and utf8.len(e.tag) and utf8.len(e.text) and "
                       "(e.html == nil or utf8.len(e.html)) "
                       "for k, v in pairs(e.attrs) do ok = ok and utf8.len(k) and utf8.len(v) end "
                       "end return ok ~= nil and ok ~= false"),
              "true");
}

TEST(HostileInput, SelectOnAHugeStringDocumentStaysBounded) {
    LuaTestState lua;
    lua.set_string("page", repeat("<p>x</p>", 20000));
    EXPECT_EQ(lua.eval_all("return html.select(page, 'p')"),
              "nil | html.select: more than 10000 matches");
    lua.set_string("deep", repeat("<div>", 1000000));
    EXPECT_EQ(lua.eval_all("return html.select(deep, 'div')"),
              "nil | html: markup nested deeper than 512 levels");
    lua.set_string("nested", repeat("<div>", 500) + repeat("x ", 10000));
    // every one of the 500 matches walks the text below it: a bounded amount each
    EXPECT_EQ(lua.eval("local r = html.select(nested, 'div') return #r"), "500");
}

// Runs `work` on a thread with a `stack_bytes` stack (plugins may run on small ones).
void run_on_small_stack(std::size_t stack_bytes, const std::function<void()>& work) {
    pthread_attr_t attr;
    ASSERT_EQ(pthread_attr_init(&attr), 0);
    ASSERT_EQ(pthread_attr_setstacksize(&attr, stack_bytes), 0);
    pthread_t thread;
    auto trampoline = [](void* arg) -> void* {
        (*static_cast<const std::function<void()>*>(arg))();
        return nullptr;
    };
    ASSERT_EQ(pthread_create(&thread, &attr, trampoline, const_cast<std::function<void()>*>(&work)),
              0);
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
}

TEST(HostileInput, DeepInputsRunOnASmallThreadStack) {
#if defined(__SANITIZE_ADDRESS__)
    const std::size_t stack = 1u << 20;  // AddressSanitizer's frames are several times larger
#else
    const std::size_t stack = 256u << 10;
#endif
    std::string result;
    run_on_small_stack(stack, [&] {
        LuaTestState lua;
        lua.set_string("deep_json", repeat("[", 256) + repeat("]", 256));
        lua.set_string("deep_xml", repeat("<a>", 256) + "x" + repeat("</a>", 256));
        lua.set_string("deep_html", repeat("<div>", 500) + "x");
        lua.set_string("deeper_html", repeat("<div><span>", 500000));
        result = lua.eval_all(
            "local j = json.decode(deep_json) "
            "local e = json.encode(j) "
            "local x = xml.text(xml.parse(deep_xml)) "
            "local d = html.parse(deep_html) "
            "local s = html.select(d, 'div div div') "
            "local t = html.to_text(deeper_html) "
            "local _, refused = html.parse(deeper_html) "
            "return #e, x, #s, s[1].text, #t, refused");
    });
    EXPECT_EQ(result, "512 | x | 498 | x | 0 | html: markup nested deeper than 512 levels");
}

TEST(HostileInput, RandomBytesDoNotCrashAnyParser) {
    LuaTestState lua;
    std::string noise;
    unsigned state = 12345;
    for (int i = 0; i < 200000; ++i) {
        state = state * 1103515245u + 12345u;
        noise += static_cast<char>("<>/&;#x!-=\"' abp[]{}:,\xff\xc3\0"[(state >> 16) % 25]);
    }
    lua.set_string("noise", noise);
    EXPECT_EQ(lua.eval("json.decode(noise) xml.parse(noise) feed.parse(noise) "
                       "html.to_text(noise) html.strip(noise) html.unescape(noise) "
                       "html.json_ld(noise) html.select(noise, 'p') time.parse(noise:sub(1, 200)) "
                       "money.parse(noise:sub(1, 500)) url.parse(noise:sub(1, 1000)) "
                       "return 'survived'"),
              "survived");
}

}  // namespace
}  // namespace gigscout
