// The outbox table and its admin listing (shared/DESIGN.md: "email and email-json into an outbox ... listed at
// GET /_trailbox/outbox").
#include "services/sns/outbox.hpp"

#include "core/time_format.hpp"

namespace trailbox::sns {
namespace {

Json AttemptsOf(store::Database& db, int64_t outbox_id) {
  auto statement =
      db.Prepare("SELECT time, outcome FROM sns_delivery_attempts WHERE outbox_id = ?1 ORDER BY id");
  statement.BindAll(outbox_id);
  Json attempts = Json::array();
  while (statement.Step()) {
    attempts.push_back({{"time", FormatIso8601(statement.Double(0), true)}, {"outcome", statement.Text(1)}});
  }
  return attempts;
}

}  // namespace

int64_t AddToOutbox(store::Database& db, double now, const OutboxEntry& entry) {
  db.Prepare(
        "INSERT INTO sns_outbox (time, topic_arn, subscription_arn, protocol, endpoint, message_type, message_id, "
        "subject, body, raw, headers, status, attempts, next_attempt) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 0, ?1)")
      .BindAll(now, entry.topic_arn, entry.subscription_arn, entry.protocol, entry.endpoint, entry.message_type,
               entry.message_id, entry.subject, entry.body, entry.raw, entry.headers.dump(), entry.status)
      .Run();
  return sqlite3_last_insert_rowid(db.handle());
}

Json ListOutbox(store::Database& db, const std::optional<std::string>& endpoint) {
  auto statement = db.Prepare(
      "SELECT id, time, topic_arn, subscription_arn, protocol, endpoint, message_type, message_id, subject, body, "
      "raw, status FROM sns_outbox WHERE ?1 IS NULL OR endpoint = ?1 ORDER BY id");
  if (endpoint) {
    statement.Bind(1, *endpoint);
  } else {
    statement.BindNull(1);
  }
  Json messages = Json::array();
  while (statement.Step()) {
    int64_t id = statement.Int(0);
    messages.push_back({{"id", id},
                        {"time", FormatIso8601(statement.Double(1), true)},
                        {"topic_arn", statement.Text(2)},
                        {"subscription_arn", statement.Text(3)},
                        {"protocol", statement.Text(4)},
                        {"endpoint", statement.Text(5)},
                        {"message_type", statement.Text(6)},
                        {"message_id", statement.Text(7)},
                        {"subject", statement.Text(8)},
                        {"body", statement.Text(9)},
                        {"raw", statement.Text(10)},
                        {"status", statement.Text(11)},
                        {"attempts", AttemptsOf(db, id)}});
  }
  return messages;
}

}  // namespace trailbox::sns
