// Event history storage (event_history.hpp). Rows in trail_event_history carry the columns LookupEvents filters on
// and the record's text; trail_event_resources indexes the resources. Expiry is on the clock: a lookup never sees
// an event older than 90 days, and each new event deletes the expired rows.
// Continuation token: base64("trailbox-lookup:" + <event time> + ":" + <sequence>), the newest event of the next
// page; pages stay correct when events arrive between calls (new ones are newer than any page).
#include "trail/event_history.hpp"

#include <cmath>

#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "trail/trails.hpp"

namespace trailbox::trail {
namespace {

constexpr std::string_view kTokenPrefix = "trailbox-lookup:";

const char* ColumnOf(LookupKey key) {
  switch (key) {
    case LookupKey::kEventId: return "event_id = ?4";
    case LookupKey::kEventName: return "event_name = ?4";
    case LookupKey::kReadOnly: return "read_only = ?4";
    case LookupKey::kUsername: return "username = ?4";
    case LookupKey::kEventSource: return "event_source = ?4";
    case LookupKey::kAccessKeyId: return "access_key_id = ?4";
    case LookupKey::kResourceType:
      return "seq IN (SELECT seq FROM trail_event_resources WHERE resource_type = ?4)";
    case LookupKey::kResourceName:
      return "seq IN (SELECT seq FROM trail_event_resources WHERE resource_name = ?4)";
  }
  return "1";
}

std::string TokenFor(int64_t event_time, int64_t seq) {
  return Base64Encode(std::string(kTokenPrefix) + std::to_string(event_time) + ":" + std::to_string(seq));
}

// The (event time, sequence) a token resumes at.
std::optional<std::pair<int64_t, int64_t>> ParseToken(const std::string& token) {
  std::optional<std::string> decoded = Base64Decode(token);
  if (!decoded || !decoded->starts_with(kTokenPrefix)) return std::nullopt;
  std::string rest = decoded->substr(kTokenPrefix.size());
  size_t colon = rest.find(':');
  if (colon == std::string::npos) return std::nullopt;
  try {
    return std::make_pair(std::stoll(rest.substr(0, colon)), std::stoll(rest.substr(colon + 1)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string SerializeRecord(const Json& record) {
  std::string text = record.dump();
  std::string out;
  out.reserve(text.size() + 16);
  // These characters occur only inside strings in compact JSON, so replacing them everywhere is exact.
  for (char c : text) {
    switch (c) {
      case '<': out += "\\u003c"; break;
      case '>': out += "\\u003e"; break;
      case '&': out += "\\u0026"; break;
      case '=': out += "\\u003d"; break;
      case '\'': out += "\\u0027"; break;
      default: out += c;
    }
  }
  return out;
}

std::string LookupUsername(const Json& record) {
  const Json& identity = record.contains("userIdentity") ? record["userIdentity"] : Json::object();
  std::string type = identity.value("type", "");
  if (type == "Root") return identity.value("userName", "root");
  if (type == "AssumedRole") {
    std::string arn = identity.value("arn", "");
    return arn.substr(arn.rfind('/') + 1);
  }
  if (type == "AWSService") return identity.value("invokedBy", "");
  return identity.value("userName", "");
}

void StoreEvent(store::Database& db, const Json& record, const Json& resources, double now) {
  double cutoff = now - kHistoryRetentionSeconds;
  db.Prepare("DELETE FROM trail_event_resources WHERE seq IN (SELECT seq FROM trail_event_history WHERE event_time < ?1)")
      .Bind(1, cutoff)
      .Run();
  db.Prepare("DELETE FROM trail_event_history WHERE event_time < ?1").Bind(1, cutoff).Run();
  double event_time = ParseIso8601(record.value("eventTime", "")).value_or(now);
  const Json& identity = record.contains("userIdentity") ? record["userIdentity"] : Json::object();
  bool read_only = record.value("readOnly", false);
  db.Prepare(
        "INSERT INTO trail_event_history (event_id, account_id, region, event_time, event_name, event_source, "
        "read_only, username, access_key_id, resources, record) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .BindAll(record.value("eventID", ""), record.value("recipientAccountId", identity.value("accountId", "")),
               record.value("awsRegion", ""), std::floor(event_time), record.value("eventName", ""),
               record.value("eventSource", ""), std::string(read_only ? "true" : "false"), LookupUsername(record),
               identity.value("accessKeyId", ""), resources.dump(), SerializeRecord(record))
      .Run();
  int64_t seq = sqlite3_last_insert_rowid(db.handle());
  for (const Json& resource : resources) {
    db.Prepare("INSERT INTO trail_event_resources (seq, resource_type, resource_name) VALUES (?1, ?2, ?3)")
        .BindAll(seq, resource.value("ResourceType", ""), resource.value("ResourceName", ""))
        .Run();
  }
  // Each stored record is also handed to the trails that select it (trail/trails.hpp).
  OfferRecord(db, record);
}

std::optional<LookupPage> LookupHistory(store::Database& db, const LookupQuery& query) {
  int64_t resume_time = INT64_MAX;
  int64_t resume_seq = INT64_MAX;
  if (query.next_token) {
    auto position = ParseToken(*query.next_token);
    if (!position) return std::nullopt;
    std::tie(resume_time, resume_seq) = *position;
  }
  std::string sql =
      "SELECT seq, event_id, event_name, read_only, access_key_id, event_time, event_source, username, resources, "
      "record FROM trail_event_history WHERE account_id = ?1 AND region = ?2 AND event_time >= ?3 AND "
      "event_time <= ?5 AND (event_time < ?6 OR (event_time = ?6 AND seq <= ?7)) AND ";
  sql += query.attribute ? ColumnOf(query.attribute->first) : "?4 IS NULL";
  sql += " ORDER BY event_time DESC, seq DESC LIMIT ?8";
  store::Statement statement = db.Prepare(sql);
  statement.BindAll(query.account_id, query.region, std::ceil(query.start_time));
  if (query.attribute) {
    statement.Bind(4, query.attribute->second);
  } else {
    statement.BindNull(4);
  }
  statement.Bind(5, std::floor(query.end_time))
      .Bind(6, resume_time)
      .Bind(7, resume_seq)
      .Bind(8, static_cast<int64_t>(query.limit + 1));
  LookupPage page;
  while (statement.Step()) {
    if (page.events.size() == query.limit) {
      page.next_token = TokenFor(statement.Int(5), statement.Int(0));
      break;
    }
    Json event = {{"EventId", statement.Text(1)}, {"EventName", statement.Text(2)}, {"ReadOnly", statement.Text(3)}};
    if (std::string key = statement.Text(4); !key.empty()) event["AccessKeyId"] = key;
    event["EventTime"] = static_cast<double>(statement.Int(5));
    event["EventSource"] = statement.Text(6);
    if (std::string username = statement.Text(7); !username.empty()) event["Username"] = username;
    event["Resources"] = Json::parse(statement.Text(8));
    event["CloudTrailEvent"] = statement.Text(9);
    page.events.push_back(std::move(event));
  }
  return page;
}

}  // namespace trailbox::trail
