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
              "{author=Ada Lovelace,categories={C++,Computer Vision},extra={enclosure=https://"
              "jobs.example.com/1.pdf,job:budget=$40-$60/hr},guid=job-1,link=https://"
              "jobs.example.com/1,published=1721364110,published_raw=Fri, 19 Jul 2024 04:41:50 "
              "+0000,title=Senior C++ Engineer (OpenCV) — Remote}");
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
              "entities undeclared}");
}

TEST(FeedModule, ReadsAtomEntries) {
    LuaTestState lua;
    load_data(lua, "atom.xml");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, f.link, f.description, #f.items"),
              "atom | Atom Jobs | https://atom.example.com/ | Jobs <b>daily</b> | 2");
    EXPECT_EQ(lua.eval("return f.items[1]"),
              "{author=Hedy Lamarr,categories={opencv,cuda},content=<div xmlns=\"http://"
              "www.w3.org/1999/xhtml\"><p>Detect <b>objects</b> &amp; track them.</p></div>,"
              "description=Short summary,extra={media:thumbnail=https://atom.example.com/t.png},"
              "guid=tag:atom.example.com,2026:7,link=https://atom.example.com/jobs/7,"
              "published=1783578600,published_raw=2026-07-09T08:30:00+02:00,title=Vision "
              "<i>Engineer</i>,updated=1783663607,updated_raw=2026-07-10T06:06:47Z}");
    EXPECT_EQ(lua.eval_all("return f.items[2].link, f.items[2].content, f.items[2].published"),
              "https://atom.example.com/jobs/8 | <p>HTML content</p> | nil");
}

TEST(FeedModule, ReadsRss1RdfInLatin1) {
    LuaTestState lua;
    load_data(lua, "rdf.xml");
    EXPECT_EQ(lua.eval_all("return f.kind, f.title, #f.items"), "rdf | RDF Jobs | 1");
    EXPECT_EQ(lua.eval("return f.items[1]"),
              "{author=Alan Turing,categories={Robotics},description=Latin-1 text: naïve,extra={},"
              "guid=https://rdf.example.com/a,link=https://rdf.example.com/a,published=1721364110,"
              "published_raw=2024-07-19T04:41:50Z,title=Café engineer}");
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
              "{categories={Full-Stack Programming},extra={media:content=https://wwr-pro.s3."
              "amazonaws.com/logos/0081/8163/logo.gif,region=USA Only},guid=https://"
              "weworkremotely.com/remote-jobs/madeo-web-developer-drupal-or-wordpress,link="
              "https://weworkremotely.com/remote-jobs/madeo-web-developer-drupal-or-wordpress,"
              "published=1665684618,published_raw=Thu, 13 Oct 2022 18:10:18 +0000,title=Madeo: "
              "Web Developer (Drupal or Wordpress)}");
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
