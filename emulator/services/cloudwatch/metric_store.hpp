// CloudWatch metric storage: the one way datapoints enter CloudWatch (PublishDatapoints, called by PutMetricData
// and by CloudWatch Logs metric filters, shared/STYLE.md rule 8) and the reads GetMetricStatistics, GetMetricData
// and ListMetrics make. A metric is (namespace, name, dimension set); each datapoint is a statistic set, plus the
// raw values with their counts where they are known, which percentiles need
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/scheduler.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::cloudwatch {

/// One dimension of a metric.
struct Dimension {
  std::string name;
  std::string value;
  auto operator<=>(const Dimension&) const = default;
};

/// Which metric: namespace, name and dimensions (in any order; stored sorted by name).
struct MetricKey {
  std::string namespace_name;
  std::string metric_name;
  std::vector<Dimension> dimensions;
};

/// One published datapoint as a statistic set.
struct Datapoint {
  TimePoint timestamp;
  std::string unit = "None";
  double sample_count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
  /// The raw values with their counts; empty when only the statistic set is known (percentiles unavailable).
  std::vector<std::pair<double, double>> values;
  /// 1 (high resolution) or 60 seconds.
  int storage_resolution = 60;
};

/// A datapoint for one metric.
struct Publication {
  MetricKey metric;
  Datapoint datapoint;
};

/// Where and by whom datapoints are published: the account and region own the metrics.
struct MetricContext {
  store::Database& db;
  Scheduler& scheduler;
  std::string account_id;
  std::string region;
};

/// Stores datapoints (inside the caller's transaction) and makes sure the expiry sweep is scheduled.
void PublishDatapoints(const MetricContext& context, const std::vector<Publication>& publications);

/// A stored datapoint as reads see it.
struct StoredDatapoint {
  int64_t timestamp_ms = 0;
  std::string unit;
  double sample_count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
  /// nullopt when only the statistic set is known.
  std::optional<std::vector<std::pair<double, double>>> values;
  int storage_resolution = 60;
};

/// The datapoints of exactly this metric (same dimension set) in [start, end), oldest first.
std::vector<StoredDatapoint> ReadDatapoints(store::Database& db, const std::string& account_id,
                                            const std::string& region, const MetricKey& metric, int64_t start_ms,
                                            int64_t end_ms);

/// A metric with the time of its last publication.
struct ListedMetric {
  MetricKey metric;
  int64_t last_published_ms = 0;
};

/// Every metric of the account and region, optionally of one namespace.
std::vector<ListedMetric> ListStoredMetrics(store::Database& db, const std::string& account_id,
                                            const std::string& region, const std::optional<std::string>& namespace_name);

/// The dimensions sorted by name, as metrics are identified.
std::vector<Dimension> SortedDimensions(std::vector<Dimension> dimensions);

/// How long datapoints are kept: 455 days, the longest of CloudWatch's retention tiers.
constexpr int64_t kDatapointRetentionMs = int64_t{455} * 24 * 3600 * 1000;

}  // namespace trailbox::cloudwatch
