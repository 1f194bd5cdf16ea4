// IAM users and their tags: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser, TagUser, UntagUser,
// ListUserTags (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateUser.html and neighbours).
#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

void InsertUser(store::Database& db, const UserRow& user) {
  auto statement = db.Prepare(
      "INSERT INTO iam_users (user_id, account_id, user_name, path, arn, create_date, permissions_boundary) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  statement.BindAll(user.user_id, user.account_id, user.user_name, user.path, user.arn, user.create_date);
  BindOptional(statement, 7, user.permissions_boundary);
  statement.Run();
}

// GetUser without UserName answers for the caller. Deviation: trailbox accounts have no creation date, so the root
// user reports the Unix epoch as its CreateDate.
Json CallerAsUser(Call& call) {
  const Identity& identity = call.identity;
  if (identity.type == IdentityType::kIamUser) {
    return UserDocument(RequireUser(call.db(), identity.account_id, identity.user_name));
  }
  if (identity.type == IdentityType::kRoot) {
    return {{"UserId", identity.account_id}, {"Arn", identity.arn}, {"CreateDate", 0}};
  }
  throw AwsError("ValidationError", "Must specify userName when calling with non-User credentials", 400);
}

}  // namespace

Json CreateUser(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string name = input.at("UserName");
  std::string path = input.value("Path", "/");
  if (FindUser(db, call.account_id(), name)) {
    throw AwsError("EntityAlreadyExists", "User with name " + name + " already exists.");
  }
  UserRow user;
  if (auto boundary = input.find("PermissionsBoundary"); boundary != input.end()) {
    RequirePermissionsBoundary(db, call.account_id(), boundary->get<std::string>());
    user.permissions_boundary = boundary->get<std::string>();
  }
  user.user_id = NewUpperAlnumId("AIDA", 17);
  user.account_id = call.account_id();
  user.user_name = name;
  user.path = path;
  user.arn = IamArn(user.account_id, "user", path, name);
  user.create_date = NowSeconds(call);
  InsertUser(db, user);
  if (auto tags = input.find("Tags"); tags != input.end()) PutTags(db, user.user_id, *tags, "TagsPerUser");
  Json document = UserDocument(user);
  if (Json tags = TagsOf(db, user.user_id); !tags.empty()) document["Tags"] = std::move(tags);
  return {{"User", std::move(document)}};
}

Json GetUser(Call& call, const Json& input) {
  auto name = input.find("UserName");
  if (name == input.end()) return {{"User", CallerAsUser(call)}};
  UserRow user = RequireUser(call.db(), call.account_id(), name->get<std::string>());
  Json document = UserDocument(user);
  if (Json tags = TagsOf(call.db(), user.user_id); !tags.empty()) document["Tags"] = std::move(tags);
  return {{"User", std::move(document)}};
}

Json ListUsers(Call& call, const Json& input) {
  std::string prefix = input.value("PathPrefix", "/");
  std::vector<common::KeyedItem> items;
  for (const UserRow& user : UsersOf(call.db(), call.account_id())) {
    if (user.path.starts_with(prefix)) items.emplace_back(NameKey(user.user_name), UserDocument(user));
  }
  return ListPage(std::move(items), input, "Users");
}

Json UpdateUser(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string name = input.at("UserName");
  UserRow user = RequireUser(db, call.account_id(), name);
  std::string new_name = input.value("NewUserName", user.user_name);
  std::string new_path = input.value("NewPath", user.path);
  if (auto existing = FindUser(db, call.account_id(), new_name); existing && existing->user_id != user.user_id) {
    throw AwsError("EntityAlreadyExists", "User with name " + new_name + " already exists.");
  }
  db.Prepare("UPDATE iam_users SET user_name = ?2, path = ?3, arn = ?4 WHERE user_id = ?1")
      .BindAll(user.user_id, new_name, new_path, IamArn(user.account_id, "user", new_path, new_name))
      .Run();
  return Json::object();
}

Json DeleteUser(Call& call, const Json& input) {
  store::Database& db = call.db();
  UserRow user = RequireUser(db, call.account_id(), input.at("UserName").get<std::string>());
  if (HasAttachedPolicies(db, user.user_id)) {
    throw AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
  }
  if (HasInlinePolicies(db, user.user_id)) {
    throw AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.");
  }
  if (AccessKeyCount(db, user.user_id) > 0) {
    throw AwsError("DeleteConflict", "Cannot delete entity, must delete access keys first.");
  }
  db.Prepare("DELETE FROM iam_users WHERE user_id = ?1").BindAll(user.user_id).Run();
  DeleteTags(db, user.user_id);
  return Json::object();
}

Json TagUser(Call& call, const Json& input) {
  UserRow user = RequireUser(call.db(), call.account_id(), input.at("UserName").get<std::string>());
  PutTags(call.db(), user.user_id, input.at("Tags"), "TagsPerUser");
  return Json::object();
}

Json UntagUser(Call& call, const Json& input) {
  UserRow user = RequireUser(call.db(), call.account_id(), input.at("UserName").get<std::string>());
  RemoveTags(call.db(), user.user_id, input.at("TagKeys"));
  return Json::object();
}

Json ListUserTags(Call& call, const Json& input) {
  UserRow user = RequireUser(call.db(), call.account_id(), input.at("UserName").get<std::string>());
  return ListTagsPage(call.db(), user.user_id, input);
}

void AddUserOperations(OperationTable& table) {
  table.Add("CreateUser", CreateUser);
  table.Add("GetUser", GetUser);
  table.Add("ListUsers", ListUsers);
  table.Add("UpdateUser", UpdateUser);
  table.Add("DeleteUser", DeleteUser);
  table.Add("TagUser", TagUser);
  table.Add("UntagUser", UntagUser);
  table.Add("ListUserTags", ListUserTags);
}

}  // namespace trailbox::iam
