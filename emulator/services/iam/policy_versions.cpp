// Versions of customer managed policies: CreatePolicyVersion, GetPolicyVersion, ListPolicyVersions,
// DeletePolicyVersion, SetDefaultPolicyVersion
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-versioning.html). A policy keeps at most
// five versions, numbered v1, v2, ... without reuse; exactly one is the default.
#include <cstdio>

#include "core/aws_error.hpp"
#include "services/iam/aws_managed_policies.hpp"
#include "services/iam/iam_common.hpp"
#include "services/iam/iam_topics.hpp"
#include "store/database.hpp"

namespace trailbox::iam {
namespace {

constexpr int64_t kMaxVersions = 5;

struct VersionRow {
  std::string version_id;
  std::string document;
  double create_date = 0;
};

std::vector<VersionRow> VersionsOf(store::Database& db, std::string_view arn) {
  auto statement =
      db.Prepare("SELECT version_id, document, create_date FROM iam_policy_versions WHERE policy_arn = ?1");
  statement.BindAll(arn);
  std::vector<VersionRow> versions;
  while (statement.Step()) versions.push_back({statement.Text(0), statement.Text(1), statement.Double(2)});
  return versions;
}

[[noreturn]] void NoSuchVersion(std::string_view arn, std::string_view version_id) {
  throw AwsError("NoSuchEntity", "Policy " + std::string(arn) + " version " + std::string(version_id) +
                                     " does not exist or is not attachable.");
}

// The stored version of the caller's policy, or of an AWS managed policy's default version.
VersionRow RequireVersion(store::Database& db, std::string_view account_id, std::string_view arn,
                          std::string_view version_id) {
  if (const AwsManagedPolicy* aws = FindAwsManagedPolicy(arn)) {
    if (aws->default_version_id != version_id) NoSuchVersion(arn, version_id);
    return {std::string(version_id), std::string(aws->document), aws->create_date};
  }
  auto policy = FindManagedPolicy(db, arn);
  if (!policy || policy->account_id != account_id) NoSuchVersion(arn, version_id);
  for (VersionRow& version : VersionsOf(db, arn)) {
    if (version.version_id == version_id) return version;
  }
  NoSuchVersion(arn, version_id);
}

// Lists newest first: "v12" before "v9".
std::string NewestFirstKey(std::string_view version_id) {
  long number = std::strtol(std::string(version_id.substr(1)).c_str(), nullptr, 10);
  char buffer[24];
  std::snprintf(buffer, sizeof buffer, "%012ld", 999999999999L - number);
  return buffer;
}

}  // namespace

Json CreatePolicyVersion(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string arn = input.at("PolicyArn");
  std::string document = input.at("PolicyDocument");
  RequireValidManagedPolicy(document);
  ManagedPolicyRow policy = RequireOwnPolicy(db, call.account_id(), arn);
  if (static_cast<int64_t>(VersionsOf(db, arn).size()) >= kMaxVersions) {
    throw AwsError("LimitExceeded", "A managed policy can have up to " + std::to_string(kMaxVersions) +
                                        " versions. Before you create a new version, you must delete an existing "
                                        "version.");
  }
  std::string version_id = "v" + std::to_string(policy.next_version);
  double now = NowSeconds(call);
  bool is_default = input.value("SetAsDefault", false);
  db.Prepare("INSERT INTO iam_policy_versions (policy_arn, version_id, document, create_date) VALUES (?1, ?2, ?3, ?4)")
      .BindAll(arn, version_id, document, now)
      .Run();
  db.Prepare("UPDATE iam_policies SET next_version = next_version + 1 WHERE policy_id = ?1")
      .BindAll(policy.policy_id)
      .Run();
  if (is_default) {
    db.Prepare("UPDATE iam_policies SET default_version_id = ?2, update_date = ?3 WHERE policy_id = ?1")
        .BindAll(policy.policy_id, version_id, now)
        .Run();
  }
  return {{"PolicyVersion", {{"VersionId", version_id}, {"IsDefaultVersion", is_default}, {"CreateDate", now}}}};
}

Json GetPolicyVersion(Call& call, const Json& input) {
  std::string arn = input.at("PolicyArn");
  std::string version_id = input.at("VersionId");
  VersionRow version = RequireVersion(call.db(), call.account_id(), arn, version_id);
  std::string default_version;
  if (const AwsManagedPolicy* aws = FindAwsManagedPolicy(arn)) {
    default_version = aws->default_version_id;
  } else {
    default_version = RequireOwnPolicy(call.db(), call.account_id(), arn).default_version_id;
  }
  return {{"PolicyVersion",
           {{"Document", EncodedPolicy(version.document)},
            {"VersionId", version.version_id},
            {"IsDefaultVersion", version.version_id == default_version},
            {"CreateDate", version.create_date}}}};
}

Json ListPolicyVersions(Call& call, const Json& input) {
  std::string arn = input.at("PolicyArn");
  std::vector<common::KeyedItem> items;
  if (const AwsManagedPolicy* aws = FindAwsManagedPolicy(arn)) {
    items.emplace_back(
        NewestFirstKey(aws->default_version_id),
        Json{{"VersionId", aws->default_version_id}, {"IsDefaultVersion", true}, {"CreateDate", aws->create_date}});
    return ListPage(std::move(items), input, "Versions");
  }
  ManagedPolicyRow policy = RequireOwnPolicy(call.db(), call.account_id(), arn);
  for (const VersionRow& version : VersionsOf(call.db(), arn)) {
    items.emplace_back(NewestFirstKey(version.version_id),
                       Json{{"VersionId", version.version_id},
                            {"IsDefaultVersion", version.version_id == policy.default_version_id},
                            {"CreateDate", version.create_date}});
  }
  return ListPage(std::move(items), input, "Versions");
}

Json DeletePolicyVersion(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string arn = input.at("PolicyArn");
  std::string version_id = input.at("VersionId");
  if (ArnAccount(arn) != call.account_id()) {
    throw AwsError("AccessDenied", "Cannot delete policy versions for policies outside your own account.", 403);
  }
  ManagedPolicyRow policy = RequireOwnPolicy(db, call.account_id(), arn);
  RequireVersion(db, call.account_id(), arn, version_id);
  if (version_id == policy.default_version_id) {
    throw AwsError("DeleteConflict", "Cannot delete the default version of a policy.");
  }
  db.Prepare("DELETE FROM iam_policy_versions WHERE policy_arn = ?1 AND version_id = ?2")
      .BindAll(arn, version_id)
      .Run();
  return Json::object();
}

Json SetDefaultPolicyVersion(Call& call, const Json& input) {
  store::Database& db = call.db();
  std::string arn = input.at("PolicyArn");
  std::string version_id = input.at("VersionId");
  if (ArnAccount(arn) != call.account_id()) {
    throw AwsError("AccessDenied", "Cannot update policies outside your own account.", 403);
  }
  RequireVersion(db, call.account_id(), arn, version_id);
  db.Prepare("UPDATE iam_policies SET default_version_id = ?2, update_date = ?3 WHERE arn = ?1")
      .BindAll(arn, version_id, NowSeconds(call))
      .Run();
  return Json::object();
}

void AddPolicyVersionOperations(OperationTable& table) {
  table.Add("CreatePolicyVersion", CreatePolicyVersion);
  table.Add("GetPolicyVersion", GetPolicyVersion);
  table.Add("ListPolicyVersions", ListPolicyVersions);
  table.Add("DeletePolicyVersion", DeletePolicyVersion);
  table.Add("SetDefaultPolicyVersion", SetDefaultPolicyVersion);
}

}  // namespace trailbox::iam
