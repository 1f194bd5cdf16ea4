// Delivery on the clock: one task per logging trail every delivery interval; each run writes the trail's queued
// records as one gzip log file per region into its bucket as cloudtrail.amazonaws.com (the bucket policy is asked at
// every delivery: s3::CheckServiceAccess), notifies its SNS topic, puts them into its CloudWatch Logs group, and writes
// the digests that are due. A refused delivery sets LatestDeliveryError and keeps the records for the next run
// (cloudtrail-fidelity.md §(b), §(j)).
// Open: AWS keeps LatestDeliveryError after a later success; trailbox clears it once a delivery succeeds.
// Open: Content-Encoding is not set on log objects (AWS's headers on them are inferred, not documented).
#include "trail/delivery.hpp"

#include <map>

#include "core/clock.hpp"
#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "services/s3/access.hpp"
#include "services/s3/object_store.hpp"
#include "services/s3/s3_common.hpp"
#include "trail/digest.hpp"
#include "trail/log_file.hpp"
#include "trail/notify.hpp"

namespace trailbox::trail {
namespace {

// The delivery period lives in the meta table (one engine's setting, not a process global); AWS's 5 minutes
// unless the server sets another (--delivery-interval, 10 s by default with the real clock).
constexpr const char* kIntervalKey = "trail.delivery_interval_seconds";
constexpr double kAwsDeliveryInterval = 300;

struct Queued {
  std::vector<int64_t> ids;
  std::vector<std::string> records;
  std::string oldest;
  std::string newest;
};

std::map<std::string, Queued> QueuedForS3(store::Database& db, const std::string& arn) {
  auto statement = db.Prepare(
      "SELECT id, region, record FROM trail_pending WHERE trail_arn = ?1 AND destination = 's3' ORDER BY id");
  statement.BindAll(arn);
  std::map<std::string, Queued> by_region;
  while (statement.Step()) {
    Queued& queued = by_region[statement.Text(1)];
    queued.ids.push_back(statement.Int(0));
    queued.records.push_back(statement.Text(2));
    Json record = Json::parse(queued.records.back(), nullptr, false);
    std::string time = record.is_object() ? record.value("eventTime", "") : "";
    if (queued.oldest.empty() || time < queued.oldest) queued.oldest = time;
    if (time > queued.newest) queued.newest = time;
  }
  return by_region;
}

// Writes one log file per region; returns the keys written.
std::vector<std::string> DeliverToS3(store::Database& db, TrailRow& trail, double now) {
  std::map<std::string, Queued> by_region = QueuedForS3(db, trail.arn);
  std::string bucket = trail.config.value("S3BucketName", "");
  std::vector<std::string> written;
  for (auto& [region, queued] : by_region) {
    std::string key = LogFileKey(trail.config.value("S3KeyPrefix", ""), trail.account_id, region, now);
    trail.status["LatestDeliveryAttemptTime"] = FormatIso8601(now);
    if (auto error = s3::CheckServiceAccess(db, FromEpochSeconds(now),
                                            {"cloudtrail.amazonaws.com", "s3:PutObject", bucket, key,
                                             "bucket-owner-full-control", trail.arn, trail.account_id})) {
      trail.status["LatestDeliveryError"] = error->code();
      trail.status["LatestDeliveryAttemptSucceeded"] = "";
      return written;
    }
    std::string body = LogFileBody(queued.records);
    s3::NewObject object;
    object.bucket = bucket;
    object.key = key;
    object.body = Gzip(body);
    object.content_type = "application/json";
    auto owner = s3::FindBucket(db, bucket);
    object.owner_account = owner ? owner->account_id : trail.account_id;
    s3::WriteObject(db, now, object);
    RecordLogFile(db, trail, region, key, body, queued.oldest, queued.newest, now);
    for (int64_t id : queued.ids) db.Prepare("DELETE FROM trail_pending WHERE id = ?1").BindAll(id).Run();
    trail.status.erase("LatestDeliveryError");
    trail.status["LatestDeliveryTime"] = now;
    trail.status["LatestDeliveryAttemptSucceeded"] = FormatIso8601(now);
    written.push_back(key);
  }
  return written;
}

struct DeliveryCounts {
  size_t log_files = 0;
  size_t log_events = 0;
  size_t digests = 0;
};

DeliveryCounts DeliverTrail(store::Database& db, Scheduler& scheduler, TrailRow& trail, double now, bool flush) {
  DeliveryCounts counts;
  std::vector<std::string> keys = DeliverToS3(db, trail, now);
  counts.log_files = keys.size();
  NotifyLogFiles(db, scheduler, trail, keys, now);
  if (trail.config.contains("CloudWatchLogsLogGroupArn")) counts.log_events = DeliverToLogs(db, scheduler, trail, now);
  DigestOutcome digest = DeliverDigests(db, trail, now, flush);
  if (digest.delivered) {
    trail.status["LatestDigestDeliveryTime"] = now;
    trail.status.erase("LatestDigestDeliveryError");
    counts.digests = 1;
  }
  if (!digest.error.empty()) trail.status["LatestDigestDeliveryError"] = digest.error;
  return counts;
}

void ScheduleAt(store::Database& db, Scheduler& scheduler, const std::string& arn, double due) {
  scheduler.Schedule(FromEpochSeconds(due), "trail delivery " + arn, [&db, &scheduler, arn, due](TimePoint) {
    std::optional<TrailRow> trail = FindTrailByArn(db, arn);
    if (!trail || trail->next_delivery != due) return;  // deleted, or superseded by a later schedule
    // A stopped trail delivers what it queued before StopLogging, with its final digest, and stops.
    DeliverTrail(db, scheduler, *trail, due, !trail->is_logging);
    trail->next_delivery.reset();
    if (trail->is_logging) {
      trail->next_delivery = due + DeliveryInterval(db);
      ScheduleAt(db, scheduler, arn, *trail->next_delivery);
    }
    SaveTrail(db, *trail);
  });
}

}  // namespace

void SetDeliveryInterval(store::Database& db, double seconds) {
  db.Prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)").BindAll(kIntervalKey, std::to_string(seconds)).Run();
}

