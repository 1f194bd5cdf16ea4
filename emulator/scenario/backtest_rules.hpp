// The rules of `trailbox backtest`: metric filters and metric alarms in AWS's own formats, so the output of
// `aws logs describe-metric-filters` and `aws cloudwatch describe-alarms` can be pasted in (YAML, or JSON, which
// YAML reads):
//   metricFilters: [ PutMetricFilter inputs / DescribeMetricFilters entries ]   logGroupName optional
//   MetricAlarms:  [ PutMetricAlarm inputs / DescribeAlarms MetricAlarms entries ]
// Members the operation's input does not have (creationTime, AlarmArn, StateValue...) are ignored, and so are
// alarm actions, which a backtest does not run (describe-alarms may list actions of any kind). Every rule is
// checked by the service itself — logs.PutMetricFilter (on log group "backtest" unless it names one) and
// cloudwatch.PutMetricAlarm through Engine::Invoke in an ephemeral engine — so a bad rule fails with AWS's error
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html,
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html).
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"
#include "services/logs/metric_filters.hpp"

namespace trailbox::backtest {

/// A rules file that cannot be used: unreadable, malformed, or holding a rule AWS refuses. The message names
/// the rule and, for a refused rule, carries AWS's error code and message.
struct RuleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A metric filter of the rules, compiled as CloudWatch Logs compiles it.
struct FilterRule {
  std::string log_group_name;
  logs::CompiledMetricFilter compiled;
};

/// The rules, checked: filters and alarms in file order (a later rule with the same name replaces an earlier
/// one, as a second Put does).
struct Rules {
  std::vector<FilterRule> filters;
  /// PutMetricAlarm inputs as the model shapes them.
  std::vector<Json> alarms;
};

/// Log group of a metric filter rule that names none.
constexpr std::string_view kDefaultLogGroup = "backtest";

/// Reads and checks rules from YAML or JSON text; `source` names the file in errors. Throws RuleError.
Rules LoadRules(std::string_view text, const std::string& source);

/// Reads and checks the rules file at `path`. Throws RuleError.
Rules LoadRulesFile(const std::filesystem::path& path);

}  // namespace trailbox::backtest
