// Managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, ListEntitiesForPolicy
// (https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html and neighbours). Customer managed
// policies live in the caller's account; AWS managed policies come from aws_managed_policies.cpp. Versions are in
// policy_versions.cpp, attachments in attached_policies.cpp.
#include "core/aws_error.hpp"
#include "core/ids.hpp"
#include "services/iam/aws_managed_policies.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

// Attachments and boundary uses count within one account: AWS managed policies are shared by all accounts.
int64_t AttachmentCount(store::Database& db, std::string_view account_id, std::string_view arn) {
  return SelectNumber(db,
                      "SELECT count(*) FROM iam_attached_policies WHERE policy_arn = ?1 AND ("
                      "owner_id IN (SELECT user_id FROM iam_users WHERE account_id = ?2) OR "
                      "owner_id IN (SELECT role_id FROM iam_roles WHERE account_id = ?2))",
                      arn, account_id);
}

int64_t BoundaryUsageCount(store::Database& db, std::string_view account_id, std::string_view arn) {
  return SelectNumber(db,
                      "SELECT (SELECT count(*) FROM iam_users WHERE permissions_boundary = ?1 AND account_id = ?2) + "
                      "(SELECT count(*) FROM iam_roles WHERE permissions_boundary = ?1 AND account_id = ?2)",
                      arn, account_id);
}

// The Policy structure; Description only where GetPolicy returns it.
Json PolicyDocumentOf(store::Database& db, std::string_view account_id, const ManagedPolicyRow& policy,
                      bool with_description) {
  Json document = {{"PolicyName", policy.policy_name},
                   {"PolicyId", policy.policy_id},
                   {"Arn", policy.arn},
                   {"Path", policy.path},
                   {"DefaultVersionId", policy.default_version_id},
                   {"AttachmentCount", AttachmentCount(db, account_id, policy.arn)},
                   {"PermissionsBoundaryUsageCount", BoundaryUsageCount(db, account_id, policy.arn)},
                   {"IsAttachable", true}};
  if (with_description && policy.description) document["Description"] = *policy.description;
  document["CreateDate"] = policy.create_date;
  document["UpdateDate"] = policy.update_date;
  return document;
}

// An AWS managed policy in the form of a stored one.
ManagedPolicyRow RowOf(const AwsManagedPolicy& policy) {
  ManagedPolicyRow row;
  row.policy_id = policy.policy_id;
  row.account_id = "aws";
  row.policy_name = policy.name;
  row.path = policy.path;
  row.arn = policy.arn;
  row.description = std::string(policy.description);
  row.create_date = policy.create_date;
  row.update_date = policy.update_date;
  row.default_version_id = policy.default_version_id;
  return row;
}

// ListPolicies' filters. Open: PolicyUsageFilter keeps the policies currently used that way (attached as a
// permissions policy, or set as a permissions boundary).
bool PolicyListed(const Json& policy, const Json& input) {
  if (!policy.at("Path").get<std::string>().starts_with(input.value("PathPrefix", "/"))) return false;
  int64_t attachments = policy.at("AttachmentCount").get<int64_t>();
  int64_t boundary_uses = policy.at("PermissionsBoundaryUsageCount").get<int64_t>();
  if (input.value("OnlyAttached", false) && attachments == 0 && boundary_uses == 0) return false;
  std::string usage = input.value("PolicyUsageFilter", "");
  if (usage == "PermissionsPolicy" && attachments == 0) return false;
  if (usage == "PermissionsBoundary" && boundary_uses == 0) return false;
  return true;
}

