// CloudWatch metric alarms: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState,
// EnableAlarmActions, DisableAlarmActions
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html and neighbours).
// Alarms watch one metric with a statistic and a static threshold. Deviation: metric math (Metrics), anomaly
// detection bands and composite alarms are outside trailbox's alarms; PutMetricAlarm refuses them with a clear
// error rather than accepting alarms it would never evaluate (shared/STYLE.md rule 7). Alarm actions
// are SNS topics of the alarm's region; EC2, Auto Scaling, Lambda and Systems Manager actions are refused.
// Deviation: DeleteAlarms ignores names that do not exist, as AWS does (CloudFormation's contract tests found it
// answers success), rather than failing with ResourceNotFound.
#include <algorithm>
#include <set>

#include "core/aws_error.hpp"
#include "services/cloudwatch/alarm_actions.hpp"
#include "services/cloudwatch/alarm_store.hpp"
#include "services/cloudwatch/alarm_sweep.hpp"
#include "services/cloudwatch/cloudwatch_topics.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/cloudwatch/statistics.hpp"
#include "services/common/pagination.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kMaxEvaluationSeconds = 86400;
constexpr size_t kDescribeAlarmsPageSize = 50;

int64_t Millis(TimePoint time) { return time.time_since_epoch().count(); }

const char* const kActionLists[] = {"OKActions", "AlarmActions", "InsufficientDataActions"};

void RequireParameter(const Json& input, const char* member) {
  if (!input.contains(member)) throw AwsError("MissingParameter", std::string("The parameter ") + member + " is required.");
}

// arn:aws:sns:<region>:<account>:<topic> in the alarm's region; other services' actions are refused.
void CheckAction(const std::string& arn, const std::string& region) {
  if (!arn.starts_with("arn:aws:")) throw AwsError("ValidationError", "Invalid arn syntax: " + arn);
  if (!arn.starts_with("arn:aws:sns:")) {
    throw AwsError("ValidationError", "trailbox runs only SNS alarm actions; the action " + arn + " is not supported.");
  }
  size_t region_end = arn.find(':', 12);
  size_t account_end = region_end == std::string::npos ? region_end : arn.find(':', region_end + 1);
  if (account_end == std::string::npos || account_end + 1 >= arn.size()) {
    throw AwsError("ValidationError", "Invalid arn syntax: " + arn);
  }
  std::string action_region = arn.substr(12, region_end - 12);
  if (action_region != region) {
    throw AwsError("ValidationError",
                   "Invalid region " + action_region + " specified. Only " + region + " is supported.");
  }
}

void CheckMetricChoice(const Json& input) {
  if (input.contains("Metrics") || input.contains("ThresholdMetricId")) {
    throw AwsError("ValidationError",
                   "trailbox does not implement metric math alarms: use MetricName, Namespace and Statistic or "
                   "ExtendedStatistic instead of Metrics.");
  }
  std::string comparison = input.at("ComparisonOperator");
  if (!ParseComparison(comparison)) {
    throw AwsError("ValidationError", "trailbox does not implement anomaly detection alarms: ComparisonOperator " +
                                          comparison + " is not supported.");
  }
  for (const char* member : {"MetricName", "Namespace", "Period", "Threshold"}) RequireParameter(input, member);
  if (input.contains("Statistic") && input.contains("ExtendedStatistic")) {
    throw AwsError("InvalidParameterCombination",
                   "The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.");
  }
  if (!input.contains("Statistic") && !input.contains("ExtendedStatistic")) {
    throw AwsError("MissingParameter", "The parameter Statistic or ExtendedStatistic is required.");
  }
  if (input.contains("ExtendedStatistic")) {
    std::string text = input["ExtendedStatistic"];
    std::optional<Statistic> statistic = ParseStatistic(text);
    if (!statistic || statistic->kind != Statistic::Kind::kPercentile) {
      throw AwsError("InvalidParameterValue", "The value " + text + " for parameter ExtendedStatistic is invalid.");
    }
  } else if (input.contains("EvaluateLowSampleCountPercentile")) {
    throw AwsError("InvalidParameterCombination",
                   "The parameter EvaluateLowSampleCountPercentile may only be specified with ExtendedStatistic.");
  }
}

