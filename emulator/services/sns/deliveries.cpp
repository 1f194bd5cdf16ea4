// Fan-out of published messages and subscription confirmations to email, email-json and HTTP/HTTPS endpoints;
// HTTP/HTTPS attempts on the scheduler (the format and the retry rules: deliveries.hpp).
#include "services/sns/deliveries.hpp"

#include <algorithm>

#include "core/encoding.hpp"
#include "core/ids.hpp"
#include "core/time_format.hpp"
#include "services/sns/filter_policy.hpp"
#include "services/sns/http_post.hpp"
#include "services/sns/messages.hpp"
#include "services/sns/outbox.hpp"
#include "services/sns/signing.hpp"

namespace trailbox::sns {
namespace {

constexpr int kDefaultRetries = 3;
constexpr double kDefaultRetryDelay = 20;
constexpr const char* kUserAgent = "Amazon Simple Notification Service Agent";

struct RetryPolicy {
  int max_attempts = 1 + kDefaultRetries;
  double delay = kDefaultRetryDelay;
};

void ApplyRetryPolicy(RetryPolicy& policy, const Json& retry) {
  if (!retry.is_object()) return;
  policy.max_attempts = 1 + retry.value("numRetries", policy.max_attempts - 1);
  policy.delay = retry.value("minDelayTarget", policy.delay);
}

Json StoredJson(const Json& attributes, const char* name) {
  if (!attributes.contains(name)) return Json::object();
  Json parsed = Json::parse(attributes[name].get<std::string>(), nullptr, false);
  return parsed.is_object() ? parsed : Json::object();
}

RetryPolicy RetryPolicyFor(const TopicRow& topic, const SubscriptionRow& subscription) {
  RetryPolicy policy;
  Json topic_policy = StoredJson(topic.attributes, "DeliveryPolicy");
  if (topic_policy.contains("http")) ApplyRetryPolicy(policy, topic_policy["http"].value("defaultHealthyRetryPolicy", Json()));
  ApplyRetryPolicy(policy, StoredJson(subscription.attributes, "DeliveryPolicy").value("healthyRetryPolicy", Json()));
  return policy;
}

double NowSeconds(Scheduler& scheduler) { return ToEpochSeconds(scheduler.now()); }

bool IsHttp(const std::string& protocol) { return protocol == "http" || protocol == "https"; }

std::string FromName(const TopicRow& topic) {
  std::string name = topic.attributes.value("DisplayName", "");
  return name.empty() ? "AWS Notifications" : name;
}

// Publish's MessageAttributes as the envelope spells them: name -> {"Type", "Value"}.
Json EnvelopeAttributes(const Json& attributes) {
  Json out = Json::object();
  for (const auto& [name, attribute] : attributes.items()) {
    Json value = attribute.contains("BinaryValue") && attribute["BinaryValue"].is_binary()
                     ? Json(Base64Encode(std::string(attribute["BinaryValue"].get_binary().begin(),
                                                     attribute["BinaryValue"].get_binary().end())))
                     : Json(attribute.value("StringValue", ""));
    out[name] = {{"Type", attribute.value("DataType", "String")}, {"Value", value}};
  }
  return out;
}

Json SignedEnvelope(store::Database& db, double now, Envelope envelope) {
  envelope.timestamp = FormatIso8601(now, true);
  envelope.signing_cert_url = PublicUrl(db) + kSigningCertPath;
  std::string signature = SignSha1(db, StringToSign(envelope), now);
  return EnvelopeJson(envelope, signature);
}

void StoreEmail(store::Database& db, double now, const TopicRow& topic, const SubscriptionRow& subscription,
                OutboxEntry entry) {
  Email email{FromName(topic), subscription.endpoint, entry.subject, now, entry.message_id + "@sns.amazonaws.com",
              entry.body};
  entry.raw = RenderEmail(email);
  entry.status = "stored";
  AddToOutbox(db, now, entry);
}

void ScheduleAttempt(store::Database& db, Scheduler& scheduler, int64_t id, TimePoint due);

void RecordOutcome(store::Database& db, Scheduler& scheduler, int64_t id, const HttpOutcome& outcome) {
  auto row = db.Prepare("SELECT attempts, max_attempts, retry_delay FROM sns_outbox WHERE id = ?1 AND status = 'sending'");
  row.BindAll(id);
  if (!row.Step()) return;  // reset meanwhile
  int64_t attempts = row.Int(0);
  int64_t max_attempts = row.Int(1);
  double delay = row.Double(2);
  double now = NowSeconds(scheduler);
  std::string text = outcome.status ? "HTTP " + std::to_string(outcome.status) : "no answer: " + outcome.error;
  db.Prepare("INSERT INTO sns_delivery_attempts (outbox_id, time, outcome) VALUES (?1, ?2, ?3)")
      .BindAll(id, now, text)
      .Run();
  bool is_delivered = outcome.status >= 200 && outcome.status < 300;
  bool is_retryable = outcome.status == 0 || outcome.status == 429 || outcome.status >= 500;
  std::string status = is_delivered ? "delivered" : (is_retryable && attempts < max_attempts ? "pending" : "failed");
  db.Prepare("UPDATE sns_outbox SET status = ?2, next_attempt = ?3 WHERE id = ?1")
      .BindAll(id, status, now + delay)
      .Run();
  if (status == "pending") ScheduleAttempt(db, scheduler, id, FromEpochSeconds(now + delay));
}

void StartAttempt(store::Database& db, Scheduler& scheduler, int64_t id) {
  auto row = db.Prepare("SELECT endpoint, headers, body FROM sns_outbox WHERE id = ?1 AND status = 'pending'");
  row.BindAll(id);
  if (!row.Step()) return;
  HttpPost post{row.Text(0), {}, row.Text(2)};
  Json headers = Json::parse(row.Text(1));
  for (const auto& [name, value] : headers.items()) post.headers.emplace_back(name, value);
  db.Prepare("UPDATE sns_outbox SET status = 'sending', attempts = attempts + 1 WHERE id = ?1").BindAll(id).Run();
  // The POST runs on its own thread; its outcome is recorded by a task of its own, in a transaction of its own.
  SendPostInBackground(std::move(post), [&db, &scheduler, id](HttpOutcome outcome) {
    scheduler.Schedule(scheduler.now(), "sns-http-outcome",
                       [&db, &scheduler, id, outcome](TimePoint) { RecordOutcome(db, scheduler, id, outcome); });
  });
}

void ScheduleAttempt(store::Database& db, Scheduler& scheduler, int64_t id, TimePoint due) {
  scheduler.Schedule(due, "sns-http-delivery", [&db, &scheduler, id](TimePoint) { StartAttempt(db, scheduler, id); });
}

// "POST /path HTTP/1.1" with the headers and body, as the outbox shows the request.
std::string RawRequest(const std::string& url, const Json& headers, const std::string& body) {
  size_t host_start = url.find("://");
  host_start = host_start == std::string::npos ? 0 : host_start + 3;
  size_t path_start = url.find('/', host_start);
  std::string host = url.substr(host_start, path_start == std::string::npos ? std::string::npos : path_start - host_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  std::string raw = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\n";
  for (const auto& [name, value] : headers.items()) raw += name + ": " + value.get<std::string>() + "\r\n";
  return raw + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void EnqueuePost(store::Database& db, Scheduler& scheduler, const TopicRow& topic,
                 const SubscriptionRow& subscription, OutboxEntry entry, bool is_raw) {
  Json headers = {{"x-amz-sns-message-type", entry.message_type},
                  {"x-amz-sns-message-id", entry.message_id},
                  {"x-amz-sns-topic-arn", topic.topic_arn}};
  if (entry.message_type == "Notification") headers["x-amz-sns-subscription-arn"] = subscription.subscription_arn;
  if (is_raw) headers["x-amz-sns-rawdelivery"] = "true";
  headers["Content-Type"] = "text/plain; charset=UTF-8";
  headers["User-Agent"] = kUserAgent;
  entry.raw = RawRequest(subscription.endpoint, headers, entry.body);
  entry.headers = std::move(headers);
  entry.status = "pending";
  double now = NowSeconds(scheduler);
  int64_t id = AddToOutbox(db, now, entry);
  RetryPolicy retry = RetryPolicyFor(topic, subscription);
  db.Prepare("UPDATE sns_outbox SET max_attempts = ?2, retry_delay = ?3 WHERE id = ?1")
      .BindAll(id, static_cast<int64_t>(std::max(1, retry.max_attempts)), retry.delay)
      .Run();
  ScheduleAttempt(db, scheduler, id, scheduler.now());
}

bool PassesFilter(const SubscriptionRow& subscription, const Publication& publication) {
  if (!subscription.attributes.contains("FilterPolicy")) return true;
  Json policy = Json::parse(subscription.attributes["FilterPolicy"].get<std::string>());
  if (subscription.attributes.value("FilterPolicyScope", "MessageAttributes") == "MessageBody") {
    return MatchesBody(policy, publication.message);
  }
  return MatchesAttributes(policy, publication.attributes);
}

std::string MessageFor(const Publication& publication, const std::string& protocol) {
  if (!publication.per_protocol) return publication.message;
  const Json& messages = *publication.per_protocol;
  return messages.contains(protocol) ? messages[protocol].get<std::string>() : messages["default"].get<std::string>();
}

void Deliver(store::Database& db, Scheduler& scheduler, const Publication& publication,
             const SubscriptionRow& subscription) {
  double now = NowSeconds(scheduler);
  const TopicRow& topic = publication.topic;
  std::string message = MessageFor(publication, subscription.protocol);
  std::string subject = publication.subject.empty() ? kDefaultSubject : publication.subject;
  OutboxEntry entry{topic.topic_arn, subscription.subscription_arn, subscription.protocol, subscription.endpoint,
                    "Notification", publication.message_id, subject, {}, {}, Json::object(), {}};
  if (subscription.protocol == "email") {
    entry.body = EmailNotificationBody(message, UnsubscribeUrl(db, subscription.subscription_arn));
    StoreEmail(db, now, topic, subscription, std::move(entry));
    return;
  }
  bool is_raw = IsHttp(subscription.protocol) && subscription.attributes.value("RawMessageDelivery", "false") == "true";
  if (is_raw) {
    entry.body = message;
  } else {
    Envelope envelope{.type = "Notification",
                      .message_id = publication.message_id,
                      .topic_arn = topic.topic_arn,
                      .subject = publication.subject,
                      .message = message,
                      .unsubscribe_url = UnsubscribeUrl(db, subscription.subscription_arn),
                      .message_attributes = EnvelopeAttributes(publication.attributes)};
    entry.body = SignedEnvelope(db, now, std::move(envelope)).dump(2);
  }
  if (subscription.protocol == "email-json") {
    StoreEmail(db, now, topic, subscription, std::move(entry));
  } else {
    EnqueuePost(db, scheduler, topic, subscription, std::move(entry), is_raw);
  }
}

}  // namespace

std::string ConfirmUrl(store::Database& db, const std::string& topic_arn, const std::string& token) {
  return PublicUrl(db) + "/?Action=ConfirmSubscription&TopicArn=" + UrlEncode(topic_arn) + "&Token=" + token;
}

std::string UnsubscribeUrl(store::Database& db, const std::string& subscription_arn) {
  return PublicUrl(db) + "/?Action=Unsubscribe&SubscriptionArn=" + UrlEncode(subscription_arn);
}

void Fanout(store::Database& db, Scheduler& scheduler, const Publication& publication) {
  auto statement = db.Prepare(
      "SELECT subscription_arn FROM sns_subscriptions WHERE topic_arn = ?1 AND is_confirmed = 1 ORDER BY rowid");
  statement.BindAll(publication.topic.topic_arn);
  std::vector<std::string> arns;
  while (statement.Step()) arns.push_back(statement.Text(0));
  for (const std::string& arn : arns) {
    std::optional<SubscriptionRow> subscription = FindSubscription(db, arn);
    if (subscription && PassesFilter(*subscription, publication)) Deliver(db, scheduler, publication, *subscription);
  }
}

void SendConfirmation(store::Database& db, Scheduler& scheduler, const TopicRow& topic,
                      const SubscriptionRow& subscription) {
  double now = NowSeconds(scheduler);
  std::string confirm_url = ConfirmUrl(db, topic.topic_arn, subscription.token);
  OutboxEntry entry{topic.topic_arn, subscription.subscription_arn, subscription.protocol, subscription.endpoint,
                    "SubscriptionConfirmation", NewUuid(), kConfirmationSubject, {}, {}, Json::object(), {}};
  if (subscription.protocol == "email") {
    entry.body = EmailConfirmationBody(topic.topic_arn, confirm_url);
    StoreEmail(db, now, topic, subscription, std::move(entry));
    return;
  }
  Envelope envelope{.type = "SubscriptionConfirmation",
                    .message_id = entry.message_id,
                    .topic_arn = topic.topic_arn,
                    .message = ConfirmationMessage(topic.topic_arn),
                    .token = subscription.token,
                    .subscribe_url = confirm_url};
  entry.body = SignedEnvelope(db, now, std::move(envelope)).dump(2);
  if (subscription.protocol == "email-json") {
    StoreEmail(db, now, topic, subscription, std::move(entry));
  } else {
    EnqueuePost(db, scheduler, topic, subscription, std::move(entry), false);
  }
}

void ResumeHttpDeliveries(store::Database& db, Scheduler& scheduler) {
  auto statement = db.Prepare("SELECT id, next_attempt FROM sns_outbox WHERE status IN ('pending', 'sending')");
  std::vector<std::pair<int64_t, double>> due;
  while (statement.Step()) due.emplace_back(statement.Int(0), statement.Double(1));
  db.Exec("UPDATE sns_outbox SET status = 'pending' WHERE status = 'sending'");
  for (const auto& [id, at] : due) ScheduleAttempt(db, scheduler, id, FromEpochSeconds(at));
}

}  // namespace trailbox::sns
