// GetSessionToken (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html): temporary
// credentials for the calling user (or root), who they stay: the session's identity is the caller's, with the new
// "ASIA" key. DurationSeconds defaults to 12 hours; sessions of the root user last at most one hour.
#include <algorithm>

#include "core/aws_error.hpp"
#include "services/iam/credentials.hpp"
#include "services/sts/sts_common.hpp"
#include "services/sts/sts_topics.hpp"

namespace trailbox::sts {
namespace {

constexpr int64_t kDefaultDuration = 43200;
constexpr int64_t kRootMaxDuration = 3600;

}  // namespace

Json GetSessionToken(Call& call, const Json& input) {
  RejectMfa(input);
  if (UsesTemporaryCredentials(call.identity)) {
    throw AwsError("AccessDenied", "Cannot call GetSessionToken with session credentials", 403);
  }
  int64_t duration = input.value("DurationSeconds", kDefaultDuration);
  if (call.identity.type == IdentityType::kRoot) duration = std::min(duration, kRootMaxDuration);
  double now = ToEpochSeconds(call.now());
  iam::Credentials credentials =
      iam::IssueTemporaryCredentials(call.db(), call.identity, now, now + static_cast<double>(duration));
  return {{"Credentials", CredentialsDocument(credentials)}};
}

void AddSessionTokenOperations(OperationTable& table) {
  table.Add("GetSessionToken", GetSessionToken);
}

}  // namespace trailbox::sts
