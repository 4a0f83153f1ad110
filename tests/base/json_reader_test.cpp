#include "base/json_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace gigscout {
namespace {

TEST(JsonReader, ParseErrorNamesLineAndColumn) {
    auto r = json::parse("{\n  \"a\": 1,\n  \"b\" 2\n}", "profile.json");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message,
              "profile.json: line 3, column 7: Missing a colon after a name of object member.");
}

TEST(JsonReader, RejectsTrailingGarbageAndInvalidUtf8) {
    EXPECT_FALSE(json::parse("[1] [2]", "x").ok());
    EXPECT_FALSE(json::parse("[\"\xC3\x28\"]", "x").ok());
}

TEST(JsonReader, DeepNestingDoesNotOverflowTheStack) {
    std::string deep(200000, '[');
    deep += std::string(200000, ']');
    EXPECT_TRUE(json::parse(deep, "deep").ok());
}

TEST(JsonReader, FieldErrorsCarryThePath) {
    auto doc = json::parse(R"({"budget": {"min": "ten"}})", "x");
    ASSERT_TRUE(doc.ok());
    json::FieldReader outer(doc.value(), "");
    const auto* budget = outer.object("budget");
    ASSERT_NE(budget, nullptr);
    json::FieldReader inner(*budget, "budget");
    EXPECT_FALSE(inner.number("min"));
    ASSERT_TRUE(inner.error());
    EXPECT_EQ(inner.error()->message, "field `budget.min`: expected a number, got a string");
}

TEST(JsonReader, RequiredAndUnknownFields) {
    auto doc = json::parse(R"({"titel": "x"})", "x");
    ASSERT_TRUE(doc.ok());
    json::FieldReader r(doc.value(), "");
    r.reject_unknown({"title"});
    EXPECT_EQ(r.error()->message, "field `titel`: unknown field");
    json::FieldReader r2(doc.value(), "");
    EXPECT_FALSE(r2.string("title", json::FieldReader::Required));
    EXPECT_EQ(r2.error()->message, "field `title`: is required");
}

TEST(JsonReader, IntegersMustBeWhole) {
    auto doc = json::parse(R"({"n": 2.5, "m": 7})", "x");
    json::FieldReader r(doc.value(), "");
    EXPECT_EQ(r.integer("m"), 7);
    EXPECT_FALSE(r.integer("n"));
    EXPECT_NE(r.error()->message.find("expected an integer"), std::string::npos);
}

}  // namespace
}  // namespace gigscout
