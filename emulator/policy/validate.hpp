// Policy validation as the services that store policies perform it: IAM for identity policies (user and role
// inline policies, managed policies) and trust policies (a role's AssumeRolePolicyDocument), S3 for resource
// policies (bucket policies). Each check answers AWS's own message; the caller wraps it in its error code
// (IAM: MalformedPolicyDocument, S3: MalformedPolicy).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace trailbox::policy {

/// Where a policy is stored, which decides the rules it must follow.
enum class PolicyKind {
  kIdentity,  // attached to a user or role: no Principal, Resource required
  kTrust,     // a role's trust policy: Principal required, no Resource, only sts:AssumeRole* actions
  kResource,  // attached to a resource (S3 bucket policy wording): Principal and Resource required
};

/// The first problem AWS would report for `text` as a policy of `kind`, or nullopt when it is valid.
std::optional<std::string> Validate(std::string_view text, PolicyKind kind);

/// Policy size as IAM counts it against its quotas: characters outside JSON strings that are not white space,
/// plus every character inside strings.
size_t PolicySize(std::string_view text);

}  // namespace trailbox::policy
