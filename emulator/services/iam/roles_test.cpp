// IAM roles: trust policy validation, the Role documents of Create/Get/List, updates, deletion conflicts, tags.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "services/common/handler_harness.hpp"
#include "services/iam/iam_service.hpp"

namespace trailbox::iam {
namespace {

constexpr const char* kTrustCloudTrail =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},)"
    R"("Action":"sts:AssumeRole"}]})";

class IamRoles : public testing::Test {
 protected:
  IamRoles() { harness_.Register(AddIamOperations); }
  common::HandlerHarness harness_;
};

TEST_F(IamRoles, CreateRoleAnswersTheRoleWithItsEncodedTrustPolicy) {
  Json role = harness_.Run("CreateRole", {{"RoleName", "CloudTrail_CloudWatchLogs_Role"},
                                          {"Path", "/service-role/"},
                                          {"AssumeRolePolicyDocument", kTrustCloudTrail},
                                          {"Description", "trail delivery"}})["Role"];
  EXPECT_EQ(role["Arn"], "arn:aws:iam::111122223333:role/service-role/CloudTrail_CloudWatchLogs_Role");
  EXPECT_TRUE(role["RoleId"].get<std::string>().starts_with("AROA"));
  EXPECT_EQ(role["AssumeRolePolicyDocument"], UrlEncode(kTrustCloudTrail));
  EXPECT_EQ(UrlDecode(role["AssumeRolePolicyDocument"].get<std::string>()), kTrustCloudTrail);
  EXPECT_FALSE(role.contains("MaxSessionDuration"));
  EXPECT_FALSE(role.contains("Description"));

  Json got = harness_.Run("GetRole", {{"RoleName", "cloudtrail_cloudwatchlogs_role"}})["Role"];
  EXPECT_EQ(got["RoleName"], "CloudTrail_CloudWatchLogs_Role");
  EXPECT_EQ(got["Description"], "trail delivery");
  EXPECT_EQ(got["MaxSessionDuration"], 3600);
  EXPECT_EQ(got["RoleLastUsed"], Json::object());
}

TEST_F(IamRoles, TrustPoliciesAreValidatedAsIamDoes) {
  auto fail = [&](const std::string& document) {
    return harness_.Fail("CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", document}});
  };
  AwsError resource = fail(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},)"
      R"("Action":"sts:AssumeRole","Resource":"*"}]})");
  EXPECT_EQ(resource.code(), "MalformedPolicyDocument");
  EXPECT_EQ(resource.message(), "Has prohibited field Resource");
  EXPECT_EQ(fail("{not json").message(), "This policy contains invalid Json");
  AwsError principal = fail(
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
      R"("Principal":{"AWS":"arn:aws:iam::111122223333:role/missing"},"Action":"sts:AssumeRole"}]})");
  EXPECT_EQ(principal.code(), "MalformedPolicyDocument");
  EXPECT_EQ(principal.message(), "Invalid principal in policy: \"AWS\":\"arn:aws:iam::111122223333:role/missing\"");
  std::string big = R"({"Version":"2012-10-17","Statement":[{"Sid":")" + std::string(2100, 'a') +
                    R"(","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
  AwsError quota = fail(big);
  EXPECT_EQ(quota.code(), "LimitExceeded");
  EXPECT_EQ(quota.message(), "Cannot exceed quota for ACLSizePerRole: 2048");
}

TEST_F(IamRoles, TrustPolicyMayNameExistingUsersAndRoles) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
      R"("Principal":{"AWS":["arn:aws:iam::111122223333:user/alice","444455556666"]},"Action":"sts:AssumeRole"}]})";
  EXPECT_NO_THROW(harness_.Run("CreateRole", {{"RoleName", "r"}, {"AssumeRolePolicyDocument", trust}}));
}

