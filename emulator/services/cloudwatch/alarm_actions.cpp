// Alarm state changes and their actions (alarm_actions.hpp). The notification is AWS's alarm message: AlarmName,
// AlarmDescription (null when none), AWSAccountId, AlarmConfigurationUpdatedTimestamp, NewStateValue,
// NewStateReason, StateChangeTime, Region (the region's display name), AlarmArn, OldStateValue, the three action
// lists and Trigger (MetricName, Namespace, StatisticType, Statistic in upper snake case or ExtendedStatistic,
// Unit, Dimensions as [{value, name}], Period, EvaluationPeriods, DatapointsToAlarm, ComparisonOperator,
// Threshold, TreatMissingData, EvaluateLowSampleCountPercentile). Open: TreatMissingData and
// EvaluateLowSampleCountPercentile are "" when the alarm does not set them.
#include "services/cloudwatch/alarm_actions.hpp"

#include <map>

#include "core/aws_error.hpp"
#include "services/cloudwatch/alarm_publish.hpp"
#include "store/database.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr size_t kMaxSubjectLength = 100;

std::string RegionDisplayName(const std::string& region) {
  static const std::map<std::string, std::string> kNames = {
      {"us-east-1", "US East (N. Virginia)"},   {"us-east-2", "US East (Ohio)"},
      {"us-west-1", "US West (N. California)"}, {"us-west-2", "US West (Oregon)"},
      {"ca-central-1", "Canada (Central)"},     {"eu-west-1", "EU (Ireland)"},
      {"eu-west-2", "EU (London)"},             {"eu-west-3", "EU (Paris)"},
      {"eu-central-1", "EU (Frankfurt)"},       {"eu-north-1", "EU (Stockholm)"},
      {"ap-northeast-1", "Asia Pacific (Tokyo)"}, {"ap-northeast-2", "Asia Pacific (Seoul)"},
      {"ap-southeast-1", "Asia Pacific (Singapore)"}, {"ap-southeast-2", "Asia Pacific (Sydney)"},
      {"ap-south-1", "Asia Pacific (Mumbai)"},  {"sa-east-1", "South America (Sao Paulo)"}};
  auto found = kNames.find(region);
  return found == kNames.end() ? region : found->second;
}

std::string UpperSnake(const std::string& statistic) {
  std::string text;
  for (char c : statistic) {
    if (std::isupper(static_cast<unsigned char>(c)) && !text.empty()) text += '_';
    text += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return text;
}

Json NullIfAbsent(const Json& config, const char* member) {
  auto found = config.find(member);
  return found == config.end() ? Json(nullptr) : *found;
}

Json Trigger(const Json& config) {
  Json trigger = {{"MetricName", config.value("MetricName", "")}, {"Namespace", config.value("Namespace", "")}};
  if (config.contains("ExtendedStatistic")) {
    trigger["StatisticType"] = "ExtendedStatistic";
    trigger["ExtendedStatistic"] = config["ExtendedStatistic"];
  } else {
    trigger["StatisticType"] = "Statistic";
    trigger["Statistic"] = UpperSnake(config.value("Statistic", ""));
  }
  trigger["Unit"] = NullIfAbsent(config, "Unit");
  Json dimensions = Json::array();
  for (const Json& dimension : config.value("Dimensions", Json::array())) {
    dimensions.push_back({{"value", dimension.at("Value")}, {"name", dimension.at("Name")}});
  }
  trigger["Dimensions"] = std::move(dimensions);
  trigger["Period"] = config.at("Period");
  trigger["EvaluationPeriods"] = config.at("EvaluationPeriods");
  trigger["DatapointsToAlarm"] = config.value("DatapointsToAlarm", config.at("EvaluationPeriods").get<int>());
  trigger["ComparisonOperator"] = config.at("ComparisonOperator");
  trigger["Threshold"] = config.value("Threshold", 0.0);
  trigger["TreatMissingData"] = config.value("TreatMissingData", "");
  trigger["EvaluateLowSampleCountPercentile"] = config.value("EvaluateLowSampleCountPercentile", "");
  return trigger;
}

Json StateDocument(const std::string& value, const std::string& reason, const std::string& reason_data) {
  Json state = {{"stateValue", value}, {"stateReason", reason}};
  if (!reason_data.empty()) state["stateReasonData"] = Json::parse(reason_data, nullptr, false);
  return state;
}

const char* ActionListOf(AlarmState state) {
  switch (state) {
    case AlarmState::kOk: return "OKActions";
    case AlarmState::kAlarm: return "AlarmActions";
    case AlarmState::kInsufficientData: return "InsufficientDataActions";
  }
  return "";
}

// One action: publish inside a savepoint, so a failed publish leaves nothing behind, then the Action history item.
void RunAction(store::Database& db, Scheduler& scheduler, const StoredAlarm& alarm, const std::string& topic_arn,
               const std::string& message, int64_t now_ms) {
  HistoryItem item{0, alarm.name, now_ms, "Action", "", ""};
  Json data = {{"actionState", "Succeeded"}, {"stateUpdateTimestamp", now_ms}, {"notificationResource", topic_arn}};
  db.Exec("SAVEPOINT alarm_action");
  try {
    PublishAlarmNotification(db, scheduler, {topic_arn, AlarmArn(alarm), alarm.account_id, AlarmSubject(alarm), message});
    db.Exec("RELEASE alarm_action");
    item.summary = "Successfully executed action " + topic_arn;
    data["publishedMessage"] = message;
  } catch (const AwsError& error) {
    db.Exec("ROLLBACK TO alarm_action");
    db.Exec("RELEASE alarm_action");
    item.summary = "Failed to execute action " + topic_arn + ". Received error: \"" + error.message() + "\"";
    data["actionState"] = "Failed";
    data["error"] = error.code() + ": " + error.message();
  }
  item.data = data.dump();
  AddHistory(db, alarm, item);
}

}  // namespace

