// IAM users: creation, lookup, listing with Marker pagination, renames, deletion conflicts, tags, and accounts.
#include <gtest/gtest.h>

#include "services/common/handler_harness.hpp"
#include "services/iam/iam_service.hpp"

namespace trailbox::iam {
namespace {

class IamUsers : public testing::Test {
 protected:
  IamUsers() { harness_.Register(AddIamOperations); }
  common::HandlerHarness harness_;
};

TEST_F(IamUsers, CreateUserAnswersArnIdAndPath) {
  Json user = harness_.Run("CreateUser", {{"UserName", "alice"}, {"Path", "/ops/"}})["User"];
  EXPECT_EQ(user["UserName"], "alice");
  EXPECT_EQ(user["Path"], "/ops/");
  EXPECT_EQ(user["Arn"], "arn:aws:iam::111122223333:user/ops/alice");
  std::string id = user["UserId"];
  EXPECT_EQ(id.size(), 21u);
  EXPECT_TRUE(id.starts_with("AIDA"));
  EXPECT_EQ(user["CreateDate"], 1767225600.0);
  EXPECT_FALSE(user.contains("Tags"));
}

TEST_F(IamUsers, UserNamesAreUniqueWithoutRegardToCase) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  AwsError error = harness_.Fail("CreateUser", {{"UserName", "ALICE"}});
  EXPECT_EQ(error.code(), "EntityAlreadyExists");
  EXPECT_EQ(error.message(), "User with name ALICE already exists.");
  EXPECT_EQ(harness_.Run("GetUser", {{"UserName", "Alice"}})["User"]["UserName"], "alice");
}

TEST_F(IamUsers, GetUserOfMissingUserIsNoSuchEntity) {
  AwsError error = harness_.Fail("GetUser", {{"UserName", "nobody"}});
  EXPECT_EQ(error.code(), "NoSuchEntity");
  EXPECT_EQ(error.message(), "The user with name nobody cannot be found.");
}

TEST_F(IamUsers, GetUserWithoutNameDescribesTheCaller) {
  Json root = harness_.Run("GetUser")["User"];
  EXPECT_EQ(root["UserId"], "111122223333");
  EXPECT_EQ(root["Arn"], "arn:aws:iam::111122223333:root");

  Json alice = harness_.Run("CreateUser", {{"UserName", "alice"}})["User"];
  Identity& identity = harness_.call().identity;
  identity.type = IdentityType::kIamUser;
  identity.arn = alice["Arn"];
  identity.user_name = "alice";
  EXPECT_EQ(harness_.Run("GetUser")["User"]["UserId"], alice["UserId"]);

  identity.type = IdentityType::kAssumedRole;
  AwsError error = harness_.Fail("GetUser");
  EXPECT_EQ(error.code(), "ValidationError");
  EXPECT_EQ(error.message(), "Must specify userName when calling with non-User credentials");
}

TEST_F(IamUsers, ListUsersPagesWithMarkerInNameOrder) {
  for (const char* name : {"carol", "alice", "Bob", "dave", "erin"}) harness_.Run("CreateUser", {{"UserName", name}});
  Json first = harness_.Run("ListUsers", {{"MaxItems", 2}});
  ASSERT_EQ(first["Users"].size(), 2u);
  EXPECT_EQ(first["Users"][0]["UserName"], "alice");
  EXPECT_EQ(first["Users"][1]["UserName"], "Bob");
  EXPECT_TRUE(first["IsTruncated"].get<bool>());
  Json second = harness_.Run("ListUsers", {{"MaxItems", 2}, {"Marker", first["Marker"]}});
  EXPECT_EQ(second["Users"][0]["UserName"], "carol");
  Json last = harness_.Run("ListUsers", {{"MaxItems", 2}, {"Marker", second["Marker"]}});
  ASSERT_EQ(last["Users"].size(), 1u);
  EXPECT_EQ(last["Users"][0]["UserName"], "erin");
  EXPECT_FALSE(last["IsTruncated"].get<bool>());
  EXPECT_FALSE(last.contains("Marker"));
  EXPECT_EQ(harness_.Fail("ListUsers", {{"Marker", "bm90LW91cnM="}}).code(), "ValidationError");
}

TEST_F(IamUsers, ListUsersFiltersByPathPrefix) {
  harness_.Run("CreateUser", {{"UserName", "alice"}, {"Path", "/ops/"}});
  harness_.Run("CreateUser", {{"UserName", "bob"}});
  Json users = harness_.Run("ListUsers", {{"PathPrefix", "/ops/"}})["Users"];
  ASSERT_EQ(users.size(), 1u);
  EXPECT_EQ(users[0]["UserName"], "alice");
}

TEST_F(IamUsers, UpdateUserRenamesAndMoves) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  harness_.Run("CreateUser", {{"UserName", "bob"}});
  harness_.Run("UpdateUser", {{"UserName", "alice"}, {"NewUserName", "alicia"}, {"NewPath", "/team/"}});
  Json user = harness_.Run("GetUser", {{"UserName", "alicia"}})["User"];
  EXPECT_EQ(user["Arn"], "arn:aws:iam::111122223333:user/team/alicia");
  EXPECT_EQ(harness_.Fail("GetUser", {{"UserName", "alice"}}).code(), "NoSuchEntity");
  AwsError error = harness_.Fail("UpdateUser", {{"UserName", "alicia"}, {"NewUserName", "bob"}});
  EXPECT_EQ(error.code(), "EntityAlreadyExists");
  EXPECT_EQ(error.message(), "User with name bob already exists.");
}

