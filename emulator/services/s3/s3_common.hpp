// What S3's topic files share: the bucket row and its lookup, S3's common errors (with the members its <Error>
// documents carry), ARNs, owners, ETags and the permission check every operation makes.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/aws_error.hpp"
#include "core/call.hpp"
#include "core/json.hpp"
#include "policy/evaluate.hpp"
#include "store/database.hpp"

namespace trailbox::s3 {

struct Bucket {
  std::string name;
  std::string account_id;
  std::string region;
  double create_date = 0;
  std::optional<std::string> policy;
  std::optional<std::string> lifecycle;  // the stored LifecycleConfiguration document (JSON)
  int64_t lifecycle_generation = 0;
  std::optional<std::string> versioning;
  std::optional<std::string> tags;  // the stored TagSet (JSON)
};

/// The bucket named `name`, if it exists (in any account).
std::optional<Bucket> FindBucket(store::Database& db, std::string_view name);
/// The bucket named `name`; NoSuchBucket otherwise.
Bucket RequireBucket(store::Database& db, std::string_view name);

/// NoSuchBucket, with S3's BucketName member.
AwsError NoSuchBucket(std::string_view name);
/// NoSuchKey, with S3's Key member.
AwsError NoSuchKey(std::string_view key);
/// AccessDenied as S3 words it.
AwsError AccessDenied();
/// An error about the bucket, carrying S3's BucketName member. S3's model gives its errors no status: each
/// S3 error states its own.
AwsError BucketError(std::string code, std::string message, std::string_view bucket, int http_status);

/// "arn:aws:s3:::bucket" and "arn:aws:s3:::bucket/key".
std::string BucketArn(std::string_view bucket);
std::string ObjectArn(std::string_view bucket, std::string_view key);

/// The canonical user id S3 shows for an account (64 hex digits, stable per account).
std::string CanonicalUserId(std::string_view account_id);
/// The Owner document of an account: {ID, DisplayName}.
Json OwnerDocument(std::string_view account_id);

/// An ETag as S3 writes it: the hex digest in double quotes.
std::string QuotedEtag(std::string_view hex);
/// An ETag without its quotes (and without a weak "W/" prefix), for comparisons.
std::string BareEtag(std::string_view etag);

/// The call's time as documents carry it (epoch seconds).
double NowSeconds(const Call& call);

/// The condition keys of an S3 request made by `call`, beyond the caller's (policy::RequestFor).
using ContextKeys = std::map<std::string, std::vector<std::string>, policy::CaseInsensitiveLess>;

/// Ends the request with AccessDenied unless the caller may do `action` on `resource` of `bucket`: the bucket
/// owner's account may, unless the bucket policy denies; another account only when the bucket policy allows.
/// Deviation: the identity policies of IAM users and roles in the owner's account are not consulted.
void Authorize(Call& call, const Bucket& bucket, std::string action, std::string resource, ContextKeys extra = {});

}  // namespace trailbox::s3
