// Inline policies of users and roles: PutUserPolicy, GetUserPolicy, ListUserPolicies, DeleteUserPolicy and the
// same four for roles (https://docs.aws.amazon.com/IAM/latest/APIReference/API_PutRolePolicy.html). Documents are
// identity policies (no Principal, Resource required); IAM caps the total size of an entity's inline policies,
// white space not counted: 2,048 characters for a user, 10,240 for a role.
#include "core/aws_error.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

// The user or role whose inline policies an operation touches.
struct Owner {
  std::string id;
  std::string name;
  std::string_view kind;         // "user" or "role", as IAM's messages name it
  std::string_view name_member;  // "UserName" or "RoleName"
  size_t size_quota;
};

Owner UserOwner(Call& call, const Json& input) {
  UserRow user = RequireUser(call.db(), call.account_id(), input.at("UserName").get<std::string>());
  return {user.user_id, user.user_name, "user", "UserName", 2048};
}

Owner RoleOwner(Call& call, const Json& input) {
  RoleRow role = RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>());
  return {role.role_id, role.role_name, "role", "RoleName", 10240};
}

// Validates the document before looking up its owner, as IAM does.
void PutInlinePolicy(Call& call, Owner (*owner_of)(Call&, const Json&), const Json& input) {
  std::string document = input.at("PolicyDocument");
  std::string policy_name = input.at("PolicyName");
  RequireValidPolicy(document, policy::PolicyKind::kIdentity);
  Owner owner = owner_of(call, input);
  store::Database& db = call.db();
  size_t total = policy::PolicySize(document);
  auto others = db.Prepare("SELECT document FROM iam_inline_policies WHERE owner_id = ?1 AND policy_name <> ?2");
  others.BindAll(owner.id, policy_name);
  while (others.Step()) total += policy::PolicySize(others.Text(0));
  if (total > owner.size_quota) {
    throw AwsError("LimitExceeded", "Maximum policy size of " + std::to_string(owner.size_quota) +
                                        " bytes exceeded for " + std::string(owner.kind) + " " + owner.name);
  }
  db.Prepare(
        "INSERT INTO iam_inline_policies (owner_id, policy_name, document) VALUES (?1, ?2, ?3) "
        "ON CONFLICT (owner_id, policy_name) DO UPDATE SET policy_name = excluded.policy_name, "
        "document = excluded.document")
      .BindAll(owner.id, policy_name, document)
      .Run();
}

Json GetInlinePolicy(store::Database& db, const Owner& owner, const std::string& policy_name) {
  auto statement =
      db.Prepare("SELECT policy_name, document FROM iam_inline_policies WHERE owner_id = ?1 AND policy_name = ?2");
  statement.BindAll(owner.id, policy_name);
  if (!statement.Step()) {
    throw AwsError("NoSuchEntity",
                   "The " + std::string(owner.kind) + " policy with name " + policy_name + " cannot be found.");
  }
  Json output = {{std::string(owner.name_member), owner.name},
                 {"PolicyName", statement.Text(0)},
                 {"PolicyDocument", EncodedPolicy(statement.Text(1))}};
  statement.Run();
  return output;
}

Json ListInlinePolicies(store::Database& db, const Owner& owner, const Json& input) {
  auto statement = db.Prepare("SELECT policy_name FROM iam_inline_policies WHERE owner_id = ?1");
  statement.BindAll(owner.id);
  std::vector<common::KeyedItem> items;
  while (statement.Step()) {
    std::string name = statement.Text(0);
    items.emplace_back(NameKey(name), name);
  }
  return ListPage(std::move(items), input, "PolicyNames");
}

void DeleteInlinePolicy(store::Database& db, const Owner& owner, const std::string& policy_name) {
  GetInlinePolicy(db, owner, policy_name);
  db.Prepare("DELETE FROM iam_inline_policies WHERE owner_id = ?1 AND policy_name = ?2")
      .BindAll(owner.id, policy_name)
      .Run();
}

}  // namespace

Json PutUserPolicy(Call& call, const Json& input) {
  PutInlinePolicy(call, UserOwner, input);
  return Json::object();
}

Json GetUserPolicy(Call& call, const Json& input) {
  return GetInlinePolicy(call.db(), UserOwner(call, input), input.at("PolicyName"));
}

Json ListUserPolicies(Call& call, const Json& input) {
  return ListInlinePolicies(call.db(), UserOwner(call, input), input);
}

Json DeleteUserPolicy(Call& call, const Json& input) {
  DeleteInlinePolicy(call.db(), UserOwner(call, input), input.at("PolicyName"));
  return Json::object();
}

Json PutRolePolicy(Call& call, const Json& input) {
  PutInlinePolicy(call, RoleOwner, input);
  return Json::object();
}

Json GetRolePolicy(Call& call, const Json& input) {
  return GetInlinePolicy(call.db(), RoleOwner(call, input), input.at("PolicyName"));
}

Json ListRolePolicies(Call& call, const Json& input) {
  return ListInlinePolicies(call.db(), RoleOwner(call, input), input);
}

Json DeleteRolePolicy(Call& call, const Json& input) {
  DeleteInlinePolicy(call.db(), RoleOwner(call, input), input.at("PolicyName"));
  return Json::object();
}

void AddInlinePolicyOperations(OperationTable& table) {
  table.Add("PutUserPolicy", PutUserPolicy);
  table.Add("GetUserPolicy", GetUserPolicy);
  table.Add("ListUserPolicies", ListUserPolicies);
  table.Add("DeleteUserPolicy", DeleteUserPolicy);
  table.Add("PutRolePolicy", PutRolePolicy);
  table.Add("GetRolePolicy", GetRolePolicy);
  table.Add("ListRolePolicies", ListRolePolicies);
  table.Add("DeleteRolePolicy", DeleteRolePolicy);
}

}  // namespace trailbox::iam
