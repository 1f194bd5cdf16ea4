// The AWS managed policies trailbox carries (aws_managed_policies.hpp). Documents, ids and dates as IAM publishes
// them (GetPolicy / GetPolicyVersion on a real account; AWS Managed Policy Reference Guide).
// Open: only AdministratorAccess is carried; its PolicyId is the one IAM reports, to our best knowledge.
#include "services/iam/aws_managed_policies.hpp"

#include <array>

namespace trailbox::iam {
namespace {

constexpr std::array kPolicies = {
    AwsManagedPolicy{
        .name = "AdministratorAccess",
        .arn = "arn:aws:iam::aws:policy/AdministratorAccess",
        .path = "/",
        .policy_id = "ANPAIWMBCKSKIEE64ZLYK",
        .description = "Provides full access to AWS services and resources.",
        .default_version_id = "v1",
        .create_date = 1423247986,
        .update_date = 1423247986,
        .document = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})",
    },
};

}  // namespace

std::span<const AwsManagedPolicy> AwsManagedPolicies() {
  return kPolicies;
}

const AwsManagedPolicy* FindAwsManagedPolicy(std::string_view arn) {
  for (const auto& policy : kPolicies) {
    if (policy.arn == arn) return &policy;
  }
  return nullptr;
}

}  // namespace trailbox::iam
