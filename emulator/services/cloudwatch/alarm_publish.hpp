// The one call CloudWatch makes into SNS (shared/DESIGN.md principle 5, STYLE.md rule 8): an alarm action publishes
// to its topic as the service principal cloudwatch.amazonaws.com, with the alarm's ARN and account as
// aws:SourceArn and aws:SourceAccount, so the topic policy decides as it does for AWS.
#pragma once
#include <string>

#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// One alarm notification for one topic.
struct AlarmPublish {
  std::string topic_arn;
  std::string alarm_arn;
  std::string account_id;
  std::string subject;
  std::string message;
};

/// Publishes the notification; returns the SNS MessageId, or throws the AwsError SNS answers with.
std::string PublishAlarmNotification(store::Database& db, Scheduler& scheduler, const AlarmPublish& publish);

}  // namespace trailbox::cloudwatch