// The users and roles using a policy the way PolicyUsageFilter asks (both ways when it is absent).
std::vector<common::KeyedItem> PolicyEntities(store::Database& db, std::string_view account_id, std::string_view arn,
                                              const Json& input) {
  std::string filter = input.value("EntityFilter", "");
  std::string usage = input.value("PolicyUsageFilter", "");
  std::string prefix = input.value("PathPrefix", "/");
  bool as_permissions = usage != "PermissionsBoundary";
  bool as_boundary = usage != "PermissionsPolicy";
  auto is_attached = [&](const std::string& owner_id) {
    return RowExists(db, "SELECT 1 FROM iam_attached_policies WHERE owner_id = ?1 AND policy_arn = ?2", owner_id, arn);
  };
  std::vector<common::KeyedItem> items;
  if (filter.empty() || filter == "User") {
    for (const UserRow& user : UsersOf(db, account_id)) {
      bool uses = (as_permissions && is_attached(user.user_id)) || (as_boundary && user.permissions_boundary == arn);
      if (uses && user.path.starts_with(prefix)) {
        items.emplace_back("u" + NameKey(user.user_name), Json{{"UserName", user.user_name}, {"UserId", user.user_id}});
      }
    }
  }
  if (filter.empty() || filter == "Role") {
    for (const RoleRow& role : RolesOf(db, account_id)) {
      bool uses = (as_permissions && is_attached(role.role_id)) || (as_boundary && role.permissions_boundary == arn);
      if (uses && role.path.starts_with(prefix)) {
        items.emplace_back("r" + NameKey(role.role_name), Json{{"RoleName", role.role_name}, {"RoleId", role.role_id}});
      }
    }
  }
  return items;
}

}  // namespace

Json CreatePolicy(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string name = input.at("PolicyName");
  std::string document = input.at("PolicyDocument");
  RequireValidManagedPolicy(document);
  if (RowExists(db, "SELECT 1 FROM iam_policies WHERE account_id = ?1 AND policy_name = ?2", call.account_id(), name)) {
    throw AwsError("EntityAlreadyExists",
                   "A policy called " + name + " already exists. Duplicate names are not allowed.");
  }
  ManagedPolicyRow policy;
  policy.policy_id = NewUpperAlnumId("ANPA", 17);
  policy.account_id = call.account_id();
  policy.policy_name = name;
  policy.path = input.value("Path", "/");
  policy.arn = IamArn(policy.account_id, "policy", policy.path, name);
  if (auto description = input.find("Description"); description != input.end()) {
    policy.description = description->get<std::string>();
  }
  policy.create_date = NowSeconds(call);
  policy.update_date = policy.create_date;
  policy.default_version_id = "v1";
  auto insert = db.Prepare(
      "INSERT INTO iam_policies (policy_id, account_id, policy_name, path, arn, description, create_date, "
      "update_date, default_version_id, next_version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 'v1', 2)");
  insert.BindAll(policy.policy_id, policy.account_id, policy.policy_name, policy.path, policy.arn);
  BindOptional(insert, 6, policy.description);
  insert.Bind(7, policy.create_date);
  insert.Run();
  db.Prepare(
        "INSERT INTO iam_policy_versions (policy_arn, version_id, document, create_date) VALUES (?1, 'v1', ?2, ?3)")
      .BindAll(policy.arn, document, policy.create_date)
      .Run();
  if (auto tags = input.find("Tags"); tags != input.end()) PutTags(db, policy.policy_id, *tags, "TagsPerPolicy");
  Json output = PolicyDocumentOf(db, call.account_id(), policy, false);
  if (Json tags = TagsOf(db, policy.policy_id); !tags.empty()) output["Tags"] = std::move(tags);
  return {{"Policy", std::move(output)}};
}

Json GetPolicy(Call& call, const Json& input) {
  std::string arn = input.at("PolicyArn");
  if (const AwsManagedPolicy* aws = FindAwsManagedPolicy(arn)) {
    return {{"Policy", PolicyDocumentOf(call.db(), call.account_id(), RowOf(*aws), true)}};
  }
  ManagedPolicyRow policy = RequireOwnPolicy(call.db(), call.account_id(), arn);
  Json output = PolicyDocumentOf(call.db(), call.account_id(), policy, true);
  if (Json tags = TagsOf(call.db(), policy.policy_id); !tags.empty()) output["Tags"] = std::move(tags);
  return {{"Policy", std::move(output)}};
}

