// Statistics, percentiles, start rounding and the retention tiers of period buckets.
#include "services/cloudwatch/statistics.hpp"

#include <gtest/gtest.h>

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kDay = 24 * 60 * kMinute;

StoredDatapoint Point(int64_t timestamp, double value) {
  StoredDatapoint point;
  point.timestamp_ms = timestamp;
  point.unit = "Count";
  point.sample_count = 1;
  point.sum = point.minimum = point.maximum = value;
  point.values = std::vector<std::pair<double, double>>{{value, 1}};
  return point;
}

TEST(Statistics, ParsesBasicStatisticsAndPercentiles) {
  EXPECT_EQ(ParseStatistic("Sum")->kind, Statistic::Kind::kSum);
  EXPECT_EQ(ParseStatistic("p99.9")->percentile, 99.9);
  EXPECT_EQ(ParseStatistic("p0")->percentile, 0);
  for (const char* text : {"sum", "p101", "p", "p99.999", "p-1", "tm99", "p9x", "p.5", "p5."}) {
    EXPECT_FALSE(ParseStatistic(text)) << text;
  }
}

TEST(Statistics, PercentilesUseNearestRankOverCounts) {
  Aggregate aggregate;
  aggregate.is_empty = false;
  aggregate.sample_count = 10;
  aggregate.values = {{1, 9}, {100, 1}};
  Statistic p50 = *ParseStatistic("p50");
  Statistic p95 = *ParseStatistic("p95");
  EXPECT_EQ(Evaluate(aggregate, p50), 1.0);
  EXPECT_EQ(Evaluate(aggregate, p95), 100.0);
  aggregate.has_all_values = false;
  EXPECT_FALSE(Evaluate(aggregate, p50));
}

TEST(Statistics, NegativeValuesHaveNoPercentiles) {
  std::vector<StoredDatapoint> points = {Point(0, -1), Point(1000, 5)};
  auto buckets = Buckets(points, 0, kMinute, 60, kMinute, std::nullopt);
  ASSERT_EQ(buckets.size(), 1u);
  EXPECT_FALSE(Evaluate(buckets[0].aggregate, *ParseStatistic("p50")));
  EXPECT_EQ(Evaluate(buckets[0].aggregate, *ParseStatistic("Sum")), 4.0);
}

TEST(Statistics, StatisticSetsWithOneValueStillGivePercentiles) {
  StoredDatapoint set = Point(0, 7);
  set.values.reset();
  set.sample_count = 3;
  set.sum = 21;
  auto buckets = Buckets({set}, 0, kMinute, 60, kMinute, std::nullopt);
  EXPECT_EQ(Evaluate(buckets[0].aggregate, *ParseStatistic("p90")), 7.0);
}

TEST(Statistics, StartTimeRoundsByAge) {
  int64_t now = 100 * kDay;
  EXPECT_EQ(RoundStart(now - kDay + 12'345, now), now - kDay);
  EXPECT_EQ(RoundStart(now - 20 * kDay + 4 * kMinute, now), now - 20 * kDay);
  EXPECT_EQ(RoundStart(now - 70 * kDay + 59 * kMinute, now), now - 70 * kDay);
}

TEST(Statistics, OldDataNeedsCoarserPeriods) {
  int64_t now = 100 * kDay;
  std::vector<StoredDatapoint> points = {Point(now - 20 * kDay, 1)};
  EXPECT_TRUE(Buckets(points, 0, now, 60, now, std::nullopt).empty());
  EXPECT_EQ(Buckets(points, 0, now, 300, now, std::nullopt).size(), 1u);
  points = {Point(now - 4 * 3600'000, 1)};
  EXPECT_TRUE(Buckets(points, 0, now, 10, now, std::nullopt).empty());
  EXPECT_EQ(Buckets(points, 0, now, 60, now, std::nullopt).size(), 1u);
}

TEST(Statistics, UnitFilterAndMixedUnits) {
  StoredDatapoint seconds = Point(0, 1);
  seconds.unit = "Seconds";
  std::vector<StoredDatapoint> points = {Point(0, 1), seconds};
  EXPECT_EQ(Buckets(points, 0, kMinute, 60, kMinute, std::string("Seconds"))[0].aggregate.sample_count, 1);
  EXPECT_EQ(Buckets(points, 0, kMinute, 60, kMinute, std::nullopt)[0].aggregate.unit, "None");
}

}  // namespace
}  // namespace trailbox::cloudwatch
