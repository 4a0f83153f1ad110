// xml.* and xml_tree: shape, mixed content, encodings, and the attacks XML invites.
#include <gtest/gtest.h>

#include <string>

#include "lua_test_state.h"
#include "plugin_host/modules/xml_tree.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

std::string data_file(const std::string& name) {
    return testing::read_file(testing::tests_dir() / "plugin_host/modules/data" / name);
}

TEST(XmlModule, ParseGivesNameAttrsChildrenAndText) {
    LuaTestState lua;
    lua.set_string("doc", R"(<?xml version="1.0"?>
<root version="2"><item id="a"><dc:creator>Ada</dc:creator><content:encoded><![CDATA[<b>x</b>]]></content:encoded></item><empty/></root>)");
    EXPECT_EQ(lua.eval("local r = xml.parse(doc) return r.name, r.attrs.version, #r.children"),
              "root");
    EXPECT_EQ(lua.eval_all("local r = xml.parse(doc) return r.name, r.attrs.version, "
                           "#r.children, r.children[1].attrs.id"),
              "root | 2 | 2 | a");
    EXPECT_EQ(lua.eval("local r = xml.parse(doc) return r.children[1].children[1]"),
              "{attrs={},children={},name=dc:creator,text=Ada}");
    EXPECT_EQ(lua.eval("local r = xml.parse(doc) return xml.child(r.children[1], "
                       "'content:encoded').text"),
              "<b>x</b>");
    EXPECT_EQ(lua.eval("local r = xml.parse(doc) return r.children[2]"),
              "{attrs={},children={},name=empty,text=}");
}

TEST(XmlModule, MixedContentKeepsItsOrderThroughTail) {
    LuaTestState lua;
    lua.set_string("doc", "<p>Hello <b>bold <i>and</i> italic</b> world<br/>!</p>");
    EXPECT_EQ(lua.eval("return xml.text(xml.parse(doc))"), "Hello bold and italic world!");
    EXPECT_EQ(lua.eval("return xml.parse(doc).text"), "Hello  world!");
    EXPECT_EQ(lua.eval("return xml.parse(doc).children[1].tail"), " world");
    EXPECT_EQ(lua.eval("return xml.parse(doc).children[2].tail"), "!");
    EXPECT_EQ(lua.eval("return xml.parse(doc).children[1].children[1].tail"), " italic");
}

TEST(XmlModule, ChildAndChildrenFindByNameAsWritten) {
    LuaTestState lua;
    lua.set_string("doc", "<r><a n='1'/><b/><a n='2'/><x:a/></r>");
    EXPECT_EQ(lua.eval("return xml.child(xml.parse(doc), 'a').attrs.n"), "1");
    EXPECT_EQ(lua.eval("return xml.child(xml.parse(doc), 'zzz')"), "nil");
    EXPECT_EQ(lua.eval("local r = {} for _, c in ipairs(xml.children(xml.parse(doc), 'a')) do "
                       "r[#r + 1] = c.attrs.n end return table.concat(r, ',')"),
              "1,2");
    EXPECT_EQ(lua.eval("return #xml.children(xml.parse(doc))"), "4");
    EXPECT_EQ(lua.eval("return #xml.children(xml.parse(doc), 'x:a')"), "1");
}

TEST(XmlModule, TextToleratesTablesAPluginBuiltOrBroke) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return xml.text({text='ax', children={{text='b'}, 5, {tail='x'}}})"),
              "abx");
    // without tails (a table written by hand) the element's own text comes first
    EXPECT_EQ(lua.eval("return xml.text({text='a', children={{text='b'}, {text='c'}}})"), "abc");
    EXPECT_EQ(lua.eval_all("local e = {text='x'} e.children = {e} return xml.text(e)"),
              "nil | xml.text: elements nested deeper than 256 (or a cycle)");
    EXPECT_EQ(lua.eval_all("local e = {text='x'} for i = 1, 40 do e = {children={e, e}} end "
                           "return xml.text(e)"),
              "nil | xml.text: more than 1000000 elements or 16 MiB of text (are subtrees "
              "shared?)");
    EXPECT_EQ(lua.eval("return xml.text({})"), "");
}

TEST(XmlModule, ErrorsNameLineAndColumn) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("return xml.parse('<a>\\n<b></a>')"),
              "nil | xml: line 2, column 6: mismatched tag");
    EXPECT_EQ(lua.eval_all("return xml.parse('')"),
              "nil | xml: line 1, column 1: no element found");
    EXPECT_EQ(lua.eval_all("return xml.parse('<a>\\xff</a>')"),
              "nil | xml: line 1, column 4: not well-formed (invalid token)");
    EXPECT_EQ(lua.eval_all("return xml.parse('<a>\\xc0\\xaf</a>')"),  // overlong '/'
              "nil | xml: line 1, column 4: not well-formed (invalid token)");
}

