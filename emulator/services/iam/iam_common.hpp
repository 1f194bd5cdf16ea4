// What IAM's topic files share: policy document checks with IAM's errors, tag lists, Marker pagination, the
// documents IAM returns for users and roles, and permissions boundaries.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "core/call.hpp"
#include "core/json.hpp"
#include "policy/validate.hpp"
#include "services/common/pagination.hpp"
#include "services/iam/entities.hpp"
#include "store/database.hpp"

namespace trailbox::iam {

/// Whether `sql` selects any row, with `args` bound from ?1.
template <typename... Args>
bool RowExists(store::Database& db, std::string_view sql, const Args&... args) {
  auto statement = db.Prepare(sql);
  statement.BindAll(args...);
  if (!statement.Step()) return false;
  statement.Run();
  return true;
}

/// The single number `sql` selects (a count), with `args` bound from ?1.
template <typename... Args>
int64_t SelectNumber(store::Database& db, std::string_view sql, const Args&... args) {
  auto statement = db.Prepare(sql);
  statement.BindAll(args...);
  statement.Step();
  int64_t number = statement.Int(0);
  statement.Run();
  return number;
}

/// Binds `value`, or NULL when absent.
void BindOptional(store::Statement& statement, int index, const std::optional<std::string>& value);

/// The call's time as documents carry it (epoch seconds).
double NowSeconds(const Call& call);
/// The key a listing orders names by: IAM lists names alphabetically without regard to case.
std::string NameKey(std::string_view name);

/// Throws MalformedPolicyDocument with IAM's message unless `document` is a valid policy of `kind`.
void RequireValidPolicy(std::string_view document, policy::PolicyKind kind);
/// A managed policy version: a valid identity policy within the PolicySize quota (6,144 characters).
void RequireValidManagedPolicy(std::string_view document);
/// A role trust policy: valid, within the ACLSizePerRole quota, and naming only users and roles that exist.
void RequireValidTrustPolicy(store::Database& db, std::string_view document);
/// A policy document as IAM returns it in Get*/List* outputs: URL-encoded.
std::string EncodedPolicy(std::string_view document);

/// The tags of a user, role or policy (by unique id), in key order: [{"Key","Value"}].
Json TagsOf(store::Database& db, std::string_view entity_id);
/// Adds or replaces tags (keys compare without case); InvalidInput on a duplicate key in `tags`, LimitExceeded
/// "Cannot exceed quota for <quota_name>: 50" past 50 tags.
void PutTags(store::Database& db, std::string_view entity_id, const Json& tags, std::string_view quota_name);
/// ListUserTags/ListRoleTags: one page of an entity's tags.
Json ListTagsPage(store::Database& db, std::string_view entity_id, const Json& input);
/// Removes the tags with these keys; absent keys are ignored, as IAM does.
void RemoveTags(store::Database& db, std::string_view entity_id, const Json& keys);
/// Removes every tag of a deleted entity.
void DeleteTags(store::Database& db, std::string_view entity_id);

/// Whether a user or role (by unique id) has managed policies attached.
bool HasAttachedPolicies(store::Database& db, std::string_view owner_id);
/// Whether a user or role (by unique id) has inline policies.
bool HasInlinePolicies(store::Database& db, std::string_view owner_id);

/// How many access keys a user (by unique id) has.
size_t AccessKeyCount(store::Database& db, std::string_view user_id);

/// One page of a listing as IAM answers it ({list_member, IsTruncated, Marker}); ValidationError for a Marker that
/// is not ours.
Json ListPage(std::vector<common::KeyedItem> items, const Json& input, std::string_view list_member);

/// Checks that a PermissionsBoundary names an existing managed policy (customer or AWS); InvalidInput or
/// NoSuchEntity otherwise.
void RequirePermissionsBoundary(store::Database& db, std::string_view account_id, std::string_view arn);
/// {"PermissionsBoundaryType":"PermissionsBoundaryPolicy","PermissionsBoundaryArn":...}
Json PermissionsBoundaryDocument(std::string_view arn);

/// The User structure: Path, UserName, UserId, Arn, CreateDate, and PermissionsBoundary when set.
Json UserDocument(const UserRow& user);
/// The Role structure without the members that only GetRole returns.
Json RoleDocument(const RoleRow& role);

/// The account field of an ARN ("aws" for AWS managed policies); empty when `arn` has none.
std::string ArnAccount(std::string_view arn);

/// The caller's customer managed policy with this ARN; NoSuchEntity "Policy X was not found." otherwise.
ManagedPolicyRow RequireOwnPolicy(store::Database& db, std::string_view account_id, std::string_view arn);

/// The customer or AWS managed policy an attachment names: {"PolicyName","PolicyArn","Path"}; NoSuchEntity
/// "Policy X does not exist or is not attachable." otherwise (also for another account's policy).
Json RequireAttachablePolicy(store::Database& db, std::string_view account_id, std::string_view arn);

}  // namespace trailbox::iam
