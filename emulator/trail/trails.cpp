// Trails as stored, and the hand-over of records to the trails that select them (cloudtrail-fidelity.md §(g)
// "Decision table": a logging trail, the event's region is the home region or the trail is multi-region, global
// service events only with IncludeGlobalServiceEvents).
#include "trail/trails.hpp"

#include "trail/event_history.hpp"
#include "trail/selectors.hpp"

namespace trailbox::trail {
namespace {

constexpr const char* kTrailColumns =
    "trail_arn, account_id, home_region, name, config, selectors, has_custom_selectors, insight_selectors, tags, "
    "is_logging, status, next_delivery";

TrailRow ReadTrail(const store::Statement& row) {
  TrailRow trail;
  trail.arn = row.Text(0);
  trail.account_id = row.Text(1);
  trail.home_region = row.Text(2);
  trail.name = row.Text(3);
  trail.config = Json::parse(row.Text(4));
  trail.selectors = Json::parse(row.Text(5));
  trail.has_custom_selectors = row.Int(6) != 0;
  if (auto insights = row.OptionalText(7)) trail.insight_selectors = Json::parse(*insights);
  trail.tags = Json::parse(row.Text(8));
  trail.is_logging = row.Int(9) != 0;
  trail.status = Json::parse(row.Text(10));
  if (!row.IsNull(11)) trail.next_delivery = row.Double(11);
  return trail;
}

// Events of the global services: IAM, CloudFront, Route 53, sign-in, and STS's global endpoint.
// Open: a call to STS's regional us-east-1 endpoint cannot be told from one to the global endpoint here.
bool IsGlobalServiceEvent(const Json& record) {
  static const char* const kGlobalSources[] = {"iam.amazonaws.com", "cloudfront.amazonaws.com",
                                               "route53.amazonaws.com", "signin.amazonaws.com"};
  std::string source = record.value("eventSource", "");
  for (const char* global : kGlobalSources) {
    if (source == global) return true;
  }
  return source == "sts.amazonaws.com" && record.value("awsRegion", "") == "us-east-1";
}

bool TrailTakes(const TrailRow& trail, const Json& record) {
  std::string region = record.value("awsRegion", "");
  bool multi_region = trail.config.value("IsMultiRegionTrail", false);
  if (IsGlobalServiceEvent(record)) {
    // Global events land under us-east-1 in every trail that includes them.
    if (!trail.config.value("IncludeGlobalServiceEvents", true)) return false;
  } else if (!multi_region && trail.home_region != region) {
    return false;
  }
  return SelectsRecord(trail.selectors, record);
}

// The trail a successful StopLogging record names (its last record: the trail still delivers it), else "".
std::string StoppedTrail(const Json& record) {
  if (record.value("eventSource", "") != "cloudtrail.amazonaws.com" || record.value("eventName", "") != "StopLogging" ||
      record.contains("errorCode")) {
    return "";
  }
  const Json& parameters = record.contains("requestParameters") ? record["requestParameters"] : Json();
  return parameters.is_object() ? parameters.value("name", "") : "";
}

}  // namespace

std::string TrailArn(const std::string& region, const std::string& account_id, const std::string& name) {
  return "arn:aws:cloudtrail:" + region + ":" + account_id + ":trail/" + name;
}

Json DefaultSelectors() {
  return {{"EventSelectors", Json::array({{{"ReadWriteType", "All"},
                                           {"IncludeManagementEvents", true},
                                           {"DataResources", Json::array()},
                                           {"ExcludeManagementEventSources", Json::array()}}})}};
}

std::optional<TrailRow> FindTrailByArn(store::Database& db, const std::string& arn) {
  auto statement = db.Prepare(std::string("SELECT ") + kTrailColumns + " FROM trail_trails WHERE trail_arn = ?1");
  statement.BindAll(arn);
  if (!statement.Step()) return std::nullopt;
  return ReadTrail(statement);
}

std::vector<TrailRow> TrailsVisibleIn(store::Database& db, const std::string& account_id, const std::string& region,
                                      bool with_shadows) {
  auto statement = db.Prepare(std::string("SELECT ") + kTrailColumns +
                              " FROM trail_trails WHERE account_id = ?1 AND (home_region = ?2 OR (?3 AND "
                              "json_extract(config, '$.IsMultiRegionTrail'))) ORDER BY name, home_region");
  statement.BindAll(account_id, region, with_shadows);
  std::vector<TrailRow> trails;
  while (statement.Step()) trails.push_back(ReadTrail(statement));
  return trails;
}

void SaveTrail(store::Database& db, const TrailRow& trail) {
  auto statement = db.Prepare(std::string("INSERT OR REPLACE INTO trail_trails (") + kTrailColumns +
                              ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  statement.BindAll(trail.arn, trail.account_id, trail.home_region, trail.name, trail.config.dump(),
                    trail.selectors.dump(), trail.has_custom_selectors);
  if (trail.insight_selectors.is_null()) {
    statement.BindNull(8);
  } else {
    statement.Bind(8, trail.insight_selectors.dump());
  }
  statement.Bind(9, trail.tags.dump());
  statement.Bind(10, trail.is_logging);
  statement.Bind(11, trail.status.dump());
  if (trail.next_delivery) {
    statement.Bind(12, *trail.next_delivery);
  } else {
    statement.BindNull(12);
  }
  statement.Run();
}

void DeleteTrailRow(store::Database& db, const std::string& arn) {
  db.Prepare("DELETE FROM trail_trails WHERE trail_arn = ?1").BindAll(arn).Run();
  db.Prepare("DELETE FROM trail_pending WHERE trail_arn = ?1").BindAll(arn).Run();
  db.Prepare("DELETE FROM trail_log_files WHERE trail_arn = ?1").BindAll(arn).Run();
  db.Prepare("DELETE FROM trail_digest_chains WHERE trail_arn = ?1").BindAll(arn).Run();
}

void OfferRecord(store::Database& db, const Json& record) {
  std::string account_id = record.value("recipientAccountId", "");
  std::string stopped = StoppedTrail(record);
  auto statement = db.Prepare(std::string("SELECT ") + kTrailColumns +
                              " FROM trail_trails WHERE account_id = ?1 AND (is_logging = 1 OR ?2 <> '')");
  statement.BindAll(account_id, stopped);
  std::vector<TrailRow> trails;
  while (statement.Step()) trails.push_back(ReadTrail(statement));
  if (trails.empty()) return;
  std::string text = SerializeRecord(record);
  std::string region = record.value("awsRegion", "");
  for (const TrailRow& trail : trails) {
    bool own_stop = stopped == trail.name || stopped == trail.arn;
    if (!trail.is_logging && !own_stop) continue;
    if (!TrailTakes(trail, record)) continue;
    auto insert = [&](const char* destination) {
      db.Prepare("INSERT INTO trail_pending (trail_arn, destination, region, record) VALUES (?1, ?2, ?3, ?4)")
          .BindAll(trail.arn, destination, region, text)
          .Run();
    };
    insert("s3");
    if (trail.config.contains("CloudWatchLogsLogGroupArn")) insert("logs");
  }
}

}  // namespace trailbox::trail
