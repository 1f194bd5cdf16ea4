// STS AssumeRole: trust evaluation, session identities, durations, cross-account sessions, errors.
#include "services/iam/entities.hpp"
#include "services/iam/trust.hpp"
#include "services/sts/sts_test_fixture.hpp"

namespace trailbox::sts {
namespace {

class StsAssumeRole : public StsFixture {};

TEST_F(StsAssumeRole, AssumeRoleIssuesASessionTheDispatcherResolves) {
  ActAsUser("alice");
  Json output = harness_.Run("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "deploy"}});
  Json credentials = output["Credentials"];
  std::string key = credentials["AccessKeyId"];
  EXPECT_TRUE(key.starts_with("ASIA"));
  EXPECT_EQ(key.size(), 20u);
  EXPECT_EQ(credentials["SecretAccessKey"].get<std::string>().size(), 40u);
  EXPECT_FALSE(credentials["SessionToken"].get<std::string>().empty());
  EXPECT_EQ(credentials["Expiration"], 1767225600.0 + 3600);
  std::string role_id = role_["RoleId"];
  EXPECT_EQ(output["AssumedRoleUser"], Json({{"AssumedRoleId", role_id + ":deploy"},
                                             {"Arn", "arn:aws:sts::111122223333:assumed-role/ops/deploy"}}));

  std::optional<iam::Credentials> session = iam::FindCredentials(harness_.db(), key);
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ(session->identity.type, IdentityType::kAssumedRole);
  EXPECT_EQ(session->identity.role_arn, "arn:aws:iam::111122223333:role/team/ops");
  EXPECT_EQ(session->session_token, credentials["SessionToken"]);
  ActAsKey(key);
  EXPECT_EQ(harness_.Run("GetCallerIdentity"), Json({{"UserId", role_id + ":deploy"},
                                                     {"Account", "111122223333"},
                                                     {"Arn", "arn:aws:sts::111122223333:assumed-role/ops/deploy"}}));
  harness_.call().identity = Identity::RootOf("111122223333");
  Json last_used = harness_.Run("GetRole", {{"RoleName", "ops"}})["Role"]["RoleLastUsed"];
  EXPECT_EQ(last_used, Json({{"LastUsedDate", 1767225600.0}, {"Region", "us-east-1"}}));
}

TEST_F(StsAssumeRole, UnknownRoleOrUntrustedCallerIsAccessDenied) {
  harness_.call().identity = Identity::RootOf("444455556666");
  harness_.Run("CreateUser", {{"UserName", "mallory"}});
  ActAsUser("mallory");
  AwsError untrusted = harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}});
  EXPECT_EQ(untrusted.code(), "AccessDenied");
  EXPECT_EQ(untrusted.http_status(), 403);
  EXPECT_EQ(untrusted.message(),
            "User: arn:aws:iam::444455556666:user/mallory is not authorized to perform: sts:AssumeRole on resource: "
            "arn:aws:iam::111122223333:role/team/ops");
  AwsError unknown =
      harness_.Fail("AssumeRole", {{"RoleArn", "arn:aws:iam::111122223333:role/none"}, {"RoleSessionName", "x"}});
  EXPECT_EQ(unknown.message(),
            "User: arn:aws:iam::444455556666:user/mallory is not authorized to perform: sts:AssumeRole on resource: "
            "arn:aws:iam::111122223333:role/none");
}

TEST_F(StsAssumeRole, CrossAccountSessionsBelongToTheRolesAccount) {
  harness_.call().identity = Identity::RootOf("444455556666");
  Json partner = harness_.Run("CreateRole", {{"RoleName", "audit"},
                                             {"AssumeRolePolicyDocument",
                                              TrustOf(R"({"AWS":"arn:aws:iam::111122223333:user/alice"})")}})["Role"];
  harness_.call().identity = Identity::RootOf("111122223333");
  ActAsUser("alice");
  Json output = harness_.Run("AssumeRole", {{"RoleArn", partner["Arn"]}, {"RoleSessionName", "x"}});
  EXPECT_EQ(output["AssumedRoleUser"]["Arn"], "arn:aws:sts::444455556666:assumed-role/audit/x");
  ActAsKey(output["Credentials"]["AccessKeyId"]);
  EXPECT_EQ(harness_.Run("GetCallerIdentity")["Account"], "444455556666");
}

