// Who is calling: resolved from the access key (shared/DESIGN.md, Identity and accounts). Fills CloudTrail's
// userIdentity and is the principal every permission check asks about.
#pragma once
#include <string>

namespace trailbox {

inline constexpr const char* kDefaultAccount = "000000000000";
inline constexpr const char* kDefaultRegion = "us-east-1";

enum class IdentityType { kRoot, kIamUser, kAssumedRole, kAwsService };

struct Identity {
  IdentityType type = IdentityType::kRoot;
  std::string account_id = kDefaultAccount;
  std::string arn = "arn:aws:iam::000000000000:root";
  /// The account id for root, the user id (AIDA...) for users, "AROA...:session" for assumed roles.
  std::string principal_id = kDefaultAccount;
  std::string user_name;      // IAM user name; empty otherwise
  std::string access_key_id;  // as presented by the caller (may be empty for unsigned requests)
  // Assumed-role sessions: the role and when the session was issued (CloudTrail's sessionContext).
  std::string role_arn;
  std::string role_id;
  std::string role_name;
  std::string session_name;
  double session_issued_at = 0;
  bool mfa_authenticated = false;
  /// A service principal such as "cloudtrail.amazonaws.com" when type is kAwsService.
  std::string service_principal;

  /// The default identity of an account: its root user.
  static Identity RootOf(const std::string& account_id);
  /// A service principal acting in-process (CloudTrail writing to S3, for example).
  static Identity Service(const std::string& principal, const std::string& account_id);
};

/// CloudTrail's userIdentity.type spelling: "Root", "IAMUser", "AssumedRole", "AWSService".
const char* IdentityTypeName(IdentityType type);

}  // namespace trailbox