Json AlarmNotification(const StoredAlarm& alarm, const std::string& old_state, int64_t now_ms) {
  const Json& config = alarm.config;
  return {{"AlarmName", alarm.name},
          {"AlarmDescription", NullIfAbsent(config, "AlarmDescription")},
          {"AWSAccountId", alarm.account_id},
          {"AlarmConfigurationUpdatedTimestamp", FormatAlarmTimestamp(alarm.config_updated_ms)},
          {"NewStateValue", alarm.state_value},
          {"NewStateReason", alarm.state_reason},
          {"StateChangeTime", FormatAlarmTimestamp(now_ms)},
          {"Region", RegionDisplayName(alarm.region)},
          {"AlarmArn", AlarmArn(alarm)},
          {"OldStateValue", old_state},
          {"OKActions", config.at("OKActions")},
          {"AlarmActions", config.at("AlarmActions")},
          {"InsufficientDataActions", config.at("InsufficientDataActions")},
          {"Trigger", Trigger(config)}};
}

std::string AlarmSubject(const StoredAlarm& alarm) {
  std::string subject = alarm.state_value + ": \"" + alarm.name + "\" in " + RegionDisplayName(alarm.region);
  return subject.substr(0, kMaxSubjectLength);
}

void ChangeAlarmState(store::Database& db, Scheduler& scheduler, StoredAlarm& alarm, const StateChange& change,
                      int64_t now_ms) {
  std::string old_state = alarm.state_value;
  std::string new_state(StateName(change.state));
  Json history = {{"version", "1.0"},
                  {"oldState", StateDocument(old_state, alarm.state_reason, alarm.state_reason_data)},
                  {"newState", StateDocument(new_state, change.reason, change.reason_data)}};
  AddHistory(db, alarm, {0, alarm.name, now_ms, "StateUpdate", "Alarm updated from " + old_state + " to " + new_state,
                         history.dump()});
  bool is_transition = old_state != new_state;
  alarm.state_value = new_state;
  alarm.state_reason = change.reason;
  alarm.state_reason_data = change.reason_data;
  alarm.state_updated_ms = now_ms;
  if (is_transition) alarm.state_transitioned_ms = now_ms;
  SaveAlarm(db, alarm);
  if (!is_transition || !alarm.config.value("ActionsEnabled", true)) return;
  std::string message = AlarmNotification(alarm, old_state, now_ms).dump();
  for (const Json& action : alarm.config.at(ActionListOf(change.state))) {
    RunAction(db, scheduler, alarm, action.get<std::string>(), message, now_ms);
  }
}

}  // namespace trailbox::cloudwatch
