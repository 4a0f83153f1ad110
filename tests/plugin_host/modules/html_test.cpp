// html.*: text, references, stripping, gumbo documents, selectors and JSON-LD.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "lua_test_state.h"
#include "plugin_host/modules/css_selector.h"
#include "plugin_host/modules/html_document.h"
#include "plugin_host/modules/html_text.h"
#include "plugin_host/modules/text_ops.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

TEST(HtmlText, ToTextBreaksBlocksAndCollapsesWhitespace) {
    EXPECT_EQ(html::to_text("<p>First   paragraph\n with <b>bold</b>.</p><p>Second</p>"),
              "First paragraph with bold.\n\nSecond");
    EXPECT_EQ(html::to_text("a<br>b<br/><br>c"), "a\nb\n\nc");
    EXPECT_EQ(html::to_text("<ul><li>C++</li><li>CUDA <i>11</i></li></ul>after"),
              "- C++\n- CUDA 11\n\nafter");
    EXPECT_EQ(html::to_text("<div>one</div><div>two</div>"), "one\ntwo");
    EXPECT_EQ(html::to_text("<h2>Title</h2>text"), "Title\n\ntext");
    EXPECT_EQ(html::to_text("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
              "a b\nc");
    EXPECT_EQ(html::to_text("<p>a</p>\n\n\n<p></p><p></p><p>b</p>"), "a\n\nb");
    EXPECT_EQ(html::to_text("<pre>  x\n    y</pre>z"), "x\n    y\n\nz");
}

// Text with inline tags only: to_text is the text without its tags, whitespace collapsed as
// text.collapse does, on every mix of words, ASCII and Unicode spaces.
TEST(HtmlText, ToTextCollapsesSpacesLikeTextCollapse) {
    const std::vector<std::string> pieces = {"word",         "é",
                                             "\xE2\x80\x99", " ",
                                             "  ",           "\t",
                                             "\n",           "\xC2\xA0",
                                             "\xE3\x80\x80", "<b>",
                                             "</b>",         "<span class=\"x\">",
                                             "</span>",      "<a href=\"y\">",
                                             "</a>",         "x y"};
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int round = 0; round < 20000; ++round) {
        std::string html, plain;
        for (std::uint64_t n = next() % 12; n > 0; --n) {
            const std::string& p = pieces[next() % pieces.size()];
            html += p;
            if (p[0] != '<') {
                plain += p;
            }
        }
        ASSERT_EQ(html::to_text(html), text::collapse(plain)) << html;
    }
}

TEST(HtmlText, ToTextDropsScriptsStylesCommentsAndHead) {
    EXPECT_EQ(html::to_text("<html><head><title>T</title><style>p{}</style></head><body>"
                            "<script>var x = '<p>no</p>';</script>Hi<!-- c --> there"
                            "<noscript>enable JS</noscript><svg><text>s</text></svg></body>"),
              "Hi there");
    EXPECT_EQ(html::to_text("<head><meta charset=utf-8><p>body starts</p>"), "body starts");
    EXPECT_EQ(html::to_text("<template><p>t</p></template>x"), "x");
}

TEST(HtmlText, ToTextKeepsObjectFallbackText) {
    // Issue 20: an <object>'s content is what a reader without the plugin sees.
    EXPECT_EQ(html::to_text("<p>Intro</p><object data=\"v.swf\"><param name=\"q\" value=\"1\">"
                            "Video: a day at the lab</object><iframe>frame</iframe>"),
              "Intro\n\nVideo: a day at the lab");
}

TEST(HtmlText, ToTextDecodesReferencesAndRepairsUtf8) {
    EXPECT_EQ(html::to_text("Fish &amp; chips &mdash; &#8364;5 &#x1F600; caf&eacute;&nbsp;ok"),
              "Fish & chips — €5 😀 café ok");
    EXPECT_EQ(html::to_text("bad \xff byte"), "bad \xEF\xBF\xBD byte");
}

TEST(HtmlText, UnescapeDecodesOneLevel) {
    EXPECT_EQ(html::unescape("&amp;quot;"), "&quot;");
    EXPECT_EQ(html::unescape("&lt;b&gt; &quot;x&quot; &#39;y&#039; &apos;"), "<b> \"x\" 'y' '");
    EXPECT_EQ(html::unescape("&#150; &#x80; &#0; &#xD800; &#1114112;"), "– € \uFFFD \uFFFD \uFFFD");
    EXPECT_EQ(html::unescape("&copy 2024 &amp x &notit; &unknown; & alone &#; &#x;"),
              "© 2024 & x ¬it; &unknown; & alone &#; &#x;");
    EXPECT_EQ(html::unescape("&hellip;&rsquo;&ldquo;&rdquo;&bull;&trade;"), "…’“”•™");
}

