// feed.parse on feeds written for the tests and on real platform feeds.
#include <gtest/gtest.h>

#include <string>

#include "lua_test_state.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

// A shallow copy, so a test can drop fields from an item without changing `f`.
const char* const kCopy =
    "function copy(t) local c = {} for k, v in pairs(t) do c[k] = v end "
    "return c end";

void load_data(LuaTestState& lua, const std::string& name) {
    lua.set_string("body",
                   testing::read_file(testing::tests_dir() / "plugin_host/modules/data" / name));
    ASSERT_EQ(lua.eval("f, err = feed.parse(body) return err"), "nil");
    lua.run(kCopy);
}

bool load_fixture(LuaTestState& lua, const std::string& relative) {
    auto path = testing::shared_fixture(relative);
    if (!path) {
        return false;
    }
    lua.set_string("body", testing::read_file(*path));
    EXPECT_EQ(lua.eval("f, err = feed.parse(body) return err"), "nil");
    lua.run(kCopy);
    return true;
}

TEST(FeedModule, ReadsRss2ItemsWithModulesAndExtras) {
    LuaTestState lua;
    load_data(lua, "rss2.xml");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, f.link, f.description, #f.items"),
              "rss | Example Jobs & Gigs | https://jobs.example.com/ | Computer vision jobs | 2");
    EXPECT_EQ(lua.eval("local i = copy(f.items[1]) i.description = nil i.content = nil return i"),
              "{author=Ada Lovelace,categories={C++,Computer Vision},content_type=html,"
              "description_type=html,extra={enclosure=https://"
              "jobs.example.com/1.pdf,job:budget=$40-$60/hr},guid=job-1,link=https://"
              "jobs.example.com/1,published=1721364110,published_raw=Fri, 19 Jul 2024 04:41:50 "
              "+0000,title=Senior C++ Engineer (OpenCV) — Remote,title_type=text}");
    EXPECT_EQ(lua.eval("return f.items[1].description"),
              "<p>Build <b>real-time</b> tracking.</p><ul><li>C++17</li><li>CUDA</li></ul>");
    EXPECT_EQ(lua.eval("return f.items[1].content"), "<p>Full text &amp; more</p>");
}

TEST(FeedModule, KeepsUnparsableDatesRawAndReadsUndeclaredEntities) {
    LuaTestState lua;
    load_data(lua, "rss2.xml");
    EXPECT_EQ(lua.eval("return f.items[2]"),
              "{author=hr@example.com (Grace Hopper),categories={},extra={},link=https://"
              "jobs.example.com/2,published_raw=not a date,title=Non\u00A0breaking \u2014 "
              "entities undeclared,title_type=text}");
}

TEST(FeedModule, ReadsAtomEntries) {
    LuaTestState lua;
    load_data(lua, "atom.xml");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, f.link, f.description, #f.items"),
              "atom | Atom Jobs | https://atom.example.com/ | Jobs <b>daily</b> | 2");
    EXPECT_EQ(
        lua.eval("return f.items[1]"),
        "{author=Hedy Lamarr,categories={opencv,cuda},content=<div xmlns=\"http://"
        "www.w3.org/1999/xhtml\"><p>Detect <b>objects</b> &amp; track them.</p></div>,"
        "content_type=xhtml,description=Short "
        "summary,description_type=text,extra={media:thumbnail=https://atom.example.com/t.png},"
        "guid=tag:atom.example.com,2026:7,link=https://atom.example.com/jobs/7,"
        "published=1783578600,published_raw=2026-07-09T08:30:00+02:00,title=Vision "
        "<i>Engineer</i>,title_type=html,updated=1783663607,updated_raw=2026-07-10T06:06:47Z}");
    EXPECT_EQ(lua.eval_all("return f.items[2].link, f.items[2].content, f.items[2].published"),
              "https://atom.example.com/jobs/8 | <p>HTML content</p> | nil");
}

