// Publishing as an AWS service principal in-process (service_publish.hpp): CloudTrail's log file notifications and
// CloudWatch alarm actions go through the topic policy and the same fan-out as a client's Publish.
#include "services/sns/service_publish.hpp"

#include "core/ids.hpp"
#include "services/sns/deliveries.hpp"
#include "services/sns/publish.hpp"
#include "services/sns/topic_policy.hpp"

namespace trailbox::sns {

std::optional<AwsError> CheckServicePublish(store::Database& db, const ServicePublish& publish) {
  std::optional<TopicRow> topic = IsTopicArnShape(publish.topic_arn) ? FindTopic(db, publish.topic_arn) : std::nullopt;
  if (!topic) return AwsError("NotFound", "Topic does not exist");
  return CheckService(*topic, publish.service, publish.source_arn, publish.source_account);
}

std::string PublishAsService(store::Database& db, Scheduler& scheduler, const ServicePublish& publish) {
  if (std::optional<AwsError> error = CheckServicePublish(db, publish)) throw *error;
  ValidateMessage(publish.message, Json::object());
  if (!publish.subject.empty()) ValidateSubject(publish.subject);
  Publication publication{*FindTopic(db, publish.topic_arn), NewUuid(), publish.subject, publish.message,
                          std::nullopt, Json::object()};
  Fanout(db, scheduler, publication);
  return publication.message_id;
}

}  // namespace trailbox::sns
