// IAM's stored entities (users, roles, customer managed policies) and their lookups, shared by the IAM topic files,
// by credentials.cpp and by STS (which reads roles). Names compare without case, as IAM's do; ARNs follow
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html:
// arn:aws:iam::<account>:<type><path><name>.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::iam {

/// A row of iam_users.
struct UserRow {
  std::string user_id;
  std::string account_id;
  std::string user_name;
  std::string path;
  std::string arn;
  double create_date = 0;
  std::optional<std::string> permissions_boundary;
};

/// A row of iam_roles.
struct RoleRow {
  std::string role_id;
  std::string account_id;
  std::string role_name;
  std::string path;
  std::string arn;
  double create_date = 0;
  std::string assume_role_policy;  // as the caller sent it (not URL-encoded)
  std::optional<std::string> description;
  int64_t max_session_duration = 3600;
  std::optional<std::string> permissions_boundary;
  std::optional<double> last_used_date;
  std::optional<std::string> last_used_region;
};

/// A row of iam_policies: a customer managed policy.
struct ManagedPolicyRow {
  std::string policy_id;
  std::string account_id;
  std::string policy_name;
  std::string path;
  std::string arn;
  std::optional<std::string> description;
  double create_date = 0;
  double update_date = 0;
  std::string default_version_id;
  int64_t next_version = 2;
};

/// "arn:aws:iam::<account>:<kind>/<path without its leading slash><name>", e.g. kind "role".
std::string IamArn(std::string_view account_id, std::string_view kind, std::string_view path, std::string_view name);

/// The user named `name` (any case) in `account_id`.
std::optional<UserRow> FindUser(store::Database& db, std::string_view account_id, std::string_view name);
/// The user with unique id `user_id`.
std::optional<UserRow> FindUserById(store::Database& db, std::string_view user_id);
/// Every user of an account.
std::vector<UserRow> UsersOf(store::Database& db, std::string_view account_id);
/// As FindUser; throws NoSuchEntity "The user with name X cannot be found." when absent.
UserRow RequireUser(store::Database& db, std::string_view account_id, std::string_view name);

/// The role named `name` (any case) in `account_id`.
std::optional<RoleRow> FindRole(store::Database& db, std::string_view account_id, std::string_view name);
/// The role an ARN "arn:aws:iam::<account>:role/<path><name>" names (matched by account and name).
std::optional<RoleRow> FindRoleByArn(store::Database& db, std::string_view arn);
/// Every role of an account.
std::vector<RoleRow> RolesOf(store::Database& db, std::string_view account_id);
/// As FindRole; throws NoSuchEntity "The role with name X cannot be found." when absent.
RoleRow RequireRole(store::Database& db, std::string_view account_id, std::string_view name);
/// Records that the role was used (AssumeRole), for GetRole's RoleLastUsed.
void MarkRoleUsed(store::Database& db, std::string_view role_id, double when, std::string_view region);

/// The customer managed policy with this ARN.
std::optional<ManagedPolicyRow> FindManagedPolicy(store::Database& db, std::string_view arn);

/// Every customer managed policy of an account.
std::vector<ManagedPolicyRow> ManagedPoliciesOf(store::Database& db, std::string_view account_id);

/// True when a user or role with exactly this ARN exists (IAM resolves trust policy principals to them).
bool PrincipalArnExists(store::Database& db, std::string_view arn);

}  // namespace trailbox::iam
