// Managed policies: creation, versions (five at most, one default), scopes of ListPolicies, attachments to users
// and roles, ListEntitiesForPolicy, and the deletion rules.
#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "services/common/handler_harness.hpp"
#include "services/iam/iam_service.hpp"

namespace trailbox::iam {
namespace {

constexpr const char* kReadS3 =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"*"}]})";
constexpr const char* kAdmin = "arn:aws:iam::aws:policy/AdministratorAccess";

class IamManagedPolicies : public testing::Test {
 protected:
  IamManagedPolicies() {
    harness_.Register(AddIamOperations);
    Json policy = harness_.Run("CreatePolicy", {{"PolicyName", "read-s3"},
                                                {"Path", "/team/"},
                                                {"PolicyDocument", kReadS3},
                                                {"Description", "reads S3"}})["Policy"];
    arn_ = policy["Arn"];
  }
  void CreateRole(const std::string& name) {
    harness_.Run(
        "CreateRole",
        {{"RoleName", name},
         {"AssumeRolePolicyDocument",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},)"
          R"("Action":"sts:AssumeRole"}]})"}});
  }

  common::HandlerHarness harness_;
  std::string arn_;
};

TEST_F(IamManagedPolicies, CreatePolicyAnswersVersionOneUnattached) {
  Json policy = harness_.Run("GetPolicy", {{"PolicyArn", arn_}})["Policy"];
  EXPECT_EQ(arn_, "arn:aws:iam::111122223333:policy/team/read-s3");
  EXPECT_TRUE(policy["PolicyId"].get<std::string>().starts_with("ANPA"));
  EXPECT_EQ(policy["DefaultVersionId"], "v1");
  EXPECT_EQ(policy["AttachmentCount"], 0);
  EXPECT_EQ(policy["IsAttachable"], true);
  EXPECT_EQ(policy["Description"], "reads S3");
  Json version = harness_.Run("GetPolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v1"}})["PolicyVersion"];
  EXPECT_EQ(version["Document"], UrlEncode(kReadS3));
  EXPECT_EQ(version["IsDefaultVersion"], true);

  AwsError duplicate = harness_.Fail("CreatePolicy", {{"PolicyName", "READ-S3"}, {"PolicyDocument", kReadS3}});
  EXPECT_EQ(duplicate.code(), "EntityAlreadyExists");
  EXPECT_EQ(duplicate.message(), "A policy called READ-S3 already exists. Duplicate names are not allowed.");
  AwsError missing = harness_.Fail("GetPolicy", {{"PolicyArn", "arn:aws:iam::111122223333:policy/none"}});
  EXPECT_EQ(missing.code(), "NoSuchEntity");
  EXPECT_EQ(missing.message(), "Policy arn:aws:iam::111122223333:policy/none was not found.");
}

TEST_F(IamManagedPolicies, ManagedPoliciesMustCarryVersion20121017) {
  AwsError error = harness_.Fail(
      "CreatePolicy", {{"PolicyName", "old"},
                       {"PolicyDocument", R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"}});
  EXPECT_EQ(error.code(), "MalformedPolicyDocument");
  EXPECT_EQ(error.message(), "Policy document must be version 2012-10-17 or greater.");
}

TEST_F(IamManagedPolicies, AtMostFiveVersionsAndTheDefaultStays) {
  for (int i = 2; i <= 5; ++i) {
    Json version =
        harness_.Run("CreatePolicyVersion", {{"PolicyArn", arn_}, {"PolicyDocument", kReadS3}})["PolicyVersion"];
    EXPECT_EQ(version["VersionId"], "v" + std::to_string(i));
    EXPECT_EQ(version["IsDefaultVersion"], false);
  }
  AwsError limit = harness_.Fail("CreatePolicyVersion", {{"PolicyArn", arn_}, {"PolicyDocument", kReadS3}});
  EXPECT_EQ(limit.code(), "LimitExceeded");
  EXPECT_EQ(limit.message(),
            "A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing "
            "version.");
  AwsError default_version = harness_.Fail("DeletePolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v1"}});
  EXPECT_EQ(default_version.code(), "DeleteConflict");
  EXPECT_EQ(default_version.message(), "Cannot delete the default version of a policy.");
  harness_.Run("DeletePolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v2"}});
  Json created =
      harness_.Run("CreatePolicyVersion",
                   {{"PolicyArn", arn_}, {"PolicyDocument", kReadS3}, {"SetAsDefault", true}})["PolicyVersion"];
  EXPECT_EQ(created["VersionId"], "v6");
  EXPECT_EQ(harness_.Run("GetPolicy", {{"PolicyArn", arn_}})["Policy"]["DefaultVersionId"], "v6");
  harness_.Run("SetDefaultPolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v3"}});
  Json versions = harness_.Run("ListPolicyVersions", {{"PolicyArn", arn_}})["Versions"];
  ASSERT_EQ(versions.size(), 5u);
  EXPECT_EQ(versions[0]["VersionId"], "v6");
  EXPECT_EQ(versions[4]["VersionId"], "v1");
  EXPECT_EQ(versions[2]["VersionId"], "v4");
  EXPECT_EQ(versions[3]["IsDefaultVersion"], true);
  AwsError missing = harness_.Fail("GetPolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v2"}});
  EXPECT_EQ(missing.code(), "NoSuchEntity");
  EXPECT_EQ(missing.message(), "Policy " + arn_ + " version v2 does not exist or is not attachable.");
}

