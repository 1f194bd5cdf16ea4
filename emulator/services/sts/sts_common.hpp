// What STS's operations that issue credentials share.
#pragma once
#include "core/identity.hpp"
#include "core/json.hpp"
#include "services/iam/credentials.hpp"

namespace trailbox::sts {

/// True when the caller signed with temporary credentials (a role session or a GetSessionToken session).
bool UsesTemporaryCredentials(const Identity& identity);
/// trailbox has no MFA devices, so any SerialNumber is unknown: AccessDenied as AWS answers for an unknown device.
void RejectMfa(const Json& input);
/// The Credentials structure: AccessKeyId, SecretAccessKey, SessionToken, Expiration.
Json CredentialsDocument(const iam::Credentials& credentials);

}  // namespace trailbox::sts
