// Policy evaluation: principals, actions, resources, conditions and Deny-over-Allow.
#include "policy/evaluate.hpp"

#include <gtest/gtest.h>

namespace trailbox::policy {
namespace {

Identity User(const std::string& account, const std::string& name) {
  Identity identity;
  identity.type = IdentityType::kIamUser;
  identity.account_id = account;
  identity.arn = "arn:aws:iam::" + account + ":user/" + name;
  identity.principal_id = "AIDAEXAMPLE";
  identity.user_name = name;
  return identity;
}

Identity RoleSession(const std::string& account, const std::string& role, const std::string& session) {
  Identity identity;
  identity.type = IdentityType::kAssumedRole;
  identity.account_id = account;
  identity.arn = "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session;
  identity.role_arn = "arn:aws:iam::" + account + ":role/" + role;
  identity.principal_id = "AROAEXAMPLE:" + session;
  return identity;
}

TEST(PolicyEvaluate, TrustPolicyAllowsTheNamedAccountItsUsersAndRoleSessions) {
  Document trust = Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sts:AssumeRole"}]})");
  EXPECT_TRUE(IsAllowed(trust, RequestFor(Identity::RootOf("111122223333"), "sts:AssumeRole", "")));
  EXPECT_TRUE(IsAllowed(trust, RequestFor(User("111122223333", "alice"), "sts:AssumeRole", "")));
  EXPECT_TRUE(IsAllowed(trust, RequestFor(RoleSession("111122223333", "ops", "s1"), "sts:AssumeRole", "")));
  EXPECT_FALSE(IsAllowed(trust, RequestFor(User("444455556666", "alice"), "sts:AssumeRole", "")));
  EXPECT_FALSE(IsAllowed(trust, RequestFor(User("111122223333", "alice"), "sts:GetFederationToken", "")));
}

TEST(PolicyEvaluate, ExactArnPrincipalMatchesOnlyThatUserOrRole) {
  Document trust = Parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":[
      "arn:aws:iam::111122223333:user/alice","arn:aws:iam::111122223333:role/ops"]},"Action":"sts:AssumeRole"}]})");
  EXPECT_TRUE(IsAllowed(trust, RequestFor(User("111122223333", "alice"), "sts:AssumeRole", "")));
  EXPECT_FALSE(IsAllowed(trust, RequestFor(User("111122223333", "bob"), "sts:AssumeRole", "")));
  EXPECT_TRUE(IsAllowed(trust, RequestFor(RoleSession("111122223333", "ops", "any"), "sts:AssumeRole", "")));
  EXPECT_FALSE(IsAllowed(trust, RequestFor(Identity::RootOf("111122223333"), "sts:AssumeRole", "")));
}

TEST(PolicyEvaluate, ServicePrincipalMatchesOnlyThatService) {
  Document trust = Parse(R"({"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},
      "Action":"sts:AssumeRole"}]})");
  EXPECT_TRUE(IsAllowed(
      trust, RequestFor(Identity::Service("cloudtrail.amazonaws.com", "111122223333"), "sts:AssumeRole", "")));
  EXPECT_FALSE(
      IsAllowed(trust, RequestFor(Identity::Service("logs.amazonaws.com", "111122223333"), "sts:AssumeRole", "")));
  EXPECT_FALSE(IsAllowed(trust, RequestFor(Identity::RootOf("111122223333"), "sts:AssumeRole", "")));
}

TEST(PolicyEvaluate, DenyWinsOverAllow) {
  Document trust = Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
      {"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/mallory"},"Action":"sts:*"}]})");
  EXPECT_TRUE(IsAllowed(trust, RequestFor(User("111122223333", "alice"), "sts:AssumeRole", "")));
  EXPECT_EQ(Evaluate(trust, RequestFor(User("111122223333", "mallory"), "sts:AssumeRole", "")), Decision::kDeny);
  EXPECT_EQ(Combine({Decision::kAllow, Decision::kNotApplicable}), Decision::kAllow);
  EXPECT_EQ(Combine({Decision::kAllow, Decision::kDeny}), Decision::kDeny);
  EXPECT_EQ(Combine({}), Decision::kNotApplicable);
}

