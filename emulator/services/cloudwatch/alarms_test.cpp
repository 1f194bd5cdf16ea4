// Metric alarm handlers and their evaluation on the virtual clock, without HTTP.
#include <gtest/gtest.h>

#include <chrono>

#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/common/handler_harness.hpp"

namespace trailbox::cloudwatch {
namespace {

class AlarmsTest : public ::testing::Test {
 protected:
  AlarmsTest() { harness_.Register(AddCloudWatchOperations); }

  Json AlarmInput(const std::string& name) {
    return {{"AlarmName", name},         {"Namespace", "Trail"},   {"MetricName", "RunInstances"},
            {"Statistic", "Sum"},        {"Period", 60},           {"EvaluationPeriods", 1},
            {"Threshold", 1.0},          {"ComparisonOperator", "GreaterThanOrEqualToThreshold"},
            {"TreatMissingData", "notBreaching"},
            {"AlarmActions", {"arn:aws:sns:us-east-1:111122223333:alerts"}}};
  }

  void Publish(double value) {
    harness_.Run("PutMetricData",
                 {{"Namespace", "Trail"}, {"MetricData", {{{"MetricName", "RunInstances"}, {"Value", value}}}}});
  }

  void Advance(std::chrono::minutes minutes) { harness_.scheduler().AdvanceTo(harness_.scheduler().now() + minutes); }

  Json Alarm(const std::string& name) {
    return harness_.Run("DescribeAlarms", {{"AlarmNames", {name}}}).at("MetricAlarms").at(0);
  }

  std::string ErrorOf(const Json& input) {
    AwsError error = harness_.Fail("PutMetricAlarm", input);
    return error.code() + ": " + error.message();
  }

