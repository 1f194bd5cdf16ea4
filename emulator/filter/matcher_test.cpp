// Matching (matcher.hpp) and the Event it reads (event.hpp): one parse shared by many patterns, field
// splitting, wildcard selectors, delimited alignment and the order of extracted values.
#include "filter/matcher.hpp"

#include <gtest/gtest.h>

#include "filter/test_support.hpp"

namespace trailbox::filter {
namespace {

using testing_support::MustCompile;
using testing_support::PatternMatches;

std::vector<std::string> FieldValues(std::string_view message) {
  Event event(message);
  std::vector<std::string> values;
  for (const Field& field : event.Fields()) values.emplace_back(field.value);
  return values;
}

TEST(Event, SplitsOnSpacesAndTabsWithGroups) {
  EXPECT_EQ(FieldValues(R"(127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a HTTP/1.0" 200 1534)"),
            (std::vector<std::string>{"127.0.0.1", "-", "frank", "10/Oct/2000:13:25:15 -0700", "GET /a HTTP/1.0",
                                      "200", "1534"}));
  EXPECT_EQ(FieldValues("  a \t b  "), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(FieldValues("[a]b \"\" c"), (std::vector<std::string>{"a", "b", "", "c"}));
  EXPECT_EQ(FieldValues("[open x \"half"), (std::vector<std::string>{"[open", "x", "\"half"}));
  EXPECT_TRUE(FieldValues("").empty());
}

TEST(Event, JsonOnlyForObjects) {
  EXPECT_NE(Event(R"({"a":1})").Json(), nullptr);
  EXPECT_EQ(Event("[1,2]").Json(), nullptr);
  EXPECT_EQ(Event("\"text\"").Json(), nullptr);
  EXPECT_EQ(Event("not json").Json(), nullptr);
}

TEST(Event, OneParseServesManyPatternsAndResetReuses) {
  Pattern by_name = MustCompile("{ $.eventName = CreateTrail }");
  Pattern by_source = MustCompile("{ $.eventSource = cloudtrail.amazonaws.com }");
  Pattern delimited = MustCompile("[first, ...]");
  Event event(R"({"eventName":"CreateTrail","eventSource":"cloudtrail.amazonaws.com"})");
  const JsonDocument* document = event.Json();
  EXPECT_TRUE(Matches(by_name, event));
  EXPECT_TRUE(Matches(by_source, event));
  EXPECT_TRUE(Matches(delimited, event));
  EXPECT_EQ(event.Json(), document);
  event.Reset(R"({"eventName":"DeleteTrail"})");
  EXPECT_FALSE(Matches(by_name, event));
  EXPECT_EQ(event.Fields().size(), 1u);
  event.Reset("plain text");
  EXPECT_FALSE(Matches(by_name, event));
  EXPECT_EQ(event.Fields().size(), 2u);
}

TEST(Matcher, TermSemantics) {
  EXPECT_TRUE(PatternMatches("ERROR -DEBUG", "ERROR here"));
  EXPECT_FALSE(PatternMatches("ERROR -DEBUG", "ERROR DEBUG"));
  EXPECT_TRUE(PatternMatches("?A ?B", "xBx"));
  EXPECT_FALSE(PatternMatches("?A ?B", "xCx"));
  EXPECT_TRUE(PatternMatches("?A -C", "zzz")) << "?terms are ignored next to an exclusion";
  EXPECT_TRUE(PatternMatches("\"two  spaces\"", "a two  spaces b"));
  EXPECT_FALSE(PatternMatches("\"two  spaces\"", "a two spaces b"));
}

TEST(Matcher, WildcardSelectorsMatchAnySelectedValue) {
  const char* event = R"({"a":{"x":"1","y":"2"},"list":[{"id":1},{"id":7}],"flags":[true,null]})";
  EXPECT_TRUE(PatternMatches("{ $.a.* = 2 }", event));
  EXPECT_FALSE(PatternMatches("{ $.a.* = 3 }", event));
  EXPECT_TRUE(PatternMatches("{ $.list[*].id > 5 }", event));
  EXPECT_FALSE(PatternMatches("{ $.list[*].id > 7 }", event));
  EXPECT_TRUE(PatternMatches("{ $.flags[*] IS NULL }", event));
  EXPECT_TRUE(PatternMatches("{ $.flags[*] IS TRUE }", event));
  EXPECT_FALSE(PatternMatches("{ $.a[*] = 1 }", event)) << "[*] selects array elements only";
  EXPECT_FALSE(PatternMatches("{ $.list.* = 1 }", event)) << ".* selects object members only";
  EXPECT_TRUE(PatternMatches("{ $.missing[*] NOT EXISTS }", event));
  EXPECT_FALSE(PatternMatches("{ $.list[*].id NOT EXISTS }", event));
}

TEST(Matcher, ManySelectorsBeyondTheResolvedCache) {
  std::string pattern = "{ ";
  std::string event = "{";
  for (int i = 0; i < 40; ++i) {
    std::string number = std::to_string(i);
    pattern.append(i ? " && $.k" : "$.k").append(number).append(" = ").append(number);
    event.append(i ? ",\"k" : "\"k").append(number).append("\":").append(number);
  }
  pattern += " && $.k39 = 39 }";
  event += "}";
  EXPECT_TRUE(PatternMatches(pattern, event));
  std::string other = event;
  other.replace(other.find("\"k35\":35"), 8, "\"k35\":36");
  EXPECT_FALSE(PatternMatches(pattern, other));
}

TEST(Matcher, DelimitedAlignment) {
  Pattern pattern = MustCompile("[a, ..., y, z]");
  EXPECT_FALSE(Matches(pattern, Event("1 2")));
  MatchResult result = Match(pattern, Event("1 2 3"));
  ASSERT_TRUE(result.matched);
  ASSERT_EQ(result.extracted_values.size(), 3u);
  EXPECT_EQ(result.extracted_values[0].key, "$a");
  EXPECT_EQ(result.extracted_values[1].key, "$y");
  EXPECT_EQ(result.extracted_values[2].key, "$z");
  result = Match(pattern, Event("1 2 3 4 5"));
  ASSERT_EQ(result.extracted_values.size(), 5u);
  EXPECT_EQ(result.extracted_values[1].key, "$2");
  EXPECT_EQ(result.extracted_values[2].key, "$3");
  EXPECT_EQ(result.extracted_values[3].value, "4");
}

TEST(Matcher, EllipsisAloneAndEmptyEvents) {
  EXPECT_TRUE(Matches(MustCompile("[...]"), Event("")));
  EXPECT_TRUE(Matches(MustCompile("[]"), Event("")));
  EXPECT_FALSE(Matches(MustCompile("[a]"), Event("   ")));
  MatchResult result = Match(MustCompile("[...]"), Event("x y"));
  ASSERT_EQ(result.extracted_values.size(), 2u);
  EXPECT_EQ(result.extracted_values[1].key, "$2");
}

TEST(Matcher, LastSlotTakesTheRestWithoutItsTrailingSpaces) {
  MatchResult result = Match(MustCompile("[level, message]"), Event("WARN  disk [sda] almost full  "));
  ASSERT_TRUE(result.matched);
  EXPECT_EQ(result.extracted_values[1].value, "disk [sda] almost full");
  result = Match(MustCompile("[level, message]"), Event("WARN [disk full]"));
  EXPECT_EQ(result.extracted_values[1].value, "disk full") << "exactly one field left: the grouped value";
}

TEST(Matcher, NonDelimitedMatchesExtractNothing) {
  EXPECT_TRUE(Match(MustCompile("{ $.a = 1 }"), Event(R"({"a":1})")).extracted_values.empty());
  EXPECT_TRUE(Match(MustCompile("a"), Event("a")).extracted_values.empty());
  EXPECT_TRUE(Match(MustCompile("[a=1]"), Event("2")).extracted_values.empty()) << "no values without a match";
}

}  // namespace
}  // namespace trailbox::filter
