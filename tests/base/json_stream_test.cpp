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
              huge.string() + ": at byte 9: Number too big to be stored in double.");
    EXPECT_FALSE(json::check_file(dir.path() / "missing.json", "listings"));
}

// Found by fuzzing: RapidJSON's streams end at a NUL byte, so "true\0[...]" passed the check
// as `true`, and the element reader then handed out the array after the NUL.
TEST(JsonStream, TheCheckRefusesANulByteAfterTheValue) {
    TempDir dir;
    const fs::path f = dir.path() / "nul.json";
    write_file(f, std::string("true\0[{\"id\": 1}]", 16));
    auto count = json::check_file(f, "listings");
    ASSERT_FALSE(count);
    EXPECT_EQ(count.error().message,
              f.string() + ": at byte 4: a NUL byte, which JSON text never holds");
    write_file(f, std::string("[1, 2]\0", 7));
    EXPECT_FALSE(json::check_file(f, "listings"));
    write_file(f, "[1, 2]\n");
    EXPECT_TRUE(json::check_file(f, "listings"));
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

// What for_each_readable_element hands out: elements, and each damaged stretch as
// "index begin..resumed: reason".
struct Readable {
    std::vector<std::string> elements;
    std::vector<std::string> skipped;
    std::vector<std::pair<std::string, std::string>> others;
};

Readable read_readable(const fs::path& file, bool check_utf8 = true) {
    Readable out;
    Status s = json::for_each_readable_element(
        file, "listings", check_utf8,
        [&](std::string_view e) -> Status {
            out.elements.emplace_back(e);
            return Ok{};
        },
        [&](std::string_view name, std::string_view value) {
            out.others.emplace_back(name, value);
        },
        [&](const json::SkippedElement& skip) -> Status {
            out.skipped.push_back(
                std::to_string(skip.index) + " " + std::to_string(skip.begin) + ".." +
                (skip.resumed_at ? std::to_string(*skip.resumed_at) : "end") + ": " + skip.reason +
                (skip.too_large_number.empty() ? "" : " [" + skip.too_large_number + "]"));
            return Ok{};
        });
    EXPECT_TRUE(s) << s.error().message;
    return out;
}

TEST(JsonStream, ADamagedElementIsSkippedToTheNextListingAndNamedByItsPlaceAndBytes) {
    TempDir dir;
    const fs::path f = dir.path() / "damaged.json";
    // Listing 1 lost a closing quote; its merged copies' objects ({"id", "source", "url"}) are
    // not taken for the next listing, which starts at `next`.
    const std::string a = R"({"id": "a:0", "title": "Zero"})";
    const std::string broken =
        R"({"id": "a:1", "title": "One, "merged": [{"id": "b:1", "source": "b"}, {"id": "c:1"}]})";
    const std::string b = R"({"id": "a:2", "title": "Two", "merged": [{"id": "b:2"}]})";
    const std::string text = "[" + a + ",\n " + broken + ",\n " + b + "]";
    write_file(f, text);
    ASSERT_FALSE(json::check_file(f, "listings"));
    Readable r = read_readable(f);
    EXPECT_EQ(r.elements, (std::vector<std::string>{a, b}));
    const std::size_t begin = text.find(broken);
    const std::size_t error = text.find("merged\"", begin);  // after the string "One, "
    EXPECT_EQ(r.skipped, (std::vector<std::string>{
                             "1 " + std::to_string(begin) + ".." + std::to_string(text.find(b)) +
                             ": Missing a comma or '}' after an object member (at "
                             "byte " +
                             std::to_string(error) + ")"}));
}

