// IAM roles and their tags: CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy, DeleteRole,
// TagRole, UntagRole, ListRoleTags (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html and
// neighbours). A role's trust policy is validated as IAM does (policy/validate.cpp, PolicyKind::kTrust), and STS
// evaluates it on AssumeRole.
#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

// IAM's default when CreateRole names no MaxSessionDuration.
constexpr int64_t kDefaultMaxSessionDuration = 3600;

void InsertRole(store::Database& db, const RoleRow& role) {
  auto statement = db.Prepare(
      "INSERT INTO iam_roles (role_id, account_id, role_name, path, arn, create_date, assume_role_policy, "
      "description, max_session_duration, permissions_boundary) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  statement.BindAll(role.role_id, role.account_id, role.role_name, role.path, role.arn, role.create_date,
                    role.assume_role_policy);
  BindOptional(statement, 8, role.description);
  statement.Bind(9, role.max_session_duration);
  BindOptional(statement, 10, role.permissions_boundary);
  statement.Run();
}

// The Role structure as ListRoles returns it: no tags, boundary or last use.
Json ListedRole(const RoleRow& role) {
  Json document = RoleDocument(role);
  document.erase("PermissionsBoundary");
  if (role.description) document["Description"] = *role.description;
  document["MaxSessionDuration"] = role.max_session_duration;
  return document;
}

}  // namespace

Json CreateRole(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string name = input.at("RoleName");
  std::string trust_policy = input.at("AssumeRolePolicyDocument");
  RequireValidTrustPolicy(db, trust_policy);
  RoleRow role;
  if (auto boundary = input.find("PermissionsBoundary"); boundary != input.end()) {
    RequirePermissionsBoundary(db, call.account_id(), boundary->get<std::string>());
    role.permissions_boundary = boundary->get<std::string>();
  }
  if (FindRole(db, call.account_id(), name)) {
    throw AwsError("EntityAlreadyExists", "Role with name " + name + " already exists.");
  }
  role.role_id = NewUpperAlnumId("AROA", 17);
  role.account_id = call.account_id();
  role.role_name = name;
  role.path = input.value("Path", "/");
  role.arn = IamArn(role.account_id, "role", role.path, name);
  role.create_date = NowSeconds(call);
  role.assume_role_policy = trust_policy;
  if (auto description = input.find("Description"); description != input.end()) {
    role.description = description->get<std::string>();
  }
  role.max_session_duration = input.value("MaxSessionDuration", kDefaultMaxSessionDuration);
  InsertRole(db, role);
  if (auto tags = input.find("Tags"); tags != input.end()) PutTags(db, role.role_id, *tags, "TagsPerRole");
  // CreateRole answers without Description, MaxSessionDuration and RoleLastUsed; GetRole has them.
  Json document = RoleDocument(role);
  if (Json tags = TagsOf(db, role.role_id); !tags.empty()) document["Tags"] = std::move(tags);
  return {{"Role", std::move(document)}};
}

Json GetRole(Call& call, const Json& input) {
  RoleRow role = RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>());
  Json document = RoleDocument(role);
  if (role.description) document["Description"] = *role.description;
  document["MaxSessionDuration"] = role.max_session_duration;
  if (Json tags = TagsOf(call.db(), role.role_id); !tags.empty()) document["Tags"] = std::move(tags);
  Json last_used = Json::object();
  if (role.last_used_date) {
    last_used["LastUsedDate"] = *role.last_used_date;
    last_used["Region"] = role.last_used_region.value_or(kDefaultRegion);
  }
  document["RoleLastUsed"] = std::move(last_used);
  return {{"Role", std::move(document)}};
}

Json ListRoles(Call& call, const Json& input) {
  std::string prefix = input.value("PathPrefix", "/");
  std::vector<common::KeyedItem> items;
  for (const RoleRow& role : RolesOf(call.db(), call.account_id())) {
    if (role.path.starts_with(prefix)) items.emplace_back(NameKey(role.role_name), ListedRole(role));
  }
  return ListPage(std::move(items), input, "Roles");
}

Json UpdateRole(Call& call, const Json& input) {
  store::Database& db = call.db();
  RoleRow role = RequireRole(db, call.account_id(), input.at("RoleName").get<std::string>());
  if (auto description = input.find("Description"); description != input.end()) {
    db.Prepare("UPDATE iam_roles SET description = ?2 WHERE role_id = ?1")
        .BindAll(role.role_id, description->get<std::string>())
        .Run();
  }
  if (auto duration = input.find("MaxSessionDuration"); duration != input.end()) {
    db.Prepare("UPDATE iam_roles SET max_session_duration = ?2 WHERE role_id = ?1")
        .BindAll(role.role_id, duration->get<int64_t>())
        .Run();
  }
  return Json::object();
}

Json UpdateAssumeRolePolicy(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string trust_policy = input.at("PolicyDocument");
  RequireValidTrustPolicy(db, trust_policy);
  RoleRow role = RequireRole(db, call.account_id(), input.at("RoleName").get<std::string>());
  db.Prepare("UPDATE iam_roles SET assume_role_policy = ?2 WHERE role_id = ?1")
      .BindAll(role.role_id, trust_policy)
      .Run();
  return Json::object();
}

Json DeleteRole(Call& call, const Json& input) {
  store::Database& db = call.db();
  RoleRow role = RequireRole(db, call.account_id(), input.at("RoleName").get<std::string>());
  if (HasAttachedPolicies(db, role.role_id)) {
    throw AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.");
  }
  if (HasInlinePolicies(db, role.role_id)) {
    throw AwsError("DeleteConflict", "Cannot delete entity, must delete policies first.");
  }
  db.Prepare("DELETE FROM iam_roles WHERE role_id = ?1").BindAll(role.role_id).Run();
  DeleteTags(db, role.role_id);
  return Json::object();
}

Json TagRole(Call& call, const Json& input) {
  RoleRow role = RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>());
  PutTags(call.db(), role.role_id, input.at("Tags"), "TagsPerRole");
  return Json::object();
}

Json UntagRole(Call& call, const Json& input) {
  RoleRow role = RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>());
  RemoveTags(call.db(), role.role_id, input.at("TagKeys"));
  return Json::object();
}

Json ListRoleTags(Call& call, const Json& input) {
  RoleRow role = RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>());
  return ListTagsPage(call.db(), role.role_id, input);
}

void AddRoleOperations(OperationTable& table) {
  table.Add("CreateRole", CreateRole);
  table.Add("GetRole", GetRole);
  table.Add("ListRoles", ListRoles);
  table.Add("UpdateRole", UpdateRole);
  table.Add("UpdateAssumeRolePolicy", UpdateAssumeRolePolicy);
  table.Add("DeleteRole", DeleteRole);
  table.Add("TagRole", TagRole);
  table.Add("UntagRole", UntagRole);
  table.Add("ListRoleTags", ListRoleTags);
}

}  // namespace trailbox::iam