TEST(PolicyEvaluate, ActionsMatchWildcardsWithoutCaseAndResourcesWithCase) {
  Document identity = Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::bucket/logs/*"}]})");
  Request request = RequestFor(User("111122223333", "alice"), "S3:getobject", "arn:aws:s3:::bucket/logs/a.gz");
  EXPECT_TRUE(IsAllowed(identity, request));
  request.resource = "arn:aws:s3:::bucket/LOGS/a.gz";
  EXPECT_FALSE(IsAllowed(identity, request));
  request.resource = "arn:aws:s3:::bucket/logs/a.gz";
  request.action = "s3:PutObject";
  EXPECT_FALSE(IsAllowed(identity, request));
}

TEST(PolicyEvaluate, NotActionAndNotResourceInvertTheirLists) {
  Document identity = Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","NotAction":"iam:*","NotResource":"arn:aws:s3:::secret/*"}]})");
  Identity alice = User("111122223333", "alice");
  EXPECT_TRUE(IsAllowed(identity, RequestFor(alice, "s3:GetObject", "arn:aws:s3:::public/a")));
  EXPECT_FALSE(IsAllowed(identity, RequestFor(alice, "s3:GetObject", "arn:aws:s3:::secret/a")));
  EXPECT_FALSE(IsAllowed(identity, RequestFor(alice, "iam:CreateUser", "arn:aws:s3:::public/a")));
}

TEST(PolicyEvaluate, ConditionsOnTheCloudTrailBucketPolicy) {
  Document bucket = Parse(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
      "Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
      "Resource":"arn:aws:s3:::trail/AWSLogs/111122223333/*",
      "Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control",
                                   "aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}}]})");
  Request request = RequestFor(Identity::Service("cloudtrail.amazonaws.com", "111122223333"), "s3:PutObject",
                               "arn:aws:s3:::trail/AWSLogs/111122223333/CloudTrail/x.json.gz");
  request.context["s3:x-amz-acl"] = {"bucket-owner-full-control"};
  EXPECT_FALSE(IsAllowed(bucket, request));
  request.context["AWS:SourceArn"] = {"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"};
  EXPECT_TRUE(IsAllowed(bucket, request));
  request.context["aws:SourceArn"] = {"arn:aws:cloudtrail:us-east-1:111122223333:trail/other"};
  EXPECT_FALSE(IsAllowed(bucket, request));
}

// One condition block, the request context, and whether a statement with that condition applies.
struct ConditionCase {
  const char* condition;
  std::map<std::string, std::vector<std::string>> context;
  bool applies;
};

const std::vector<ConditionCase> kConditionCases = {
    {R"({"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}})", {}, true},
    {R"({"StringNotEquals":{"aws:RequestedRegion":"eu-west-1"}})", {{"aws:RequestedRegion", {"eu-west-1"}}}, false},
    {R"({"StringEquals":{"aws:RequestedRegion":"eu-west-1"}})", {}, false},
    {R"({"NumericLessThanIfExists":{"s3:max-keys":"10"}})", {}, true},
    {R"({"NumericLessThanIfExists":{"s3:max-keys":"10"}})", {{"s3:max-keys", {"20"}}}, false},
    {R"({"NumericLessThanIfExists":{"s3:max-keys":"10"}})", {{"s3:max-keys", {"5"}}}, true},
    {R"({"Null":{"aws:TokenIssueTime":"true"}})", {}, true},
    {R"({"Null":{"aws:TokenIssueTime":"true"}})", {{"aws:TokenIssueTime", {"2026-01-01T00:00:00Z"}}}, false},
    {R"({"ForAllValues:StringLike":{"aws:TagKeys":["env*","team"]}})", {}, true},
    {R"({"ForAllValues:StringLike":{"aws:TagKeys":["env*","team"]}})",
     {{"aws:TagKeys", {"environment", "team"}}},
     true},
    {R"({"ForAllValues:StringLike":{"aws:TagKeys":["env*","team"]}})", {{"aws:TagKeys", {"env", "owner"}}}, false},
    {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}})", {}, false},
    {R"({"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}})", {{"aws:TagKeys", {"owner", "team"}}}, true},
    {R"({"StringEqualsIgnoreCase":{"aws:username":"ALICE"}})", {{"aws:username", {"alice"}}}, true},
    {R"({"Bool":{"aws:SecureTransport":false}})", {{"aws:SecureTransport", {"false"}}}, true},
    {R"({"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}})",
     {{"aws:CurrentTime", {"2026-05-01T12:00:00Z"}}},
     true},
    {R"({"DateLessThan":{"aws:CurrentTime":"2026-06-01T00:00:00Z"}})",
     {{"aws:CurrentTime", {"2026-07-01T00:00:00Z"}}},
     false},
    {R"({"DateGreaterThan":{"aws:EpochTime":"1767225600"}})", {{"aws:EpochTime", {"1767225601"}}}, true},
    {R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.7"]}})", {{"aws:SourceIp", {"10.20.30.40"}}}, true},
    {R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.7"]}})", {{"aws:SourceIp", {"192.168.1.8"}}}, false},
    {R"({"IpAddress":{"aws:SourceIp":["10.0.0.0/8","192.168.1.7"]}})", {{"aws:SourceIp", {"192.168.1.7"}}}, true},
    {R"({"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}})", {{"aws:SourceIp", {"10.1.1.1"}}}, false},
    {R"({"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}})",
     {{"aws:SourceArn", {"arn:aws:cloudtrail:eu-west-1:111122223333:trail/main"}}},
     true},
    {R"({"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}})",
     {{"aws:SourceArn", {"arn:aws:cloudtrail:eu-west-1:444455556666:trail/main"}}},
     false},
    {R"({"ArnNotEquals":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}})", {}, true},
    {R"({"NoSuchOperator":{"aws:SourceArn":"x"}})", {{"aws:SourceArn", {"x"}}}, false},
};

class PolicyConditions : public testing::TestWithParam<ConditionCase> {};

TEST_P(PolicyConditions, DecideWhetherTheStatementApplies) {
  const ConditionCase& test_case = GetParam();
  Document policy = Parse(std::string(R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*",)") +
                          R"("Resource":"*","Condition":)" + test_case.condition + "}]}");
  Request request = RequestFor(User("111122223333", "alice"), "s3:ListBucket", "arn:aws:s3:::b");
  request.context.erase("aws:username");
  for (const auto& [key, values] : test_case.context) request.context[key] = values;
  EXPECT_EQ(IsAllowed(policy, request), test_case.applies) << test_case.condition;
}

INSTANTIATE_TEST_SUITE_P(Operators, PolicyConditions, testing::ValuesIn(kConditionCases));

TEST(PolicyEvaluate, PolicyVariablesNameTheCaller) {
  Document identity = Parse(R"({"Version":"2012-10-17","Statement":[
      {"Effect":"Allow","Action":"iam:*AccessKey*","Resource":"arn:aws:iam::*:user/${aws:username}"}]})");
  EXPECT_TRUE(IsAllowed(identity, RequestFor(User("111122223333", "alice"), "iam:CreateAccessKey",
                                             "arn:aws:iam::111122223333:user/alice")));
  EXPECT_FALSE(IsAllowed(identity, RequestFor(User("111122223333", "alice"), "iam:CreateAccessKey",
                                              "arn:aws:iam::111122223333:user/bob")));
  EXPECT_FALSE(IsAllowed(identity, RequestFor(Identity::RootOf("111122223333"), "iam:CreateAccessKey",
                                              "arn:aws:iam::111122223333:user/alice")));
}

}  // namespace
}  // namespace trailbox::policy
