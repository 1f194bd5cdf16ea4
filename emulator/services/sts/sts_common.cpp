// Helpers for STS's credential-issuing operations (sts_common.hpp).
#include "services/sts/sts_common.hpp"

#include "core/aws_error.hpp"

namespace trailbox::sts {

bool UsesTemporaryCredentials(const Identity& identity) {
  return identity.type == IdentityType::kAssumedRole || identity.access_key_id.starts_with("ASIA");
}

void RejectMfa(const Json& input) {
  if (input.contains("SerialNumber")) {
    throw AwsError("AccessDenied", "MultiFactorAuthentication failed, unable to validate MFA code.", 403);
  }
}

Json CredentialsDocument(const iam::Credentials& credentials) {
  return {{"AccessKeyId", credentials.identity.access_key_id},
          {"SecretAccessKey", credentials.secret_access_key},
          {"SessionToken", credentials.session_token},
          {"Expiration", credentials.expiration.value_or(0)}};
}

}  // namespace trailbox::sts