TEST(HtmlText, StripRemovesMarkupButKeepsReferences) {
    EXPECT_EQ(html::strip_tags("<p>a &amp; <b>b</b></p><script>x()</script><!-- c -->c"),
              "a &amp; bc");
    EXPECT_EQ(html::strip_tags("1 < 2 and <3"), "1 < 2 and <3");
    EXPECT_EQ(html::strip_tags("<a href='x>y'>link</a>"), "link");
}

TEST(HtmlModule, StringFunctionsAreExposed) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return html.to_text('<p>a</p><p>b &amp; c</p>')"), "a\n\nb & c");
    EXPECT_EQ(lua.eval("return html.unescape('&lt;p&gt;')"), "<p>");
    EXPECT_EQ(lua.eval("return html.strip('<i>x</i> &amp;')"), "x &amp;");
}

const char* const kPage = R"(<!DOCTYPE html>
<html><head><title>Jobs</title>
<script type="application/ld+json">
{"@context":"https://schema.org","@type":"JobPosting","title":"Vision Engineer",
 "datePosted":"2026-07-01","hiringOrganization":{"@type":"Organization","name":"Acme"},
 "baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"minValue":60000,"maxValue":80000}}}
</script>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Acme Jobs"},{"@type":["JobPosting","Thing"],"title":"Robotics Engineer"}]}</script>
<script type="application/ld+json">[{"@type":"Organization","name":"Acme"},{"@type":"http://schema.org/JobPosting","title":"SLAM Engineer"}]</script>
<script type="APPLICATION/LD+JSON; charset=utf-8">{"broken": </script>
<script>var notjson = 1;</script>
</head><body>
<div id="jobs" class="list main">
  <article class="job featured" data-id="7"><h2><a href="/jobs/7">Vision <em>Engineer</em></a></h2>
    <p class="meta">Berlin &middot; <span class="salary">€60k–80k</span></p>
    <ul class="tags"><li>OpenCV</li><li>C++</li></ul></article>
  <article class="job" data-id="8"><h2><a href="https://other.example/8">Robotics</a></h2>
    <p class="meta">Remote</p></article>
</div>
<div class="footer"><a href="/about">About</a></div>
</body></html>)";

TEST(HtmlModule, SelectSupportsTheSelectorSubset) {
    LuaTestState lua;
    lua.set_string("page", kPage);
    lua.run("doc = html.parse(page)");
    auto tags = [&](const std::string& selector) {
        lua.set_string("sel", selector);
        return lua.eval(
            "local r = {} for _, e in ipairs(html.select(doc, sel)) do "
            "r[#r + 1] = e.tag .. (e.attrs['data-id'] or e.attrs.href or '') end "
            "return table.concat(r, ' ')");
    };
    EXPECT_EQ(tags("article"), "article7 article8");
    EXPECT_EQ(tags(".job.featured"), "article7");
    EXPECT_EQ(tags("#jobs > article"), "article7 article8");
    EXPECT_EQ(tags("#jobs a"), "a/jobs/7 ahttps://other.example/8");
    EXPECT_EQ(tags("div > a"), "a/about");
    EXPECT_EQ(tags("[data-id]"), "article7 article8");
    EXPECT_EQ(tags("article[data-id=8]"), "article8");
    EXPECT_EQ(tags("a[href*='example']"), "ahttps://other.example/8");
    EXPECT_EQ(tags("a[href^=\"/\"]"), "a/jobs/7 a/about");
    EXPECT_EQ(tags("a[href$=8]"), "ahttps://other.example/8");
    EXPECT_EQ(tags("[class~=list]"), "div");
    EXPECT_EQ(tags("h2 a, .footer a"), "a/jobs/7 ahttps://other.example/8 a/about");
    EXPECT_EQ(tags("body > div > article > h2 > a"), "a/jobs/7 ahttps://other.example/8");
    EXPECT_EQ(tags("html article ul li"), "li li");
    EXPECT_EQ(tags("section"), "");
    EXPECT_EQ(tags("DIV#JOBS"), "");  // ids are case-sensitive, tags are not
    EXPECT_EQ(tags("DIV#jobs"), "div");
    EXPECT_EQ(tags("*[data-id='7'] *"), "h2 a/jobs/7 em p span ul li li");
}

TEST(HtmlModule, SelectGivesTagAttrsTextAndInnerHtml) {
    LuaTestState lua;
    lua.set_string("page", kPage);
    EXPECT_EQ(lua.eval("return html.select(page, '.job.featured h2')[1]"),
              "{attrs={},html=<a href=\"/jobs/7\">Vision <em>Engineer</em></a>,tag=h2,text=Vision "
              "Engineer}");
    EXPECT_EQ(lua.eval("return html.select(page, 'article')[1].text"),
              "Vision Engineer\n\nBerlin · €60k–80k\n\n- OpenCV\n- C++");
    EXPECT_EQ(lua.eval("return html.select(page, 'ul.tags')[1].attrs.class"), "tags");
}

TEST(HtmlModule, SelectRaisesOnBadSelectors) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return select(2, pcall(html.select, '<p>', 'div >'))"),
              "html.select: bad selector \"div >\": at offset 5: expected a selector after '>'");
    EXPECT_EQ(lua.eval("return select(2, pcall(html.select, '<p>', 'a:first-child'))"),
              "html.select: bad selector \"a:first-child\": at offset 1: pseudo-classes (':') "
              "are not supported");
    EXPECT_EQ(lua.eval("return select(2, pcall(html.select, '<p>', '[x=]'))"),
              "html.select: bad selector \"[x=]\": at offset 3: expected a value (quote values "
              "with spaces or punctuation)");
    EXPECT_EQ(lua.eval("return select(2, pcall(html.select, '<p>', ''))"),
              "html.select: bad selector \"\": at offset 0: expected a selector");
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return html.select(42, 'p') end))"),
              "test:1: bad argument #1 to 'select' (html document or string expected, got number)");
}