TEST_F(IamManagedPolicies, DeletePolicyRequiresNoAttachmentsAndNoOtherVersions) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  harness_.Run("AttachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn_}});
  harness_.Run("AttachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn_}});
  EXPECT_EQ(harness_.Run("GetPolicy", {{"PolicyArn", arn_}})["Policy"]["AttachmentCount"], 1);
  AwsError attached = harness_.Fail("DeletePolicy", {{"PolicyArn", arn_}});
  EXPECT_EQ(attached.code(), "DeleteConflict");
  EXPECT_EQ(attached.message(), "Cannot delete a policy attached to entities.");
  harness_.Run("DetachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn_}});
  harness_.Run("CreatePolicyVersion", {{"PolicyArn", arn_}, {"PolicyDocument", kReadS3}});
  EXPECT_EQ(harness_.Fail("DeletePolicy", {{"PolicyArn", arn_}}).message(),
            "This policy has more than one version. Before you delete a policy, you must delete the policy's "
            "versions. The default version is deleted with the policy.");
  harness_.Run("DeletePolicyVersion", {{"PolicyArn", arn_}, {"VersionId", "v2"}});
  harness_.Run("DeletePolicy", {{"PolicyArn", arn_}});
  EXPECT_EQ(harness_.Fail("GetPolicy", {{"PolicyArn", arn_}}).code(), "NoSuchEntity");
  AwsError aws = harness_.Fail("DeletePolicy", {{"PolicyArn", kAdmin}});
  EXPECT_EQ(aws.code(), "AccessDenied");
  EXPECT_EQ(aws.message(), "Cannot delete policies outside your own account.");
}

TEST_F(IamManagedPolicies, ListPoliciesByScopeAndAttachment) {
  harness_.Run("CreatePolicy", {{"PolicyName", "a-first"}, {"PolicyDocument", kReadS3}});
  Json local = harness_.Run("ListPolicies", {{"Scope", "Local"}})["Policies"];
  ASSERT_EQ(local.size(), 2u);
  EXPECT_EQ(local[0]["PolicyName"], "a-first");
  EXPECT_FALSE(local[0].contains("Description"));
  Json aws = harness_.Run("ListPolicies", {{"Scope", "AWS"}})["Policies"];
  ASSERT_EQ(aws.size(), 1u);
  EXPECT_EQ(aws[0]["Arn"], kAdmin);
  EXPECT_EQ(harness_.Run("ListPolicies")["Policies"].size(), 3u);
  EXPECT_TRUE(harness_.Run("ListPolicies", {{"OnlyAttached", true}})["Policies"].empty());
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  harness_.Run("AttachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", kAdmin}});
  Json attached = harness_.Run("ListPolicies", {{"OnlyAttached", true}})["Policies"];
  ASSERT_EQ(attached.size(), 1u);
  EXPECT_EQ(attached[0]["AttachmentCount"], 1);
  EXPECT_EQ(harness_.Run("ListPolicies", {{"PathPrefix", "/team/"}})["Policies"].size(), 1u);
}

