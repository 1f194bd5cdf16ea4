// Policy evaluation as S3 uses it, table-driven: whole decisions (allow, deny, no match) for service principals,
// cross-account principals and every condition operator family, with the global and service context keys.
#include <gtest/gtest.h>

#include "core/time_format.hpp"
#include "policy/evaluate.hpp"

namespace trailbox::policy {
namespace {

constexpr const char* kTrail = "arn:aws:cloudtrail:us-east-1:111122223333:trail/main";

// The request of one case: who asks, for what, with which extra context keys.
struct Asker {
  const char* kind;  // "root:<account>", "service:<name>", "user:<account>:<name>"
  const char* action;
  const char* resource;
  std::map<std::string, std::vector<std::string>> context;
};

Request RequestOf(const Asker& asker) {
  std::string kind = asker.kind;
  Request request;
  if (kind.starts_with("service:")) {
    request = ServiceRequest(kind.substr(8), asker.action, asker.resource, kTrail, "111122223333");
  } else if (kind.starts_with("root:")) {
    request = RequestFor(Identity::RootOf(kind.substr(5)), asker.action, asker.resource);
  } else {
    std::string rest = kind.substr(5);
    Identity user;
    user.type = IdentityType::kIamUser;
    user.account_id = rest.substr(0, 12);
    user.user_name = rest.substr(13);
    user.arn = "arn:aws:iam::" + user.account_id + ":user/" + user.user_name;
    request = RequestFor(user, asker.action, asker.resource);
  }
  AddGlobalContext(request, {.now = 1767225600, .source_ip = "10.1.2.3", .is_secure = false});
  for (const auto& [key, values] : asker.context) request.context[key] = values;
  return request;
}

struct DecisionCase {
  const char* name;
  const char* statements;  // the Statement array
  Asker asker;
  Decision expected;
};

const std::vector<DecisionCase> kDecisionCases = {
    {"ServiceAllowedWithAclAndSourceArn",
     R"([{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
         "Resource":"arn:aws:s3:::b/AWSLogs/111122223333/*","Condition":{"StringEquals":{
         "s3:x-amz-acl":"bucket-owner-full-control","aws:SourceArn":"arn:aws:cloudtrail:us-east-1:111122223333:trail/main"}}}])",
     {"service:cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/AWSLogs/111122223333/x",
      {{"s3:x-amz-acl", {"bucket-owner-full-control"}}}},
     Decision::kAllow},
    {"ServiceWithoutAclDoesNotMatch",
     R"([{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject",
         "Resource":"*","Condition":{"StringEquals":{"s3:x-amz-acl":"bucket-owner-full-control"}}}])",
     {"service:cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k", {}}, Decision::kNotApplicable},
    {"OtherServiceDoesNotMatch",
     R"([{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:*","Resource":"*"}])",
     {"service:logs.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k", {}}, Decision::kNotApplicable},
    {"SourceAccountFromServiceRequest",
     R"([{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
         "Resource":"arn:aws:s3:::b","Condition":{"StringEquals":{"aws:SourceAccount":"111122223333"}}}])",
     {"service:cloudtrail.amazonaws.com", "s3:GetBucketAcl", "arn:aws:s3:::b", {}}, Decision::kAllow},
    {"ArnLikeOnSourceArn",
     R"([{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:GetBucketAcl",
         "Resource":"arn:aws:s3:::b","Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:cloudtrail:*:111122223333:trail/*"}}}])",
     {"service:cloudtrail.amazonaws.com", "s3:GetBucketAcl", "arn:aws:s3:::b", {}}, Decision::kAllow},
    {"CrossAccountRootAllowedByAccountId",
     R"([{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}])",
     {"root:444455556666", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kAllow},
    {"CrossAccountUserCoveredByAccountRoot",
     R"([{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::444455556666:root"},"Action":"s3:GetObject",
         "Resource":"arn:aws:s3:::b/*"}])",
     {"user:444455556666:bob", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kAllow},
    {"OtherAccountNoMatch",
     R"([{"Effect":"Allow","Principal":{"AWS":"444455556666"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}])",
     {"root:777788889999", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kNotApplicable},
    {"PrincipalAccountCondition",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*",
         "Condition":{"StringEquals":{"aws:PrincipalAccount":"444455556666"}}}])",
     {"user:444455556666:bob", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kAllow},
    {"ExplicitDenyWinsOverAllow",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},
         {"Effect":"Deny","Principal":"*","Action":"s3:DeleteObject","Resource":"arn:aws:s3:::b/locked/*"}])",
     {"root:111122223333", "s3:DeleteObject", "arn:aws:s3:::b/locked/x", {}}, Decision::kDeny},
    {"DenyInsecureTransport",
     R"([{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"Bool":{"aws:SecureTransport":"false"}}}])",
     {"root:111122223333", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kDeny},
    {"NotActionExcludes",
     R"([{"Effect":"Deny","Principal":"*","NotAction":"s3:Get*","Resource":"*"}])",
     {"root:111122223333", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kNotApplicable},
    {"NotResourceExcludes",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","NotResource":"arn:aws:s3:::b/private/*"}])",
     {"root:111122223333", "s3:GetObject", "arn:aws:s3:::b/private/k", {}}, Decision::kNotApplicable},
    {"SourceIpFromGlobalContext",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}])",
     {"root:111122223333", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kAllow},
    {"CurrentTimeFromGlobalContext",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}])",
     {"root:111122223333", "s3:GetObject", "arn:aws:s3:::b/k", {}}, Decision::kAllow},
    {"NumericOnMaxKeys",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*",
         "Condition":{"NumericLessThanEquals":{"s3:max-keys":"100"}}}])",
     {"root:111122223333", "s3:ListBucket", "arn:aws:s3:::b", {{"s3:max-keys", {"1000"}}}}, Decision::kNotApplicable},
    {"StringLikePrefix",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:ListBucket","Resource":"*",
         "Condition":{"StringLike":{"s3:prefix":["home/${aws:username}/*",""]}}}])",
     {"user:111122223333:alice", "s3:ListBucket", "arn:aws:s3:::b", {{"s3:prefix", {"home/alice/docs"}}}},
     Decision::kAllow},
    {"NullRequiresAcl",
     R"([{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*",
         "Condition":{"Null":{"s3:x-amz-acl":"true"}}}])",
     {"root:111122223333", "s3:PutObject", "arn:aws:s3:::b/k", {}}, Decision::kDeny},
    {"StringNotEqualsIfExistsMissingKey",
     R"([{"Effect":"Deny","Principal":"*","Action":"s3:PutObject","Resource":"*",
         "Condition":{"StringNotEqualsIfExists":{"s3:x-amz-acl":"bucket-owner-full-control"}}}])",
     {"root:111122223333", "s3:PutObject", "arn:aws:s3:::b/k", {}}, Decision::kDeny},
    {"ForAnyValueOnMultivaluedKey",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}}])",
     {"root:111122223333", "s3:PutObject", "arn:aws:s3:::b/k", {{"aws:TagKeys", {"env", "team"}}}},
     Decision::kAllow},
    {"ForAllValuesRejectsExtraValue",
     R"([{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*",
         "Condition":{"ForAllValues:StringEquals":{"aws:TagKeys":["team"]}}}])",
     {"root:111122223333", "s3:PutObject", "arn:aws:s3:::b/k", {{"aws:TagKeys", {"env", "team"}}}},
     Decision::kNotApplicable},
};

class PolicyDecisions : public testing::TestWithParam<DecisionCase> {};

TEST_P(PolicyDecisions, MatchAwsEvaluation) {
  const DecisionCase& test_case = GetParam();
  Document policy = Parse(std::string(R"({"Version":"2012-10-17","Statement":)") + test_case.statements + "}");
  EXPECT_EQ(Evaluate(policy, RequestOf(test_case.asker)), test_case.expected);
}

INSTANTIATE_TEST_SUITE_P(S3AndServices, PolicyDecisions, testing::ValuesIn(kDecisionCases),
                         [](const testing::TestParamInfo<DecisionCase>& info) { return info.param.name; });

TEST(PolicyContext, GlobalAndServiceKeys) {
  Request request = ServiceRequest("cloudtrail.amazonaws.com", "s3:PutObject", "arn:aws:s3:::b/k", kTrail, "");
  AddGlobalContext(request, {.now = 1767225600.5, .source_ip = "", .is_secure = true});
  EXPECT_EQ(request.principal.service, "cloudtrail.amazonaws.com");
  EXPECT_TRUE(request.principal.account_id.empty());
  EXPECT_EQ(request.context["aws:SourceArn"], std::vector<std::string>{kTrail});
  EXPECT_FALSE(request.context.contains("aws:SourceAccount"));
  EXPECT_FALSE(request.context.contains("aws:SourceIp"));
  EXPECT_EQ(request.context["aws:SecureTransport"], std::vector<std::string>{"true"});
  EXPECT_EQ(request.context["aws:EpochTime"], std::vector<std::string>{"1767225600"});
  EXPECT_EQ(request.context["aws:CurrentTime"], std::vector<std::string>{"2026-01-01T00:00:00Z"});
}

}  // namespace
}  // namespace trailbox::policy
