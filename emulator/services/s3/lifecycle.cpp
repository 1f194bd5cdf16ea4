// S3 lifecycle configurations: PutBucketLifecycleConfiguration, GetBucketLifecycleConfiguration,
// DeleteBucketLifecycle (https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketLifecycleConfiguration.html),
// validated as S3 does, and enforced daily at midnight UTC (lifecycle.hpp): Expiration Days/Date removes objects,
// AbortIncompleteMultipartUpload aborts uploads. NoncurrentVersionExpiration is stored and has nothing to act on
// (versioning is never enabled). Transitions are rejected: trailbox has one storage class.
#include "services/s3/lifecycle.hpp"
#include "services/s3/s3_service.hpp"

#include <cmath>
#include <set>

#include "core/ids.hpp"
#include "core/time_format.hpp"
#include "services/s3/s3_common.hpp"
#include "services/s3/s3_topics.hpp"

namespace trailbox::s3 {
namespace {

constexpr double kDay = 86400;
constexpr size_t kMaxRules = 1000;

[[noreturn]] void ThrowMalformedXml() {
  throw AwsError("MalformedXML",
                 "The XML you provided was not well-formed or did not validate against our published schema", 400);
}

AwsError InvalidArgument(const std::string& message) { return AwsError("InvalidArgument", message, 400); }

bool TagsMatch(const Json& wanted, const Json& tags) {
  for (const Json& tag : wanted) {
    auto found = tags.find(tag.value("Key", ""));
    if (found == tags.end() || *found != tag.value("Value", "")) return false;
  }
  return true;
}

bool SizeMatches(const Json& filter, int64_t size) {
  if (filter.contains("ObjectSizeGreaterThan") && size <= filter["ObjectSizeGreaterThan"].get<int64_t>()) return false;
  if (filter.contains("ObjectSizeLessThan") && size >= filter["ObjectSizeLessThan"].get<int64_t>()) return false;
  return true;
}

size_t CountPresent(const Json& object, std::initializer_list<const char*> names) {
  size_t count = 0;
  for (const char* name : names) count += object.contains(name);
  return count;
}

void RequirePositive(const Json& object, const char* member, const std::string& message) {
  if (auto value = object.find(member); value != object.end() && value->get<int64_t>() <= 0) {
    throw InvalidArgument(message);
  }
}

bool HasTagFilter(const Json& rule) {
  const Json filter = rule.value("Filter", Json::object());
  return filter.contains("Tag") || filter.value("And", Json::object()).contains("Tags");
}

void RequireValidFilter(const Json& rule) {
  bool has_prefix = rule.contains("Prefix"), has_filter = rule.contains("Filter");
  if (has_prefix == has_filter) ThrowMalformedXml();
  if (!has_filter) return;
  const Json& filter = rule["Filter"];
  if (CountPresent(filter, {"Prefix", "Tag", "And", "ObjectSizeGreaterThan", "ObjectSizeLessThan"}) > 1) {
    ThrowMalformedXml();
  }
  const Json& bounds = filter.contains("And") ? filter["And"] : filter;
  if (bounds.contains("ObjectSizeGreaterThan") && bounds.contains("ObjectSizeLessThan") &&
      bounds["ObjectSizeGreaterThan"].get<int64_t>() >= bounds["ObjectSizeLessThan"].get<int64_t>()) {
    throw InvalidArgument("ObjectSizeGreaterThan must be less than ObjectSizeLessThan in the filter");
  }
}

void RequireValidExpiration(const Json& expiration) {
  if (CountPresent(expiration, {"Days", "Date", "ExpiredObjectDeleteMarker"}) != 1) ThrowMalformedXml();
  RequirePositive(expiration, "Days", "'Days' for Expiration action must be a positive integer");
  if (auto date = expiration.find("Date"); date != expiration.end()) {
    if (std::fmod(date->get<double>(), kDay) != 0) throw InvalidArgument("'Date' must be at midnight GMT");
  }
}

// Checks one rule as S3 does and gives it an ID when it has none.
void RequireValidRule(Json& rule, std::set<std::string>& ids) {
  if (!rule.contains("ID")) rule["ID"] = NewHexId("", 32);
  std::string id = rule["ID"];
  if (id.size() > 255) throw InvalidArgument("ID length should not exceed allowed limit of 255");
  if (!ids.insert(id).second) throw InvalidArgument("Rule ID must be unique. Found same ID for more than one rule");
  RequireValidFilter(rule);
  if (rule.contains("Transitions") || rule.contains("NoncurrentVersionTransitions")) {
    throw AwsError("NotImplemented", "trailbox does not implement lifecycle transitions between storage classes", 501);
  }
  if (CountPresent(rule, {"Expiration", "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload"}) == 0) {
    throw AwsError("InvalidRequest", "At least one action needs to be specified in a rule", 400);
  }
  if (rule.contains("Expiration")) RequireValidExpiration(rule["Expiration"]);
  if (rule.contains("NoncurrentVersionExpiration")) {
    RequirePositive(rule["NoncurrentVersionExpiration"], "NoncurrentDays",
                    "'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
  }
  if (rule.contains("AbortIncompleteMultipartUpload")) {
    if (HasTagFilter(rule)) {
      throw AwsError("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified with Tags.", 400);
    }
    RequirePositive(rule["AbortIncompleteMultipartUpload"], "DaysAfterInitiation",
                    "'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
  }
}

// The prefix a rule selects by (the part SQL can narrow on).
std::string RulePrefix(const Json& rule) {
  if (rule.contains("Prefix")) return rule["Prefix"];
  const Json filter = rule.value("Filter", Json::object());
  if (filter.contains("And")) return filter["And"].value("Prefix", "");
  return filter.value("Prefix", "");
}

bool IsExpired(const Json& expiration, double created, double now) {
  if (expiration.contains("Days")) return ExpiryTime(created, expiration["Days"].get<int64_t>()) <= now;
  if (expiration.contains("Date")) return expiration["Date"].get<double>() <= now;
  return false;
}

size_t ExpireObjects(store::Database& db, const std::string& bucket, const Json& rule, double now) {
  std::vector<std::string> expired;
  auto statement = db.Prepare(
      "SELECT key, size, last_modified, headers FROM s3_objects WHERE bucket = ?1 AND key >= ?2 ORDER BY key");
  std::string prefix = RulePrefix(rule);
  statement.Bind(1, bucket).Bind(2, prefix);
  while (statement.Step()) {
    std::string key = statement.Text(0);
    if (!key.starts_with(prefix)) break;
    Json tags = Json::parse(statement.Text(3)).value("Tags", Json::object());
    if (RuleSelects(rule, key, statement.Int(1), tags) && IsExpired(rule["Expiration"], statement.Double(2), now)) {
      expired.push_back(std::move(key));
    }
  }
  for (const std::string& key : expired) {
    db.Prepare("DELETE FROM s3_objects WHERE bucket = ?1 AND key = ?2").Bind(1, bucket).Bind(2, key).Run();
  }
  return expired.size();
}

size_t AbortUploads(store::Database& db, const std::string& bucket, const Json& rule, double now) {
  int64_t days = rule["AbortIncompleteMultipartUpload"].value("DaysAfterInitiation", 0);
  std::vector<std::string> aborted;
  auto statement = db.Prepare("SELECT upload_id, key, initiated FROM s3_uploads WHERE bucket = ?1");
  statement.Bind(1, bucket);
  while (statement.Step()) {
    if (RuleSelects(rule, statement.Text(1), 0, Json::object()) && ExpiryTime(statement.Double(2), days) <= now) {
      aborted.push_back(statement.Text(0));
    }
  }
  for (const std::string& upload_id : aborted) {
    db.Prepare("DELETE FROM s3_parts WHERE upload_id = ?1").Bind(1, upload_id).Run();
    db.Prepare("DELETE FROM s3_uploads WHERE upload_id = ?1").Bind(1, upload_id).Run();
  }
  return aborted.size();
}

double NextMidnight(double now) { return std::floor(now / kDay) * kDay + kDay; }

AwsError NoSuchLifecycleConfiguration(const std::string& bucket) {
  return BucketError("NoSuchLifecycleConfiguration", "The lifecycle configuration does not exist", bucket, 404);
}

}  // namespace

bool RuleSelects(const Json& rule, const std::string& key, int64_t size, const Json& tags) {
  if (rule.contains("Prefix")) return key.starts_with(rule["Prefix"].get<std::string>());
  const Json filter = rule.value("Filter", Json::object());
  const Json& conditions = filter.contains("And") ? filter["And"] : filter;
  if (!key.starts_with(conditions.value("Prefix", ""))) return false;
  if (filter.contains("Tag") && !TagsMatch(Json::array({filter["Tag"]}), tags)) return false;
  if (conditions.contains("Tags") && !TagsMatch(conditions["Tags"], tags)) return false;
  return SizeMatches(conditions, size);
}

double ExpiryTime(double created, int64_t days) { return NextMidnight(created + static_cast<double>(days) * kDay); }

size_t ApplyLifecycle(store::Database& db, const std::string& bucket_name, double now) {
  auto bucket = FindBucket(db, bucket_name);
  if (!bucket || !bucket->lifecycle) return 0;
  size_t removed = 0;
  for (const Json& rule : Json::parse(*bucket->lifecycle).value("Rules", Json::array())) {
    if (rule.value("Status", "") != "Enabled") continue;
    if (rule.contains("Expiration")) removed += ExpireObjects(db, bucket_name, rule, now);
    if (rule.contains("AbortIncompleteMultipartUpload")) removed += AbortUploads(db, bucket_name, rule, now);
  }
  return removed;
}

void ScheduleLifecycle(store::Database& db, Scheduler& scheduler, const std::string& bucket, int64_t generation) {
  TimePoint due = FromEpochSeconds(NextMidnight(ToEpochSeconds(scheduler.now())));
  scheduler.Schedule(due, "s3 lifecycle " + bucket, [&db, &scheduler, bucket, generation](TimePoint now) {
    auto current = FindBucket(db, bucket);
    if (!current || !current->lifecycle || current->lifecycle_generation != generation) return;
    ApplyLifecycle(db, bucket, ToEpochSeconds(now));
    ScheduleLifecycle(db, scheduler, bucket, generation);
  });
}

Json PutBucketLifecycleConfiguration(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutLifecycleConfiguration", BucketArn(bucket.name));
  if (!input.contains("LifecycleConfiguration")) ThrowMalformedXml();
  Json configuration = input["LifecycleConfiguration"];
  Json& rules = configuration["Rules"];
  if (!rules.is_array() || rules.empty()) ThrowMalformedXml();
  if (rules.size() > kMaxRules) throw InvalidArgument("Configuration exceeds the maximum of 1000 rules");
  std::set<std::string> ids;
  for (Json& rule : rules) RequireValidRule(rule, ids);
  int64_t generation = bucket.lifecycle_generation + 1;
  call.db()
      .Prepare("UPDATE s3_buckets SET lifecycle = ?2, lifecycle_generation = ?3 WHERE name = ?1")
      .BindAll(bucket.name, configuration.dump(), generation)
      .Run();
  ScheduleLifecycle(call.db(), call.scheduler(), bucket.name, generation);
  return Json::object();
}

Json GetBucketLifecycleConfiguration(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:GetLifecycleConfiguration", BucketArn(bucket.name));
  if (!bucket.lifecycle) throw NoSuchLifecycleConfiguration(bucket.name);
  return {{"Rules", Json::parse(*bucket.lifecycle).value("Rules", Json::array())}};
}

Json DeleteBucketLifecycle(Call& call, const Json& input) {
  Bucket bucket = RequireBucket(call.db(), input.at("Bucket").get<std::string>());
  Authorize(call, bucket, "s3:PutLifecycleConfiguration", BucketArn(bucket.name));
  call.db()
      .Prepare("UPDATE s3_buckets SET lifecycle = NULL, lifecycle_generation = ?2 WHERE name = ?1")
      .BindAll(bucket.name, bucket.lifecycle_generation + 1)
      .Run();
  return Json::object();
}

void ResumeS3Tasks(store::Database& db, Scheduler& scheduler) {
  std::vector<std::pair<std::string, int64_t>> buckets;
  auto statement = db.Prepare("SELECT name, lifecycle_generation FROM s3_buckets WHERE lifecycle IS NOT NULL");
  while (statement.Step()) buckets.emplace_back(statement.Text(0), statement.Int(1));
  for (const auto& [bucket, generation] : buckets) ScheduleLifecycle(db, scheduler, bucket, generation);
}

void AddLifecycleOperations(OperationTable& table) {
  table.Add("PutBucketLifecycleConfiguration", PutBucketLifecycleConfiguration);
  table.Add("GetBucketLifecycleConfiguration", GetBucketLifecycleConfiguration);
  table.Add("DeleteBucketLifecycle", DeleteBucketLifecycle);
}

}  // namespace trailbox::s3