void CheckEvaluation(const Json& input) {
  int64_t period = input.at("Period");
  if (period != 10 && period != 30 && period % 60 != 0) {
    throw AwsError("ValidationError", "Period must be 10, 30 or a multiple of 60.");
  }
  int64_t periods = input.at("EvaluationPeriods");
  if (period * periods > kMaxEvaluationSeconds) {
    throw AwsError("ValidationError",
                   "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).");
  }
  if (input.value("DatapointsToAlarm", periods) > periods) {
    throw AwsError("ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
  }
  if (input.contains("TreatMissingData") && !ParseMissingData(input["TreatMissingData"].get<std::string>())) {
    throw AwsError("ValidationError", "The value " + input["TreatMissingData"].get<std::string>() +
                                          " for parameter TreatMissingData is invalid: it must be one of breaching, "
                                          "notBreaching, ignore, missing.");
  }
  if (auto low = input.find("EvaluateLowSampleCountPercentile"); low != input.end() && *low != "evaluate" && *low != "ignore") {
    throw AwsError("ValidationError", "The value " + low->get<std::string>() +
                                          " for parameter EvaluateLowSampleCountPercentile is invalid: it must be "
                                          "evaluate or ignore.");
  }
  std::set<std::string> names;
  for (const Json& dimension : input.value("Dimensions", Json::array())) {
    if (!names.insert(dimension.at("Name").get<std::string>()).second) {
      throw AwsError("InvalidParameterValue", "No metric may specify the same dimension name twice.");
    }
  }
}

// The configuration an alarm keeps: the input's members as MetricAlarm spells them, with AWS's defaults.
Json ConfigOf(const Json& input, const std::string& region) {
  Json config = {{"AlarmName", input.at("AlarmName")}};
  if (input.contains("AlarmDescription")) config["AlarmDescription"] = input["AlarmDescription"];
  config["ActionsEnabled"] = input.value("ActionsEnabled", true);
  for (const char* list : kActionLists) {
    config[list] = input.value(list, Json::array());
    for (const Json& arn : config[list]) CheckAction(arn, region);
  }
  for (const char* member : {"MetricName", "Namespace", "Statistic", "ExtendedStatistic"}) {
    if (input.contains(member)) config[member] = input[member];
  }
  config["Dimensions"] = input.value("Dimensions", Json::array());
  for (const char* member : {"Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold",
                             "ComparisonOperator", "TreatMissingData", "EvaluateLowSampleCountPercentile"}) {
    if (input.contains(member)) config[member] = input[member];
  }
  return config;
}

void RecordConfiguration(Call& call, const StoredAlarm& alarm, const char* verb, const char* type, const char* member) {
  Json data = {{"version", "1.0"}, {"type", type}, {member, AlarmDocument(alarm)}};
  AddHistory(call.db(), alarm, {0, alarm.name, Millis(call.now()), "ConfigurationUpdate",
                                "Alarm \"" + alarm.name + "\" " + verb, data.dump()});
}

StoredAlarm RequireAlarm(Call& call, const std::string& name) {
  std::optional<StoredAlarm> alarm = FindAlarm(call.db(), call.account_id(), call.region, name);
  if (!alarm) throw AwsError("ResourceNotFound", "Alarm " + name + " not found");
  return std::move(*alarm);
}

bool HasActionWithPrefix(const StoredAlarm& alarm, const std::string& prefix) {
  for (const char* list : kActionLists) {
    for (const Json& arn : alarm.config.at(list)) {
      if (arn.get<std::string>().starts_with(prefix)) return true;
    }
  }
  return false;
}

bool MatchesMetricFilter(const StoredAlarm& alarm, const Json& input) {
  const Json& config = alarm.config;
  for (const char* member : {"MetricName", "Namespace", "Statistic", "ExtendedStatistic", "Period", "Unit"}) {
    if (input.contains(member) && (!config.contains(member) || config[member] != input[member])) return false;
  }
  auto dimensions_of = [](const Json& parent) {
    std::vector<Dimension> dimensions;
    for (const Json& dimension : parent.value("Dimensions", Json::array())) {
      dimensions.push_back({dimension.at("Name"), dimension.at("Value")});
    }
    return SortedDimensions(std::move(dimensions));
  };
  return dimensions_of(config) == dimensions_of(input);
}

void SetActionsEnabled(Call& call, const Json& input, bool is_enabled) {
  for (const Json& name : input.at("AlarmNames")) {
    std::optional<StoredAlarm> alarm = FindAlarm(call.db(), call.account_id(), call.region, name);
    if (!alarm || alarm->config.value("ActionsEnabled", true) == is_enabled) continue;
    alarm->config["ActionsEnabled"] = is_enabled;
    SaveAlarm(call.db(), *alarm);
  }
}

}  // namespace

Json PutMetricAlarm(Call& call, const Json& input) {
  CheckMetricChoice(input);
  CheckEvaluation(input);
  std::string name = input.at("AlarmName");
  int64_t now_ms = Millis(call.now());
  std::optional<StoredAlarm> existing = FindAlarm(call.db(), call.account_id(), call.region, name);
  StoredAlarm alarm;
  if (existing) {
    alarm = std::move(*existing);
  } else {
    alarm.account_id = call.account_id();
    alarm.region = call.region;
    alarm.name = name;
    alarm.state_reason = "Unchecked: Initial alarm creation";
    alarm.state_updated_ms = alarm.state_transitioned_ms = now_ms;
    alarm.tags = input.value("Tags", Json::array());
  }
  alarm.config = ConfigOf(input, call.region);
  alarm.config_updated_ms = now_ms;
  SaveAlarm(call.db(), alarm);
  if (existing) {
    RecordConfiguration(call, alarm, "updated", "Update", "updatedAlarm");
  } else {
    RecordConfiguration(call, alarm, "created", "Create", "createdAlarm");
  }
  EnsureAlarmEvaluation(call.db(), call.scheduler());
  return Json::object();
}

