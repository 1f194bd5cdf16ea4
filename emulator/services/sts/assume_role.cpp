// AssumeRole (https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html): temporary credentials for
// a role whose trust policy allows the caller. The session's identity is
//   Arn  arn:aws:sts::<role account>:assumed-role/<role name>/<session name>   (no role path)
//   Id   <role id>:<session name>
// Credentials last DurationSeconds (default 3600, at most the role's MaxSessionDuration, at most an hour when the
// caller itself uses temporary credentials: role chaining).
// Deviation: Policy, PolicyArns and session Tags are accepted without effect: they can only narrow a session's
// permissions, and trailbox enforces no identity-based permissions.
#include "core/aws_error.hpp"
#include "services/iam/credentials.hpp"
#include "services/iam/entities.hpp"
#include "services/iam/trust.hpp"
#include "services/sts/sts_common.hpp"
#include "services/sts/sts_topics.hpp"

namespace trailbox::sts {
namespace {

constexpr int64_t kDefaultDuration = 3600;
constexpr int64_t kRoleChainingLimit = 3600;

[[noreturn]] void DenyAssumeRole(const Call& call, const std::string& role_arn) {
  throw AwsError(
      "AccessDenied",
      "User: " + call.identity.arn + " is not authorized to perform: sts:AssumeRole on resource: " + role_arn, 403);
}

}  // namespace

Json AssumeRole(Call& call, const Json& input) {
  RejectMfa(input);
  if (call.identity.type == IdentityType::kRoot) {
    throw AwsError("AccessDenied", "Roles may not be assumed by root accounts.", 403);
  }
  std::string role_arn = input.at("RoleArn");
  std::string session_name = input.at("RoleSessionName");
  std::optional<iam::RoleRow> role = iam::FindRoleByArn(call.db(), role_arn);
  if (!role) DenyAssumeRole(call, role_arn);
  double now = ToEpochSeconds(call.now());
  policy::Request request = iam::AssumeRoleRequest(*role, call.identity, now);
  request.context["sts:RoleSessionName"] = {session_name};
  if (auto external_id = input.find("ExternalId"); external_id != input.end()) {
    request.context["sts:ExternalId"] = {external_id->get<std::string>()};
  }
  if (auto source_identity = input.find("SourceIdentity"); source_identity != input.end()) {
    request.context["sts:SourceIdentity"] = {source_identity->get<std::string>()};
  }
  if (!iam::TrustPolicyAllows(*role, request)) DenyAssumeRole(call, role_arn);

  int64_t duration = input.value("DurationSeconds", kDefaultDuration);
  if (duration > role->max_session_duration) {
    throw AwsError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
                   400);
  }
  if (UsesTemporaryCredentials(call.identity) && duration > kRoleChainingLimit) {
    throw AwsError("ValidationError",
                   "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.",
                   400);
  }

  Identity session = iam::RoleSessionIdentity(*role, session_name);
  iam::Credentials credentials =
      iam::IssueTemporaryCredentials(call.db(), session, now, now + static_cast<double>(duration));
  iam::MarkRoleUsed(call.db(), role->role_id, now, call.region);

  Json output = {{"Credentials", CredentialsDocument(credentials)},
                 {"AssumedRoleUser", {{"AssumedRoleId", session.principal_id}, {"Arn", session.arn}}}};
  if (auto source_identity = input.find("SourceIdentity"); source_identity != input.end()) {
    output["SourceIdentity"] = *source_identity;
  }
  return output;
}

void AddAssumeRoleOperations(OperationTable& table) {
  table.Add("AssumeRole", AssumeRole);
}

}  // namespace trailbox::sts
