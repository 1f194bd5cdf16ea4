// IAM user access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateAccessKey.html). Keys are "AKIA" + 16 characters
// with a 40-character secret; credentials.cpp resolves them to their user on every request.
#include <cstdio>

#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

// IAM's quota of access keys per user.
constexpr size_t kMaxKeysPerUser = 2;

// The user a key operation is about: UserName when given, else the calling IAM user. Deviation: without UserName a
// root caller would manage the root user's own keys in AWS; trailbox's root users have none, so it is refused like
// any non-user caller.
UserRow KeyOwner(Call& call, const Json& input) {
  if (auto name = input.find("UserName"); name != input.end()) {
    return RequireUser(call.db(), call.account_id(), name->get<std::string>());
  }
  if (call.identity.type == IdentityType::kIamUser) {
    return RequireUser(call.db(), call.account_id(), call.identity.user_name);
  }
  throw AwsError("ValidationError", "Must specify userName when calling with non-User credentials", 400);
}

// Throws NoSuchEntity unless the user owns the key.
void RequireOwnedKey(store::Database& db, const UserRow& user, const std::string& access_key_id) {
  if (!RowExists(db, "SELECT 1 FROM iam_access_keys WHERE access_key_id = ?1 AND user_id = ?2", access_key_id,
                 user.user_id)) {
    throw AwsError("NoSuchEntity", "The Access Key with id " + access_key_id + " cannot be found.");
  }
}

// Orders keys by creation, then id.
std::string CreationKey(double create_date, const std::string& access_key_id) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%016.3f", create_date);
  return std::string(buffer) + access_key_id;
}

}  // namespace

Json CreateAccessKey(Call& call, const Json& input) {
  store::Database& db = call.db();
  UserRow user = KeyOwner(call, input);
  if (AccessKeyCount(db, user.user_id) >= kMaxKeysPerUser) {
    throw AwsError("LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + std::to_string(kMaxKeysPerUser));
  }
  std::string access_key_id = NewUpperAlnumId("AKIA", 16);
  std::string secret = NewSecret(40);
  double now = NowSeconds(call);
  db.Prepare(
        "INSERT INTO iam_access_keys (access_key_id, account_id, user_id, secret_access_key, status, create_date) "
        "VALUES (?1, ?2, ?3, ?4, 'Active', ?5)")
      .BindAll(access_key_id, user.account_id, user.user_id, secret, now)
      .Run();
  return {{"AccessKey",
           {{"UserName", user.user_name},
            {"AccessKeyId", access_key_id},
            {"Status", "Active"},
            {"SecretAccessKey", secret},
            {"CreateDate", now}}}};
}

Json ListAccessKeys(Call& call, const Json& input) {
  UserRow user = KeyOwner(call, input);
  auto statement =
      call.db().Prepare("SELECT access_key_id, status, create_date FROM iam_access_keys WHERE user_id = ?1");
  statement.BindAll(user.user_id);
  std::vector<common::KeyedItem> items;
  while (statement.Step()) {
    std::string access_key_id = statement.Text(0);
    double create_date = statement.Double(2);
    items.emplace_back(CreationKey(create_date, access_key_id), Json{{"UserName", user.user_name},
                                                                     {"AccessKeyId", access_key_id},
                                                                     {"Status", statement.Text(1)},
                                                                     {"CreateDate", create_date}});
  }
  return ListPage(std::move(items), input, "AccessKeyMetadata");
}

Json UpdateAccessKey(Call& call, const Json& input) {
  UserRow user = KeyOwner(call, input);
  std::string access_key_id = input.at("AccessKeyId");
  RequireOwnedKey(call.db(), user, access_key_id);
  call.db()
      .Prepare("UPDATE iam_access_keys SET status = ?2 WHERE access_key_id = ?1")
      .BindAll(access_key_id, input.at("Status").get<std::string>())
      .Run();
  return Json::object();
}

Json DeleteAccessKey(Call& call, const Json& input) {
  UserRow user = KeyOwner(call, input);
  std::string access_key_id = input.at("AccessKeyId");
  RequireOwnedKey(call.db(), user, access_key_id);
  call.db().Prepare("DELETE FROM iam_access_keys WHERE access_key_id = ?1").BindAll(access_key_id).Run();
  return Json::object();
}

void AddAccessKeyOperations(OperationTable& table) {
  table.Add("CreateAccessKey", CreateAccessKey);
  table.Add("ListAccessKeys", ListAccessKeys);
  table.Add("UpdateAccessKey", UpdateAccessKey);
  table.Add("DeleteAccessKey", DeleteAccessKey);
}

}  // namespace trailbox::iam