TEST_F(IamRoles, DuplicateRoleIsEntityAlreadyExists) {
  harness_.Run("CreateRole", {{"RoleName", "ops"}, {"AssumeRolePolicyDocument", kTrustCloudTrail}});
  AwsError error = harness_.Fail("CreateRole", {{"RoleName", "OPS"}, {"AssumeRolePolicyDocument", kTrustCloudTrail}});
  EXPECT_EQ(error.code(), "EntityAlreadyExists");
  EXPECT_EQ(error.message(), "Role with name OPS already exists.");
  AwsError missing = harness_.Fail("GetRole", {{"RoleName", "nope"}});
  EXPECT_EQ(missing.code(), "NoSuchEntity");
  EXPECT_EQ(missing.message(), "The role with name nope cannot be found.");
}

TEST_F(IamRoles, UpdateRoleAndTrustPolicy) {
  harness_.Run("CreateRole", {{"RoleName", "ops"}, {"AssumeRolePolicyDocument", kTrustCloudTrail}});
  harness_.Run("UpdateRole", {{"RoleName", "ops"}, {"Description", "d"}, {"MaxSessionDuration", 7200}});
  std::string trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},)"
      R"("Action":"sts:AssumeRole"}]})";
  harness_.Run("UpdateAssumeRolePolicy", {{"RoleName", "ops"}, {"PolicyDocument", trust}});
  Json role = harness_.Run("GetRole", {{"RoleName", "ops"}})["Role"];
  EXPECT_EQ(role["Description"], "d");
  EXPECT_EQ(role["MaxSessionDuration"], 7200);
  EXPECT_EQ(UrlDecode(role["AssumeRolePolicyDocument"].get<std::string>()), trust);
  AwsError bad = harness_.Fail(
      "UpdateAssumeRolePolicy",
      {{"RoleName", "ops"},
       {"PolicyDocument",
        R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},)"
        R"("Action":"s3:GetObject"}]})"}});
  EXPECT_EQ(bad.message(), "AssumeRole policy may only specify STS AssumeRole actions.");
}

TEST_F(IamRoles, ListRolesInNameOrderWithoutTags) {
  for (const char* name : {"b", "a", "c"}) {
    harness_.Run("CreateRole", {{"RoleName", name},
                                {"AssumeRolePolicyDocument", kTrustCloudTrail},
                                {"Tags", Json::array({{{"Key", "k"}, {"Value", "v"}}})}});
  }
  Json page = harness_.Run("ListRoles", {{"MaxItems", 2}});
  EXPECT_EQ(page["Roles"][0]["RoleName"], "a");
  EXPECT_EQ(page["Roles"][1]["RoleName"], "b");
  EXPECT_EQ(page["Roles"][0]["MaxSessionDuration"], 3600);
  EXPECT_FALSE(page["Roles"][0].contains("Tags"));
  EXPECT_TRUE(page["IsTruncated"].get<bool>());
  EXPECT_EQ(harness_.Run("ListRoles", {{"Marker", page["Marker"]}})["Roles"][0]["RoleName"], "c");
  EXPECT_EQ(harness_.Run("ListRoleTags", {{"RoleName", "a"}})["Tags"], Json::parse(R"([{"Key":"k","Value":"v"}])"));
}

TEST_F(IamRoles, DeleteRoleRequiresDetachedAndDeletedPolicies) {
  const char* document = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"logs:*","Resource":"*"}})";
  harness_.Run("CreateRole", {{"RoleName", "ops"}, {"AssumeRolePolicyDocument", kTrustCloudTrail}});
  harness_.Run("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  harness_.Run("PutRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "logs"}, {"PolicyDocument", document}});
  AwsError attached = harness_.Fail("DeleteRole", {{"RoleName", "ops"}});
  EXPECT_EQ(attached.code(), "DeleteConflict");
  EXPECT_EQ(attached.message(), "Cannot delete entity, must detach all policies first.");
  harness_.Run("DetachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}});
  EXPECT_EQ(harness_.Fail("DeleteRole", {{"RoleName", "ops"}}).message(),
            "Cannot delete entity, must delete policies first.");
  harness_.Run("DeleteRolePolicy", {{"RoleName", "ops"}, {"PolicyName", "logs"}});
  harness_.Run("DeleteRole", {{"RoleName", "ops"}});
  EXPECT_EQ(harness_.Fail("GetRole", {{"RoleName", "ops"}}).code(), "NoSuchEntity");
}

}  // namespace
}  // namespace trailbox::iam