TEST(FeedModule, ReadsRss1RdfInLatin1) {
    LuaTestState lua;
    load_data(lua, "rdf.xml");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, #f.items"), "rdf | RDF Jobs | 1");
    EXPECT_EQ(lua.eval("return f.items[1]"),
              "{author=Alan Turing,categories={Robotics},description=Latin-1 text: naïve,"
              "description_type=html,extra={},"
              "guid=https://rdf.example.com/a,link=https://rdf.example.com/a,published=1721364110,"
              "published_raw=2024-07-19T04:41:50Z,title=Café engineer,title_type=text}");
}

TEST(FeedModule, ReadsRss091WithItsDoctypeWithoutFetchingIt) {
    LuaTestState lua;
    load_data(lua, "rss091.xml");
    EXPECT_EQ(lua.eval_all("return f.title, f.items[1].title"),
              "Old\u00A0Feed | Legacy © item &unknownthing;");
}

TEST(FeedModule, RefusesDocumentsThatAreNotFeeds) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("return feed.parse('<html><body/></html>')"),
              "nil | feed: the root element is <html>, not <rss>, <feed> (Atom) or <rdf:RDF>");
    EXPECT_EQ(lua.eval_all("return feed.parse('{\"json\": true}')"),
              "nil | feed: xml: line 1, column 1: not well-formed (invalid token)");
}

// Issue 20: feeds read to the letter of RSS, RDF and Atom. Each feed below is written for the
// test, small enough to read beside its expectations.

// `feed.parse(text, base)` on `xml`, with the first item shown field by field.
std::string parse_with(LuaTestState& lua, const std::string& xml, const std::string& base = "") {
    lua.set_string("body", xml);
    lua.set_string("base", base);
    return lua.eval(
        "local err f, err = feed.parse(body, base ~= '' and base or nil) "
        "return f and 'ok' or err");
}

TEST(FeedXmlBase, ResolvesAtomLinksAgainstFeedEntryAndElementBases) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<feed xmlns="http://www.w3.org/2005/Atom"
        xml:base="https://jobs.example.org/board/">
      <link href="./"/>
      <entry><title>a</title><link href="job/42"/></entry>
      <entry xml:base="remote/"><title>b</title><link href="job/43"/></entry>
      <entry xml:base="https://other.example.net/x/"><title>c</title>
        <link xml:base="/y/" href="job/44"/></entry>
      <entry><title>d</title><link href="https://abs.example.com/45"/></entry>
    </feed>)",
                         "https://example.com/feed.atom"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.link, f.items[1].link, f.items[2].link, f.items[3].link, "
                           "f.items[4].link"),
              "https://jobs.example.org/board/ | https://jobs.example.org/board/job/42 | "
              "https://jobs.example.org/board/remote/job/43 | https://other.example.net/y/job/44 | "
              "https://abs.example.com/45");
}

TEST(FeedXmlBase, ResolvesARelativeBaseAgainstTheDocumentAddress) {
    LuaTestState lua;
    const std::string atom = R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="/board/">
      <entry><title>a</title><link href="job/42"/></entry></feed>)";
    ASSERT_EQ(parse_with(lua, atom, "https://example.com/feeds/all.atom"), "ok");
    EXPECT_EQ(lua.eval("return f.items[1].link"), "https://example.com/board/job/42");
    // Without the address a relative base cannot be applied: the link stays as written.
    ASSERT_EQ(parse_with(lua, atom), "ok");
    EXPECT_EQ(lua.eval("return f.items[1].link"), "job/42");
    EXPECT_EQ(parse_with(lua, atom, "/feeds/all.atom"),
              "feed: the document address \"/feeds/all.atom\" is not an absolute URL");
}

TEST(FeedXmlBase, ResolvesRssLinksAgainstChannelAndItemBases) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<rss version="2.0"><channel xml:base="https://jobs.example.org/">
      <title>t</title><link>/</link>
      <item><title>a</title><link>jobs/1</link></item>
      <item xml:base="/eu/"><title>b</title><link>jobs/2</link></item>
      <item><title>c</title><link>https://abs.example.com/3</link></item>
    </channel></rss>)",
                         "https://example.com/rss"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.link, f.items[1].link, f.items[2].link, f.items[3].link"),
              "https://jobs.example.org/ | https://jobs.example.org/jobs/1 | "
              "https://jobs.example.org/eu/jobs/2 | https://abs.example.com/3");
    // No xml:base: relative to the document's address.
    ASSERT_EQ(parse_with(lua, R"(<rss><channel><item><title>a</title><link>jobs/1</link>
      </item></channel></rss>)",
                         "https://example.com/feeds/rss"),
              "ok");
    EXPECT_EQ(lua.eval("return f.items[1].link"), "https://example.com/feeds/jobs/1");
}

