// What other services ask SNS in-process (shared/DESIGN.md principle 5): may an AWS service publish to a topic, and
// publish as that service — CloudTrail's per-log-file notifications (cloudtrail-fidelity.md §(d)) and CloudWatch
// alarm actions. The same topic-policy evaluation as a client's Publish, with the service as the principal.
#pragma once
#include <optional>
#include <string>

#include "core/aws_error.hpp"
#include "core/scheduler.hpp"
#include "store/database.hpp"

namespace trailbox::sns {

/// A service principal's Publish to a topic.
struct ServicePublish {
  std::string topic_arn;
  std::string service;         // "cloudtrail.amazonaws.com", "cloudwatch.amazonaws.com"
  std::string source_arn;      // aws:SourceArn: the trail's or the alarm's ARN; empty when absent
  std::string source_account;  // aws:SourceAccount (also AWS:SourceOwner): the account of that resource
  std::string subject;         // empty for none
  std::string message;
};

/// The error SNS would answer the service's Publish with — NotFound when the topic does not exist,
/// AuthorizationError unless the topic policy allows SNS:Publish for the service with these condition keys — or
/// nullopt when the publish is allowed.
std::optional<AwsError> CheckServicePublish(store::Database& db, const ServicePublish& publish);

/// Publishes as the service: checks as CheckServicePublish (throws its error), then fans the message out to the
/// topic's confirmed subscriptions exactly as a client's Publish does (in the open transaction; network deliveries
/// on the scheduler). Returns the MessageId.
std::string PublishAsService(store::Database& db, Scheduler& scheduler, const ServicePublish& publish);

}  // namespace trailbox::sns
