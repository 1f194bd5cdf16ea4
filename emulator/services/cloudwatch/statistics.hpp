// Statistics over datapoints: SampleCount, Average, Sum, Minimum, Maximum and percentiles (pNN, pNN.NN), the
// period buckets GetMetricStatistics and GetMetricData answer with, and CloudWatch's retention tiers — data older
// than 3 hours needs a period of at least 60 s, older than 15 days a multiple of 300 s, older than 63 days a
// multiple of 3600 s (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "services/cloudwatch/metric_store.hpp"

namespace trailbox::cloudwatch {

/// One statistic a caller asks for.
struct Statistic {
  enum class Kind { kSampleCount, kAverage, kSum, kMinimum, kMaximum, kPercentile };
  Kind kind = Kind::kSum;
  /// kPercentile: 0..100.
  double percentile = 0;
  /// As the caller wrote it (the key of ExtendedStatistics).
  std::string name;
};

/// "Sum", "Average", ... or "p99", "p99.9"; nullopt for anything else. Open: AWS's other extended statistics
/// (tm99, wm99, tc99, ts99, PR(...), IQM) are not computed, so they are rejected rather than answered wrongly.
std::optional<Statistic> ParseStatistic(std::string_view text);

/// The datapoints of one period, combined.
struct Aggregate {
  double sample_count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
  /// Every raw value with its count, while every datapoint carried them.
  std::vector<std::pair<double, double>> values;
  bool has_all_values = true;
  /// The unit shared by every datapoint, else "None".
  std::string unit;
  bool is_empty = true;
};

/// The value of `statistic`, or nullopt when it cannot be computed (a percentile without raw values, or with
/// negative values: "percentile statistics are not available for metrics when any of the metric values are negative").
std::optional<double> Evaluate(const Aggregate& aggregate, const Statistic& statistic);

/// One period with data.
struct Bucket {
  int64_t start_ms = 0;
  Aggregate aggregate;
};

/// StartTime rounded as CloudWatch rounds it: to the minute when less than 15 days ago, to 5 minutes up to 63
/// days, else to the hour.
int64_t RoundStart(int64_t start_ms, int64_t now_ms);

/// The periods of [start_ms, end_ms) that hold visible datapoints, oldest first; `unit` filters when given.
std::vector<Bucket> Buckets(const std::vector<StoredDatapoint>& points, int64_t start_ms, int64_t end_ms,
                            int64_t period_seconds, int64_t now_ms, const std::optional<std::string>& unit);

}  // namespace trailbox::cloudwatch