TEST(HtmlModule, DocumentHandlesAreLockedAndFreedByTheCollector) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return getmetatable(html.parse('<p>x</p>'))"), "html.document");
    EXPECT_EQ(lua.eval("return type(html.parse('<p>x</p>'))"), "userdata");
    EXPECT_EQ(lua.eval("for i = 1, 200 do html.parse(string.rep('<p>x</p>', 1000)) end "
                       "collectgarbage() return 'ok'"),
              "ok");
}

TEST(HtmlModule, JsonLdFlattensGraphsAndListsAndReportsBrokenBlocks) {
    LuaTestState lua;
    lua.set_string("page", kPage);
    EXPECT_EQ(lua.eval("local items = html.json_ld(page) local r = {} for _, i in ipairs(items) "
                       "do r[#r + 1] = (i.title or i.name) end return table.concat(r, ', ')"),
              "Vision Engineer, Acme Jobs, Robotics Engineer, Acme, SLAM Engineer");
    EXPECT_EQ(lua.eval("local _, errors = html.json_ld(page) return errors"),
              "{html.json_ld: script block 4: json: offset 11: Invalid value.}");
    EXPECT_EQ(lua.eval("return html.json_ld(page)[1].baseSalary.value"),
              "{maxValue=80000,minValue=60000}");
    // the same from a parsed document
    EXPECT_EQ(lua.eval("local items = html.json_ld(html.parse(page)) return #items"), "5");
}

TEST(HtmlModule, JobPostingsKeepsOnlyJobPostingTypes) {
    LuaTestState lua;
    lua.set_string("page", kPage);
    EXPECT_EQ(lua.eval("local r = {} for _, j in ipairs(html.job_postings(page)) do "
                       "r[#r + 1] = j.title end return table.concat(r, ', ')"),
              "Vision Engineer, Robotics Engineer, SLAM Engineer");
    EXPECT_EQ(lua.eval("return #html.job_postings(html.parse(page))"), "3");
    EXPECT_EQ(lua.eval("return #html.job_postings('<p>no scripts</p>')"), "0");
}

TEST(CssSelector, ParsesGroupsCompoundsAndCombinators) {
    auto s = html::parse_selector(" div.a#b[x][y='1'] > p  span , em ");
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_EQ(s.value().alternatives.size(), 2u);
    const auto& first = s.value().alternatives[0];
    ASSERT_EQ(first.compounds.size(), 3u);
    EXPECT_EQ(first.compounds[0].tag, "div");
    EXPECT_EQ(first.compounds[0].classes[0], "a");
    EXPECT_EQ(first.compounds[0].ids[0], "b");
    EXPECT_EQ(first.compounds[0].attributes[1].value, "1");
    EXPECT_EQ(std::string(first.combinators.begin(), first.combinators.end()), "> ");
    EXPECT_FALSE(html::parse_selector(std::string(2000, 'a')).ok());
}

}  // namespace
}  // namespace gigscout
