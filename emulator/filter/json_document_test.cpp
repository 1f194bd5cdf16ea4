// The event JSON parser (json_document.hpp): strict RFC 8259, the node layout, escapes, lookups.
#include "filter/json_document.hpp"

#include <gtest/gtest.h>

#include <string>

namespace trailbox::filter {
namespace {

TEST(JsonDocument, ParsesNestedDocument) {
  JsonDocument document;
  ASSERT_TRUE(document.Parse(R"( {"a": {"b": [1, "two", true, false, null]}, "c": -1.5e+3} )"));
  uint32_t a = document.Member(0, "a");
  uint32_t b = document.Member(a, "b");
  ASSERT_NE(b, JsonDocument::kNotFound);
  EXPECT_EQ(document.node(b).type, JsonType::kArray);
  EXPECT_EQ(document.node(document.Element(b, 0)).text, "1");
  EXPECT_EQ(document.node(document.Element(b, 1)).text, "two");
  EXPECT_EQ(document.node(document.Element(b, 2)).type, JsonType::kTrue);
  EXPECT_EQ(document.node(document.Element(b, 3)).type, JsonType::kFalse);
  EXPECT_EQ(document.node(document.Element(b, 4)).type, JsonType::kNull);
  EXPECT_EQ(document.Element(b, 5), JsonDocument::kNotFound);
  EXPECT_EQ(document.node(document.Member(0, "c")).text, "-1.5e+3");
  EXPECT_EQ(document.Member(0, "missing"), JsonDocument::kNotFound);
  EXPECT_EQ(document.Member(b, "a"), JsonDocument::kNotFound) << "Member on an array finds nothing";
  EXPECT_EQ(document.Element(0, 0), JsonDocument::kNotFound) << "Element on an object finds nothing";
}

TEST(JsonDocument, DecodesEscapes) {
  JsonDocument document;
  ASSERT_TRUE(document.Parse(R"({"k\"ey": "a\"b\\c\/d\n\t\u00e9\u20ac\ud83d\ude00", "plain": "x"})"));
  uint32_t value = document.Member(0, "k\"ey");
  ASSERT_NE(value, JsonDocument::kNotFound);
  EXPECT_EQ(document.node(value).text, "a\"b\\c/d\n\t\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
  EXPECT_EQ(document.node(document.Member(0, "plain")).text, "x");
}

TEST(JsonDocument, LastDuplicateKeyWins) {
  JsonDocument document;
  ASSERT_TRUE(document.Parse(R"({"a": 1, "a": 2})"));
  EXPECT_EQ(document.node(document.Member(0, "a")).text, "2");
}

TEST(JsonDocument, AnyChildVisitsValuesNotKeys) {
  JsonDocument document;
  ASSERT_TRUE(document.Parse(R"({"x": [1, 2], "y": "z"})"));
  std::string seen;
  document.AnyChild(0, [&](uint32_t child) {
    seen += std::to_string(static_cast<int>(document.node(child).type)) + ",";
    return false;
  });
  EXPECT_EQ(seen, std::to_string(static_cast<int>(JsonType::kArray)) + "," +
                      std::to_string(static_cast<int>(JsonType::kString)) + ",");
}

TEST(JsonDocument, RejectsInvalidJson) {
  JsonDocument document;
  for (const char* text : {"", "{", "{\"a\":}", "{\"a\":1,}", "[1,]", "{'a':1}", "{\"a\":01}", "{\"a\":1.}",
                           "{\"a\":.5}", "{\"a\":tru}", "{\"a\":\"\x01\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}",
                           "{} {}", "{\"a\" 1}", "nul", "-", "1e", "\"open"}) {
    EXPECT_FALSE(document.Parse(text)) << text;
  }
  std::string deep(600, '[');
  deep += std::string(600, ']');
  EXPECT_FALSE(document.Parse(deep)) << "nesting is limited";
}

TEST(JsonDocument, AcceptsScalarsAndWhiteSpace) {
  JsonDocument document;
  EXPECT_TRUE(document.Parse(" \n\t42\r\n"));
  EXPECT_TRUE(document.Parse("\"text\""));
  EXPECT_TRUE(document.Parse("[]"));
  EXPECT_TRUE(document.Parse("{}"));
  EXPECT_TRUE(document.Parse("-0.0E-7"));
}

TEST(JsonDocument, ReuseKeepsNoStaleNodes) {
  JsonDocument document;
  ASSERT_TRUE(document.Parse(R"({"a": "x\ny", "b": [1,2,3]})"));
  ASSERT_TRUE(document.Parse(R"({"c": "z"})"));
  EXPECT_EQ(document.Member(0, "a"), JsonDocument::kNotFound);
  EXPECT_EQ(document.node(document.Member(0, "c")).text, "z");
}

}  // namespace
}  // namespace trailbox::filter
