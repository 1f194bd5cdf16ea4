// Parsing policy documents into the form evaluation reads: single values and lists, principals, conditions.
#include "policy/parse.hpp"

#include <gtest/gtest.h>

namespace trailbox::policy {
namespace {

TEST(PolicyParse, ReadsSingleStatementAndScalarElementsAsLists) {
  Document document = Parse(R"({"Version":"2012-10-17","Id":"p1",
      "Statement":{"Sid":"One","Effect":"Deny","Action":"s3:GetObject","NotResource":"arn:aws:s3:::b/*"}})");
  EXPECT_EQ(document.version, "2012-10-17");
  EXPECT_EQ(document.id, "p1");
  ASSERT_EQ(document.statements.size(), 1u);
  const Statement& statement = document.statements[0];
  EXPECT_EQ(statement.sid, "One");
  EXPECT_EQ(statement.effect, Effect::kDeny);
  EXPECT_EQ(statement.action, std::vector<std::string>{"s3:GetObject"});
  EXPECT_FALSE(statement.resource.has_value());
  EXPECT_EQ(statement.not_resource, std::vector<std::string>{"arn:aws:s3:::b/*"});
}

TEST(PolicyParse, ReadsPrincipalsOfEveryShape) {
  Document document = Parse(R"({"Statement":[
      {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
      {"Effect":"Allow","Principal":{"AWS":["111122223333","arn:aws:iam::444455556666:root"],
                                     "Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"},
      {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111122223333:user/alice"},"Action":"*"}]})");
  ASSERT_EQ(document.statements.size(), 3u);
  EXPECT_TRUE(document.statements[0].principal->is_wildcard);
  const Principals& listed = *document.statements[1].principal;
  EXPECT_EQ(listed.by_type.at("AWS").size(), 2u);
  EXPECT_EQ(listed.by_type.at("Service"), std::vector<std::string>{"cloudtrail.amazonaws.com"});
  EXPECT_TRUE(document.statements[2].not_principal.has_value());
}

TEST(PolicyParse, SplitsConditionOperatorsIntoQualifierOperatorAndIfExists) {
  Document document = Parse(R"({"Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{
      "ForAnyValue:StringLikeIfExists":{"aws:TagKeys":["a*","b"]},"Bool":{"aws:SecureTransport":true}}}})");
  const auto& conditions = document.statements[0].conditions;
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(conditions[0].base_operator, "StringLike");
  EXPECT_EQ(conditions[0].qualifier, SetQualifier::kForAnyValue);
  EXPECT_TRUE(conditions[0].if_exists);
  EXPECT_EQ(conditions[0].values, (std::vector<std::string>{"a*", "b"}));
  EXPECT_EQ(conditions[1].base_operator, "Bool");
  EXPECT_EQ(conditions[1].values, std::vector<std::string>{"true"});
}

TEST(PolicyParse, RejectsTextThatIsNotAPolicy) {
  EXPECT_THROW(Parse("not json"), PolicyError);
  EXPECT_THROW(Parse("[]"), PolicyError);
  EXPECT_THROW(Parse(R"({"Version":"2012-10-17"})"), PolicyError);
  EXPECT_THROW(Parse(R"({"Statement":{"Effect":"Maybe","Action":"*"}})"), PolicyError);
}

}  // namespace
}  // namespace trailbox::policy