TEST(FeedNamespaces, ReadsRss1ElementsUnderAnyPrefix) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<r:RDF xmlns:r="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
        xmlns:rss="http://purl.org/rss/1.0/" xmlns:d="http://purl.org/dc/elements/1.1/"
        xmlns:c="http://purl.org/rss/1.0/modules/content/">
      <rss:channel r:about="https://rdf.example.com/"><rss:title>Prefixed</rss:title>
        <rss:link>https://rdf.example.com/</rss:link></rss:channel>
      <rss:item r:about="https://rdf.example.com/a">
        <rss:title>Vision engineer</rss:title><rss:link>https://rdf.example.com/a</rss:link>
        <rss:description>Text</rss:description><c:encoded>&lt;p&gt;Full&lt;/p&gt;</c:encoded>
        <d:date>2024-07-19T04:41:50Z</d:date><d:creator>Ada</d:creator><d:subject>CV</d:subject>
      </rss:item>
    </r:RDF>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, f.link, #f.items"),
              "rdf | Prefixed | https://rdf.example.com/ | 1");
    EXPECT_EQ(lua.eval("return f.items[1]"),
              "{author=Ada,categories={CV},content=<p>Full</p>,content_type=html,description="
              "Text,description_type=html,extra={},guid=https://rdf.example.com/a,link=https://"
              "rdf.example.com/a,published=1721364110,published_raw=2024-07-19T04:41:50Z,title="
              "Vision engineer,title_type=text}");
}

TEST(FeedNamespaces, ReadsAtomUnderAnyPrefixAndIgnoresLookalikesInOtherNamespaces) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<a:feed xmlns:a="http://www.w3.org/2005/Atom"
        xmlns:m="http://search.yahoo.com/mrss/">
      <a:title>Prefixed Atom</a:title>
      <a:entry><m:title>Not the title</m:title><a:title>Real title</a:title>
        <a:link href="https://atom.example.com/1"/><a:id>urn:1</a:id>
        <a:author><a:name>Grace</a:name></a:author>
        <a:updated>2025-11-20T09:00:00Z</a:updated></a:entry>
    </a:feed>)"),
              "ok");
    EXPECT_EQ(lua.eval("return f.items[1]"),
              "{author=Grace,categories={},extra={m:title=Not the title},guid=urn:1,link=https://"
              "atom.example.com/1,title=Real title,title_type=text,updated=1763629200,updated_raw="
              "2025-11-20T09:00:00Z}");
    // RSS 2.0 with Atom elements under a prefix other than "atom" (.NET writes a10:)
    ASSERT_EQ(parse_with(lua, R"(<rss version="2.0" xmlns:a10="http://www.w3.org/2005/Atom">
      <channel><item><title>t</title><a10:link href="https://rss.example.com/1"/>
        <a10:updated>2025-11-20T09:00:00Z</a10:updated></item></channel></rss>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.items[1].link, f.items[1].updated"),
              "https://rss.example.com/1 | 1763629200");
}

