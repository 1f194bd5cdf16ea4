// The backtest's passes end to end: filter matches and metric values as CloudWatch Logs computes them, order by
// eventTime whatever the file order, skipped records, an alarm's transitions over a synthetic day, and the report.
#include "scenario/backtest.hpp"

#include <gtest/gtest.h>

#include "scenario/backtest_test_support.hpp"

namespace trailbox::backtest {
namespace {

using testing::Record;
using testing::TempDir;

constexpr const char* kRules = R"(
metricFilters:
  - filterName: Launches
    filterPattern: '{ $.eventName = "RunInstances" }'
    metricTransformations: [{metricName: Launches, metricNamespace: Test, metricValue: "1"}]
  - filterName: LaunchedCount
    filterPattern: '{ $.eventName = "RunInstances" }'
    metricTransformations: [{metricName: Instances, metricNamespace: Test, metricValue: "$.count",
                             dimensions: {User: $.userIdentity.userName}}]
  - filterName: Never
    filterPattern: '{ $.eventName = "DeleteTrail" }'
    metricTransformations: [{metricName: Never, metricNamespace: Test, metricValue: "1"}]
MetricAlarms:
  - {AlarmName: launch-burst, Namespace: Test, MetricName: Launches, Statistic: Sum, Period: 300,
     EvaluationPeriods: 1, Threshold: 3, ComparisonOperator: GreaterThanOrEqualToThreshold,
     TreatMissingData: notBreaching}
  - {AlarmName: unwatched, Namespace: Test, MetricName: Nothing, Statistic: Sum, Period: 60,
     EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
)";

Json Launch(const std::string& time, int count) {
  Json record = Record(time, "RunInstances");
  record["count"] = count;
  return record;
}

class BacktestTest : public ::testing::Test {
 protected:
  BacktestReport Run() { return RunBacktest(rules_, FindLogFiles({dir_.path().string()})); }

