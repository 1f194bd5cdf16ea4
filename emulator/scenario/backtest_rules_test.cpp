// Backtest rules: AWS's own formats (PutMetricFilter / PutMetricAlarm inputs and describe-* output, YAML or JSON),
// each rule checked by the service, so a bad rule fails with AWS's error code and message, naming the rule.
#include "scenario/backtest_rules.hpp"

#include <gtest/gtest.h>

namespace trailbox::backtest {
namespace {

std::string ErrorOf(std::string_view text) {
  try {
    LoadRules(text, "rules.yaml");
  } catch (const RuleError& error) {
    return error.what();
  }
  return "(no error)";
}

constexpr const char* kFilter = R"(
  - filterName: RunInstances
    filterPattern: '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }'
    metricTransformations: [{metricName: RunInstancesCount, metricNamespace: CloudTrailMetrics, metricValue: "1"}]
)";

TEST(BacktestRules, LoadsFiltersAndAlarmsInDescribeOutputForm) {
  Rules rules = LoadRules(std::string("metricFilters:") + kFilter + R"(
  - filterName: Bytes
    filterPattern: '{ $.eventName = "GetObject" }'
    metricTransformations: [{metricName: Bytes, metricNamespace: S3, metricValue: "$.bytes", defaultValue: 0}]
    logGroupName: CloudTrail/DefaultLogGroup
    creationTime: 1714521600000
MetricAlarms:
  - AlarmName: ec2-run-instances
    AlarmArn: arn:aws:cloudwatch:eu-west-1:111122223333:alarm:ec2-run-instances
    StateValue: OK
    AlarmActions: [arn:aws:autoscaling:eu-west-1:111122223333:scalingPolicy:x]
    Namespace: CloudTrailMetrics
    MetricName: RunInstancesCount
    Statistic: Sum
    Period: 300
    EvaluationPeriods: 1
    Threshold: 1
    ComparisonOperator: GreaterThanOrEqualToThreshold
    TreatMissingData: notBreaching
CompositeAlarms: []
)", "rules.yaml");
  ASSERT_EQ(rules.filters.size(), 2u);
  EXPECT_EQ(rules.filters[0].log_group_name, kDefaultLogGroup);
  EXPECT_EQ(rules.filters[0].compiled.name, "RunInstances");
  EXPECT_EQ(rules.filters[1].log_group_name, "CloudTrail/DefaultLogGroup");
  EXPECT_EQ(rules.filters[1].compiled.transformation.default_value, 0.0);
  ASSERT_EQ(rules.alarms.size(), 1u);
  EXPECT_EQ(rules.alarms[0]["Period"], 300);
  EXPECT_EQ(rules.alarms[0]["Threshold"], 1.0);
  EXPECT_FALSE(rules.alarms[0].contains("AlarmArn"));
  EXPECT_FALSE(rules.alarms[0].contains("AlarmActions"));
}

TEST(BacktestRules, AcceptsJson) {
  Rules rules = LoadRules(R"({"metricFilters": [{"filterName": "All", "filterPattern": "",
    "metricTransformations": [{"metricName": "N", "metricNamespace": "X", "metricValue": "1"}]}]})", "rules.json");
  ASSERT_EQ(rules.filters.size(), 1u);
  EXPECT_EQ(rules.filters[0].compiled.pattern.family, filter::Family::kMatchAll);
}

TEST(BacktestRules, ALaterRuleWithTheSameNameReplacesTheEarlier) {
  Rules rules = LoadRules(std::string("metricFilters:") + kFilter + kFilter, "rules.yaml");
  EXPECT_EQ(rules.filters.size(), 1u);
}

TEST(BacktestRules, InvalidPatternFailsWithLogsErrorNamingTheRule) {
  std::string error = ErrorOf(R"(metricFilters:
  - filterName: Broken
    filterPattern: '{ $.eventName = }'
    metricTransformations: [{metricName: N, metricNamespace: X, metricValue: "1"}]
)");
  EXPECT_NE(error.find("rules.yaml: metricFilters[0] (Broken): logs.PutMetricFilter refused it: "
                       "InvalidParameterException: Invalid metric filter pattern"),
            std::string::npos)
      << error;
}

TEST(BacktestRules, DimensionsOnATermPatternFailWithAwsMessage) {
  std::string error = ErrorOf(R"(metricFilters:
  - filterName: Terms
    filterPattern: ERROR
    metricTransformations: [{metricName: N, metricNamespace: X, metricValue: "1", dimensions: {User: $.user}}]
)");
  EXPECT_NE(error.find("InvalidParameterException: The specified filter pattern does not support dimensions"),
            std::string::npos)
      << error;
}

TEST(BacktestRules, InvalidAlarmFailsWithCloudWatchError) {
  std::string error = ErrorOf(R"(MetricAlarms:
  - {AlarmName: a, Namespace: X, MetricName: N, Statistic: Sum, Period: 45, EvaluationPeriods: 1, Threshold: 1,
     ComparisonOperator: GreaterThanThreshold}
)");
  EXPECT_NE(error.find("MetricAlarms[0] (a): cloudwatch.PutMetricAlarm refused it: ValidationError: Period must be "
                       "10, 30 or a multiple of 60."),
            std::string::npos)
      << error;
}

TEST(BacktestRules, MissingRequiredMemberFailsWithTheModelsValidationError) {
  std::string error = ErrorOf(R"(MetricAlarms:
  - {AlarmName: a, Namespace: X, MetricName: N, Statistic: Sum, Period: 60, Threshold: 1,
     ComparisonOperator: GreaterThanThreshold}
)");
  EXPECT_NE(error.find("ValidationError: 1 validation error detected: Value null at 'evaluationPeriods' failed to "
                       "satisfy constraint: Member must not be null"),
            std::string::npos)
      << error;
}

TEST(BacktestRules, WrongTypesAndUnknownKeysNameWhere) {
  EXPECT_NE(ErrorOf("MetricAlarms:\n  - {AlarmName: a, Period: often}\n")
                .find("rules.yaml: MetricAlarms[0].Period: expected an integer, got 'often'"),
            std::string::npos);
  EXPECT_NE(ErrorOf("metricFilter: []\n").find("rules.yaml: unknown key 'metricFilter'"), std::string::npos);
  EXPECT_NE(ErrorOf("CompositeAlarms: [{AlarmName: c}]\n").find("composite alarms are not backtested"),
            std::string::npos);
  EXPECT_NE(ErrorOf("metricFilters: [unclosed\n").find("rules.yaml: "), std::string::npos);
  EXPECT_NE(ErrorOf("- a list\n").find("expected a map with metricFilters and MetricAlarms"), std::string::npos);
}

}  // namespace
}  // namespace trailbox::backtest
