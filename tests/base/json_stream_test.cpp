#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "base/json_stream.h"
#include "support/test_support.h"

namespace gigscout::testing {
namespace {

namespace fs = std::filesystem;

struct Read {
    std::vector<std::string> elements;
    std::vector<std::pair<std::string, std::string>> others;
};

Read read_all(const fs::path& file, const char* member = "listings") {
    Read out;
    Status s = json::for_each_element(
        file, member,
        [&](std::string_view e) -> Status {
            out.elements.emplace_back(e);
            return Ok{};
        },
        [&](std::string_view name, std::string_view value) {
            out.others.emplace_back(name, value);
        });
    EXPECT_TRUE(s) << s.error().message;
    return out;
}

TEST(JsonStream, TheElementsOfATopLevelArrayComeOutAsTheirTextWithBracketsInStringsKept) {
    TempDir dir;
    const fs::path f = dir.path() / "a.json";
    write_file(f,
               "\xEF\xBB\xBF [ {\"t\": \"a ] , } [ \\\" b\", \"n\": [1, {\"x\": 2}]},\n 3 ,"
               "\"s\\\\\", null , [] ]\n");
    auto count = json::check_file(f, "listings");
    ASSERT_TRUE(count) << count.error().message;
    EXPECT_EQ(count.value(), 5u);
    Read r = read_all(f);
    EXPECT_EQ(r.elements,
              (std::vector<std::string>{"{\"t\": \"a ] , } [ \\\" b\", \"n\": [1, {\"x\": 2}]}",
                                        "3", "\"s\\\\\"", "null", "[]"}));
    EXPECT_TRUE(r.others.empty());
}

TEST(JsonStream, AnObjectHandsItsMemberArrayElementByElementAndTheOtherMembersWhole) {
    TempDir dir;
    const fs::path f = dir.path() / "export.json";
    write_file(f,
               "{\"format\": \"gigscout-state\", \"listings\": [{\"id\": \"a:1\"}, {\"id\": "
               "\"a:2\", \"x\": [\"]\"]}], \"profiles\": [{\"name\": \"cv\"}],\n\"version\": 1}");
    auto count = json::check_file(f, "listings");
    ASSERT_TRUE(count) << count.error().message;
    EXPECT_EQ(count.value(), 2u);
    Read r = read_all(f);
    EXPECT_EQ(r.elements,
              (std::vector<std::string>{"{\"id\": \"a:1\"}", "{\"id\": \"a:2\", \"x\": [\"]\"]}"}));
    EXPECT_EQ(r.others, (std::vector<std::pair<std::string, std::string>>{
                            {"\"format\"", "\"gigscout-state\""},
                            {"\"profiles\"", "[{\"name\": \"cv\"}]"},
                            {"\"version\"", "1"}}));
}

TEST(JsonStream, TheCheckRefusesBrokenJsonTextThatIsNotUtf8AndANumberTooLargeForADouble) {
    TempDir dir;
    const fs::path broken = dir.path() / "broken.json";
    write_file(broken, "[{\"id\": 1},");
    EXPECT_FALSE(json::check_file(broken, "listings"));
    const fs::path latin1 = dir.path() / "latin1.json";
    write_file(latin1, "[\"caf\xE9\"]");
    EXPECT_FALSE(json::check_file(latin1, "listings"));
    // Its caller reads such a file whole, where only the listing holding it is set aside.
    const fs::path huge = dir.path() / "huge.json";
    write_file(huge, "[{\"min\": 1e400}, 2]");
    auto count = json::check_file(huge, "listings");
    ASSERT_FALSE(count);
    EXPECT_EQ(count.error().message,
              huge.string() + ": at byte 10: Number too big to be stored in double.");
    EXPECT_FALSE(json::check_file(dir.path() / "missing.json", "listings"));
}

TEST(JsonStream, ElementsLargerThanOneChunkOfTheFileComeOutWhole) {
    TempDir dir;
    const fs::path f = dir.path() / "big.json";
    const std::string text(3 << 20, 'x');  // three read chunks inside one string
    write_file(f, "[\"" + text + "\", \"y\"]");
    Read r = read_all(f);
    ASSERT_EQ(r.elements.size(), 2u);
    EXPECT_EQ(r.elements[0].size(), text.size() + 2);
    EXPECT_EQ(r.elements[1], "\"y\"");
}

TEST(JsonStream, AnErrorFromTheCallerStopsTheReading) {
    TempDir dir;
    const fs::path f = dir.path() / "a.json";
    write_file(f, "[1, 2, 3]");
    int seen = 0;
    Status s = json::for_each_element(
        f, "listings",
        [&](std::string_view) -> Status {
            return ++seen == 2 ? Status(Error{"disk full"}) : Status(Ok{});
        },
        [](std::string_view, std::string_view) {});
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().message, "disk full");
    EXPECT_EQ(seen, 2);
}

}  // namespace
}  // namespace gigscout::testing
