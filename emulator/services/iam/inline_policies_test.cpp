// Inline policies of users and roles: validation, documents as IAM returns them, listing, size quotas.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "services/common/handler_harness.hpp"
#include "services/iam/iam_service.hpp"

namespace trailbox::iam {
namespace {

constexpr const char* kLogsPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["logs:CreateLogStream","logs:PutLogEvents"],)"
    R"("Resource":"arn:aws:logs:us-east-1:111122223333:log-group:trail:log-stream:*"}]})";

class IamInlinePolicies : public testing::Test {
 protected:
  IamInlinePolicies() {
    harness_.Register(AddIamOperations);
    harness_.Run("CreateUser", {{"UserName", "alice"}});
    harness_.Run(
        "CreateRole",
        {{"RoleName", "ops"},
         {"AssumeRolePolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
          R"("Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"sts:AssumeRole"}]})"}});
  }
  common::HandlerHarness harness_;
};

TEST_F(IamInlinePolicies, RolePolicyRoundTripsUrlEncoded) {
  harness_.Run("PutRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "Logs"}, {"PolicyDocument", kLogsPolicy}});
  Json policy = harness_.Run("GetRolePolicy", {{"RoleName", "OPS"}, {"PolicyName", "logs"}});
  EXPECT_EQ(policy["RoleName"], "ops");
  EXPECT_EQ(policy["PolicyName"], "Logs");
  EXPECT_EQ(policy["PolicyDocument"], UrlEncode(kLogsPolicy));
  EXPECT_EQ(harness_.Run("ListRolePolicies", {{"RoleName", "ops"}}),
            Json::parse(R"({"PolicyNames":["Logs"],"IsTruncated":false})"));
  harness_.Run("DeleteRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "Logs"}});
  AwsError error = harness_.Fail("GetRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "Logs"}});
  EXPECT_EQ(error.code(), "NoSuchEntity");
  EXPECT_EQ(error.message(), "The role policy with name Logs cannot be found.");
}

TEST_F(IamInlinePolicies, UserPolicyReplacesAndLists) {
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "b"}, {"PolicyDocument", kLogsPolicy}});
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "a"}, {"PolicyDocument", kLogsPolicy}});
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "a"}, {"PolicyDocument", kLogsPolicy}});
  EXPECT_EQ(harness_.Run("ListUserPolicies", {{"UserName", "alice"}})["PolicyNames"], Json::array({"a", "b"}));
  EXPECT_EQ(harness_.Run("GetUserPolicy", {{"UserName", "alice"}, {"PolicyName", "a"}})["UserName"], "alice");
  EXPECT_EQ(harness_.Fail("DeleteUserPolicy", {{"UserName", "alice"}, {"PolicyName", "c"}}).message(),
            "The user policy with name c cannot be found.");
}

TEST_F(IamInlinePolicies, IdentityPolicyRulesApply) {
  AwsError principal = harness_.Fail(
      "PutRolePolicy",
      {{"RoleName", "ops"},
       {"PolicyName", "p"},
       {"PolicyDocument",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*",)"
        R"("Resource":"*"}]})"}});
  EXPECT_EQ(principal.code(), "MalformedPolicyDocument");
  EXPECT_EQ(principal.message(), "Policy document should not specify a principal.");
  AwsError resources = harness_.Fail(
      "PutUserPolicy",
      {{"UserName", "alice"},
       {"PolicyName", "p"},
       {"PolicyDocument", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]})"}});
  EXPECT_EQ(resources.message(), "Policy statement must contain resources.");
  EXPECT_EQ(harness_.Fail("PutRolePolicy", {{"RoleName", "nope"}, {"PolicyName", "p"}, {"PolicyDocument", kLogsPolicy}})
                .message(),
            "The role with name nope cannot be found.");
}

TEST_F(IamInlinePolicies, UserInlinePoliciesShareA2048CharacterQuota) {
  std::string statement =
      R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::)" + std::string(1000, 'b') + R"("})";
  std::string document = R"({"Version":"2012-10-17","Statement":[)" + statement + "]}";
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "one"}, {"PolicyDocument", document}});
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "one"}, {"PolicyDocument", document}});
  AwsError error =
      harness_.Fail("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "two"}, {"PolicyDocument", document}});
  EXPECT_EQ(error.code(), "LimitExceeded");
  EXPECT_EQ(error.message(), "Maximum policy size of 2048 bytes exceeded for user alice");
  harness_.Run("PutRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "one"}, {"PolicyDocument", document}});
  harness_.Run("PutRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "two"}, {"PolicyDocument", document}});
}

}  // namespace
}  // namespace trailbox::iam
