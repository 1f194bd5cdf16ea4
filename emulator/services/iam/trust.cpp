// Role trust decisions (trust.hpp), evaluated by policy/evaluate.cpp. Identity-based policies of the caller are
// not consulted. Deviation: AWS also requires the caller's own policies to allow sts:AssumeRole when the trust
// policy names only the caller's account; trailbox enforces no identity-based policies.
#include "services/iam/trust.hpp"

#include "policy/parse.hpp"

namespace trailbox::iam {

policy::Request AssumeRoleRequest(const RoleRow& role, const Identity& caller, double now) {
  policy::Request request = policy::RequestFor(caller, "sts:AssumeRole", role.arn);
  policy::GlobalContext global;
  global.now = now;
  policy::AddGlobalContext(request, global);
  return request;
}

bool TrustPolicyAllows(const RoleRow& role, const policy::Request& request) {
  try {
    return policy::IsAllowed(policy::Parse(role.assume_role_policy), request);
  } catch (const policy::PolicyError&) {
    return false;
  }
}

}  // namespace trailbox::iam
