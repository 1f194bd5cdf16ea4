// SNS notifications of delivered log files (notify.hpp).
// Open: AWS does not document a Subject for these notifications; trailbox sets none (subscribers read Message).
#include "trail/notify.hpp"

#include "core/aws_error.hpp"
#include "core/time_format.hpp"
#include "services/sns/service_publish.hpp"

namespace trailbox::trail {

std::string NotificationMessage(const std::string& bucket, const std::vector<std::string>& keys) {
  return Json{{"s3Bucket", bucket}, {"s3ObjectKey", keys}}.dump();
}

void NotifyLogFiles(store::Database& db, Scheduler& scheduler, TrailRow& trail, const std::vector<std::string>& keys,
                    double now) {
  std::string topic_arn = trail.config.value("SnsTopicARN", "");
  if (topic_arn.empty() || keys.empty()) return;
  sns::ServicePublish publish{topic_arn, "cloudtrail.amazonaws.com", trail.arn, trail.account_id, "",
                              NotificationMessage(trail.config.value("S3BucketName", ""), keys)};
  trail.status["LatestNotificationAttemptTime"] = FormatIso8601(now);
  try {
    sns::PublishAsService(db, scheduler, publish);
  } catch (const AwsError& error) {
    trail.status["LatestNotificationError"] = error.code();
    trail.status["LatestNotificationAttemptSucceeded"] = "";
    return;
  }
  trail.status.erase("LatestNotificationError");
  trail.status["LatestNotificationTime"] = now;
  trail.status["LatestNotificationAttemptSucceeded"] = FormatIso8601(now);
}

}  // namespace trailbox::trail
