// json.*: decode/encode, json.null, limits, and JSONTestSuite conformance.
#include <gtest/gtest.h>
#include <lua.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "lua_test_state.h"
#include "support/test_support.h"

namespace gigscout {
namespace {

using testing::LuaTestState;

TEST(JsonModule, DecodesObjectsArraysAndScalars) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval(R"(return json.decode('{"a":1,"b":[true,false,"x"],"c":{"d":2.5}}'))"),
              "{a=1,b={true,false,x},c={d=2.5}}");
    lua.set_string("escaped", R"("caf\u00e9 \ud83d\ude00")");
    EXPECT_EQ(lua.eval("return json.decode(escaped)"), "café 😀");
    EXPECT_EQ(lua.eval("return json.decode(' 42 ')"), "42");
    EXPECT_EQ(lua.eval("return math.type(json.decode('42'))"), "integer");
    EXPECT_EQ(lua.eval("return math.type(json.decode('42.0'))"), "float");
    EXPECT_EQ(lua.eval("return json.decode('[]')"), "{}");
    lua.set_string("nul", R"("a\u0000b")");
    EXPECT_EQ(lua.eval("return #json.decode(nul)"), "3");
}

TEST(JsonModule, IntegersBeyondInt64BecomeFloats) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return json.decode('9223372036854775807')"), "9223372036854775807");
    EXPECT_EQ(lua.eval("return json.decode('-9223372036854775808')"), "-9223372036854775808");
    EXPECT_EQ(lua.eval("return math.type(json.decode('9223372036854775808'))"), "float");
    EXPECT_EQ(lua.eval("return json.decode('1e400') == nil"), "true");
}

// Found by the json fuzz target: RapidJSON 1.1.0's full-precision number reader turned a zero
// with an exponent beyond 22 into garbage ("0e040" -> -2.4e229), through an undefined clz(0).
TEST(JsonModule, AZeroWithALargeExponentIsZero) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return json.decode('0e040') == 0"), "true");
    EXPECT_EQ(lua.eval("return json.decode('[0E+41]')[1] == 0"), "true");
    EXPECT_EQ(lua.eval("return json.decode('0.000e300') == 0"), "true");
    EXPECT_EQ(lua.eval("return json.decode('123.45') == 123.45"), "true");
    EXPECT_EQ(lua.eval("return json.decode('0.1') == 0.1"), "true");
}

// Found by the listing fuzz target: a text whose last byte starts a multi-byte character made
// RapidJSON's UTF-8 check read past the end of the parser's copy (ASan: heap-buffer-overflow).
// Long enough that the copy lives on the heap with no spare capacity behind it.
TEST(JsonModule, ATextEndingInsideAMultiByteCharacterIsAnErrorNotAnOverread) {
    LuaTestState lua;
    lua.set_string("cut",
                   std::string(R"([{"id": "demo:4", "source": "decking.", "t": ":0)") + "\xE7");
    EXPECT_EQ(lua.eval("local v, err = json.decode(cut); return v == nil and "
                       "err:find('offset') ~= nil"),
              "true");
}

TEST(JsonModule, NullIsTheJsonNullSentinelSoSequencesKeepTheirLength) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("local t = json.decode('[1,null,3]'); return #t, t[2] == json.null"),
              "3 | true");
    EXPECT_EQ(lua.eval("return json.decode('{\"a\":null}').a == json.null"), "true");
    EXPECT_EQ(lua.eval("return type(json.null)"), "userdata");
    EXPECT_EQ(lua.eval("return getmetatable(json.null)"), "json.null");
    EXPECT_EQ(lua.eval("return select(2, pcall(function() return json.null.x end)) ~= nil"),
              "true");
    EXPECT_EQ(lua.eval("return json.encode({a=json.null, b={json.null}})"),
              "{\"a\":null,\"b\":[null]}");
}

