// Metric alarm rows: each alarm's configuration (as the MetricAlarm document spells it), its state and tags, and
// the alarm history (ConfigurationUpdate, StateUpdate and Action items), which outlives a deleted alarm as AWS's
// does (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// One metric alarm.
struct StoredAlarm {
  std::string account_id;
  std::string region;
  std::string name;
  /// The configuration members of MetricAlarm (AlarmName, Namespace, Period, ...; no state, no ARN).
  Json config = Json::object();
  std::string state_value = "INSUFFICIENT_DATA";
  std::string state_reason;
  /// StateReasonData as text; empty when absent.
  std::string state_reason_data;
  int64_t state_updated_ms = 0;
  int64_t state_transitioned_ms = 0;
  int64_t config_updated_ms = 0;
  /// [{"Key", "Value"}].
  Json tags = Json::array();
};

/// arn:aws:cloudwatch:<region>:<account>:alarm:<name>.
std::string AlarmArn(const StoredAlarm& alarm);

/// The MetricAlarm document DescribeAlarms answers with.
Json AlarmDocument(const StoredAlarm& alarm);

/// The alarm, if it exists.
std::optional<StoredAlarm> FindAlarm(store::Database& db, const std::string& account_id, const std::string& region,
                                     const std::string& name);

/// The alarms of an account and region, by name.
std::vector<StoredAlarm> ListAlarms(store::Database& db, const std::string& account_id, const std::string& region);

/// Every alarm of every account and region (the evaluation task).
std::vector<StoredAlarm> ListAllAlarms(store::Database& db);

/// Inserts or replaces the alarm.
void SaveAlarm(store::Database& db, const StoredAlarm& alarm);

/// Removes the alarm (its history stays).
void DeleteAlarm(store::Database& db, const StoredAlarm& alarm);

/// One AlarmHistoryItem.
struct HistoryItem {
  int64_t id = 0;
  std::string alarm_name;
  int64_t timestamp_ms = 0;
  /// ConfigurationUpdate, StateUpdate or Action.
  std::string type;
  std::string summary;
  /// HistoryData: JSON text.
  std::string data;
};

/// Appends a history item for `alarm`.
void AddHistory(store::Database& db, const StoredAlarm& alarm, const HistoryItem& item);

/// The history of an account and region (one alarm when `alarm_name` is set), oldest first.
std::vector<HistoryItem> ReadHistory(store::Database& db, const std::string& account_id, const std::string& region,
                                     const std::optional<std::string>& alarm_name);

/// Drops history items older than `cutoff_ms`.
void ExpireHistory(store::Database& db, int64_t cutoff_ms);

}  // namespace trailbox::cloudwatch
