// Alarm notifications into SNS (alarm_publish.hpp): the one place CloudWatch calls sns::PublishAsService.
#include "services/cloudwatch/alarm_publish.hpp"

#include "services/sns/service_publish.hpp"

namespace trailbox::cloudwatch {

std::string PublishAlarmNotification(store::Database& db, Scheduler& scheduler, const AlarmPublish& publish) {
  return sns::PublishAsService(db, scheduler, {publish.topic_arn, "cloudwatch.amazonaws.com", publish.alarm_arn,
                                               publish.account_id, publish.subject, publish.message});
}

}  // namespace trailbox::cloudwatch
