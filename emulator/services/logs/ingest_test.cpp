// logs::Ingest without HTTP: PutLogEvents' batch rules, the rejected-event indexes, statistics, metric filters
// publishing to CloudWatch, and retention on the scheduler.
#include "services/logs/ingest.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/common/handler_harness.hpp"
#include "services/logs/logs_service.hpp"

namespace trailbox::logs {
namespace {

constexpr int64_t kHour = 3'600'000;

class IngestTest : public ::testing::Test {
 protected:
  IngestTest() {
    harness_.Register(AddLogsOperations);
    harness_.Register(cloudwatch::AddCloudWatchOperations);
    harness_.Run("CreateLogGroup", {{"logGroupName", "trail"}});
    harness_.Run("CreateLogStream", {{"logGroupName", "trail"}, {"logStreamName", "s"}});
  }
  int64_t Now() { return harness_.scheduler().now().time_since_epoch().count(); }
  IngestResult Put(const std::vector<InputEvent>& events) {
    store::Transaction transaction(harness_.db());
    IngestResult result = Ingest(harness_.db(), harness_.scheduler(), {"111122223333", "us-east-1", "trail", "s"}, events);
    transaction.Commit();
    return result;
  }
  Json Messages() {
    Json messages = Json::array();
    Json answer = harness_.Run("GetLogEvents", {{"logGroupName", "trail"}, {"logStreamName", "s"}});
    for (const Json& event : answer["events"]) messages.push_back(event["message"]);
    return messages;
  }
  double MetricSum(const char* name) {
    double now = static_cast<double>(Now()) / 1000;
    Json datapoints = harness_.Run("GetMetricStatistics", {{"Namespace", "CT"}, {"MetricName", name},
                                                           {"StartTime", now - 3600}, {"EndTime", now + 60},
                                                           {"Period", 3600}, {"Statistics", {"Sum"}}})["Datapoints"];
    return datapoints.empty() ? -1 : datapoints[0]["Sum"].get<double>();
  }
  common::HandlerHarness harness_;
};

TEST_F(IngestTest, RejectsTooOldAndTooNewAndKeepsTheRest) {
  int64_t now = Now();
  IngestResult result = Put({{now - 15 * 24 * kHour, "old"}, {now, "a"}, {now + 2 * kHour, "edge"}, {now + 3 * kHour, "new"}});
  EXPECT_EQ(result.too_old_end, 1);
  EXPECT_EQ(result.too_new_start, 3);
  EXPECT_FALSE(result.expired_end);
  EXPECT_EQ(result.accepted, 2u);
  EXPECT_EQ(Messages(), Json({"a", "edge"}));
}

TEST_F(IngestTest, RefusedBatchesStoreNothing) {
  int64_t now = Now();
  EXPECT_THROW(Put({{now, "b"}, {now - 1, "a"}}), AwsError);
  EXPECT_THROW(Put({{now - 25 * kHour, "a"}, {now, "b"}}), AwsError);
  EXPECT_THROW(Put({{now, std::string(kMaxBatchBytes, 'x')}}), AwsError);
  EXPECT_EQ(Messages(), Json::array());
}

TEST_F(IngestTest, SpanCountsOnlyAcceptedEvents) {
  int64_t now = Now();
  IngestResult result = Put({{now - 20 * 24 * kHour, "old"}, {now - kHour, "a"}, {now, "b"}});
  EXPECT_EQ(result.accepted, 2u);
}

TEST_F(IngestTest, MetricFiltersPublishPerMinuteWithDefaults) {
  harness_.Run("PutMetricFilter",
               {{"logGroupName", "trail"}, {"filterName", "runs"},
                {"filterPattern", R"({ $.eventName = "RunInstances" })"},
                {"metricTransformations", {{{"metricName", "Runs"}, {"metricNamespace", "CT"}, {"metricValue", "1"},
                                            {"defaultValue", 0}}}}});
  int64_t minute = Now() - Now() % 60'000;
  Put({{minute - 120'000, R"({"eventName":"StopInstances"})"},
       {minute - 60'000, R"({"eventName":"RunInstances"})"},
       {minute - 59'000, R"({"eventName":"RunInstances"})"},
       {minute - 58'000, "not json"}});
  EXPECT_EQ(MetricSum("Runs"), 2.0);
  double now = static_cast<double>(Now()) / 1000;
  Json samples = harness_.Run("GetMetricStatistics", {{"Namespace", "CT"}, {"MetricName", "Runs"},
                                                      {"StartTime", now - 3600}, {"EndTime", now + 60},
                                                      {"Period", 60}, {"Statistics", {"SampleCount", "Sum"}}})["Datapoints"];
  ASSERT_EQ(samples.size(), 2u) << samples.dump();
  EXPECT_EQ(samples[0]["Sum"], 0.0) << "the minute without a match reports the default";
  EXPECT_EQ(samples[1]["SampleCount"], 2.0);
}

TEST_F(IngestTest, MissingDimensionValueIsLeftOut) {
  harness_.Run("PutMetricFilter",
               {{"logGroupName", "trail"}, {"filterName", "bytes"}, {"filterPattern", "{ $.bytes > 0 }"},
                {"metricTransformations", {{{"metricName", "Bytes"}, {"metricNamespace", "CT"},
                                            {"metricValue", "$.bytes"}, {"dimensions", {{"Bucket", "$.bucket"}}}}}}});
  Put({{Now(), R"({"bytes":10,"bucket":"b1"})"}, {Now(), R"({"bytes":5})"}, {Now(), R"({"bytes":"x"})"}});
  Json metrics = harness_.Run("ListMetrics", {{"Namespace", "CT"}})["Metrics"];
  ASSERT_EQ(metrics.size(), 2u);
  EXPECT_EQ(metrics[0]["Dimensions"], Json::array());
  EXPECT_EQ(metrics[1]["Dimensions"][0]["Value"], "b1");
}

TEST_F(IngestTest, RetentionDeletesOnTheClock) {
  harness_.Run("PutRetentionPolicy", {{"logGroupName", "trail"}, {"retentionInDays", 1}});
  Put({{Now(), "first"}});
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::hours(12));
  Put({{Now(), "second"}});
  IngestResult expired = Put({{Now() - 30 * kHour, "expired"}});
  EXPECT_EQ(expired.expired_end, 1);
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::hours(13));
  EXPECT_EQ(Messages(), Json({"second"}));
  Json group = harness_.Run("DescribeLogGroups")["logGroups"][0];
  EXPECT_EQ(group["storedBytes"], 6);
  EXPECT_EQ(harness_.scheduler().pending(), 1u);
}

TEST_F(IngestTest, RetentionSweepResumesAfterARestart) {
  harness_.Run("PutRetentionPolicy", {{"logGroupName", "trail"}, {"retentionInDays", 1}});
  Put({{Now(), "first"}});
  harness_.scheduler().Clear();  // a restart loses the in-memory tasks
  {
    store::Transaction transaction(harness_.db());
    ResumeLogsTasks(harness_.db(), harness_.scheduler());
    transaction.Commit();
  }
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::hours(26));
  EXPECT_EQ(Messages(), Json::array());
}

TEST_F(IngestTest, InvalidRetentionIsRefused) {
  AwsError error = harness_.Fail("PutRetentionPolicy", {{"logGroupName", "trail"}, {"retentionInDays", 2}});
  EXPECT_EQ(error.code(), "InvalidParameterException");
  EXPECT_EQ(error.message().rfind("1 validation error detected: Value '2' at 'retentionInDays'", 0), 0u);
}

}  // namespace
}  // namespace trailbox::logs
