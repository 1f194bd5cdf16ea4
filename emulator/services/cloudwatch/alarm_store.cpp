// Alarm and alarm history rows (alarm_store.hpp). Times are epoch milliseconds; the configuration and the tags are
// JSON text.
#include "services/cloudwatch/alarm_store.hpp"

#include "store/database.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr const char* kAlarmColumns =
    "SELECT account_id, region, alarm_name, config, state_value, state_reason, state_reason_data, state_updated, "
    "state_transitioned, config_updated, tags FROM cloudwatch_alarms ";

double Seconds(int64_t millis) { return static_cast<double>(millis) / 1000; }

std::vector<StoredAlarm> ReadAlarms(store::Statement& statement) {
  std::vector<StoredAlarm> alarms;
  while (statement.Step()) {
    alarms.push_back({statement.Text(0), statement.Text(1), statement.Text(2), Json::parse(statement.Text(3)),
                      statement.Text(4), statement.Text(5), statement.Text(6), statement.Int(7), statement.Int(8),
                      statement.Int(9), Json::parse(statement.Text(10))});
  }
  return alarms;
}

}  // namespace

std::string AlarmArn(const StoredAlarm& alarm) {
  return "arn:aws:cloudwatch:" + alarm.region + ":" + alarm.account_id + ":alarm:" + alarm.name;
}

Json AlarmDocument(const StoredAlarm& alarm) {
  const Json& config = alarm.config;
  Json document = {{"AlarmName", alarm.name}, {"AlarmArn", AlarmArn(alarm)}};
  if (config.contains("AlarmDescription")) document["AlarmDescription"] = config["AlarmDescription"];
  document["AlarmConfigurationUpdatedTimestamp"] = Seconds(alarm.config_updated_ms);
  for (const char* member : {"ActionsEnabled", "OKActions", "AlarmActions", "InsufficientDataActions"}) {
    document[member] = config.at(member);
  }
  document["StateValue"] = alarm.state_value;
  document["StateReason"] = alarm.state_reason;
  if (!alarm.state_reason_data.empty()) document["StateReasonData"] = alarm.state_reason_data;
  document["StateUpdatedTimestamp"] = Seconds(alarm.state_updated_ms);
  for (const char* member : {"MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Dimensions", "Period",
                             "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
                             "TreatMissingData", "EvaluateLowSampleCountPercentile"}) {
    if (config.contains(member)) document[member] = config[member];
  }
  document["StateTransitionedTimestamp"] = Seconds(alarm.state_transitioned_ms);
  return document;
}

std::optional<StoredAlarm> FindAlarm(store::Database& db, const std::string& account_id, const std::string& region,
                                     const std::string& name) {
  auto statement = db.Prepare(std::string(kAlarmColumns) + "WHERE account_id = ?1 AND region = ?2 AND alarm_name = ?3");
  statement.BindAll(account_id, region, name);
  std::vector<StoredAlarm> alarms = ReadAlarms(statement);
  if (alarms.empty()) return std::nullopt;
  return std::move(alarms.front());
}

std::vector<StoredAlarm> ListAlarms(store::Database& db, const std::string& account_id, const std::string& region) {
  auto statement = db.Prepare(std::string(kAlarmColumns) + "WHERE account_id = ?1 AND region = ?2 ORDER BY alarm_name");
  statement.BindAll(account_id, region);
  return ReadAlarms(statement);
}

std::vector<StoredAlarm> ListAllAlarms(store::Database& db) {
  auto statement = db.Prepare(std::string(kAlarmColumns) + "ORDER BY account_id, region, alarm_name");
  return ReadAlarms(statement);
}

void SaveAlarm(store::Database& db, const StoredAlarm& alarm) {
  db.Prepare(
        "INSERT OR REPLACE INTO cloudwatch_alarms (account_id, region, alarm_name, config, state_value, state_reason, "
        "state_reason_data, state_updated, state_transitioned, config_updated, tags) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")
      .BindAll(alarm.account_id, alarm.region, alarm.name, alarm.config.dump(), alarm.state_value, alarm.state_reason,
               alarm.state_reason_data, alarm.state_updated_ms, alarm.state_transitioned_ms, alarm.config_updated_ms,
               alarm.tags.dump())
      .Run();
}

void DeleteAlarm(store::Database& db, const StoredAlarm& alarm) {
  db.Prepare("DELETE FROM cloudwatch_alarms WHERE account_id = ?1 AND region = ?2 AND alarm_name = ?3")
      .BindAll(alarm.account_id, alarm.region, alarm.name)
      .Run();
}

void AddHistory(store::Database& db, const StoredAlarm& alarm, const HistoryItem& item) {
  db.Prepare(
        "INSERT INTO cloudwatch_alarm_history (account_id, region, alarm_name, timestamp, item_type, summary, data) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")
      .BindAll(alarm.account_id, alarm.region, alarm.name, item.timestamp_ms, item.type, item.summary, item.data)
      .Run();
}

std::vector<HistoryItem> ReadHistory(store::Database& db, const std::string& account_id, const std::string& region,
                                     const std::optional<std::string>& alarm_name) {
  auto statement = db.Prepare(
      "SELECT id, alarm_name, timestamp, item_type, summary, data FROM cloudwatch_alarm_history "
      "WHERE account_id = ?1 AND region = ?2 AND (?3 IS NULL OR alarm_name = ?3) ORDER BY timestamp, id");
  statement.BindAll(account_id, region);
  if (alarm_name) {
    statement.Bind(3, *alarm_name);
  } else {
    statement.BindNull(3);
  }
  std::vector<HistoryItem> items;
  while (statement.Step()) {
    items.push_back({statement.Int(0), statement.Text(1), statement.Int(2), statement.Text(3), statement.Text(4),
                     statement.Text(5)});
  }
  return items;
}

void ExpireHistory(store::Database& db, int64_t cutoff_ms) {
  db.Prepare("DELETE FROM cloudwatch_alarm_history WHERE timestamp < ?1").BindAll(cutoff_ms).Run();
}

}  // namespace trailbox::cloudwatch
