// Who may act on a bucket: the bucket policy's say, and the one question other services ask S3 before they write
// into a bucket in-process (CloudTrail delivering a log file): "may this service principal do this action on this
// bucket or key, with these condition keys?" (shared/DESIGN.md, principle 5).
#pragma once
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "core/clock.hpp"
#include "policy/evaluate.hpp"
#include "services/s3/s3_common.hpp"
#include "store/database.hpp"

namespace trailbox::s3 {

/// What the bucket's policy says about `request` (kNotApplicable without a policy).
policy::Decision EvaluateBucketPolicy(const Bucket& bucket, const policy::Request& request);

/// A service principal's request on a bucket or an object in it.
struct ServiceAccess {
  std::string service;         // "cloudtrail.amazonaws.com"
  std::string action;          // "s3:GetBucketAcl", "s3:PutObject"
  std::string bucket;
  std::string key;             // empty for bucket actions
  std::string acl;             // s3:x-amz-acl, e.g. "bucket-owner-full-control"; empty when none is sent
  std::string source_arn;      // aws:SourceArn, e.g. the trail's ARN; empty when absent
  std::string source_account;  // aws:SourceAccount; empty when absent
};

/// The error S3 would answer a service principal's request with — NoSuchBucket, or AccessDenied unless the
/// bucket policy allows it (a service principal is never the bucket owner) — or nullopt when it is allowed.
std::optional<AwsError> CheckServiceAccess(store::Database& db, TimePoint now, const ServiceAccess& access);

}  // namespace trailbox::s3
