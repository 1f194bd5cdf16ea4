// IAM access keys and how FindCredentials resolves them (and STS sessions) to callers.
#include <gtest/gtest.h>

#include "services/common/handler_harness.hpp"
#include "services/iam/credentials.hpp"
#include "services/iam/iam_service.hpp"

namespace trailbox::iam {
namespace {

class IamAccessKeys : public testing::Test {
 protected:
  IamAccessKeys() {
    harness_.Register(AddIamOperations);
    user_ = harness_.Run("CreateUser", {{"UserName", "alice"}})["User"];
  }
  common::HandlerHarness harness_;
  Json user_;
};

TEST_F(IamAccessKeys, CreateAccessKeyAnswersKeyAndSecretOnce) {
  Json key = harness_.Run("CreateAccessKey", {{"UserName", "alice"}})["AccessKey"];
  std::string id = key["AccessKeyId"];
  EXPECT_TRUE(id.starts_with("AKIA"));
  EXPECT_EQ(id.size(), 20u);
  EXPECT_EQ(key["SecretAccessKey"].get<std::string>().size(), 40u);
  EXPECT_EQ(key["Status"], "Active");
  EXPECT_EQ(key["UserName"], "alice");
  Json listed = harness_.Run("ListAccessKeys", {{"UserName", "alice"}})["AccessKeyMetadata"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0],
            Json({{"UserName", "alice"}, {"AccessKeyId", id}, {"Status", "Active"}, {"CreateDate", 1767225600.0}}));
}

TEST_F(IamAccessKeys, AUserHasAtMostTwoKeys) {
  harness_.Run("CreateAccessKey", {{"UserName", "alice"}});
  harness_.Run("CreateAccessKey", {{"UserName", "alice"}});
  AwsError error = harness_.Fail("CreateAccessKey", {{"UserName", "alice"}});
  EXPECT_EQ(error.code(), "LimitExceeded");
  EXPECT_EQ(error.message(), "Cannot exceed quota for AccessKeysPerUser: 2");
}

TEST_F(IamAccessKeys, FindCredentialsResolvesTheUserAndItsStatus) {
  Json key = harness_.Run("CreateAccessKey", {{"UserName", "alice"}})["AccessKey"];
  std::optional<Credentials> credentials = FindCredentials(harness_.db(), key["AccessKeyId"].get<std::string>());
  ASSERT_TRUE(credentials.has_value());
  EXPECT_EQ(credentials->identity.type, IdentityType::kIamUser);
  EXPECT_EQ(credentials->identity.arn, "arn:aws:iam::111122223333:user/alice");
  EXPECT_EQ(credentials->identity.principal_id, user_["UserId"]);
  EXPECT_EQ(credentials->identity.user_name, "alice");
  EXPECT_EQ(credentials->identity.account_id, "111122223333");
  EXPECT_EQ(credentials->secret_access_key, key["SecretAccessKey"]);
  EXPECT_TRUE(credentials->is_active);
  EXPECT_FALSE(credentials->expiration.has_value());

  harness_.Run("UpdateAccessKey", {{"UserName", "alice"}, {"AccessKeyId", key["AccessKeyId"]}, {"Status", "Inactive"}});
  EXPECT_FALSE(FindCredentials(harness_.db(), key["AccessKeyId"].get<std::string>())->is_active);
  EXPECT_FALSE(FindCredentials(harness_.db(), "AKIANOTAKEYATALL0000").has_value());
}

TEST_F(IamAccessKeys, FindCredentialsResolvesTemporaryCredentials) {
  Identity session;
  session.type = IdentityType::kAssumedRole;
  session.account_id = "111122223333";
  session.arn = "arn:aws:sts::111122223333:assumed-role/ops/s1";
  session.principal_id = "AROAEXAMPLEEXAMPLE12:s1";
  session.role_arn = "arn:aws:iam::111122223333:role/ops";
  session.role_id = "AROAEXAMPLEEXAMPLE12";
  session.role_name = "ops";
  session.session_name = "s1";
  Credentials issued = IssueTemporaryCredentials(harness_.db(), session, 1767225600, 1767229200);
  EXPECT_TRUE(issued.identity.access_key_id.starts_with("ASIA"));
  std::optional<Credentials> found = FindCredentials(harness_.db(), issued.identity.access_key_id);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->identity.type, IdentityType::kAssumedRole);
  EXPECT_EQ(found->identity.arn, session.arn);
  EXPECT_EQ(found->identity.role_name, "ops");
  EXPECT_EQ(found->identity.session_name, "s1");
  EXPECT_EQ(found->identity.session_issued_at, 1767225600);
  EXPECT_EQ(found->expiration, 1767229200);
  EXPECT_EQ(found->session_token, issued.session_token);
  EXPECT_EQ(found->secret_access_key, issued.secret_access_key);
}

TEST_F(IamAccessKeys, KeyOperationsWithoutUserNameActOnTheCallingUser) {
  Identity& identity = harness_.call().identity;
  AwsError root = harness_.Fail("CreateAccessKey");
  EXPECT_EQ(root.code(), "ValidationError");
  EXPECT_EQ(root.message(), "Must specify userName when calling with non-User credentials");
  identity.type = IdentityType::kIamUser;
  identity.user_name = "alice";
  identity.arn = user_["Arn"];
  std::string id = harness_.Run("CreateAccessKey")["AccessKey"]["AccessKeyId"];
  EXPECT_EQ(harness_.Run("ListAccessKeys")["AccessKeyMetadata"][0]["AccessKeyId"], id);
  harness_.Run("DeleteAccessKey", {{"AccessKeyId", id}});
  EXPECT_TRUE(harness_.Run("ListAccessKeys")["AccessKeyMetadata"].empty());
}

TEST_F(IamAccessKeys, AnotherUsersKeyIsNoSuchEntity) {
  harness_.Run("CreateUser", {{"UserName", "bob"}});
  std::string id = harness_.Run("CreateAccessKey", {{"UserName", "bob"}})["AccessKey"]["AccessKeyId"];
  AwsError error = harness_.Fail("DeleteAccessKey", {{"UserName", "alice"}, {"AccessKeyId", id}});
  EXPECT_EQ(error.code(), "NoSuchEntity");
  EXPECT_EQ(error.message(), "The Access Key with id " + id + " cannot be found.");
  EXPECT_EQ(harness_.Fail("ListAccessKeys", {{"UserName", "carol"}}).message(),
            "The user with name carol cannot be found.");
}

}  // namespace
}  // namespace trailbox::iam
