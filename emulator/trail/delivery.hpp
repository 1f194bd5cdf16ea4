// Trail delivery on the clock: each trail's queued records become log files in its S3 bucket and events in its
// CloudWatch Logs group every delivery interval and on POST /_trailbox/flush, with digests when validation is on;
// failures show in GetTrailStatus and the records stay queued (shared/DESIGN.md "Event recording and trails").
#pragma once
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"
#include "trail/trails.hpp"

namespace trailbox::trail {

/// The delivery interval in seconds (the server's --delivery-interval; AWS delivers about every 5 minutes).
void SetDeliveryInterval(store::Database& db, double seconds);
/// The delivery interval in seconds.
double DeliveryInterval(store::Database& db);

/// Schedules the trail's next delivery one interval after `now` unless one is already scheduled; updates the row.
void ScheduleTrailDelivery(store::Database& db, Scheduler& scheduler, TrailRow& trail, double now);

/// Schedules again, at start-up, the deliveries of the stored trails.
void ResumeDeliveries(store::Database& db, Scheduler& scheduler);

/// Delivers everything queued for every trail now, with a digest of the files delivered since the previous one.
/// Answers {"trails": n, "log_files": n, "log_events": n, "digests": n, "errors": [...]}.
Json FlushTrails(store::Database& db, Scheduler& scheduler, double now);

/// The error CloudTrail reports when it cannot deliver to the trail's group through its role: the trust check
/// (InvalidCloudWatchLogsRoleArnException) and the permission and group checks
/// (InvalidCloudWatchLogsLogGroupArnException), or nullopt when delivery may proceed. `group_arn` and `role_arn`
/// are the trail's settings; the group is looked up in `account_id` and the group ARN's region.
std::optional<AwsError> CheckLogsDelivery(store::Database& db, const std::string& account_id,
                                          const std::string& group_arn, const std::string& role_arn, double now);

/// The parts of arn:aws:logs:<region>:<account>:log-group:<name>[:*].
struct LogGroupArn {
  std::string region;
  std::string account_id;
  std::string name;
};
/// The parts of a log group ARN, nullopt when malformed.
std::optional<LogGroupArn> ParseLogGroupArn(const std::string& arn);

/// Delivers the trail's queued CloudWatch Logs records; returns how many events went in, and sets the trail's
/// LatestCloudWatchLogsDeliveryTime or LatestCloudWatchLogsDeliveryError.
size_t DeliverToLogs(store::Database& db, Scheduler& scheduler, TrailRow& trail, double now);

}  // namespace trailbox::trail