Json ListPolicies(Call& call, const Json& input) {
  std::string scope = input.value("Scope", "All");
  std::vector<common::KeyedItem> items;
  if (scope != "AWS") {
    for (const ManagedPolicyRow& policy : ManagedPoliciesOf(call.db(), call.account_id())) {
      Json document = PolicyDocumentOf(call.db(), call.account_id(), policy, false);
      if (PolicyListed(document, input)) items.emplace_back("0" + NameKey(policy.policy_name), std::move(document));
    }
  }
  if (scope != "Local") {
    for (const AwsManagedPolicy& policy : AwsManagedPolicies()) {
      Json document = PolicyDocumentOf(call.db(), call.account_id(), RowOf(policy), false);
      if (PolicyListed(document, input)) items.emplace_back("1" + NameKey(policy.name), std::move(document));
    }
  }
  return ListPage(std::move(items), input, "Policies");
}

Json DeletePolicy(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string arn = input.at("PolicyArn");
  if (ArnAccount(arn) != call.account_id()) {
    throw AwsError("AccessDenied", "Cannot delete policies outside your own account.", 403);
  }
  ManagedPolicyRow policy = RequireOwnPolicy(db, call.account_id(), arn);
  if (AttachmentCount(db, call.account_id(), arn) > 0 || BoundaryUsageCount(db, call.account_id(), arn) > 0) {
    throw AwsError("DeleteConflict", "Cannot delete a policy attached to entities.");
  }
  if (SelectNumber(db, "SELECT count(*) FROM iam_policy_versions WHERE policy_arn = ?1", arn) > 1) {
    throw AwsError("DeleteConflict",
                   "This policy has more than one version. Before you delete a policy, you must delete the policy's "
                   "versions. The default version is deleted with the policy.");
  }
  db.Prepare("DELETE FROM iam_policy_versions WHERE policy_arn = ?1").BindAll(arn).Run();
  db.Prepare("DELETE FROM iam_policies WHERE policy_id = ?1").BindAll(policy.policy_id).Run();
  DeleteTags(db, policy.policy_id);
  return Json::object();
}

Json ListEntitiesForPolicy(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string arn = input.at("PolicyArn");
  RequireAttachablePolicy(db, call.account_id(), arn);
  std::vector<common::KeyedItem> items = PolicyEntities(db, call.account_id(), arn, input);
  std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> keys;
  for (const auto& item : items) keys.push_back(item.first);
  std::optional<std::string> marker;
  if (auto found = input.find("Marker"); found != input.end()) marker = found->get<std::string>();
  std::optional<common::Page> page = common::SelectPage(keys, marker, input.value("MaxItems", size_t{100}));
  if (!page) throw AwsError("ValidationError", "Invalid Marker.", 400);
  Json output = {{"PolicyGroups", Json::array()}, {"PolicyUsers", Json::array()}, {"PolicyRoles", Json::array()}};
  for (size_t i = page->begin; i < page->end; ++i) {
    output[items[i].first.starts_with("u") ? "PolicyUsers" : "PolicyRoles"].push_back(std::move(items[i].second));
  }
  output["IsTruncated"] = page->next_token.has_value();
  if (page->next_token) output["Marker"] = *page->next_token;
  return output;
}

void AddManagedPolicyOperations(OperationTable& table) {
  table.Add("CreatePolicy", CreatePolicy);
  table.Add("GetPolicy", GetPolicy);
  table.Add("ListPolicies", ListPolicies);
  table.Add("DeletePolicy", DeletePolicy);
  table.Add("ListEntitiesForPolicy", ListEntitiesForPolicy);
}

}  // namespace trailbox::iam