TEST(FeedDates, ReadsUpdatedAndDublinCoreDatesWithTheirPrecedence) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
        xmlns:dcterms="http://purl.org/dc/terms/"><channel>
      <item><title>modified only</title><dcterms:modified>2025-11-20T09:00:00Z</dcterms:modified></item>
      <item><title>issued only</title><dcterms:issued>2025-11-19T08:00:00Z</dcterms:issued></item>
      <item><title>bad pubDate</title><pubDate>not a date</pubDate>
        <dc:date>2025-11-18T07:00:00Z</dc:date></item>
      <item><title>pubDate first</title><dc:date>2025-11-18T07:00:00Z</dc:date>
        <pubDate>Wed, 19 Nov 2025 08:00:00 GMT</pubDate></item>
      <item><title>none parse</title><pubDate>soon</pubDate><dc:date>later</dc:date></item>
    </channel></rss>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.published, i.updated, i.updated_raw, "
                           "i.extra['dcterms:modified']"),
              "nil | 1763629200 | 2025-11-20T09:00:00Z | 2025-11-20T09:00:00Z");
    EXPECT_EQ(lua.eval_all("local i = f.items[2] return i.published, i.published_raw"),
              "1763539200 | 2025-11-19T08:00:00Z");
    EXPECT_EQ(lua.eval_all("local i = f.items[3] return i.published, i.published_raw"),
              "1763449200 | 2025-11-18T07:00:00Z");
    EXPECT_EQ(lua.eval_all("local i = f.items[4] return i.published, i.published_raw"),
              "1763539200 | Wed, 19 Nov 2025 08:00:00 GMT");
    EXPECT_EQ(lua.eval_all("local i = f.items[5] return i.published, i.published_raw"),
              "nil | soon");
}

TEST(FeedDates, ReadsAtomUpdatedAloneAndAtom03Dates) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<feed xmlns="http://www.w3.org/2005/Atom"
        xmlns:dcterms="http://purl.org/dc/terms/">
      <entry><title>a</title><updated>2025-11-20T09:00:00Z</updated></entry>
      <entry><title>b</title><dcterms:issued>2025-11-19T08:00:00Z</dcterms:issued></entry>
    </feed>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.items[1].published, f.items[1].updated"), "nil | 1763629200");
    EXPECT_EQ(lua.eval_all("return f.items[2].published, f.items[2].extra['dcterms:issued']"),
              "1763539200 | 2025-11-19T08:00:00Z");
    ASSERT_EQ(parse_with(lua, R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
      <entry><title>a</title><issued>2004-01-02T10:00:00Z</issued>
        <modified>2004-01-03T10:00:00Z</modified><created>2004-01-01T10:00:00Z</created></entry>
    </feed>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.published, i.updated, "
                           "i.extra.created"),
              "1073037600 | 1073124000 | 2004-01-01T10:00:00Z");
}

TEST(FeedText, ReportsEachTextConstructsType) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<feed xmlns="http://www.w3.org/2005/Atom">
      <title type="html">Jobs &amp;amp; Gigs</title>
      <entry><title type="text">C++ &lt;Senior&gt; Engineer</title>
        <summary type="html">&lt;b&gt;bold&lt;/b&gt;</summary></entry>
      <entry><title type="html">C++ &amp;lt;Senior&amp;gt; Engineer</title>
        <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>x</p></div></content></entry>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">A <b>B</b></div></title></entry>
      <entry><title>  Plain   title  </title></entry>
    </feed>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.title, f.title_type"), "Jobs &amp; Gigs | html");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.title, i.title_type, i.description, "
                           "i.description_type"),
              "C++ <Senior> Engineer | text | <b>bold</b> | html");
    EXPECT_EQ(lua.eval_all("local i = f.items[2] return i.title, i.title_type, "
                           "html.to_text(i.title), i.content_type"),
              "C++ &lt;Senior&gt; Engineer | html | C++ <Senior> Engineer | xhtml");
    EXPECT_EQ(lua.eval_all("local i = f.items[3] return i.title_type, html.to_text(i.title)"),
              "xhtml | A B");
    EXPECT_EQ(lua.eval_all("local i = f.items[4] return i.title, i.title_type"),
              "Plain   title | text");
}

