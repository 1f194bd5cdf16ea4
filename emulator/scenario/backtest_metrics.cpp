// The matching pass (backtest_metrics.hpp).
#include "scenario/backtest_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "core/time_format.hpp"

namespace trailbox::backtest {
namespace {

std::vector<logs::CompiledMetricFilter> CompiledFilters(const std::vector<FilterRule>& rules) {
  std::vector<logs::CompiledMetricFilter> filters;
  filters.reserve(rules.size());
  for (const FilterRule& rule : rules) filters.push_back(rule.compiled);
  return filters;
}

// The record's eventTime in epoch ms, or nullopt when it has none that parses.
std::optional<int64_t> EventTime(const filter::JsonDocument& document) {
  uint32_t node = document.Member(0, "eventTime");
  if (node == filter::JsonDocument::kNotFound || document.node(node).type != filter::JsonType::kString) {
    return std::nullopt;
  }
  std::optional<double> seconds = ParseIso8601(document.node(node).text);
  if (!seconds) return std::nullopt;
  return static_cast<int64_t>(std::llround(*seconds * 1000));
}

cloudwatch::StoredDatapoint Stored(const cloudwatch::Datapoint& point) {
  cloudwatch::StoredDatapoint stored;
  stored.timestamp_ms = point.timestamp.time_since_epoch().count();
  stored.unit = point.unit;
  stored.sample_count = point.sample_count;
  stored.sum = point.sum;
  stored.minimum = point.minimum;
  stored.maximum = point.maximum;
  stored.values = point.values;
  stored.storage_resolution = point.storage_resolution;
  return stored;
}

}  // namespace

std::string MetricId(const cloudwatch::MetricKey& metric) {
  std::string id = metric.namespace_name + '\n' + metric.metric_name;
  for (const cloudwatch::Dimension& dimension : cloudwatch::SortedDimensions(metric.dimensions)) {
    id += '\n' + dimension.name + '=' + dimension.value;
  }
  return id;
}

MatchingPass::MatchingPass(const std::vector<FilterRule>& filters)
    : filters_(CompiledFilters(filters)), builder_(filters_), matches_(filters.size()) {}

void MatchingPass::Skip(const std::string& source, size_t index, std::string reason) {
  ++skipped_count_;
  if (skipped_.size() < kMaxListedSkips) skipped_.push_back({source, index, std::move(reason)});
}

void MatchingPass::AddFile(const LogFileRecords& file, const std::string& source) {
  for (size_t i = 0; i < file.size(); ++i) {
    event_.Reset(file.Record(i));
    const filter::JsonDocument* document = event_.Json();
    if (!document) {
      Skip(source, i, "not a JSON object");
      continue;
    }
    std::optional<int64_t> time = EventTime(*document);
    if (!time) {
      Skip(source, i, "no eventTime in ISO 8601");
      continue;
    }
    ++records_;
    first_event_ms_ = std::min(first_event_ms_.value_or(*time), *time);
    last_event_ms_ = std::max(last_event_ms_.value_or(*time), *time);
    builder_.Add(*time, event_, matched_);
    for (size_t index : matched_) {
      FilterMatches& match = matches_[index];
      ++match.matches;
      match.first_ms = std::min(match.first_ms.value_or(*time), *time);
      match.last_ms = std::max(match.last_ms.value_or(*time), *time);
    }
  }
}

std::map<std::string, MetricSeries> MatchingPass::Datapoints() const {
  std::map<std::string, MetricSeries> series;
  for (cloudwatch::Publication& publication : builder_.Publications()) {
    auto [entry, is_new] = series.try_emplace(MetricId(publication.metric));
    if (is_new) entry->second.metric = std::move(publication.metric);
    entry->second.points.push_back(Stored(publication.datapoint));
  }
  for (auto& [id, metric] : series) {
    std::stable_sort(metric.points.begin(), metric.points.end(),
                     [](const auto& a, const auto& b) { return a.timestamp_ms < b.timestamp_ms; });
  }
  return series;
}

}  // namespace trailbox::backtest
