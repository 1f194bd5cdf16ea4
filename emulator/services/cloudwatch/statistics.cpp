// Statistics and period buckets (statistics.hpp).
#include "services/cloudwatch/statistics.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kMinuteMs = 60'000;
constexpr int64_t kHourMs = 60 * kMinuteMs;
constexpr int64_t kDayMs = 24 * kHourMs;

// Whether a datapoint of this age is still kept at a resolution the period can use.
bool IsVisible(int64_t timestamp_ms, int64_t period_seconds, int64_t now_ms) {
  int64_t age = now_ms - timestamp_ms;
  if (period_seconds < 60 && age > 3 * kHourMs) return false;
  if (age > 15 * kDayMs && period_seconds % 300 != 0) return false;
  if (age > 63 * kDayMs && period_seconds % 3600 != 0) return false;
  return age <= kDatapointRetentionMs;
}

void Accumulate(Aggregate& aggregate, const StoredDatapoint& point) {
  if (aggregate.is_empty) {
    aggregate.minimum = point.minimum;
    aggregate.maximum = point.maximum;
    aggregate.unit = point.unit;
    aggregate.is_empty = false;
  } else {
    aggregate.minimum = std::min(aggregate.minimum, point.minimum);
    aggregate.maximum = std::max(aggregate.maximum, point.maximum);
    if (aggregate.unit != point.unit) aggregate.unit = "None";
  }
  aggregate.sample_count += point.sample_count;
  aggregate.sum += point.sum;
  if (point.values) {
    aggregate.values.insert(aggregate.values.end(), point.values->begin(), point.values->end());
  } else if (point.sample_count == 1 || point.minimum == point.maximum) {
    // A statistic set whose values are all the same still tells every value.
    aggregate.values.emplace_back(point.minimum, point.sample_count);
  } else {
    aggregate.has_all_values = false;
  }
}

// Nearest rank over the values weighted by their counts.
double Percentile(std::vector<std::pair<double, double>> values, double percentile) {
  std::sort(values.begin(), values.end());
  double total = 0;
  for (const auto& [value, count] : values) total += count;
  double rank = std::max(1.0, std::ceil(percentile / 100.0 * total));
  double seen = 0;
  for (const auto& [value, count] : values) {
    seen += count;
    if (seen >= rank) return value;
  }
  return values.back().first;
}

}  // namespace

std::optional<Statistic> ParseStatistic(std::string_view text) {
  static const std::map<std::string_view, Statistic::Kind> kBasic = {
      {"SampleCount", Statistic::Kind::kSampleCount}, {"Average", Statistic::Kind::kAverage},
      {"Sum", Statistic::Kind::kSum},                 {"Minimum", Statistic::Kind::kMinimum},
      {"Maximum", Statistic::Kind::kMaximum}};
  Statistic statistic;
  statistic.name = std::string(text);
  if (auto found = kBasic.find(text); found != kBasic.end()) {
    statistic.kind = found->second;
    return statistic;
  }
  if (text.size() < 2 || text[0] != 'p') return std::nullopt;
  std::string_view number = text.substr(1);
  size_t dot = number.find('.');
  if (dot != std::string_view::npos && (dot == 0 || number.size() - dot - 1 > 2 || dot + 1 == number.size())) {
    return std::nullopt;
  }
  double value = 0;
  auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (error != std::errc() || end != number.data() + number.size() || value < 0 || value > 100) return std::nullopt;
  if (!std::all_of(number.begin(), number.end(), [](char c) { return std::isdigit(c) || c == '.'; })) {
    return std::nullopt;
  }
  statistic.kind = Statistic::Kind::kPercentile;
  statistic.percentile = value;
  return statistic;
}

std::optional<double> Evaluate(const Aggregate& aggregate, const Statistic& statistic) {
  switch (statistic.kind) {
    case Statistic::Kind::kSampleCount:
      return aggregate.sample_count;
    case Statistic::Kind::kAverage:
      return aggregate.sample_count > 0 ? std::optional(aggregate.sum / aggregate.sample_count) : std::nullopt;
    case Statistic::Kind::kSum:
      return aggregate.sum;
    case Statistic::Kind::kMinimum:
      return aggregate.minimum;
    case Statistic::Kind::kMaximum:
      return aggregate.maximum;
    case Statistic::Kind::kPercentile:
      if (!aggregate.has_all_values || aggregate.values.empty() || aggregate.minimum < 0) return std::nullopt;
      return Percentile(aggregate.values, statistic.percentile);
  }
  return std::nullopt;
}

int64_t RoundStart(int64_t start_ms, int64_t now_ms) {
  int64_t age = now_ms - start_ms;
  int64_t step = age > 63 * kDayMs ? kHourMs : age > 15 * kDayMs ? 5 * kMinuteMs : kMinuteMs;
  return start_ms - (((start_ms % step) + step) % step);
}

std::vector<Bucket> Buckets(const std::vector<StoredDatapoint>& points, int64_t start_ms, int64_t end_ms,
                            int64_t period_seconds, int64_t now_ms, const std::optional<std::string>& unit) {
  int64_t period_ms = period_seconds * 1000;
  std::map<int64_t, Aggregate> by_start;
  for (const StoredDatapoint& point : points) {
    if (point.timestamp_ms < start_ms || point.timestamp_ms >= end_ms) continue;
    if (unit && point.unit != *unit) continue;
    if (!IsVisible(point.timestamp_ms, period_seconds, now_ms)) continue;
    int64_t bucket_start = start_ms + (point.timestamp_ms - start_ms) / period_ms * period_ms;
    Accumulate(by_start[bucket_start], point);
  }
  std::vector<Bucket> buckets;
  for (auto& [bucket_start, aggregate] : by_start) buckets.push_back({bucket_start, std::move(aggregate)});
  return buckets;
}

}  // namespace trailbox::cloudwatch
