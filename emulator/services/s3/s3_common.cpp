// S3's shared helpers (s3_common.hpp). Error wording from "Error responses"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html).
#include "services/s3/s3_common.hpp"

#include "core/encoding.hpp"
#include "policy/parse.hpp"
#include "services/s3/access.hpp"

namespace trailbox::s3 {

std::optional<Bucket> FindBucket(store::Database& db, std::string_view name) {
  auto statement = db.Prepare(
      "SELECT name, account_id, region, create_date, policy, lifecycle, lifecycle_generation, versioning, tags "
      "FROM s3_buckets WHERE name = ?1");
  statement.Bind(1, name);
  if (!statement.Step()) return std::nullopt;
  Bucket bucket;
  bucket.name = statement.Text(0);
  bucket.account_id = statement.Text(1);
  bucket.region = statement.Text(2);
  bucket.create_date = statement.Double(3);
  bucket.policy = statement.OptionalText(4);
  bucket.lifecycle = statement.OptionalText(5);
  bucket.lifecycle_generation = statement.Int(6);
  bucket.versioning = statement.OptionalText(7);
  bucket.tags = statement.OptionalText(8);
  statement.Run();
  return bucket;
}

Bucket RequireBucket(store::Database& db, std::string_view name) {
  auto bucket = FindBucket(db, name);
  if (!bucket) throw NoSuchBucket(name);
  return *bucket;
}

AwsError BucketError(std::string code, std::string message, std::string_view bucket, int http_status) {
  AwsError error(std::move(code), std::move(message), http_status);
  error.extra()["BucketName"] = std::string(bucket);
  return error;
}

AwsError NoSuchBucket(std::string_view name) {
  return BucketError("NoSuchBucket", "The specified bucket does not exist", name, 404);
}

AwsError NoSuchKey(std::string_view key) {
  AwsError error("NoSuchKey", "The specified key does not exist.", 404);
  error.extra()["Key"] = std::string(key);
  return error;
}

AwsError AccessDenied() { return AwsError("AccessDenied", "Access Denied", 403); }

std::string BucketArn(std::string_view bucket) { return "arn:aws:s3:::" + std::string(bucket); }

std::string ObjectArn(std::string_view bucket, std::string_view key) {
  return BucketArn(bucket) + "/" + std::string(key);
}

std::string CanonicalUserId(std::string_view account_id) {
  return HexEncode(Sha256("trailbox-s3-canonical-user:" + std::string(account_id)));
}

// Open: S3 shows the account's e-mail name as DisplayName; trailbox accounts have none, so the account id.
Json OwnerDocument(std::string_view account_id) {
  return {{"DisplayName", std::string(account_id)}, {"ID", CanonicalUserId(account_id)}};
}

std::string QuotedEtag(std::string_view hex) { return "\"" + std::string(hex) + "\""; }

std::string BareEtag(std::string_view etag) {
  if (etag.starts_with("W/")) etag.remove_prefix(2);
  while (!etag.empty() && (etag.front() == ' ' || etag.front() == '"')) etag.remove_prefix(1);
  while (!etag.empty() && (etag.back() == ' ' || etag.back() == '"')) etag.remove_suffix(1);
  return std::string(etag);
}

double NowSeconds(const Call& call) { return ToEpochSeconds(call.now()); }

void Authorize(Call& call, const Bucket& bucket, std::string action, std::string resource, ContextKeys extra) {
  policy::Request request = policy::RequestFor(call.identity, std::move(action), std::move(resource));
  policy::AddGlobalContext(request, {.now = NowSeconds(call), .source_ip = call.source_ip, .is_secure = false});
  for (auto& [key, values] : extra) request.context[key] = std::move(values);
  policy::Decision decision = EvaluateBucketPolicy(bucket, request);
  bool is_owner = call.identity.type != IdentityType::kAwsService && call.account_id() == bucket.account_id;
  if (decision == policy::Decision::kDeny || (!is_owner && decision != policy::Decision::kAllow)) {
    throw AccessDenied();
  }
}

}  // namespace trailbox::s3