TEST(JsonModule, DecodeErrorsNameTheOffsetAndTheProblem) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("return json.decode('[1, 2 3]')"),
              "nil | json: offset 6: Missing a comma or ']' after an array element.");
    EXPECT_EQ(lua.eval_all("return json.decode('')"),
              "nil | json: offset 0: The document is empty.");
    EXPECT_EQ(lua.eval_all("return json.decode('[NaN]')"), "nil | json: offset 1: Invalid value.");
    EXPECT_EQ(lua.eval_all("return json.decode('123\\0')"),
              "nil | json: offset 3: a raw NUL byte (control characters must be escaped)");
    EXPECT_EQ(lua.eval_all("return json.decode('[\"\\xff\"]')"),
              "nil | json: offset 2: Invalid encoding in string.");
    lua.set_string("lone", R"(["\udc00"])");
    EXPECT_EQ(lua.eval_all("return json.decode(lone)"),
              "nil | json: a string holds an unpaired UTF-16 surrogate escape (\\uD800-\\uDFFF)");
}

TEST(JsonModule, NestingIsLimitedTo256Levels) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("local t = json.decode(string.rep('[', 256) .. string.rep(']', 256)); "
                       "return type(t)"),
              "table");
    EXPECT_EQ(lua.eval_all("return json.decode(string.rep('[', 257) .. string.rep(']', 257))"),
              "nil | json: nesting deeper than 256");
    EXPECT_EQ(lua.eval_all("return json.decode(string.rep('{\"a\":', 300) .. '1' .. "
                           "string.rep('}', 300))"),
              "nil | json: nesting deeper than 256");
    // a million unclosed brackets: RapidJSON's iterative parser, no C recursion
    EXPECT_EQ(lua.eval_all("return json.decode(string.rep('[', 1000000))"),
              "nil | json: offset 1000000: Invalid value.");
}

TEST(JsonModule, EncodeWritesSortedObjectsArraysAndEscapes) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("return json.encode({b=1, a={1,2,3}, c='x\"y\\\\z\\n\\1', d=true})"),
              R"({"a":[1,2,3],"b":1,"c":"x\"y\\z\n\u0001","d":true})");
    EXPECT_EQ(lua.eval("return json.encode({})"), "{}");
    EXPECT_EQ(lua.eval("return json.encode(1.5)"), "1.5");
    EXPECT_EQ(lua.eval("return json.encode(0.1)"), "0.1");
    EXPECT_EQ(lua.eval("return json.encode(-7)"), "-7");
    EXPECT_EQ(lua.eval("return json.encode('é')"), "\"é\"");
    EXPECT_EQ(lua.eval("return json.encode(nil)"), "null");
    EXPECT_EQ(lua.eval("return json.encode({query='{ jobs }', variables={}})"),
              R"({"query":"{ jobs }","variables":{}})");
}

TEST(JsonModule, EncodeRoundTripsWhatDecodeProduces) {
    LuaTestState lua;
    const char* doc = R"({"a":[1,2.5,"x",null,true,{"b":[]}],"c":{"d":{"e":"f"}}})";
    lua.set_string("doc", doc);
    EXPECT_EQ(lua.eval("return json.encode(json.decode(doc))"),
              R"({"a":[1,2.5,"x",null,true,{"b":{}}],"c":{"d":{"e":"f"}}})");
}

TEST(JsonModule, EncodeRefusesWhatJsonCannotHoldWithAPath) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval_all("local t = {a={}}; t.a.b = t; return json.encode(t)"),
              "nil | json.encode: $.a.b: the table contains itself (a cycle)");
    EXPECT_EQ(lua.eval_all("return json.encode({1, 2, nil, 4})"),
              "nil | json.encode: $: table has a number key; only sequences (keys 1..n) and "
              "tables with string keys can be encoded");
    EXPECT_EQ(lua.eval_all("return json.encode({1, 2, name='mixed'})"),
              "nil | json.encode: $: table has a number key; only sequences (keys 1..n) and "
              "tables with string keys can be encoded");
    EXPECT_EQ(lua.eval_all("return json.encode({[1.5]='x'})"),
              "nil | json.encode: $: table has a number key; only sequences (keys 1..n) and "
              "tables with string keys can be encoded");
    EXPECT_EQ(lua.eval_all("return json.encode({x={[true]=1}})"),
              "nil | json.encode: $.x: table has a boolean key; only sequences (keys 1..n) and "
              "tables with string keys can be encoded");
    EXPECT_EQ(lua.eval_all("return json.encode({a={1, 0/0}})"),
              "nil | json.encode: $.a[1]: cannot encode NaN or infinity");
    EXPECT_EQ(lua.eval_all("return json.encode({f=print})"),
              "nil | json.encode: $.f: cannot encode a function");
    EXPECT_EQ(lua.eval_all("return json.encode({s='\\xff'})"),
              "nil | json.encode: $.s: string is not valid UTF-8");
    lua.run("deep = {} for i = 1, 300 do deep = {deep} end");
    EXPECT_EQ(lua.eval("local _, err = json.encode(deep) "
                       "return err:sub(1, 30) .. ' ... ' .. err:sub(-30)"),
              "json.encode: $[0][0][0][0][0][ ... 0][0]: nesting deeper than 256");
    EXPECT_EQ(lua.eval("local _, err = json.encode(deep) "
                       "return select(2, err:gsub('%[0%]', ''))"),
              "256");
}