TEST(XmlModule, RefusesBillionLaughsBeforeExpandingAnything) {
    LuaTestState lua;
    std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n";
    for (int i = 1; i <= 9; ++i) {
        bomb += " <!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) {
            bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
        }
        bomb += "\">\n";
    }
    bomb += "]>\n<lolz>&lol9;</lolz>";
    lua.set_string("bomb", bomb);
    EXPECT_EQ(lua.eval_all("return xml.parse(bomb)"),
              "nil | xml: a DOCTYPE with an internal subset (entity declarations) is refused");
}

TEST(XmlModule, NeverReadsExternalEntitiesOrDtds) {
    testing::TempDir dir;
    auto secret_file = dir.path() / "secret.txt";
    testing::write_file(secret_file, "TOP-SECRET-42");
    LuaTestState lua;
    lua.set_string("xxe", "<!DOCTYPE r [<!ENTITY x SYSTEM \"file://" + secret_file.string() +
                              "\">]><r>&x;</r>");
    EXPECT_EQ(lua.eval_all("return xml.parse(xxe)"),
              "nil | xml: a DOCTYPE with an internal subset (entity declarations) is refused");
    lua.set_string("param", "<!DOCTYPE r [<!ENTITY % p SYSTEM \"file://" + secret_file.string() +
                                "\"> %p;]><r/>");
    EXPECT_EQ(lua.eval_all("return xml.parse(param)"),
              "nil | xml: a DOCTYPE with an internal subset (entity declarations) is refused");
    // An external DTD alone is allowed, but never fetched: its entities stay unexpanded.
    lua.set_string("dtd", "<!DOCTYPE r SYSTEM \"file://" + secret_file.string() + "\"><r>&x;</r>");
    EXPECT_EQ(lua.eval("return xml.parse(dtd).text"), "&x;");
}

TEST(XmlModule, LimitsNestingDepth) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("local r = xml.parse(string.rep('<a>', 256) .. string.rep('</a>', 256)) "
                       "local d = 0 while r do d = d + 1 r = r.children[1] end return d"),
              "256");
    EXPECT_EQ(lua.eval_all("return xml.parse(string.rep('<a>', 257) .. string.rep('</a>', 257))"),
              "nil | xml: elements nested deeper than 256");
    EXPECT_EQ(lua.eval_all("return xml.parse(string.rep('<a>', 1000000))"),
              "nil | xml: elements nested deeper than 256");
}

TEST(XmlTree, LimitsTheElementCount) {
    std::string doc = "<r>";
    for (int i = 0; i < 20; ++i) {
        doc += "<i/>";
    }
    doc += "</r>";
    xml::Limits limits;
    limits.max_elements = 10;
    auto r = xml::parse(doc, limits);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "xml: more than 10 elements");
    EXPECT_TRUE(xml::parse(doc).ok());
}

TEST(XmlTree, ReadsOtherEncodingsAsUtf8) {
    auto cp1252 = xml::parse(data_file("cp1252.xml"));
    ASSERT_TRUE(cp1252.ok()) << cp1252.error().message;
    EXPECT_EQ(cp1252.value().text_of(0), "“Quoted” € price");
    auto latin1 = xml::parse(data_file("rdf.xml"));
    ASSERT_TRUE(latin1.ok()) << latin1.error().message;
    EXPECT_NE(latin1.value().text_of(0).find("Café engineer"), std::string::npos);
    auto utf16 = xml::parse(std::string("\xFF\xFE<\0a\0>\0\xE9\0<\0/\0a\0>\0", 18));
    ASSERT_TRUE(utf16.ok()) << utf16.error().message;
    EXPECT_EQ(utf16.value().root().text, "é");
}

TEST(XmlTree, ReadsUndeclaredHtmlEntitiesAsHtmlDoes) {
    auto doc = xml::parse("<r a='x&nbsp;y'>a&nbsp;b &mdash; <![CDATA[&nbsp;]]> &bogus; &amp;</r>");
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    EXPECT_EQ(doc.value().root().text, "a\u00A0b \u2014 &nbsp; &bogus; &");
    EXPECT_EQ(doc.value().root().attrs[0].second, "x\u00A0y");
    auto dtd = xml::parse(data_file("rss091.xml"));
    ASSERT_TRUE(dtd.ok()) << dtd.error().message;
    EXPECT_EQ(dtd.value().text_of(dtd.value().root().children[0]).find("Old\u00A0Feed") !=
                  std::string::npos,
              true);
}

TEST(XmlTree, InnerXmlWritesChildrenBack) {
    auto doc = xml::parse("<c><div a=\"1&amp;2\"><p>x &lt; y <b>z</b></p></div></c>");
    ASSERT_TRUE(doc.ok());
    EXPECT_EQ(doc.value().inner_xml(0), "<div a=\"1&amp;2\"><p>x &lt; y <b>z</b></p></div>");
}

}  // namespace
}  // namespace gigscout
