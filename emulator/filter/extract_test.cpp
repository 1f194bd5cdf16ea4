// Metric and dimension values (extract.hpp): which references compile for which pattern, and what a matched
// event yields as text and as a number.
#include "filter/extract.hpp"

#include <gtest/gtest.h>

#include "filter/test_support.hpp"

namespace trailbox::filter {
namespace {

using testing_support::MustCompile;

ValueRef MustRef(std::string_view text, const Pattern& pattern) {
  auto result = CompileValueRef(text, pattern);
  if (const auto* error = std::get_if<SyntaxError>(&result)) {
    ADD_FAILURE() << text << ": " << error->message;
    return ValueRef();
  }
  return std::get<ValueRef>(result);
}

TEST(ValueRef, Kinds) {
  Pattern json = MustCompile("{ $.latency = * }");
  Pattern delimited = MustCompile("[ip, ..., size]");
  EXPECT_EQ(MustRef("1", json).kind, ValueRef::Kind::kNumber);
  EXPECT_EQ(MustRef("-2.5", delimited).number, -2.5);
  EXPECT_EQ(MustRef("$.latency", json).kind, ValueRef::Kind::kJsonProperty);
  EXPECT_EQ(MustRef("$.a.b[0]", json).selector.segments.size(), 3u);
  EXPECT_EQ(MustRef("$size", delimited).kind, ValueRef::Kind::kExtracted);
  EXPECT_EQ(MustRef("$3", delimited).kind, ValueRef::Kind::kExtracted) << "with ..., positions are known per event";
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(CompileValueRef("$0", delimited)));
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(CompileValueRef("$99999999999999999999999", delimited)));
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(CompileValueRef("", json)));
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(CompileValueRef("$", delimited)));
  EXPECT_TRUE(std::holds_alternative<SyntaxError>(CompileValueRef("$.", json)));
}

TEST(ValueRef, JsonValuesAsTextAndNumber) {
  Pattern pattern = MustCompile("{ $.latency = * }");
  Event event(R"({"latency": 50, "ratio": "0.5", "name": "GET", "flag": true, "none": null, "list": [1], "obj": {}})");
  MatchResult match = Match(pattern, event);
  ASSERT_TRUE(match.matched);
  EXPECT_EQ(ExtractNumber(MustRef("$.latency", pattern), event, match), 50.0);
  EXPECT_EQ(ExtractNumber(MustRef("$.ratio", pattern), event, match), 0.5) << "a string that reads as a number";
  EXPECT_EQ(ExtractText(MustRef("$.name", pattern), event, match), "GET");
  EXPECT_FALSE(ExtractNumber(MustRef("$.name", pattern), event, match).has_value());
  EXPECT_EQ(ExtractText(MustRef("$.flag", pattern), event, match), "true");
  EXPECT_FALSE(ExtractText(MustRef("$.none", pattern), event, match).has_value());
  EXPECT_FALSE(ExtractText(MustRef("$.list", pattern), event, match).has_value());
  EXPECT_FALSE(ExtractText(MustRef("$.obj", pattern), event, match).has_value());
  EXPECT_EQ(ExtractText(MustRef("$.list[0]", pattern), event, match), "1");
  EXPECT_EQ(ExtractNumber(MustRef("3", pattern), event, match), 3.0);
}

TEST(ValueRef, DelimitedValuesComeFromTheMatch) {
  Pattern pattern = MustCompile("[ip, user, username, timestamp, request, status_code, bytes]");
  Event event(R"(127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /a HTTP/1.0" 404 -)");
  MatchResult match = Match(pattern, event);
  ASSERT_TRUE(match.matched);
  EXPECT_EQ(ExtractNumber(MustRef("$status_code", pattern), event, match), 404.0);
  EXPECT_EQ(ExtractText(MustRef("$bytes", pattern), event, match), "-");
  EXPECT_FALSE(ExtractNumber(MustRef("$bytes", pattern), event, match).has_value()) << "Apache's '-' is no number";
}

}  // namespace
}  // namespace trailbox::filter