TEST_F(IamManagedPolicies, AttachmentsListAndLimit) {
  CreateRole("ops");
  harness_.Run("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", arn_}});
  harness_.Run("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", kAdmin}});
  Json listed = harness_.Run("ListAttachedRolePolicies", {{"RoleName", "ops"}})["AttachedPolicies"];
  EXPECT_EQ(listed, Json::parse(R"([{"PolicyName":"AdministratorAccess","PolicyArn":")" + std::string(kAdmin) +
                                R"("},{"PolicyName":"read-s3","PolicyArn":")" + arn_ + R"("}])"));
  EXPECT_EQ(
      harness_.Run("ListAttachedRolePolicies", {{"RoleName", "ops"}, {"PathPrefix", "/team/"}})["AttachedPolicies"]
          .size(),
      1u);
  AwsError unknown =
      harness_.Fail("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", "arn:aws:iam::aws:policy/Nope"}});
  EXPECT_EQ(unknown.code(), "NoSuchEntity");
  EXPECT_EQ(unknown.message(), "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
  AwsError detached =
      harness_.Fail("DetachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", "arn:aws:iam::aws:policy/Nope"}});
  EXPECT_EQ(detached.message(), "Policy arn:aws:iam::aws:policy/Nope was not found.");
  for (int i = 0; i < 8; ++i) {
    std::string arn = harness_.Run(
        "CreatePolicy", {{"PolicyName", "p" + std::to_string(i)}, {"PolicyDocument", kReadS3}})["Policy"]["Arn"];
    harness_.Run("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", arn}});
  }
  std::string eleventh =
      harness_.Run("CreatePolicy", {{"PolicyName", "p11"}, {"PolicyDocument", kReadS3}})["Policy"]["Arn"];
  AwsError limit = harness_.Fail("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", eleventh}});
  EXPECT_EQ(limit.code(), "LimitExceeded");
  EXPECT_EQ(limit.message(), "Cannot exceed quota for PoliciesPerRole: 10");
}

TEST_F(IamManagedPolicies, ListEntitiesForPolicyNamesUsersAndRoles) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  harness_.Run("CreateUser", {{"UserName", "bob"}, {"PermissionsBoundary", arn_}});
  CreateRole("ops");
  harness_.Run("AttachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn_}});
  harness_.Run("AttachRolePolicy", {{"RoleName", "ops"}, {"PolicyArn", arn_}});
  Json all = harness_.Run("ListEntitiesForPolicy", {{"PolicyArn", arn_}});
  EXPECT_EQ(all["PolicyUsers"].size(), 2u);
  EXPECT_EQ(all["PolicyRoles"][0]["RoleName"], "ops");
  EXPECT_TRUE(all["PolicyGroups"].empty());
  Json boundary =
      harness_.Run("ListEntitiesForPolicy", {{"PolicyArn", arn_}, {"PolicyUsageFilter", "PermissionsBoundary"}});
  ASSERT_EQ(boundary["PolicyUsers"].size(), 1u);
  EXPECT_EQ(boundary["PolicyUsers"][0]["UserName"], "bob");
  Json roles_only = harness_.Run("ListEntitiesForPolicy", {{"PolicyArn", arn_}, {"EntityFilter", "Role"}});
  EXPECT_TRUE(roles_only["PolicyUsers"].empty());
  Json paged = harness_.Run("ListEntitiesForPolicy", {{"PolicyArn", arn_}, {"MaxItems", 2}});
  EXPECT_TRUE(paged["IsTruncated"].get<bool>());
  Json rest = harness_.Run("ListEntitiesForPolicy", {{"PolicyArn", arn_}, {"Marker", paged["Marker"]}});
  EXPECT_EQ(paged["PolicyRoles"].size() + paged["PolicyUsers"].size() + rest["PolicyRoles"].size() +
                rest["PolicyUsers"].size(),
            3u);
  EXPECT_EQ(harness_.Run("GetPolicy", {{"PolicyArn", arn_}})["Policy"]["PermissionsBoundaryUsageCount"], 1);
  AwsError boundary_missing = harness_.Fail(
      "CreateUser", {{"UserName", "carol"}, {"PermissionsBoundary", "arn:aws:iam::111122223333:policy/x"}});
  EXPECT_EQ(boundary_missing.code(), "NoSuchEntity");
  EXPECT_EQ(boundary_missing.message(),
            "Scope ARN: arn:aws:iam::111122223333:policy/x does not exist or is not attachable.");
}

}  // namespace
}  // namespace trailbox::iam
