// Metric filters as ingestion and `trailbox backtest` apply them: compiled once per batch, evaluated on every
// ingested event (each event parsed once for all filters of its group), and turned into CloudWatch datapoints
// by AWS's rules for metricValue, defaultValue, dimensions and unit
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntaxForMetricFilters.html).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/json.hpp"
#include "filter/filter.hpp"
#include "services/cloudwatch/metric_store.hpp"

namespace trailbox::store {
class Database;
}

namespace trailbox::logs {

/// A metric transformation with its values compiled against the filter's pattern.
struct CompiledTransformation {
  std::string metric_name;
  std::string metric_namespace;
  filter::ValueRef value;
  std::optional<double> default_value;
  std::vector<std::pair<std::string, filter::ValueRef>> dimensions;
  std::string unit = "None";
};

/// A stored metric filter, compiled.
struct CompiledMetricFilter {
  std::string name;
  filter::Pattern pattern;
  CompiledTransformation transformation;
};

/// An event as metric filters see it.
struct FilterInput {
  int64_t timestamp = 0;
  std::string_view message;
};

/// Where a pattern is used, which decides the lead of its error message.
enum class PatternUse { kMetricFilter, kSearch };

/// Compiles a filter pattern or throws InvalidParameterException. A message the filter library words itself
/// (not starting with a capital) is led by AWS's generic text, "Invalid metric filter pattern" or "Invalid filter
/// pattern" (spec §9); AWS's own specific texts stand alone.
filter::Pattern CompilePattern(std::string_view text, PatternUse use);

/// Compiles a metric filter from PutMetricFilter's members: its pattern text and its (one) metric transformation.
/// Throws InvalidParameterException as PutMetricFilter does.
CompiledMetricFilter CompileMetricFilter(std::string name, std::string_view pattern_text, const Json& transformation);

/// The metric filters of a group, compiled, in name order.
std::vector<CompiledMetricFilter> LoadMetricFilters(store::Database& db, int64_t group_id);

/// One datapoint being built: the values one filter published in one minute with one set of dimension values.
struct StatisticSet {
  double count = 0;
  double sum = 0;
  double minimum = 0;
  double maximum = 0;
  /// Each value with how often it occurred.
  std::map<double, double> values;

  /// Adds one value.
  void Add(double value);
};

/// Applies metric filters to events one at a time and builds their datapoints: per filter, dimension values and
/// minute, one statistic set of the matched events' values (ingestion and `trailbox backtest` both use it).
class DatapointBuilder {
 public:
  /// A builder for `filters`, which must outlive it.
  explicit DatapointBuilder(const std::vector<CompiledMetricFilter>& filters);

  /// Applies every filter to `event`, logged at `timestamp` (epoch ms). `matched` receives the indexes of the
  /// filters whose pattern matched, whether or not the event held their metric value.
  void Add(int64_t timestamp, const filter::Event& event, std::vector<size_t>& matched);

  /// The datapoints; a minute with events but no match of a filter reports its defaultValue, if any.
  std::vector<cloudwatch::Publication> Publications() const;

 private:
  using Key = std::pair<std::vector<cloudwatch::Dimension>, int64_t>;
  const std::vector<CompiledMetricFilter>& filters_;
  std::vector<std::map<Key, StatisticSet>> matched_;
  std::set<int64_t> minutes_;
};

/// The datapoints `events` produce through `filters`: per filter, metric, dimension values and minute, one
/// statistic set of the matched events' values; a minute with events but no match reports defaultValue, if any.
std::vector<cloudwatch::Publication> ApplyMetricFilters(const std::vector<CompiledMetricFilter>& filters,
                                                        const std::vector<FilterInput>& events);

}  // namespace trailbox::logs
