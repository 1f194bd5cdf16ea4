// Bucket policy evaluation for S3 requests and for service principals acting in-process (access.hpp).
// AWS: "How Amazon S3 authorizes a request" (bucket operations and object operations).
#include "services/s3/access.hpp"

#include "policy/parse.hpp"

namespace trailbox::s3 {

policy::Decision EvaluateBucketPolicy(const Bucket& bucket, const policy::Request& request) {
  if (!bucket.policy) return policy::Decision::kNotApplicable;
  return policy::Evaluate(policy::Parse(*bucket.policy), request);
}

std::optional<AwsError> CheckServiceAccess(store::Database& db, TimePoint now, const ServiceAccess& access) {
  auto bucket = FindBucket(db, access.bucket);
  if (!bucket) return NoSuchBucket(access.bucket);
  std::string resource = access.key.empty() ? BucketArn(access.bucket) : ObjectArn(access.bucket, access.key);
  policy::Request request =
      policy::ServiceRequest(access.service, access.action, resource, access.source_arn, access.source_account);
  policy::AddGlobalContext(request, {.now = ToEpochSeconds(now), .source_ip = {}, .is_secure = true});
  if (!access.acl.empty()) request.context["s3:x-amz-acl"] = {access.acl};
  if (EvaluateBucketPolicy(*bucket, request) != policy::Decision::kAllow) return AccessDenied();
  return std::nullopt;
}

}  // namespace trailbox::s3
