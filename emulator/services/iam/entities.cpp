// Lookups of IAM users, roles and customer managed policies (entities.hpp). Tables: store/migrations.cpp, step 2.
#include "services/iam/entities.hpp"

#include "core/aws_error.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

constexpr const char* kUserColumns =
    "SELECT user_id, account_id, user_name, path, arn, create_date, permissions_boundary FROM iam_users ";
constexpr const char* kRoleColumns =
    "SELECT role_id, account_id, role_name, path, arn, create_date, assume_role_policy, description, "
    "max_session_duration, permissions_boundary, last_used_date, last_used_region FROM iam_roles ";
constexpr const char* kPolicyColumns =
    "SELECT policy_id, account_id, policy_name, path, arn, description, create_date, update_date, "
    "default_version_id, next_version FROM iam_policies ";

// Columns 0-4 of every entity table: unique id, account, name, path, ARN.
template <typename Row>
void ReadIdentifiers(const store::Statement& statement, Row& row, std::string Row::*id, std::string Row::*name) {
  row.*id = statement.Text(0);
  row.account_id = statement.Text(1);
  row.*name = statement.Text(2);
  row.path = statement.Text(3);
  row.arn = statement.Text(4);
}

UserRow ReadUser(const store::Statement& statement) {
  UserRow row;
  ReadIdentifiers(statement, row, &UserRow::user_id, &UserRow::user_name);
  row.create_date = statement.Double(5);
  row.permissions_boundary = statement.OptionalText(6);
  return row;
}

RoleRow ReadRole(const store::Statement& statement) {
  RoleRow row;
  ReadIdentifiers(statement, row, &RoleRow::role_id, &RoleRow::role_name);
  row.create_date = statement.Double(5);
  row.assume_role_policy = statement.Text(6);
  row.description = statement.OptionalText(7);
  if (!statement.IsNull(10)) row.last_used_date = statement.Double(10);
  row.last_used_region = statement.OptionalText(11);
  row.max_session_duration = statement.Int(8);
  row.permissions_boundary = statement.OptionalText(9);
  return row;
}

ManagedPolicyRow ReadPolicy(const store::Statement& statement) {
  ManagedPolicyRow row;
  ReadIdentifiers(statement, row, &ManagedPolicyRow::policy_id, &ManagedPolicyRow::policy_name);
  row.description = statement.OptionalText(5);
  row.create_date = statement.Double(6);
  row.update_date = statement.Double(7);
  row.default_version_id = statement.Text(8);
  row.next_version = statement.Int(9);
  return row;
}

// Every row `sql` selects with `args` bound, read by `reader`.
template <typename Row, typename... Args>
std::vector<Row> Rows(store::Database& db, const std::string& sql, Row (*reader)(const store::Statement&),
                      const Args&... args) {
  auto statement = db.Prepare(sql);
  statement.BindAll(args...);
  std::vector<Row> rows;
  while (statement.Step()) rows.push_back(reader(statement));
  return rows;
}

// The row a unique key selects.
template <typename Row, typename... Args>
std::optional<Row> OneRow(store::Database& db, const std::string& sql, Row (*reader)(const store::Statement&),
                          const Args&... args) {
  std::vector<Row> rows = Rows(db, sql, reader, args...);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace

std::string IamArn(std::string_view account_id, std::string_view kind, std::string_view path, std::string_view name) {
  std::string arn = "arn:aws:iam::" + std::string(account_id) + ":" + std::string(kind);
  arn += path.empty() ? std::string_view("/") : path;
  arn += name;
  return arn;
}

std::optional<UserRow> FindUser(store::Database& db, std::string_view account_id, std::string_view name) {
  return OneRow(db, std::string(kUserColumns) + "WHERE account_id = ?1 AND user_name = ?2", ReadUser, account_id, name);
}

std::optional<UserRow> FindUserById(store::Database& db, std::string_view user_id) {
  return OneRow(db, std::string(kUserColumns) + "WHERE user_id = ?1", ReadUser, user_id);
}

std::vector<UserRow> UsersOf(store::Database& db, std::string_view account_id) {
  return Rows(db, std::string(kUserColumns) + "WHERE account_id = ?1", ReadUser, account_id);
}

UserRow RequireUser(store::Database& db, std::string_view account_id, std::string_view name) {
  if (auto user = FindUser(db, account_id, name)) return *user;
  throw AwsError("NoSuchEntity", "The user with name " + std::string(name) + " cannot be found.");
}

std::optional<RoleRow> FindRole(store::Database& db, std::string_view account_id, std::string_view name) {
  return OneRow(db, std::string(kRoleColumns) + "WHERE account_id = ?1 AND role_name = ?2", ReadRole, account_id, name);
}

std::optional<RoleRow> FindRoleByArn(store::Database& db, std::string_view arn) {
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  if (!arn.starts_with(kPrefix)) return std::nullopt;
  std::string_view rest = arn.substr(kPrefix.size());
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view account_id = rest.substr(0, colon);
  std::string_view resource = rest.substr(colon + 1);
  if (!resource.starts_with("role/")) return std::nullopt;
  std::string_view name = resource.substr(resource.rfind('/') + 1);
  if (name.empty()) return std::nullopt;
  return FindRole(db, account_id, name);
}

std::vector<RoleRow> RolesOf(store::Database& db, std::string_view account_id) {
  return Rows(db, std::string(kRoleColumns) + "WHERE account_id = ?1", ReadRole, account_id);
}

RoleRow RequireRole(store::Database& db, std::string_view account_id, std::string_view name) {
  if (auto role = FindRole(db, account_id, name)) return *role;
  throw AwsError("NoSuchEntity", "The role with name " + std::string(name) + " cannot be found.");
}

void MarkRoleUsed(store::Database& db, std::string_view role_id, double when, std::string_view region) {
  db.Prepare("UPDATE iam_roles SET last_used_date = ?2, last_used_region = ?3 WHERE role_id = ?1")
      .BindAll(role_id, when, region)
      .Run();
}

std::optional<ManagedPolicyRow> FindManagedPolicy(store::Database& db, std::string_view arn) {
  return OneRow(db, std::string(kPolicyColumns) + "WHERE arn = ?1", ReadPolicy, arn);
}

std::vector<ManagedPolicyRow> ManagedPoliciesOf(store::Database& db, std::string_view account_id) {
  return Rows(db, std::string(kPolicyColumns) + "WHERE account_id = ?1", ReadPolicy, account_id);
}

bool PrincipalArnExists(store::Database& db, std::string_view arn) {
  auto statement =
      db.Prepare("SELECT 1 FROM iam_users WHERE arn = ?1 UNION ALL SELECT 1 FROM iam_roles WHERE arn = ?1 LIMIT 1");
  statement.BindAll(arn);
  if (!statement.Step()) return false;
  statement.Run();
  return true;
}

}  // namespace trailbox::iam
