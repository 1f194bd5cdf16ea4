// Resolving access keys to callers and storing STS sessions (credentials.hpp). Session tokens are opaque random
// base64 text, as long as the tokens AWS issues for sessions without tags or session policies.
#include "services/iam/credentials.hpp"

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "services/iam/entities.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

std::optional<Credentials> FindUserKey(store::Database& db, std::string_view access_key_id) {
  auto statement =
      db.Prepare("SELECT user_id, secret_access_key, status FROM iam_access_keys WHERE access_key_id = ?1");
  statement.BindAll(access_key_id);
  if (!statement.Step()) return std::nullopt;
  std::string user_id = statement.Text(0);
  Credentials credentials;
  credentials.secret_access_key = statement.Text(1);
  credentials.is_active = statement.Text(2) == "Active";
  statement.Run();
  std::optional<UserRow> user = FindUserById(db, user_id);
  if (!user) return std::nullopt;
  Identity& identity = credentials.identity;
  identity.type = IdentityType::kIamUser;
  identity.account_id = user->account_id;
  identity.arn = user->arn;
  identity.principal_id = user->user_id;
  identity.user_name = user->user_name;
  identity.access_key_id = std::string(access_key_id);
  return credentials;
}

IdentityType IdentityTypeFromName(std::string_view name) {
  if (name == "IAMUser") return IdentityType::kIamUser;
  if (name == "AssumedRole") return IdentityType::kAssumedRole;
  return IdentityType::kRoot;
}

std::optional<Credentials> FindSessionKey(store::Database& db, std::string_view access_key_id) {
  auto statement = db.Prepare(
      "SELECT account_id, secret_access_key, session_token, issued_at, expiration, identity_type, arn, "
      "principal_id, user_name, role_arn, role_id, role_name, session_name FROM sts_sessions "
      "WHERE access_key_id = ?1");
  statement.BindAll(access_key_id);
  if (!statement.Step()) return std::nullopt;
  Credentials credentials;
  Identity& identity = credentials.identity;
  identity.account_id = statement.Text(0);
  credentials.secret_access_key = statement.Text(1);
  credentials.session_token = statement.Text(2);
  identity.session_issued_at = statement.Double(3);
  credentials.expiration = statement.Double(4);
  identity.type = IdentityTypeFromName(statement.Text(5));
  identity.arn = statement.Text(6);
  identity.principal_id = statement.Text(7);
  identity.user_name = statement.OptionalText(8).value_or("");
  identity.role_arn = statement.OptionalText(9).value_or("");
  identity.role_id = statement.OptionalText(10).value_or("");
  identity.role_name = statement.OptionalText(11).value_or("");
  identity.session_name = statement.OptionalText(12).value_or("");
  identity.access_key_id = std::string(access_key_id);
  statement.Run();
  return credentials;
}

}  // namespace

std::optional<Credentials> FindCredentials(store::Database& db, std::string_view access_key_id) {
  if (auto user_key = FindUserKey(db, access_key_id)) return user_key;
  return FindSessionKey(db, access_key_id);
}

Credentials IssueTemporaryCredentials(store::Database& db, Identity identity, double issued_at, double expiration) {
  Credentials credentials;
  identity.access_key_id = NewUpperAlnumId("ASIA", 16);
  identity.session_issued_at = issued_at;
  credentials.secret_access_key = NewSecret(40);
  credentials.session_token = Base64Encode(RandomBytes(264));
  credentials.expiration = expiration;
  auto statement = db.Prepare(
      "INSERT INTO sts_sessions (access_key_id, account_id, secret_access_key, session_token, issued_at, expiration, "
      "identity_type, arn, principal_id, user_name, role_arn, role_id, role_name, session_name) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
  statement.BindAll(identity.access_key_id, identity.account_id, credentials.secret_access_key,
                    credentials.session_token, issued_at, expiration, IdentityTypeName(identity.type), identity.arn,
                    identity.principal_id);
  int index = 10;
  for (const std::string* optional_text :
       {&identity.user_name, &identity.role_arn, &identity.role_id, &identity.role_name, &identity.session_name}) {
    if (optional_text->empty()) {
      statement.BindNull(index++);
    } else {
      statement.Bind(index++, *optional_text);
    }
  }
  statement.Run();
  credentials.identity = std::move(identity);
  return credentials;
}

Identity RoleSessionIdentity(const RoleRow& role, const std::string& session_name) {
  Identity session;
  session.type = IdentityType::kAssumedRole;
  session.account_id = role.account_id;
  session.arn = "arn:aws:sts::" + role.account_id + ":assumed-role/" + role.role_name + "/" + session_name;
  session.principal_id = role.role_id + ":" + session_name;
  session.role_arn = role.arn;
  session.role_id = role.role_id;
  session.role_name = role.role_name;
  session.session_name = session_name;
  return session;
}

}  // namespace trailbox::iam