TEST(FeedText, TakesAnRssTitleAsHtmlOnlyWhenItLooksLikeHtml) {
    LuaTestState lua;
    ASSERT_EQ(parse_with(lua, R"(<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel><title>Board</title>
      <item><title>C++ &lt;Senior&gt; Engineer</title><description>d</description></item>
      <item><title>R&amp;amp;D Lead</title></item>
      <item><title><![CDATA[Lead <b>Vision</b> Engineer]]></title></item>
      <item><title>It&amp;#39;s a job</title></item>
      <item><title>AT&amp;T &lt; 5 people</title></item>
      <item><dc:title>Only a dc:title</dc:title><link>https://x.example/1</link></item>
    </channel></rss>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("return f.title_type, f.items[1].title, f.items[1].title_type, "
                           "f.items[1].description_type"),
              "text | C++ <Senior> Engineer | text | html");
    EXPECT_EQ(lua.eval_all("return f.items[2].title_type, html.to_text(f.items[2].title)"),
              "html | R&D Lead");
    EXPECT_EQ(lua.eval_all("return f.items[3].title_type, html.to_text(f.items[3].title)"),
              "html | Lead Vision Engineer");
    EXPECT_EQ(lua.eval_all("return f.items[4].title_type, html.to_text(f.items[4].title)"),
              "html | It's a job");
    EXPECT_EQ(lua.eval_all("return f.items[5].title, f.items[5].title_type"),
              "AT&T < 5 people | text");
    EXPECT_EQ(lua.eval_all("return f.items[6].title, f.items[6].title_type"),
              "Only a dc:title | text");
}

TEST(FeedText, DecodesAtom03Base64AndEscapedModesAndKeepsXhtmlMarkup) {
    LuaTestState lua;
    // "Robotics <b>Lead</b>" and "Plain base64 title" in base64
    ASSERT_EQ(parse_with(lua, R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
      <entry><title type="text/html" mode="base64">Um9ib3RpY3MgPGI+TGVhZDwvYj4=</title></entry>
      <entry><title mode="base64">UGxhaW4gYmFzZTY0
        IHRpdGxl</title></entry>
      <entry><title type="text/html" mode="escaped">A &amp;amp; B</title></entry>
      <entry><title type="application/xhtml+xml" mode="xml"><div
        xmlns="http://www.w3.org/1999/xhtml">Data <script>alert(1)</script>Engineer</div></title></entry>
      <entry><title mode="base64">not*base64</title></entry>
    </feed>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.title, i.title_type"),
              "Robotics <b>Lead</b> | html");
    EXPECT_EQ(lua.eval_all("local i = f.items[2] return i.title, i.title_type"),
              "Plain base64 title | text");
    EXPECT_EQ(lua.eval_all("local i = f.items[3] return html.to_text(i.title), i.title_type"),
              "A & B | html");
    EXPECT_EQ(lua.eval_all("local i = f.items[4] return text.collapse(html.to_text(i.title)), "
                           "i.title_type"),
              "Data Engineer | xhtml");
    EXPECT_EQ(lua.eval("return f.items[5].title"), "nil");
    // Atom 1.0: a MIME type that is neither text nor XML means base64; binary is dropped.
    ASSERT_EQ(parse_with(lua, R"(<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title type="application/octet-stream">
        RXhhbXBsZSA8Yj5BdG9tPC9iPg==
      </title><content type="image/png">iVBORw0KGgo=</content></entry>
    </feed>)"),
              "ok");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.title, i.title_type, i.content"),
              "Example <b>Atom</b> | text | nil");
}

TEST(FeedSecurity, StillRefusesEntityDeclarations) {
    LuaTestState lua;
    EXPECT_EQ(parse_with(lua, R"(<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<rss version="2.0"><channel><item><title>&b;</title></item></channel></rss>)",
                         "https://example.com/rss"),
              "feed: xml: a DOCTYPE with an internal subset (entity declarations) is refused");
}

TEST(FeedFixtures, UpworkJavaRss) {
    LuaTestState lua;
    if (!load_fixture(lua, "upwork/upwork-rss-2024-07-java.xml")) {
        GTEST_SKIP() << "shared fixture upwork/upwork-rss-2024-07-java.xml not found";
    }
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, #f.items"),
              "rss | All Java - Payment verified jobs | upwork.com | 30");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.title, i.link, i.guid, i.published"),
              "Java/Kotlin Expert Needed - Upwork | "
              "https://www.upwork.com/jobs/Java-Kotlin-Expert-Needed_%7E018036c463e1d2651e?"
              "source=rss | https://www.upwork.com/jobs/Java-Kotlin-Expert-Needed_"
              "%7E018036c463e1d2651e?source=rss | 1721364094");
    EXPECT_EQ(lua.eval_all("local i = f.items[30] return i.title, i.published"),
              "Setup and development of AI empowered skills management MVP - Upwork | 1721313188");
    // The Upwork description carries the budget and the posting time as HTML.
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "local line = t:match('Hourly Range: [^\\n]*') return line"),
              "Hourly Range: $30.00-$54.00");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return money.parse(t:match('Hourly Range: [^\\n]*'))"),
              "{currency=USD,kind=hourly,max=54,min=30,period=hour}");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return time.parse(t:match('Posted On: ([^\\n]*)'))"),
              "1721364060");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return t:match('Skills:([^\\n]*)')"),
              "Java, Kotlin, Android, Android App Development, Smartphone");
    EXPECT_EQ(lua.eval("return f.items[1].content == f.items[1].description"), "true");
}

