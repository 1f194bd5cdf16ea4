// Filter policies: validation messages and matching on attributes and on message bodies.
#include "services/sns/filter_policy.hpp"

#include <gtest/gtest.h>

namespace trailbox::sns {
namespace {

Json Attribute(const std::string& type, const std::string& value) {
  return {{"DataType", type}, {"StringValue", value}};
}

TEST(SnsFilterPolicy, ValidationNamesTheProblem) {
  EXPECT_FALSE(ValidateFilterPolicy(R"({"a": ["x", {"prefix": "y"}]})").has_value());
  EXPECT_EQ(ValidateFilterPolicy("{"), "failed to parse JSON.");
  EXPECT_EQ(ValidateFilterPolicy("{}"), "Filter policy can not be empty");
  EXPECT_EQ(ValidateFilterPolicy(R"({"a": [{"numeric": ["~", 1]}]})"), "Unrecognized numeric range operator: \"~\"");
}

TEST(SnsFilterPolicy, MatchesAttributes) {
  Json policy = Json::parse(
      R"({"severity": ["high", {"prefix": "crit"}], "count": [{"numeric": [">", 5]}], "env": [{"exists": false}]})");
  Json attributes = {{"severity", Attribute("String", "critical")}, {"count", Attribute("Number", "7")}};
  EXPECT_TRUE(MatchesAttributes(policy, attributes));
  attributes["count"] = Attribute("Number", "3");
  EXPECT_FALSE(MatchesAttributes(policy, attributes));
  attributes["count"] = Attribute("Number", "9");
  attributes["env"] = Attribute("String", "prod");
  EXPECT_FALSE(MatchesAttributes(policy, attributes));
  EXPECT_TRUE(MatchesAttributes(Json::parse(R"({"tags": ["b"]})"), {{"tags", Attribute("String.Array", R"(["a","b"])")}}));
  EXPECT_TRUE(MatchesAttributes(Json::parse(R"({"s": [{"anything-but": ["x"]}]})"), {{"s", Attribute("String", "y")}}));
}

TEST(SnsFilterPolicy, MatchesNestedBodies) {
  Json policy = Json::parse(R"({"detail": {"state": ["ALARM"]}})");
  EXPECT_TRUE(MatchesBody(policy, R"({"detail": {"state": "ALARM"}})"));
  EXPECT_FALSE(MatchesBody(policy, R"({"detail": {"state": "OK"}})"));
  EXPECT_FALSE(MatchesBody(policy, "not json"));
}

}  // namespace
}  // namespace trailbox::sns
