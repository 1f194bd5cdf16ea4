// Role trust: may a caller assume a role? The check STS AssumeRole makes, and the one in-process callers make for
// service principals (CloudTrail assuming a role to deliver to CloudWatch Logs: shared/DESIGN.md, principle 5).
#pragma once
#include "core/identity.hpp"
#include "policy/evaluate.hpp"
#include "services/iam/entities.hpp"

namespace trailbox::iam {

/// The request evaluated against a role's trust policy when `caller` assumes it at `now` (epoch seconds): action
/// sts:AssumeRole on the role, the caller's condition keys and the global ones (policy::AddGlobalContext). Callers
/// add request keys such as sts:ExternalId or sts:RoleSessionName.
policy::Request AssumeRoleRequest(const RoleRow& role, const Identity& caller, double now);

/// Whether the role's trust policy allows the request (Deny wins; nothing applicable denies).
bool TrustPolicyAllows(const RoleRow& role, const policy::Request& request);

}  // namespace trailbox::iam