TEST_F(StsAssumeRole, RootMayNotAssumeRoles) {
  AwsError error = harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}});
  EXPECT_EQ(error.code(), "AccessDenied");
  EXPECT_EQ(error.message(), "Roles may not be assumed by root accounts.");
}

TEST_F(StsAssumeRole, DurationIsBoundedByTheRoleAndByChaining) {
  ActAsUser("alice");
  Json output =
      harness_.Run("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}, {"DurationSeconds", 7200}});
  EXPECT_EQ(output["Credentials"]["Expiration"], 1767225600.0 + 7200);
  AwsError too_long =
      harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}, {"DurationSeconds", 7201}});
  EXPECT_EQ(too_long.code(), "ValidationError");
  EXPECT_EQ(too_long.message(), "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  ActAsKey(output["Credentials"]["AccessKeyId"]);
  AwsError chained =
      harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "y"}, {"DurationSeconds", 3601}});
  EXPECT_EQ(chained.message(),
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.");
  EXPECT_NO_THROW(harness_.Run("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "y"}}));
}

TEST_F(StsAssumeRole, TrustConditionsAndDenyStatementsApply) {
  std::string trust = TrustOf(
      R"({"AWS":"111122223333"},"Condition":{"StringEquals":{"sts:ExternalId":"secret-42"}})",
      R"(,{"Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111122223333:user/bob"},"Action":"sts:AssumeRole"})");
  harness_.Run("CreateUser", {{"UserName", "bob"}});
  harness_.Run("UpdateAssumeRolePolicy", {{"RoleName", "ops"}, {"PolicyDocument", trust}});
  ActAsUser("alice");
  EXPECT_EQ(harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}}).code(), "AccessDenied");
  EXPECT_EQ(harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}, {"ExternalId", "wrong"}})
                .code(),
            "AccessDenied");
  EXPECT_NO_THROW(
      harness_.Run("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}, {"ExternalId", "secret-42"}}));
  harness_.call().identity = Identity::RootOf("111122223333");
  ActAsUser("bob");
  EXPECT_EQ(
      harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]}, {"RoleSessionName", "x"}, {"ExternalId", "secret-42"}})
          .code(),
      "AccessDenied");
}

TEST_F(StsAssumeRole, ServicePrincipalsAreTrustedByTheirName) {
  harness_.Run("CreateRole", {{"RoleName", "trail"},
                              {"AssumeRolePolicyDocument", TrustOf(R"({"Service":"cloudtrail.amazonaws.com"})")}});
  iam::RoleRow role = *iam::FindRole(harness_.db(), "111122223333", "trail");
  Identity cloudtrail = Identity::Service("cloudtrail.amazonaws.com", "111122223333");
  EXPECT_TRUE(iam::TrustPolicyAllows(role, iam::AssumeRoleRequest(role, cloudtrail, 1767225600)));
  Identity logs = Identity::Service("logs.amazonaws.com", "111122223333");
  EXPECT_FALSE(iam::TrustPolicyAllows(role, iam::AssumeRoleRequest(role, logs, 1767225600)));
}

TEST_F(StsAssumeRole, MfaDevicesAreUnknown) {
  ActAsUser("alice");
  AwsError error = harness_.Fail("AssumeRole", {{"RoleArn", role_["Arn"]},
                                                {"RoleSessionName", "x"},
                                                {"SerialNumber", "arn:aws:iam::111122223333:mfa/alice"},
                                                {"TokenCode", "123456"}});
  EXPECT_EQ(error.code(), "AccessDenied");
  EXPECT_EQ(error.message(), "MultiFactorAuthentication failed, unable to validate MFA code.");
}

}  // namespace
}  // namespace trailbox::sts