double DeliveryInterval(store::Database& db) {
  auto statement = db.Prepare("SELECT value FROM meta WHERE key = ?");
  statement.Bind(1, kIntervalKey);
  return statement.Step() ? std::stod(statement.Text(0)) : kAwsDeliveryInterval;
}

void ScheduleTrailDelivery(store::Database& db, Scheduler& scheduler, TrailRow& trail, double now) {
  if (trail.next_delivery) return;
  trail.next_delivery = now + DeliveryInterval(db);
  ScheduleAt(db, scheduler, trail.arn, *trail.next_delivery);
}

void ResumeDeliveries(store::Database& db, Scheduler& scheduler) {
  auto statement = db.Prepare("SELECT trail_arn, next_delivery FROM trail_trails WHERE next_delivery IS NOT NULL");
  std::vector<std::pair<std::string, double>> due;
  while (statement.Step()) due.emplace_back(statement.Text(0), statement.Double(1));
  for (const auto& [arn, when] : due) ScheduleAt(db, scheduler, arn, when);
}

Json FlushTrails(store::Database& db, Scheduler& scheduler, double now) {
  auto statement = db.Prepare("SELECT trail_arn FROM trail_trails ORDER BY trail_arn");
  std::vector<std::string> arns;
  while (statement.Step()) arns.push_back(statement.Text(0));
  Json summary = {{"trails", arns.size()}, {"log_files", 0}, {"log_events", 0}, {"digests", 0}};
  Json errors = Json::array();
  for (const std::string& arn : arns) {
    std::optional<TrailRow> trail = FindTrailByArn(db, arn);
    DeliveryCounts counts = DeliverTrail(db, scheduler, *trail, now, true);
    summary["log_files"] = summary["log_files"].get<size_t>() + counts.log_files;
    summary["log_events"] = summary["log_events"].get<size_t>() + counts.log_events;
    summary["digests"] = summary["digests"].get<size_t>() + counts.digests;
    for (const char* field :
         {"LatestDeliveryError", "LatestCloudWatchLogsDeliveryError", "LatestDigestDeliveryError",
          "LatestNotificationError"}) {
      if (trail->status.contains(field)) errors.push_back({{"trail", arn}, {field, trail->status[field]}});
    }
    SaveTrail(db, *trail);
  }
  summary["errors"] = errors;
  return summary;
}

}  // namespace trailbox::trail