  common::HandlerHarness harness_;
};

TEST_F(AlarmsTest, NewAlarmStartsInsufficientDataWithItsArn) {
  harness_.Run("PutMetricAlarm", AlarmInput("runs"));
  Json alarm = Alarm("runs");
  EXPECT_EQ(alarm["AlarmArn"], "arn:aws:cloudwatch:us-east-1:111122223333:alarm:runs");
  EXPECT_EQ(alarm["StateValue"], "INSUFFICIENT_DATA");
  EXPECT_EQ(alarm["StateReason"], "Unchecked: Initial alarm creation");
  EXPECT_EQ(alarm["ActionsEnabled"], true);
  EXPECT_EQ(alarm["OKActions"], Json::array());
}

TEST_F(AlarmsTest, EvaluatesOnTheClockAndKeepsStateOnUpdate) {
  harness_.Run("PutMetricAlarm", AlarmInput("runs"));
  Publish(3);
  Advance(std::chrono::minutes(1));
  Json alarm = Alarm("runs");
  EXPECT_EQ(alarm["StateValue"], "ALARM");
  EXPECT_EQ(alarm["StateReason"],
            "Threshold Crossed: 1 out of the last 1 datapoints [3.0 (01/01/26 00:00:00)] was greater than or equal to "
            "the threshold (1.0) (minimum 1 datapoint for INSUFFICIENT_DATA -> ALARM transition).");
  harness_.Run("PutMetricAlarm", AlarmInput("runs"));
  EXPECT_EQ(Alarm("runs")["StateValue"], "ALARM");
  Publish(0);
  Advance(std::chrono::minutes(1));
  EXPECT_EQ(Alarm("runs")["StateValue"], "OK");
  Json history = harness_.Run("DescribeAlarmHistory", {{"AlarmName", "runs"}, {"HistoryItemType", "StateUpdate"}});
  ASSERT_EQ(history["AlarmHistoryItems"].size(), 2u);
  EXPECT_EQ(history["AlarmHistoryItems"][0]["HistorySummary"], "Alarm updated from ALARM to OK");
}

TEST_F(AlarmsTest, SetAlarmStateRecordsHistoryAndEvaluationTakesOver) {
  harness_.Run("PutMetricAlarm", AlarmInput("runs"));
  harness_.Run("SetAlarmState", {{"AlarmName", "runs"}, {"StateValue", "ALARM"}, {"StateReason", "testing"}});
  EXPECT_EQ(Alarm("runs")["StateReason"], "testing");
  Advance(std::chrono::minutes(1));
  EXPECT_EQ(Alarm("runs")["StateValue"], "OK");
  AwsError missing = harness_.Fail("SetAlarmState", {{"AlarmName", "none"}, {"StateValue", "OK"}, {"StateReason", "x"}});
  EXPECT_EQ(missing.code(), "ResourceNotFound");
  AwsError bad_json = harness_.Fail(
      "SetAlarmState", {{"AlarmName", "runs"}, {"StateValue", "OK"}, {"StateReason", "x"}, {"StateReasonData", "{"}});
  EXPECT_EQ(bad_json.code(), "InvalidFormat");
}

TEST_F(AlarmsTest, RejectsWhatItCannotEvaluate) {
  Json input = AlarmInput("bad");
  input["DatapointsToAlarm"] = 2;
  EXPECT_EQ(ErrorOf(input), "ValidationError: DatapointsToAlarm must be less than or equal to EvaluationPeriods.");
  input = AlarmInput("bad");
  input["Period"] = 45;
  EXPECT_EQ(ErrorOf(input), "ValidationError: Period must be 10, 30 or a multiple of 60.");
  input = AlarmInput("bad");
  input["ComparisonOperator"] = "GreaterThanUpperThreshold";
  EXPECT_EQ(ErrorOf(input), "ValidationError: trailbox does not implement anomaly detection alarms: "
                            "ComparisonOperator GreaterThanUpperThreshold is not supported.");
  input = AlarmInput("bad");
  input["AlarmActions"] = {"arn:aws:sns:eu-west-1:111122223333:alerts"};
  EXPECT_EQ(ErrorOf(input), "ValidationError: Invalid region eu-west-1 specified. Only us-east-1 is supported.");
  input = AlarmInput("bad");
  input["ExtendedStatistic"] = "p99";
  EXPECT_EQ(ErrorOf(input), "InvalidParameterCombination: The parameters Statistic and ExtendedStatistic are mutually "
                            "exclusive and you have specified both.");
  EXPECT_TRUE(harness_.Run("DescribeAlarms")["MetricAlarms"].empty());
}

TEST_F(AlarmsTest, DescribesByPrefixStateAndMetricAndDeletes) {
  harness_.Run("PutMetricAlarm", AlarmInput("a-one"));
  harness_.Run("PutMetricAlarm", AlarmInput("a-two"));
  harness_.Run("PutMetricAlarm", AlarmInput("b-three"));
  EXPECT_EQ(harness_.Run("DescribeAlarms", {{"AlarmNamePrefix", "a-"}})["MetricAlarms"].size(), 2u);
  Json page = harness_.Run("DescribeAlarms", {{"MaxRecords", 2}});
  EXPECT_EQ(page["MetricAlarms"].size(), 2u);
  Json rest = harness_.Run("DescribeAlarms", {{"NextToken", page["NextToken"]}});
  EXPECT_EQ(rest["MetricAlarms"][0]["AlarmName"], "b-three");
  Json for_metric = harness_.Run("DescribeAlarmsForMetric", {{"Namespace", "Trail"}, {"MetricName", "RunInstances"}});
  EXPECT_EQ(for_metric["MetricAlarms"].size(), 3u);
  harness_.Run("DeleteAlarms", {{"AlarmNames", {"a-one", "missing"}}});
  EXPECT_EQ(harness_.Run("DescribeAlarms", {{"StateValue", "INSUFFICIENT_DATA"}})["MetricAlarms"].size(), 2u);
}

TEST_F(AlarmsTest, TagsAlarmsByArn) {
  Json input = AlarmInput("tagged");
  input["Tags"] = {{{"Key", "team"}, {"Value", "sec"}}};
  harness_.Run("PutMetricAlarm", input);
  std::string arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:tagged";
  harness_.Run("TagResource", {{"ResourceARN", arn}, {"Tags", {{{"Key", "env"}, {"Value", "lab"}}}}});
  harness_.Run("UntagResource", {{"ResourceARN", arn}, {"TagKeys", {"team"}}});
  EXPECT_EQ(harness_.Run("ListTagsForResource", {{"ResourceARN", arn}})["Tags"],
            Json::parse(R"([{"Key":"env","Value":"lab"}])"));
  EXPECT_EQ(harness_.Fail("ListTagsForResource", {{"ResourceARN", arn + "x"}}).code(), "ResourceNotFoundException");
}

}  // namespace
}  // namespace trailbox::cloudwatch
