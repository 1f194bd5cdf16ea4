// CloudWatch metric handlers without HTTP: PutMetricData's rules, statistics read back, and datapoint expiry on the
// scheduler.
#include <gtest/gtest.h>

#include <chrono>

#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/common/handler_harness.hpp"

namespace trailbox::cloudwatch {
namespace {

class MetricsTest : public ::testing::Test {
 protected:
  MetricsTest() { harness_.Register(AddCloudWatchOperations); }
  double Now() { return ToEpochSeconds(harness_.scheduler().now()); }
  Json Statistics(const char* name = "Requests") {
    return harness_.Run("GetMetricStatistics", {{"Namespace", "App"}, {"MetricName", name},
                                                {"StartTime", Now() - 3600}, {"EndTime", Now() + 60},
                                                {"Period", 3600}, {"Statistics", {"Sum", "SampleCount"}}});
  }
  common::HandlerHarness harness_;
};

TEST_F(MetricsTest, PublishedValuesAggregateIntoPeriods) {
  harness_.Run("PutMetricData", {{"Namespace", "App"},
                                 {"MetricData", {{{"MetricName", "Requests"}, {"Value", 2}},
                                                 {{"MetricName", "Requests"}, {"Values", {1, 3}}, {"Counts", {2, 1}}}}}});
  Json datapoints = Statistics()["Datapoints"];
  ASSERT_EQ(datapoints.size(), 1u);
  EXPECT_EQ(datapoints[0]["Sum"], 7.0);
  EXPECT_EQ(datapoints[0]["SampleCount"], 4.0);
}

TEST_F(MetricsTest, BadDatumChangesNothing) {
  AwsError error = harness_.Fail(
      "PutMetricData", {{"Namespace", "App"},
                        {"MetricData", {{{"MetricName", "Requests"}, {"Value", 1}},
                                        {{"MetricName", "Requests"}, {"Values", {1, 2}}, {"Counts", {1}}}}}});
  EXPECT_EQ(error.code(), "InvalidParameterValue");
  EXPECT_EQ(error.message(),
            "The parameters MetricData.member.2.Values and MetricData.member.2.Counts must be of the same size.");
  EXPECT_TRUE(Statistics()["Datapoints"].empty());
  error = harness_.Fail("PutMetricData", {{"Namespace", "App"},
                                          {"MetricData", {{{"MetricName", "Requests"}, {"Timestamp", Now() - 15 * 86400}, {"Value", 1}}}}});
  EXPECT_EQ(error.code(), "InvalidParameterValue");
}

TEST_F(MetricsTest, DatapointsExpireOnTheClock) {
  harness_.Run("PutMetricData", {{"Namespace", "App"}, {"MetricData", {{{"MetricName", "Requests"}, {"Value", 1}}}}});
  EXPECT_EQ(harness_.scheduler().pending(), 1u);
  harness_.Run("PutMetricData", {{"Namespace", "App"}, {"MetricData", {{{"MetricName", "Requests"}, {"Value", 1}}}}});
  EXPECT_EQ(harness_.scheduler().pending(), 1u) << "one sweep, however many writes";
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::days(456));
  auto count = harness_.db().Prepare("SELECT count(*) FROM cloudwatch_datapoints");
  count.Step();
  EXPECT_EQ(count.Int(0), 0);
  EXPECT_TRUE(harness_.Run("ListMetrics")["Metrics"].empty());
}

TEST_F(MetricsTest, ExpirySweepResumesAfterARestart) {
  harness_.Run("PutMetricData", {{"Namespace", "App"}, {"MetricData", {{{"MetricName", "Requests"}, {"Value", 1}}}}});
  harness_.scheduler().Clear();  // a restart loses the in-memory tasks
  ResumeCloudWatchTasks(harness_.db(), harness_.scheduler());
  EXPECT_EQ(harness_.scheduler().pending(), 1u);
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::days(456));
  auto count = harness_.db().Prepare("SELECT count(*) FROM cloudwatch_datapoints");
  count.Step();
  EXPECT_EQ(count.Int(0), 0);
}

TEST_F(MetricsTest, GetMetricDataRejectsMetricMath) {
  AwsError error = harness_.Fail("GetMetricData", {{"StartTime", Now() - 60}, {"EndTime", Now()},
                                                   {"MetricDataQueries", {{{"Id", "e1"}, {"Expression", "m1 * 2"}}}}});
  EXPECT_EQ(error.code(), "ValidationError");
}

}  // namespace
}  // namespace trailbox::cloudwatch
