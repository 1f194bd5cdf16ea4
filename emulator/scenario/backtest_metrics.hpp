// The matching pass of `trailbox backtest`: each CloudTrail record becomes the log event CloudTrail would send to
// CloudWatch Logs — its compact JSON as the message, its eventTime as the timestamp — and goes through every
// metric filter exactly as logs::Ingest applies them (logs::DatapointBuilder: the same matching, metric values,
// dimensions, defaultValue and per-minute statistic sets), giving the datapoints CloudWatch would hold.
// Datapoints are per-minute statistic sets, so the result does not depend on the order records are fed in: files
// are read one at a time and never all held in memory, and the alarm pass walks the datapoints in time order.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "filter/filter.hpp"
#include "scenario/backtest_input.hpp"
#include "scenario/backtest_rules.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/logs/metric_filters.hpp"

namespace trailbox::backtest {

/// What one metric filter matched over the whole input.
struct FilterMatches {
  size_t matches = 0;
  /// eventTime of the earliest and latest matching record, epoch ms.
  std::optional<int64_t> first_ms;
  std::optional<int64_t> last_ms;
};

/// A record left out, and why.
struct SkippedRecord {
  std::string file;
  /// 0-based position in the file's Records array.
  size_t index = 0;
  std::string reason;
};

/// A metric's identity as text: namespace, name and dimensions sorted by name.
std::string MetricId(const cloudwatch::MetricKey& metric);

/// The datapoints of one metric, oldest first.
struct MetricSeries {
  cloudwatch::MetricKey metric;
  std::vector<cloudwatch::StoredDatapoint> points;
};

/// Feeds records through the filters and keeps what they matched and published.
class MatchingPass {
 public:
  /// How many skipped records are listed one by one; the rest are only counted.
  static constexpr size_t kMaxListedSkips = 100;

  explicit MatchingPass(const std::vector<FilterRule>& filters);
  /// Not copyable: the builder refers to this object's filters.
  MatchingPass(const MatchingPass&) = delete;
  MatchingPass& operator=(const MatchingPass&) = delete;

  /// Feeds every record of `file` (named `source`). A record that is not a JSON object or has no valid
  /// eventTime is skipped.
  void AddFile(const LogFileRecords& file, const std::string& source);

  /// Records matched against the filters.
  size_t records() const { return records_; }
  /// Records skipped: how many, and the first kMaxListedSkips of them.
  size_t skipped_count() const { return skipped_count_; }
  const std::vector<SkippedRecord>& skipped() const { return skipped_; }
  /// eventTime of the earliest and latest record read, epoch ms.
  std::optional<int64_t> first_event_ms() const { return first_event_ms_; }
  std::optional<int64_t> last_event_ms() const { return last_event_ms_; }
  /// Per filter, in the rules' order.
  const std::vector<FilterMatches>& matches() const { return matches_; }

  /// The datapoints the filters published, by MetricId.
  std::map<std::string, MetricSeries> Datapoints() const;

 private:
  void Skip(const std::string& source, size_t index, std::string reason);

  std::vector<logs::CompiledMetricFilter> filters_;
  logs::DatapointBuilder builder_;
  std::vector<FilterMatches> matches_;
  filter::Event event_;
  std::vector<size_t> matched_;
  size_t records_ = 0;
  size_t skipped_count_ = 0;
  std::vector<SkippedRecord> skipped_;
  std::optional<int64_t> first_event_ms_;
  std::optional<int64_t> last_event_ms_;
};

}  // namespace trailbox::backtest