  Rules rules_ = LoadRules(kRules, "rules.yaml");
  TempDir dir_;
};

TEST_F(BacktestTest, FiltersCountMatchesAndPublishValuesAndDimensions) {
  dir_.WriteLogFile("a.json.gz", {Launch("2024-05-01T10:00:10Z", 2), Launch("2024-05-01T10:00:50Z", 3),
                                  Record("2024-05-01T10:01:00Z", "DescribeInstances")});
  MatchingPass pass(rules_.filters);
  std::string path = (dir_.path() / "a.json.gz").string();
  pass.AddFile(SplitRecords(ReadFileBytes(path), path), path);
  EXPECT_EQ(pass.records(), 3u);
  EXPECT_EQ(pass.matches()[0].matches, 2u);
  EXPECT_EQ(pass.matches()[1].matches, 2u);
  EXPECT_EQ(pass.matches()[2].matches, 0u);
  EXPECT_FALSE(pass.matches()[2].first_ms);
  auto series = pass.Datapoints();
  ASSERT_EQ(series.size(), 2u);
  const MetricSeries& launches = series.at(MetricId({"Test", "Launches", {}}));
  ASSERT_EQ(launches.points.size(), 1u);
  EXPECT_EQ(launches.points[0].sample_count, 2);
  EXPECT_EQ(launches.points[0].sum, 2);
  const MetricSeries& instances = series.at(MetricId({"Test", "Instances", {{"User", "alice"}}}));
  ASSERT_EQ(instances.points.size(), 1u);
  EXPECT_EQ(instances.points[0].sum, 5);
  EXPECT_EQ(instances.points[0].maximum, 3);
  EXPECT_EQ(instances.points[0].timestamp_ms, int64_t{1714557600} * 1000);
}

TEST_F(BacktestTest, FirstAndLastMatchFollowEventTimeNotFileOrder) {
  dir_.WriteLogFile("1-newer.json.gz", {Launch("2024-05-01T12:00:00Z", 1), Launch("2024-05-01T09:00:00Z", 1)});
  dir_.WriteLogFile("2-older.json.gz", Json::array({Launch("2024-05-01T08:00:00Z", 1)}));
  BacktestReport report = Run();
  ASSERT_EQ(report.files_read.size(), 2u) << ReportText(report);
  EXPECT_NE(report.files_read[0].find("1-newer"), std::string::npos);
  EXPECT_EQ(report.filters[0].matches.first_ms, int64_t{1714550400} * 1000);
  EXPECT_EQ(report.filters[0].matches.last_ms, int64_t{1714564800} * 1000);
  EXPECT_EQ(report.first_event_ms, int64_t{1714550400} * 1000);
  EXPECT_EQ(report.last_event_ms, int64_t{1714564800} * 1000);
}

TEST_F(BacktestTest, RecordsWithoutEventTimeAreSkippedWithTheReason) {
  Json no_time = Record("x", "RunInstances");
  no_time.erase("eventTime");
  dir_.WriteLogFile("a.json.gz", {Launch("2024-05-01T10:00:00Z", 1), no_time, Record("yesterday", "RunInstances"), 7});
  BacktestReport report = Run();
  EXPECT_EQ(report.records, 1u);
  ASSERT_EQ(report.skipped_record_count, 3u);
  EXPECT_EQ(report.skipped_records[0].index, 1u);
  EXPECT_EQ(report.skipped_records[0].reason, "no eventTime in ISO 8601");
  EXPECT_EQ(report.skipped_records[2].reason, "not a JSON object");
  EXPECT_EQ(report.filters[0].matches.matches, 1u);
}

// A day of quiet traffic (one DescribeInstances every 10 minutes) with four launches between 12:00 and 12:04.
void WriteSyntheticDay(const TempDir& dir) {
  for (int hour = 0; hour < 24; ++hour) {
    Json records = Json::array();
    for (int minute = 0; minute < 60; minute += 10) {
      char time[32];
      std::snprintf(time, sizeof(time), "2024-05-01T%02d:%02d:30Z", hour, minute);
      records.push_back(Record(time, "DescribeInstances"));
    }
    if (hour == 12) {
      for (const char* time : {"2024-05-01T12:04:00Z", "2024-05-01T12:00:05Z", "2024-05-01T12:01:00Z",
                               "2024-05-01T12:02:59Z"}) {
        records.push_back(Launch(time, 1));
      }
    }
    char name[64];
    std::snprintf(name, sizeof(name), "AWSLogs/1/CloudTrail/us-east-1/2024/05/01/f_%02d.json.gz", hour);
    dir.WriteLogFile(name, records);
  }
}

TEST_F(BacktestTest, AlarmGoesToAlarmWhenTheEventsComeAndBackToOkAfter) {
  WriteSyntheticDay(dir_);
  BacktestReport report = Run();
  EXPECT_EQ(report.records, 24u * 6 + 4);
  ASSERT_EQ(report.alarms.size(), 2u);
  ASSERT_TRUE(report.alarms[0].outcome);
  const AlarmOutcome& outcome = *report.alarms[0].outcome;
  EXPECT_TRUE(outcome.has_metric);
  ASSERT_EQ(outcome.transitions.size(), 3u);
  const int64_t day = int64_t{1714521600} * 1000;
  const int64_t minute = 60'000;
  EXPECT_EQ(outcome.transitions[0].time_ms, day + minute);
  EXPECT_EQ(outcome.transitions[0].from, cloudwatch::AlarmState::kInsufficientData);
  EXPECT_EQ(outcome.transitions[0].to, cloudwatch::AlarmState::kOk);
  EXPECT_EQ(outcome.transitions[1].time_ms, day + (12 * 60 + 5) * minute);
  EXPECT_EQ(outcome.transitions[1].to, cloudwatch::AlarmState::kAlarm);
  EXPECT_EQ(outcome.transitions[1].reason,
            "Threshold Crossed: 1 out of the last 1 datapoints [4.0 (01/05/24 12:00:00)] was greater than or equal "
            "to the threshold (3.0) (minimum 1 datapoint for OK -> ALARM transition).");
  EXPECT_EQ(outcome.transitions[2].to, cloudwatch::AlarmState::kOk);
  EXPECT_GT(outcome.transitions[2].time_ms, outcome.transitions[1].time_ms);
  EXPECT_EQ(outcome.alarm_ms, outcome.transitions[2].time_ms - outcome.transitions[1].time_ms);
  EXPECT_EQ(outcome.final_state, cloudwatch::AlarmState::kOk);
  EXPECT_EQ(outcome.end_ms, day + (23 * 60 + 55) * minute) << "the end of the period holding the last record";

  const AlarmOutcome& unwatched = *report.alarms[1].outcome;
  EXPECT_FALSE(unwatched.has_metric);
  ASSERT_EQ(unwatched.transitions.size(), 0u) << "missing data keeps a new alarm in INSUFFICIENT_DATA";
  EXPECT_EQ(unwatched.final_state, cloudwatch::AlarmState::kInsufficientData);
}

TEST_F(BacktestTest, QuietHoursDoNotHideTransitionsWhateverTheMissingDataMode) {
  WriteSyntheticDay(dir_);
  rules_ = LoadRules(std::string(kRules) + R"(
  - {AlarmName: missing, Namespace: Test, MetricName: Launches, Statistic: Sum, Period: 300,
     EvaluationPeriods: 2, DatapointsToAlarm: 1, Threshold: 2, ComparisonOperator: GreaterThanOrEqualToThreshold}
  - {AlarmName: breaching, Namespace: Test, MetricName: Launches, Statistic: SampleCount, Period: 60,
     EvaluationPeriods: 1, Threshold: 5, ComparisonOperator: LessThanThreshold, TreatMissingData: breaching}
)", "rules.yaml");
  BacktestReport report = Run();
  const int64_t noon = int64_t{1714564800} * 1000;
  const int64_t minute = 60'000;
  const AlarmOutcome& missing = *report.alarms[2].outcome;
  ASSERT_EQ(missing.transitions.size(), 2u) << ReportText(report);
  EXPECT_EQ(missing.transitions[0].from, cloudwatch::AlarmState::kInsufficientData);
  EXPECT_EQ(missing.transitions[0].to, cloudwatch::AlarmState::kAlarm);
  EXPECT_EQ(missing.transitions[1].to, cloudwatch::AlarmState::kInsufficientData);
  EXPECT_EQ(missing.transitions[0].time_ms, noon + 5 * minute);
  EXPECT_EQ(missing.transitions[1].time_ms, noon + 25 * minute) << "when the datapoint leaves the N + 2 periods";
  const AlarmOutcome& breaching = *report.alarms[3].outcome;
  ASSERT_EQ(breaching.transitions.size(), 1u) << "missing data breaches, and so does every launch minute";
  EXPECT_EQ(breaching.transitions[0].to, cloudwatch::AlarmState::kAlarm);
  EXPECT_EQ(breaching.alarm_ms, breaching.end_ms - breaching.transitions[0].time_ms);
}

TEST_F(BacktestTest, ReportHoldsFilesRecordsFiltersAndTransitions) {
  WriteSyntheticDay(dir_);
  dir_.Write("AWSLogs/1/CloudTrail-Digest/us-east-1/2024/05/01/d.json.gz", trail::Gzip("{}"));
  BacktestReport report = Run();
  Json json = ReportJson(report);
  EXPECT_EQ(json["files"]["read"].size(), 24u);
  ASSERT_EQ(json["files"]["skipped"].size(), 1u);
  EXPECT_EQ(json["files"]["skipped"][0]["reason"], "digest file (CloudTrail-Digest)");
  EXPECT_EQ(json["records"]["read"], 148);
  EXPECT_EQ(json["time_range"]["first"], "2024-05-01T00:00:30Z");
  EXPECT_EQ(json["time_range"]["last"], "2024-05-01T23:50:30Z");
  EXPECT_EQ(json["filters"][0]["filter_name"], "Launches");
  EXPECT_EQ(json["filters"][0]["matches"], 4);
  EXPECT_EQ(json["filters"][0]["first_match"], "2024-05-01T12:00:05Z");
  EXPECT_EQ(json["filters"][0]["last_match"], "2024-05-01T12:04:00Z");
  EXPECT_EQ(json["filters"][2]["first_match"], nullptr);
  const Json& alarm = json["alarms"][0];
  EXPECT_EQ(alarm["alarm_name"], "launch-burst");
  EXPECT_EQ(alarm["transitions"][1]["time"], "2024-05-01T12:05:00Z");
  EXPECT_EQ(alarm["transitions"][1]["from"], "OK");
  EXPECT_EQ(alarm["transitions"][1]["to"], "ALARM");
  EXPECT_EQ(alarm["transitions"][1]["reason_data"]["recentDatapoints"], Json::array({4.0}));
  EXPECT_EQ(alarm["final_state"], "OK");
  EXPECT_EQ(alarm["seconds_in_alarm"], report.alarms[0].outcome->alarm_ms / 1000);
  EXPECT_TRUE(json.contains("elapsed_ms"));
  EXPECT_TRUE(json.contains("records_per_second"));

  std::string text = ReportText(report);
  EXPECT_NE(text.find("read 24 files, 148 records from 2024-05-01T00:00:30Z to 2024-05-01T23:50:30Z"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("digest file (CloudTrail-Digest)"), std::string::npos);
  EXPECT_NE(text.find("       4  Launches  2024-05-01T12:00:05Z .. 2024-05-01T12:04:00Z"), std::string::npos) << text;
  EXPECT_NE(text.find("2024-05-01T12:05:00Z  OK -> ALARM  Threshold Crossed"), std::string::npos) << text;
  EXPECT_NE(text.find("no metric filter publishes this metric"), std::string::npos);
}

TEST_F(BacktestTest, NoRecordsLeavesAlarmsUnevaluated) {
  dir_.WriteLogFile("empty.json.gz", Json::array());
  BacktestReport report = Run();
  EXPECT_EQ(report.records, 0u);
  EXPECT_FALSE(report.alarms[0].outcome);
  EXPECT_EQ(ReportJson(report)["alarms"][0]["evaluated"], false);
}

}  // namespace
}  // namespace trailbox::backtest
