// Identity constructors for the default and service principals.
#include "core/identity.hpp"

namespace trailbox {

Identity Identity::RootOf(const std::string& account_id) {
  Identity identity;
  identity.type = IdentityType::kRoot;
  identity.account_id = account_id;
  identity.arn = "arn:aws:iam::" + account_id + ":root";
  identity.principal_id = account_id;
  return identity;
}

Identity Identity::Service(const std::string& principal, const std::string& account_id) {
  Identity identity;
  identity.type = IdentityType::kAwsService;
  identity.account_id = account_id;
  identity.arn.clear();
  identity.principal_id.clear();
  identity.service_principal = principal;
  return identity;
}

const char* IdentityTypeName(IdentityType type) {
  switch (type) {
    case IdentityType::kRoot: return "Root";
    case IdentityType::kIamUser: return "IAMUser";
    case IdentityType::kAssumedRole: return "AssumedRole";
    case IdentityType::kAwsService: return "AWSService";
  }
  return "Unknown";
}

}  // namespace trailbox
