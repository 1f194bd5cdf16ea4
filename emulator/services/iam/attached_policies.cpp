// Managed policies attached to users and roles: AttachUserPolicy, DetachUserPolicy, ListAttachedUserPolicies and
// the same three for roles (https://docs.aws.amazon.com/IAM/latest/APIReference/API_AttachRolePolicy.html). IAM
// allows ten managed policies per user or role by default; attaching one twice changes nothing.
#include "core/aws_error.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

constexpr int64_t kMaxAttachedPolicies = 10;

// The user or role an attachment operation is about.
struct Owner {
  std::string id;
  std::string_view quota_name;  // "PoliciesPerUser" or "PoliciesPerRole"
};

Owner UserOwner(Call& call, const Json& input) {
  return {RequireUser(call.db(), call.account_id(), input.at("UserName").get<std::string>()).user_id,
          "PoliciesPerUser"};
}

Owner RoleOwner(Call& call, const Json& input) {
  return {RequireRole(call.db(), call.account_id(), input.at("RoleName").get<std::string>()).role_id,
          "PoliciesPerRole"};
}

std::vector<std::string> AttachedArns(store::Database& db, const Owner& owner) {
  auto statement = db.Prepare("SELECT policy_arn FROM iam_attached_policies WHERE owner_id = ?1");
  statement.BindAll(owner.id);
  std::vector<std::string> arns;
  while (statement.Step()) arns.push_back(statement.Text(0));
  return arns;
}

Json Attach(Call& call, const Owner& owner, const std::string& arn) {
  store::Database& db = call.db();
  if (!arn.starts_with("arn:")) throw AwsError("ValidationError", "ARN " + arn + " is not valid.", 400);
  RequireAttachablePolicy(db, call.account_id(), arn);
  std::vector<std::string> attached = AttachedArns(db, owner);
  if (std::find(attached.begin(), attached.end(), arn) != attached.end()) return Json::object();
  if (static_cast<int64_t>(attached.size()) >= kMaxAttachedPolicies) {
    throw AwsError("LimitExceeded", "Cannot exceed quota for " + std::string(owner.quota_name) + ": " +
                                        std::to_string(kMaxAttachedPolicies));
  }
  db.Prepare("INSERT INTO iam_attached_policies (owner_id, policy_arn) VALUES (?1, ?2)").BindAll(owner.id, arn).Run();
  return Json::object();
}

Json Detach(Call& call, const Owner& owner, const std::string& arn) {
  std::vector<std::string> attached = AttachedArns(call.db(), owner);
  if (std::find(attached.begin(), attached.end(), arn) == attached.end()) {
    throw AwsError("NoSuchEntity", "Policy " + arn + " was not found.");
  }
  call.db()
      .Prepare("DELETE FROM iam_attached_policies WHERE owner_id = ?1 AND policy_arn = ?2")
      .BindAll(owner.id, arn)
      .Run();
  return Json::object();
}

Json ListAttached(Call& call, const Owner& owner, const Json& input) {
  std::string prefix = input.value("PathPrefix", "/");
  std::vector<common::KeyedItem> items;
  for (const auto& arn : AttachedArns(call.db(), owner)) {
    Json policy = RequireAttachablePolicy(call.db(), call.account_id(), arn);
    if (!policy.at("Path").get<std::string>().starts_with(prefix)) continue;
    std::string name = policy.at("PolicyName");
    items.emplace_back(NameKey(name) + " " + arn, Json{{"PolicyName", name}, {"PolicyArn", arn}});
  }
  return ListPage(std::move(items), input, "AttachedPolicies");
}

}  // namespace

Json AttachUserPolicy(Call& call, const Json& input) {
  return Attach(call, UserOwner(call, input), input.at("PolicyArn"));
}

Json DetachUserPolicy(Call& call, const Json& input) {
  return Detach(call, UserOwner(call, input), input.at("PolicyArn"));
}

Json ListAttachedUserPolicies(Call& call, const Json& input) {
  return ListAttached(call, UserOwner(call, input), input);
}

Json AttachRolePolicy(Call& call, const Json& input) {
  return Attach(call, RoleOwner(call, input), input.at("PolicyArn"));
}

Json DetachRolePolicy(Call& call, const Json& input) {
  return Detach(call, RoleOwner(call, input), input.at("PolicyArn"));
}

Json ListAttachedRolePolicies(Call& call, const Json& input) {
  return ListAttached(call, RoleOwner(call, input), input);
}

void AddAttachedPolicyOperations(OperationTable& table) {
  table.Add("AttachUserPolicy", AttachUserPolicy);
  table.Add("DetachUserPolicy", DetachUserPolicy);
  table.Add("ListAttachedUserPolicies", ListAttachedUserPolicies);
  table.Add("AttachRolePolicy", AttachRolePolicy);
  table.Add("DetachRolePolicy", DetachRolePolicy);
  table.Add("ListAttachedRolePolicies", ListAttachedRolePolicies);
}

}  // namespace trailbox::iam
