// AWS managed policies (arn:aws:iam::aws:policy/...): the ones trailbox carries, with their published documents.
// Any other AWS managed policy ARN answers NoSuchEntity, so an attachment never silently refers to nothing.
#pragma once
#include <span>
#include <string_view>

namespace trailbox::iam {

/// One AWS managed policy: what GetPolicy and GetPolicyVersion answer for it.
struct AwsManagedPolicy {
  std::string_view name;
  std::string_view arn;
  std::string_view path;
  std::string_view policy_id;
  std::string_view description;
  std::string_view default_version_id;
  double create_date;
  double update_date;
  std::string_view document;
};

/// Every AWS managed policy trailbox carries.
std::span<const AwsManagedPolicy> AwsManagedPolicies();
/// The AWS managed policy with this ARN, or nullptr.
const AwsManagedPolicy* FindAwsManagedPolicy(std::string_view arn);

}  // namespace trailbox::iam