TEST(FeedFixtures, UpworkJavaFxRss) {
    LuaTestState lua;
    if (!load_fixture(lua, "upwork/upwork-rss-2024-07-javafx.xml")) {
        GTEST_SKIP() << "shared fixture upwork/upwork-rss-2024-07-javafx.xml not found";
    }
    EXPECT_EQ(lua.eval_all("return #f.items, f.items[1].title, f.items[1].published"),
              "10 | ✅ Master Wordsmith Needed: Craft Mind-Bending Tales of Universal Wonders - "
              "Upwork | 1721133540");
    // &#039; and &bull; inside the CDATA HTML are for html.to_text to decode
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return t:match(\"We're seeking[^,]*\")"),
              "We're seeking a master storyteller to join our journey into the unknown on a "
              "long-term basis. If you can transform complex concepts into captivating "
              "narratives that leave people spellbound");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return t:match('• A wordsmith[^\\n]*')"),
              "• A wordsmith with a passion for the fundamental questions of reality");
}

TEST(FeedFixtures, WeWorkRemotely2022) {
    LuaTestState lua;
    if (!load_fixture(lua, "weworkremotely/wwr-2022-11-remote-programming-jobs.rss")) {
        GTEST_SKIP() << "shared fixture weworkremotely/wwr-2022-11-... not found";
    }
    EXPECT_EQ(lua.eval_all("return #f.items, f.link"),
              "25 | https://weworkremotely.com/categories/remote-programming-jobs.rss");
    EXPECT_EQ(lua.eval("local i = copy(f.items[1]) i.description = nil return i"),
              "{categories={Full-Stack "
              "Programming},description_type=html,extra={media:content=https://wwr-pro.s3."
              "amazonaws.com/logos/0081/8163/logo.gif,region=USA Only},guid=https://"
              "weworkremotely.com/remote-jobs/madeo-web-developer-drupal-or-wordpress,link="
              "https://weworkremotely.com/remote-jobs/madeo-web-developer-drupal-or-wordpress,"
              "published=1665684618,published_raw=Thu, 13 Oct 2022 18:10:18 +0000,title=Madeo: "
              "Web Developer (Drupal or Wordpress),title_type=text}");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) return t:sub(1, 81)"),
              "Headquarters: Brooklyn, NY\nURL: https://madeostudio.com/\n\nWeb Developer\nFull "
              "Time");
}

TEST(FeedFixtures, WeWorkRemotely2026WithNewerItemElements) {
    LuaTestState lua;
    if (!load_fixture(lua, "weworkremotely/wwr-2026-07-remote-jobs.rss")) {
        GTEST_SKIP() << "shared fixture weworkremotely/wwr-2026-07-remote-jobs.rss not found";
    }
    EXPECT_EQ(lua.eval("return #f.items"), "4");
    EXPECT_EQ(lua.eval("return f.items[1].extra"),
              "{expires_at=Sun, 09 Aug 2026 22:45:30 +0000,media:content=https://wwr-pro.s3."
              "amazonaws.com/logos/0171/5783/logo.gif,region=Anywhere in the World,state=London,"
              "type=Contract}");
    EXPECT_EQ(lua.eval_all("local i = f.items[1] return i.title, i.published, i.categories[1]"),
              "Mathmo: Maths Coach | 1783723530 | All Other Remote");
    EXPECT_EQ(lua.eval("local t = html.to_text(f.items[1].description) "
                       "return money.parse(t:match('£75 per hour'))"),
              "{currency=GBP,kind=hourly,max=75,min=75,period=hour}");
}

}  // namespace
}  // namespace gigscout