TEST_F(IamUsers, DeleteUserRequiresDetachedPoliciesDeletedPoliciesAndKeys) {
  const char* document = R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  std::string arn = harness_.Run("CreatePolicy", {{"PolicyName", "s3"}, {"PolicyDocument", document}})["Policy"]["Arn"];
  harness_.Run("AttachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn}});
  harness_.Run("PutUserPolicy", {{"UserName", "alice"}, {"PolicyName", "inline"}, {"PolicyDocument", document}});
  std::string key = harness_.Run("CreateAccessKey", {{"UserName", "alice"}})["AccessKey"]["AccessKeyId"];

  AwsError attached = harness_.Fail("DeleteUser", {{"UserName", "alice"}});
  EXPECT_EQ(attached.code(), "DeleteConflict");
  EXPECT_EQ(attached.message(), "Cannot delete entity, must detach all policies first.");
  harness_.Run("DetachUserPolicy", {{"UserName", "alice"}, {"PolicyArn", arn}});
  EXPECT_EQ(harness_.Fail("DeleteUser", {{"UserName", "alice"}}).message(),
            "Cannot delete entity, must delete policies first.");
  harness_.Run("DeleteUserPolicy", {{"UserName", "alice"}, {"PolicyName", "inline"}});
  EXPECT_EQ(harness_.Fail("DeleteUser", {{"UserName", "alice"}}).message(),
            "Cannot delete entity, must delete access keys first.");
  harness_.Run("DeleteAccessKey", {{"UserName", "alice"}, {"AccessKeyId", key}});
  EXPECT_EQ(harness_.Run("DeleteUser", {{"UserName", "alice"}}), Json::object());
  EXPECT_EQ(harness_.Fail("GetUser", {{"UserName", "alice"}}).code(), "NoSuchEntity");
}

TEST_F(IamUsers, TagsMergeWithoutRegardToKeyCase) {
  harness_.Run("CreateUser", {{"UserName", "alice"}, {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}});
  harness_.Run("TagUser", {{"UserName", "alice"},
                           {"Tags", {{{"Key", "Team"}, {"Value", "sec"}}, {{"Key", "env"}, {"Value", "prod"}}}}});
  Json tags = harness_.Run("ListUserTags", {{"UserName", "alice"}})["Tags"];
  EXPECT_EQ(tags, Json::parse(R"([{"Key":"env","Value":"prod"},{"Key":"Team","Value":"sec"}])"));
  EXPECT_EQ(harness_.Run("GetUser", {{"UserName", "alice"}})["User"]["Tags"].size(), 2u);
  harness_.Run("UntagUser", {{"UserName", "alice"}, {"TagKeys", Json::array({"TEAM", "absent"})}});
  EXPECT_EQ(harness_.Run("ListUserTags", {{"UserName", "alice"}})["Tags"].size(), 1u);

  AwsError duplicate = harness_.Fail(
      "TagUser", {{"UserName", "alice"}, {"Tags", {{{"Key", "a"}, {"Value", "1"}}, {{"Key", "A"}, {"Value", "2"}}}}});
  EXPECT_EQ(duplicate.code(), "InvalidInput");
  EXPECT_EQ(duplicate.message(), "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
}

TEST_F(IamUsers, EachAccountHasItsOwnUsers) {
  harness_.Run("CreateUser", {{"UserName", "alice"}});
  harness_.call().identity = Identity::RootOf("444455556666");
  EXPECT_EQ(harness_.Fail("GetUser", {{"UserName", "alice"}}).code(), "NoSuchEntity");
  Json user = harness_.Run("CreateUser", {{"UserName", "alice"}})["User"];
  EXPECT_EQ(user["Arn"], "arn:aws:iam::444455556666:user/alice");
  EXPECT_EQ(harness_.Run("ListUsers")["Users"].size(), 1u);
}

}  // namespace
}  // namespace trailbox::iam
