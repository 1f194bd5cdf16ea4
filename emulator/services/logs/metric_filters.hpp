// Metric filters as ingestion applies them: compiled once per batch from their stored rows, evaluated on every
// ingested event (each event parsed once for all filters of its group), and turned into CloudWatch datapoints
// by AWS's rules for metricValue, defaultValue, dimensions and unit
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntaxForMetricFilters.html).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

/// The metric filters of a group, compiled, in name order.
std::vector<CompiledMetricFilter> LoadMetricFilters(store::Database& db, int64_t group_id);

/// The datapoints `events` produce through `filters`: per filter, metric, dimension values and minute, one
/// statistic set of the matched events' values; a minute with events but no match reports defaultValue, if any.
std::vector<cloudwatch::Publication> ApplyMetricFilters(const std::vector<CompiledMetricFilter>& filters,
                                                        const std::vector<FilterInput>& events);

}  // namespace trailbox::logs
