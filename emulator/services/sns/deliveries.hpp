// Deliveries: a published message fanned out to a topic's confirmed subscriptions, and the subscription
// confirmation sent at Subscribe. Emails go into the outbox in the caller's transaction; HTTP/HTTPS POSTs are
// outbox rows sent by scheduler tasks after the transaction commits, retried per the delivery policy.
//
// Retries (simplified from AWS's delivery policy, https://docs.aws.amazon.com/sns/latest/dg/sns-message-delivery-
// retries.html): an attempt succeeds on a 2xx answer; a 429, a 5xx or no answer (connection refused, 15 s timeout)
// is retried, other statuses fail at once. Retries follow the subscription's healthyRetryPolicy, else the topic's
// http.defaultHealthyRetryPolicy, else AWS's default (numRetries 3, minDelayTarget 20): numRetries more attempts,
// each minDelayTarget seconds after the previous answer. Deviation: the backoff phases (numNoDelayRetries,
// numMinDelayRetries, numMaxDelayRetries, backoffFunction, maxDelayTarget) and throttlePolicy are not applied.
// Every attempt is recorded (sns_delivery_attempts) and listed with its message at GET /_trailbox/outbox.
#pragma once
#include <optional>
#include <string>

#include "core/json.hpp"
#include "core/scheduler.hpp"
#include "services/sns/sns_common.hpp"
#include "store/database.hpp"

namespace trailbox::sns {

/// One Publish, client's or service's.
struct Publication {
  TopicRow topic;
  std::string message_id;
  std::string subject;  // empty for none
  std::string message;  // the default message
  std::optional<Json> per_protocol;  // MessageStructure json: protocol -> message ("default" included)
  Json attributes = Json::object();  // Publish's MessageAttributes
};

/// Delivers `publication` to every confirmed subscription of its topic whose filter policy matches.
void Fanout(store::Database& db, Scheduler& scheduler, const Publication& publication);
/// Sends the SubscriptionConfirmation of a pending subscription (email, email-json or HTTP/HTTPS).
void SendConfirmation(store::Database& db, Scheduler& scheduler, const TopicRow& topic,
                      const SubscriptionRow& subscription);
/// Start-up: schedules again the HTTP/HTTPS messages not yet delivered or failed.
void ResumeHttpDeliveries(store::Database& db, Scheduler& scheduler);

/// "PUBLIC/?Action=ConfirmSubscription&TopicArn=...&Token=..." — answered by trailbox without credentials.
std::string ConfirmUrl(store::Database& db, const std::string& topic_arn, const std::string& token);
/// "PUBLIC/?Action=Unsubscribe&SubscriptionArn=...".
std::string UnsubscribeUrl(store::Database& db, const std::string& subscription_arn);

}  // namespace trailbox::sns
