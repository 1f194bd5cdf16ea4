// Helpers shared by IAM's handlers (iam_common.hpp).
#include "services/iam/iam_common.hpp"

#include <set>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"
#include "policy/parse.hpp"
#include "services/iam/aws_managed_policies.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

constexpr size_t kMaxTags = 50;
// IAM's default quotas for policy documents, counted without white space.
constexpr size_t kTrustPolicyQuota = 2048;
constexpr size_t kManagedPolicyQuota = 6144;

}  // namespace

double NowSeconds(const Call& call) {
  return ToEpochSeconds(call.now());
}

std::string NameKey(std::string_view name) {
  std::string key(name);
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

void RequireValidPolicy(std::string_view document, policy::PolicyKind kind) {
  if (auto message = policy::Validate(document, kind)) throw AwsError("MalformedPolicyDocument", *message);
}

void RequireValidManagedPolicy(std::string_view document) {
  RequireValidPolicy(document, policy::PolicyKind::kIdentity);
  if (policy::PolicySize(document) > kManagedPolicyQuota) {
    throw AwsError("LimitExceeded", "Cannot exceed quota for PolicySize: " + std::to_string(kManagedPolicyQuota));
  }
}

void RequireValidTrustPolicy(store::Database& db, std::string_view document) {
  RequireValidPolicy(document, policy::PolicyKind::kTrust);
  if (policy::PolicySize(document) > kTrustPolicyQuota) {
    throw AwsError("LimitExceeded", "Cannot exceed quota for ACLSizePerRole: " + std::to_string(kTrustPolicyQuota));
  }
  // IAM resolves user and role principals to their unique ids when it stores the policy, so a principal that
  // does not exist is rejected.
  policy::Document parsed = policy::Parse(document);
  for (const auto& statement : parsed.statements) {
    for (const auto* principals : {&statement.principal, &statement.not_principal}) {
      if (!principals->has_value()) continue;
      auto aws = (*principals)->by_type.find("AWS");
      if (aws == (*principals)->by_type.end()) continue;
      for (const auto& arn : aws->second) {
        bool names_entity = arn.starts_with("arn:aws:iam::") &&
                            (arn.find(":user/") != std::string::npos || arn.find(":role/") != std::string::npos);
        if (names_entity && !PrincipalArnExists(db, arn)) {
          throw AwsError("MalformedPolicyDocument", "Invalid principal in policy: \"AWS\":\"" + arn + "\"");
        }
      }
    }
  }
}

std::string EncodedPolicy(std::string_view document) {
  return UrlEncode(document);
}

Json TagsOf(store::Database& db, std::string_view entity_id) {
  Json tags = Json::array();
  auto statement = db.Prepare("SELECT key, value FROM iam_tags WHERE entity_id = ?1 ORDER BY lower(key)");
  statement.BindAll(entity_id);
  while (statement.Step()) tags.push_back({{"Key", statement.Text(0)}, {"Value", statement.Text(1)}});
  return tags;
}

void PutTags(store::Database& db, std::string_view entity_id, const Json& tags, std::string_view quota_name) {
  std::set<std::string> keys;
  for (const auto& tag : tags) {
    if (!keys.insert(NameKey(tag.value("Key", ""))).second) {
      throw AwsError("InvalidInput", "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }
  }
  for (const auto& tag : tags) {
    db.Prepare(
          "INSERT INTO iam_tags (entity_id, key, value) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (entity_id, key) DO UPDATE SET key = excluded.key, value = excluded.value")
        .BindAll(entity_id, tag.value("Key", ""), tag.value("Value", ""))
        .Run();
  }
  size_t total = static_cast<size_t>(SelectNumber(db, "SELECT count(*) FROM iam_tags WHERE entity_id = ?1", entity_id));
  // Open: IAM's wording for the 50-tag quota of an existing entity; the model limits one request to 50 tags.
  if (total > kMaxTags) {
    throw AwsError("LimitExceeded",
                   "Cannot exceed quota for " + std::string(quota_name) + ": " + std::to_string(kMaxTags));
  }
}

Json ListTagsPage(store::Database& db, std::string_view entity_id, const Json& input) {
  std::vector<common::KeyedItem> items;
  for (auto& tag : TagsOf(db, entity_id)) items.emplace_back(NameKey(tag.at("Key").get<std::string>()), tag);
  return ListPage(std::move(items), input, "Tags");
}

void RemoveTags(store::Database& db, std::string_view entity_id, const Json& keys) {
  for (const auto& key : keys) {
    db.Prepare("DELETE FROM iam_tags WHERE entity_id = ?1 AND key = ?2")
        .BindAll(entity_id, key.get<std::string>())
        .Run();
  }
}

void DeleteTags(store::Database& db, std::string_view entity_id) {
  db.Prepare("DELETE FROM iam_tags WHERE entity_id = ?1").BindAll(entity_id).Run();
}

bool HasAttachedPolicies(store::Database& db, std::string_view owner_id) {
  return RowExists(db, "SELECT 1 FROM iam_attached_policies WHERE owner_id = ?1", owner_id);
}

bool HasInlinePolicies(store::Database& db, std::string_view owner_id) {
  return RowExists(db, "SELECT 1 FROM iam_inline_policies WHERE owner_id = ?1", owner_id);
}

size_t AccessKeyCount(store::Database& db, std::string_view user_id) {
  return static_cast<size_t>(SelectNumber(db, "SELECT count(*) FROM iam_access_keys WHERE user_id = ?1", user_id));
}

void BindOptional(store::Statement& statement, int index, const std::optional<std::string>& value) {
  if (value) {
    statement.Bind(index, *value);
  } else {
    statement.BindNull(index);
  }
}

Json ListPage(std::vector<common::KeyedItem> items, const Json& input, std::string_view list_member) {
  std::optional<Json> page = common::Paginate(std::move(items), input, list_member);
  // Open: IAM's answer to a Marker it did not issue is not documented; ValidationError as for other bad input.
  if (!page) throw AwsError("ValidationError", "Invalid Marker.", 400);
  return *page;
}

void RequirePermissionsBoundary(store::Database& db, std::string_view account_id, std::string_view arn) {
  if (arn.find(":policy/") == std::string_view::npos) {
    throw AwsError("InvalidInput", "ARN " + std::string(arn) + " is not valid.");
  }
  if (FindAwsManagedPolicy(arn)) return;
  auto policy = FindManagedPolicy(db, arn);
  if (!policy || policy->account_id != account_id) {
    throw AwsError("NoSuchEntity", "Scope ARN: " + std::string(arn) + " does not exist or is not attachable.");
  }
}

Json PermissionsBoundaryDocument(std::string_view arn) {
  return {{"PermissionsBoundaryType", "PermissionsBoundaryPolicy"}, {"PermissionsBoundaryArn", arn}};
}

Json UserDocument(const UserRow& user) {
  Json document = {{"Path", user.path},
                   {"UserName", user.user_name},
                   {"UserId", user.user_id},
                   {"Arn", user.arn},
                   {"CreateDate", user.create_date}};
  if (user.permissions_boundary)
    document["PermissionsBoundary"] = PermissionsBoundaryDocument(*user.permissions_boundary);
  return document;
}

Json RoleDocument(const RoleRow& role) {
  Json document = {{"Path", role.path},
                   {"RoleName", role.role_name},
                   {"RoleId", role.role_id},
                   {"Arn", role.arn},
                   {"CreateDate", role.create_date},
                   {"AssumeRolePolicyDocument", EncodedPolicy(role.assume_role_policy)}};
  if (role.permissions_boundary)
    document["PermissionsBoundary"] = PermissionsBoundaryDocument(*role.permissions_boundary);
  return document;
}

std::string ArnAccount(std::string_view arn) {
  size_t field = 0;
  size_t start = 0;
  for (size_t i = 0; i < arn.size(); ++i) {
    if (arn[i] != ':') continue;
    if (++field == 5) return std::string(arn.substr(start, i - start));
    start = i + 1;
  }
  return "";
}

ManagedPolicyRow RequireOwnPolicy(store::Database& db, std::string_view account_id, std::string_view arn) {
  auto policy = FindManagedPolicy(db, arn);
  if (!policy || policy->account_id != account_id) {
    throw AwsError("NoSuchEntity", "Policy " + std::string(arn) + " was not found.");
  }
  return *policy;
}

Json RequireAttachablePolicy(store::Database& db, std::string_view account_id, std::string_view arn) {
  if (const AwsManagedPolicy* aws = FindAwsManagedPolicy(arn)) {
    return {{"PolicyName", aws->name}, {"PolicyArn", aws->arn}, {"Path", aws->path}};
  }
  auto policy = FindManagedPolicy(db, arn);
  if (!policy || policy->account_id != account_id) {
    throw AwsError("NoSuchEntity", "Policy " + std::string(arn) + " does not exist or is not attachable.");
  }
  return {{"PolicyName", policy->policy_name}, {"PolicyArn", policy->arn}, {"Path", policy->path}};
}

}  // namespace trailbox::iam