// Composite alarms cannot be created, so ChildrenOfAlarmName and ParentsOfAlarmName select nothing.
Json DescribeAlarms(Call& call, const Json& input) {
  if (input.contains("AlarmNames") && input.contains("AlarmNamePrefix")) {
    throw AwsError("InvalidParameterCombination",
                   "The parameters AlarmNames and AlarmNamePrefix are mutually exclusive and you have specified both.");
  }
  Json types = input.value("AlarmTypes", Json::array({"MetricAlarm"}));
  bool wants_metric = std::find(types.begin(), types.end(), "MetricAlarm") != types.end();
  bool is_relative = input.contains("ChildrenOfAlarmName") || input.contains("ParentsOfAlarmName");
  std::set<std::string> names;
  for (const Json& name : input.value("AlarmNames", Json::array())) names.insert(name.get<std::string>());
  std::vector<common::KeyedItem> items;
  for (const StoredAlarm& alarm : ListAlarms(call.db(), call.account_id(), call.region)) {
    if (!wants_metric || is_relative) break;
    if (!names.empty() && !names.contains(alarm.name)) continue;
    if (input.contains("AlarmNamePrefix") && !alarm.name.starts_with(input["AlarmNamePrefix"].get<std::string>())) continue;
    if (input.contains("StateValue") && input["StateValue"] != alarm.state_value) continue;
    if (input.contains("ActionPrefix") && !HasActionWithPrefix(alarm, input["ActionPrefix"])) continue;
    items.emplace_back(alarm.name, AlarmDocument(alarm));
  }
  common::PageMembers members{"NextToken", "MaxRecords", "NextToken", "", kDescribeAlarmsPageSize};
  std::optional<Json> page = common::Paginate(std::move(items), input, "MetricAlarms", members);
  if (!page) throw AwsError("InvalidNextToken", "The service cannot recognize the next token.");
  (*page)["CompositeAlarms"] = Json::array();
  return *page;
}

Json DescribeAlarmsForMetric(Call& call, const Json& input) {
  Json alarms = Json::array();
  for (const StoredAlarm& alarm : ListAlarms(call.db(), call.account_id(), call.region)) {
    if (MatchesMetricFilter(alarm, input)) alarms.push_back(AlarmDocument(alarm));
  }
  return {{"MetricAlarms", std::move(alarms)}};
}

Json DeleteAlarms(Call& call, const Json& input) {
  for (const Json& name : input.at("AlarmNames")) {
    std::optional<StoredAlarm> alarm = FindAlarm(call.db(), call.account_id(), call.region, name);
    if (!alarm) continue;
    DeleteAlarm(call.db(), *alarm);
    RecordConfiguration(call, *alarm, "deleted", "Delete", "deletedAlarm");
  }
  return Json::object();
}

Json SetAlarmState(Call& call, const Json& input) {
  StoredAlarm alarm = RequireAlarm(call, input.at("AlarmName"));
  std::string reason_data = input.value("StateReasonData", "");
  if (!reason_data.empty() && !Json::accept(reason_data)) {
    throw AwsError("InvalidFormat", "Data was not syntactically valid JSON.");
  }
  AlarmState state = ParseState(input.at("StateValue").get<std::string>()).value();
  ChangeAlarmState(call.db(), call.scheduler(), alarm, {state, input.at("StateReason"), reason_data}, Millis(call.now()));
  return Json::object();
}

Json EnableAlarmActions(Call& call, const Json& input) {
  SetActionsEnabled(call, input, true);
  return Json::object();
}

Json DisableAlarmActions(Call& call, const Json& input) {
  SetActionsEnabled(call, input, false);
  return Json::object();
}

void AddAlarmOperations(OperationTable& table) {
  table.Add("PutMetricAlarm", PutMetricAlarm);
  table.Add("DescribeAlarms", DescribeAlarms);
  table.Add("DescribeAlarmsForMetric", DescribeAlarmsForMetric);
  table.Add("DeleteAlarms", DeleteAlarms);
  table.Add("SetAlarmState", SetAlarmState);
  table.Add("EnableAlarmActions", EnableAlarmActions);
  table.Add("DisableAlarmActions", DisableAlarmActions);
}

}  // namespace trailbox::cloudwatch
