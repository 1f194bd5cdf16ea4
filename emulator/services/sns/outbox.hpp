// The outbox: every message SNS delivered or is delivering, in SQLite — emails as RFC 5322 text (what an SMTP relay
// would send), and each HTTP/HTTPS POST with its attempts. Read by the admin endpoint GET /_trailbox/outbox.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "store/database.hpp"

namespace trailbox::sns {

/// One message to one subscription endpoint.
struct OutboxEntry {
  std::string topic_arn;
  std::string subscription_arn;
  std::string protocol;      // email, email-json, http, https
  std::string endpoint;      // the address or URL
  std::string message_type;  // Notification, SubscriptionConfirmation
  std::string message_id;
  std::string subject;
  std::string body;  // the email body or the POST body
  std::string raw;   // the RFC 5322 email, or the HTTP request as sent
  Json headers = Json::object();  // HTTP: the request headers
  std::string status;  // email: "stored"; HTTP: "pending", "sending", "delivered", "failed"
};

/// Stores the entry at `now` (epoch seconds); returns its id.
int64_t AddToOutbox(store::Database& db, double now, const OutboxEntry& entry);
/// The outbox, oldest first; only messages to `endpoint` when given. Each message: id, time (ISO 8601), topic_arn,
/// subscription_arn, protocol, endpoint, message_type, message_id, subject, body, raw, status, attempts.
Json ListOutbox(store::Database& db, const std::optional<std::string>& endpoint);

}  // namespace trailbox::sns
