// S3 bucket tags: PutBucketTagging, GetBucketTagging, DeleteBucketTagging
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketTagging.html; limits: "Tagging restrictions" —
// 50 tags, keys 1-128 and values 0-256 Unicode characters, no "aws:" prefix, unique keys).
#include <set>

#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr size_t kMaxTags = 50;

size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

AwsError InvalidTag(const std::string& message) { return AwsError("InvalidTag", message, 400); }

void RequireValidTagSet(const Json& tags) {
  if (tags.size() > kMaxTags) throw InvalidTag("Bucket tag count cannot be greater than 50");
  std::set<std::string> keys;
  for (const Json& tag : tags) {
    std::string key = tag.value("Key", ""), value = tag.value("Value", "");
    if (key.empty() || CharacterCount(key) > 128) throw InvalidTag("The TagKey you have provided is invalid");
    if (CharacterCount(value) > 256) throw InvalidTag("The TagValue you have provided is invalid");
    if (key.starts_with("aws:")) throw InvalidTag("System tags cannot be added/updated by requester");
    if (!keys.insert(key).second) throw InvalidTag("Cannot provide multiple Tags with the same key");
  }
}

}  // namespace

Json PutBucketTagging(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutBucketTagging", BucketArn(bucket.name));
  const Json& tags = input.at("Tagging").at("TagSet");
  RequireValidTagSet(tags);
  call.db().Prepare("UPDATE s3_buckets SET tags = ?2 WHERE name = ?1").BindAll(bucket.name, tags.dump()).Run();
  return Json::object();
}

Json GetBucketTagging(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetBucketTagging", BucketArn(bucket.name));
  if (!bucket.tags) throw BucketError("NoSuchTagSet", "The TagSet does not exist", bucket.name, 404);
  return {{"TagSet", Json::parse(*bucket.tags)}};
}

Json DeleteBucketTagging(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutBucketTagging", BucketArn(bucket.name));
  call.db().Prepare("UPDATE s3_buckets SET tags = NULL WHERE name = ?1").Bind(1, bucket.name).Run();
  return Json::object();
}

void AddTaggingOperations(OperationTable& table) {
  table.Add("PutBucketTagging", PutBucketTagging);
  table.Add("GetBucketTagging", GetBucketTagging);
  table.Add("DeleteBucketTagging", DeleteBucketTagging);
}

}  // namespace trailbox::s3