TEST(JsonStream, AFileCutShortKeepsEveryWholeElementBeforeTheCut) {
    TempDir dir;
    const fs::path f = dir.path() / "cut.json";
    const std::string text =
        "{\"format\": \"gigscout-state\", \"listings\": [{\"id\": \"a:0\", "
        "\"url\": \"u\"}, {\"id\": \"a:1\", \"url\": \"u\"}, {\"id\": \"a:2\", \"ur";
    write_file(f, text);
    // The check and the reader name the same byte.
    auto checked = json::check_file(f, "listings");
    ASSERT_FALSE(checked);
    EXPECT_EQ(checked.error().message, f.string() + ": at byte " + std::to_string(text.size()) +
                                           ": Missing a closing quotation mark in string.");
    Readable r = read_readable(f, false);
    EXPECT_EQ(
        r.others,
        (std::vector<std::pair<std::string, std::string>>{{"\"format\"", "\"gigscout-state\""}}));
    EXPECT_EQ(r.elements, (std::vector<std::string>{"{\"id\": \"a:0\", \"url\": \"u\"}",
                                                    "{\"id\": \"a:1\", \"url\": \"u\"}"}));
    const std::size_t begin = text.find("{\"id\": \"a:2\"");
    EXPECT_EQ(
        r.skipped,
        (std::vector<std::string>{"2 " + std::to_string(begin) +
                                  "..end: Missing a closing quotation mark in string (at byte " +
                                  std::to_string(text.size()) + ")"}));
    // Cut right after a comma: nothing is lost and nothing is named.
    write_file(f, "[{\"id\": \"a:0\"},\n");
    Readable after_comma = read_readable(f);
    EXPECT_EQ(after_comma.elements, (std::vector<std::string>{"{\"id\": \"a:0\"}"}));
    EXPECT_TRUE(after_comma.skipped.empty());
}

TEST(JsonStream, BadUtf8IsDamageOnlyWhenAskedAHugeNumberIsNamedAndAMissingCommaCostsNothing) {
    TempDir dir;
    const fs::path f = dir.path() / "latin1.json";
    write_file(f, "[{\"id\": \"a:0\", \"t\": \"caf\xE9\"} {\"id\": \"a:1\", \"t\": \"x\"}, 1e400]");
    Readable strict = read_readable(f);
    EXPECT_EQ(strict.elements, (std::vector<std::string>{"{\"id\": \"a:1\", \"t\": \"x\"}"}));
    EXPECT_EQ(strict.skipped,
              (std::vector<std::string>{
                  "0 1..28: Invalid encoding in string (at byte 24)",
                  "2 53..end: Number too big to be stored in double (at byte 53) [1e400]"}));
    // An export's bad bytes are mended by its reader.
    Readable loose = read_readable(f, false);
    EXPECT_EQ(loose.elements, (std::vector<std::string>{"{\"id\": \"a:0\", \"t\": \"caf\xE9\"}",
                                                        "{\"id\": \"a:1\", \"t\": \"x\"}"}));
    EXPECT_EQ(loose.skipped.size(), 1u);
}

TEST(JsonStream, AnElementOver32MiBInADamagedFileIsSkippedSoMemoryStaysBounded) {
    TempDir dir;
    const fs::path f = dir.path() / "huge.json";
    const std::string big =
        "{\"id\": \"a:0\", \"description\": \"" + std::string(33 << 20, 'x') + "\"}";
    const std::string next = "{\"id\": \"a:1\", \"title\": \"t\"}";
    write_file(f, "[" + big + ",\n" + next + ", {\"id\": \"a:2\", ]");
    Readable r = read_readable(f);
    EXPECT_EQ(r.elements, (std::vector<std::string>{next}));
    ASSERT_EQ(r.skipped.size(), 2u);
    EXPECT_EQ(r.skipped[0], "0 1.." + std::to_string(big.size() + 3) + ": larger than 32 MiB");
}

TEST(JsonStream, ADamagedTopLevelObjectIsAnErrorNamingTheByte) {
    TempDir dir;
    const fs::path f = dir.path() / "bad.json";
    write_file(f, "{\"format\" \"gigscout-state\"}");
    Status s = json::for_each_readable_element(
        f, "listings", false, [](std::string_view) -> Status { return Ok{}; },
        [](std::string_view, std::string_view) {},
        [](const json::SkippedElement&) -> Status { return Ok{}; });
    ASSERT_FALSE(s);
    EXPECT_EQ(
        s.error().message,
        f.string() + ": at byte 10: expected ':' after a member name in the top-level object");
}

}  // namespace
}  // namespace gigscout::testing
