// Access keys -> callers (shared/DESIGN.md, Identity and accounts). The dispatcher resolves the access key of
// every request here: IAM user keys (AKIA..., CreateAccessKey) give the user; STS temporary keys (ASIA...,
// AssumeRole and GetSessionToken) give the session's identity. STS stores its sessions through
// IssueTemporaryCredentials, so one table answers for both.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/identity.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::iam {

/// What an access key stands for.
struct Credentials {
  Identity identity;  // identity.access_key_id is the key looked up
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
  /// When temporary credentials expire (epoch seconds); the caller answers ExpiredToken after it.
  std::optional<double> expiration;
  /// False for an IAM access key set Inactive (UpdateAccessKey): AWS then rejects the request as an invalid token.
  bool is_active = true;
};

/// The credentials of `access_key_id`; nullopt for a key neither IAM nor STS issued.
std::optional<Credentials> FindCredentials(store::Database& db, std::string_view access_key_id);

/// Stores temporary credentials for `identity` (an assumed-role session, or the caller of GetSessionToken) and
/// returns them: an "ASIA" key, a 40-character secret and a session token. `identity.access_key_id` is replaced.
Credentials IssueTemporaryCredentials(store::Database& db, Identity identity, double issued_at, double expiration);

struct RoleRow;
/// The identity of a session of `role` named `session_name`, as STS AssumeRole issues it: ARN
/// arn:aws:sts::<account>:assumed-role/<role>/<session>, principal id <role id>:<session>.
Identity RoleSessionIdentity(const RoleRow& role, const std::string& session_name);

}  // namespace trailbox::iam