TEST(JsonModule, EncodeStopsSharedSubtreesThatWouldExplode) {
    LuaTestState lua;
    // 2^60 nodes if written out: the output cap stops it after 16 MiB.
    EXPECT_EQ(lua.eval("local t = {'x'} for i = 1, 60 do t = {t, t} end "
                       "return select(2, json.encode(t)):match('output larger than 16 MiB')"),
              "output larger than 16 MiB");
}

TEST(JsonModule, MetamethodsOfArgumentTablesNeverRun) {
    LuaTestState lua;
    EXPECT_EQ(lua.eval("local t = setmetatable({a=1}, {__index=function() error('ran') end, "
                       "__pairs=function() error('ran') end, __len=function() error('ran') end}) "
                       "return json.encode(t)"),
              "{\"a\":1}");
}

TEST(JsonModule, DecodeUnderAMemoryCapFailsCleanly) {
    // Like the sandbox's allocator cap: the decode runs out of Lua memory part-way through
    // building tables; the error is Lua's, and the parsed C++ document is freed by the
    // collector (AddressSanitizer's leak check runs over this test).
    LuaTestState lua(2u << 20);
    std::string big = "[";
    for (int i = 0; i < 100000; ++i) {
        big += (i > 0 ? ",\"" : "\"") + std::to_string(i) + "\"";
    }
    big += "]";
    lua.set_string("big", big);
    EXPECT_EQ(lua.eval("local ok, err = pcall(json.decode, big) return ok, err"), "false");
    EXPECT_EQ(lua.eval_all("local ok, err = pcall(json.decode, big) return err"),
              "not enough memory");
}

TEST(JsonTestSuite, AcceptsEveryYRejectsEveryNAndSurvivesEveryI) {
    auto shared = testing::shared_dir();
    std::filesystem::path dir =
        shared ? *shared / "corpora/JSONTestSuite/test_parsing" : std::filesystem::path();
    std::error_code ec;
    if (!shared || !std::filesystem::is_directory(dir, ec)) {
        GTEST_SKIP() << "JSONTestSuite not found under the shared folder (corpora/JSONTestSuite)";
    }
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    ASSERT_GT(files.size(), 300u);
    LuaTestState lua;  // one state for all of them
    lua_State* L = lua.get();
    int checked = 0;
    for (const auto& path : files) {
        std::string name = path.filename().string();
        std::string body = testing::read_file(path);
        lua_getglobal(L, "json");
        lua_getfield(L, -1, "decode");
        lua_pushlstring(L, body.data(), body.size());
        int status = lua_pcall(L, 1, 2, 0);
        ASSERT_EQ(status, LUA_OK) << name << " raised: " << lua_tostring(L, -1);
        bool accepted = !lua_isnil(L, -2);
        if (name.rfind("y_", 0) == 0) {
            EXPECT_TRUE(accepted) << name << " was refused: " << lua_tostring(L, -1);
        } else if (name.rfind("n_", 0) == 0) {
            EXPECT_FALSE(accepted) << name << " was accepted";
            EXPECT_TRUE(lua_isstring(L, -1)) << name << " gave no message";
        }
        lua_settop(L, 0);
        ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(files.size()));
}

}  // namespace
}  // namespace gigscout
