// Policy evaluation: does a policy allow a request? Implements the statement matching of IAM's evaluation logic
// (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html) for one policy at a
// time: Principal/NotPrincipal, Action/NotAction, Resource/NotResource, Condition; an explicit Deny wins over
// any Allow, and nothing applicable is an implicit deny. Callers combine several policies with Combine.
// Pure: the caller supplies the principal, the resource and the request context (the clock's aws:CurrentTime
// included), so S3 bucket policies, role trust policies and identity policies all use the same code.
#pragma once
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/identity.hpp"
#include "policy/parse.hpp"

namespace trailbox::policy {

/// Orders condition keys without case, as IAM compares them.
struct CaseInsensitiveLess {
  using is_transparent = void;
  bool operator()(std::string_view a, std::string_view b) const;
};

/// Who makes a request, in every form a Principal element can name it.
struct RequestPrincipal {
  std::string account_id;         // empty for a service principal
  std::vector<std::string> arns;  // a user's ARN; a role session's session ARN and its role's ARN; root's ARN
  std::string service;            // a service principal such as "cloudtrail.amazonaws.com"
};

/// One request to decide.
struct Request {
  RequestPrincipal principal;
  std::string action;    // "sts:AssumeRole", "s3:PutObject"
  std::string resource;  // the ARN matched against Resource/NotResource (statements without either match it)
  /// Condition keys -> values (several for multivalued keys such as aws:TagKeys).
  std::map<std::string, std::vector<std::string>, CaseInsensitiveLess> context;
};

/// What a policy says about a request.
enum class Decision { kNotApplicable, kAllow, kDeny };

/// What one policy says about the request: kDeny when a Deny statement applies, else kAllow when an Allow does.
Decision Evaluate(const Document& policy, const Request& request);
/// Combines the decisions of several policies: any Deny wins, then any Allow.
Decision Combine(std::initializer_list<Decision> decisions);
/// True when `policy` alone allows the request.
bool IsAllowed(const Document& policy, const Request& request);

/// The principal of a caller.
RequestPrincipal PrincipalOf(const Identity& identity);
/// A request by `identity` with the global condition keys IAM derives from the caller: aws:PrincipalArn,
/// aws:PrincipalAccount, aws:PrincipalType, aws:userid and (for users) aws:username.
Request RequestFor(const Identity& identity, std::string action, std::string resource);

/// The request-wide condition keys every service adds: aws:CurrentTime, aws:EpochTime, aws:SourceIp,
/// aws:SecureTransport.
struct GlobalContext {
  double now = 0;         // epoch seconds, from the clock
  std::string source_ip;  // empty: aws:SourceIp absent (requests a service makes in-process)
  bool is_secure = false;
};
void AddGlobalContext(Request& request, const GlobalContext& global);

/// A request a service principal makes on behalf of one of its resources (CloudTrail writing a trail's log file):
/// aws:SourceArn and aws:SourceAccount name that resource, aws:PrincipalServiceName the service. Empty source
/// values leave their keys absent.
Request ServiceRequest(const std::string& service, std::string action, std::string resource,
                       const std::string& source_arn, const std::string& source_account);

}  // namespace trailbox::policy
