// Metric and datapoint rows (metric_store.hpp). Dimensions are stored as a JSON array of [name, value] pairs sorted
// by name, so one dimension set has one spelling; raw values as a JSON array of [value, count] pairs.
#include "services/cloudwatch/metric_store.hpp"

#include <algorithm>
#include <chrono>

#include "core/json.hpp"
#include "services/cloudwatch/alarm_sweep.hpp"
#include "services/cloudwatch/cloudwatch_service.hpp"
#include "services/cloudwatch/recurring_sweep.hpp"
#include "store/database.hpp"

namespace trailbox::cloudwatch {
namespace {

int64_t Millis(TimePoint time) { return time.time_since_epoch().count(); }

std::string DimensionsText(const std::vector<Dimension>& dimensions) {
  Json pairs = Json::array();
  for (const Dimension& dimension : SortedDimensions(dimensions)) pairs.push_back({dimension.name, dimension.value});
  return pairs.dump();
}

std::vector<Dimension> ParseDimensions(const std::string& text) {
  std::vector<Dimension> dimensions;
  for (const Json& pair : Json::parse(text)) dimensions.push_back({pair[0].get<std::string>(), pair[1].get<std::string>()});
  return dimensions;
}

// Datapoints older than the longest retention tier disappear; so do metrics left without any.
void ExpireDatapoints(store::Database& db, TimePoint now) {
  int64_t cutoff = Millis(now) - kDatapointRetentionMs;
  db.Prepare("DELETE FROM cloudwatch_datapoints WHERE timestamp < ?1").BindAll(cutoff).Run();
  db.Prepare(
        "DELETE FROM cloudwatch_metrics WHERE last_published < ?1 AND NOT EXISTS "
        "(SELECT 1 FROM cloudwatch_datapoints d WHERE d.metric_id = cloudwatch_metrics.metric_id)")
      .BindAll(cutoff)
      .Run();
}

constexpr RecurringSweep kExpirySweep{"cloudwatch.datapoint_expiry_due", std::chrono::hours(24), ExpireDatapoints};

int64_t MetricId(const MetricContext& context, const MetricKey& metric, int64_t now_ms) {
  std::string dimensions = DimensionsText(metric.dimensions);
  context.db
      .Prepare(
          "INSERT INTO cloudwatch_metrics (account_id, region, namespace, metric_name, dimensions, last_published) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (account_id, region, namespace, metric_name, dimensions) "
          "DO UPDATE SET last_published = ?6")
      .BindAll(context.account_id, context.region, metric.namespace_name, metric.metric_name, dimensions, now_ms)
      .Run();
  auto statement = context.db.Prepare(
      "SELECT metric_id FROM cloudwatch_metrics WHERE account_id = ?1 AND region = ?2 AND namespace = ?3 AND "
      "metric_name = ?4 AND dimensions = ?5");
  statement.BindAll(context.account_id, context.region, metric.namespace_name, metric.metric_name, dimensions);
  statement.Step();
  return statement.Int(0);
}

}  // namespace

std::vector<Dimension> SortedDimensions(std::vector<Dimension> dimensions) {
  std::sort(dimensions.begin(), dimensions.end(),
            [](const Dimension& a, const Dimension& b) { return a.name < b.name; });
  return dimensions;
}

void PublishDatapoints(const MetricContext& context, const std::vector<Publication>& publications) {
  if (publications.empty()) return;
  int64_t now_ms = Millis(context.scheduler.now());
  auto insert = [&] {
    return context.db.Prepare(
        "INSERT INTO cloudwatch_datapoints (metric_id, timestamp, unit, sample_count, sum, minimum, maximum, "
        "raw_values, storage_resolution) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  };
  for (const Publication& publication : publications) {
    const Datapoint& point = publication.datapoint;
    int64_t timestamp = Millis(point.timestamp);
    // Standard-resolution data has one-minute granularity.
    if (point.storage_resolution >= 60) timestamp -= ((timestamp % 60000) + 60000) % 60000;
    auto statement = insert();
    statement.BindAll(MetricId(context, publication.metric, now_ms), timestamp, point.unit, point.sample_count,
                      point.sum, point.minimum, point.maximum);
    if (point.values.empty()) {
      statement.BindNull(8);
    } else {
      Json values = Json::array();
      for (const auto& [value, count] : point.values) values.push_back({value, count});
      statement.Bind(8, values.dump());
    }
    statement.Bind(9, point.storage_resolution);
    statement.Run();
  }
  EnsureSweep(context.db, context.scheduler, kExpirySweep);
}

std::vector<StoredDatapoint> ReadDatapoints(store::Database& db, const std::string& account_id,
                                            const std::string& region, const MetricKey& metric, int64_t start_ms,
                                            int64_t end_ms) {
  auto statement = db.Prepare(
      "SELECT d.timestamp, d.unit, d.sample_count, d.sum, d.minimum, d.maximum, d.raw_values, d.storage_resolution "
      "FROM cloudwatch_metrics m JOIN cloudwatch_datapoints d ON d.metric_id = m.metric_id "
      "WHERE m.account_id = ?1 AND m.region = ?2 AND m.namespace = ?3 AND m.metric_name = ?4 AND m.dimensions = ?5 "
      "AND d.timestamp >= ?6 AND d.timestamp < ?7 ORDER BY d.timestamp");
  statement.BindAll(account_id, region, metric.namespace_name, metric.metric_name, DimensionsText(metric.dimensions),
                    start_ms, end_ms);
  std::vector<StoredDatapoint> points;
  while (statement.Step()) {
    StoredDatapoint point;
    point.timestamp_ms = statement.Int(0);
    point.unit = statement.Text(1);
    point.sample_count = statement.Double(2);
    point.sum = statement.Double(3);
    point.minimum = statement.Double(4);
    point.maximum = statement.Double(5);
    if (!statement.IsNull(6)) {
      point.values.emplace();
      for (const Json& pair : Json::parse(statement.Text(6))) {
        point.values->emplace_back(pair[0].get<double>(), pair[1].get<double>());
      }
    }
    point.storage_resolution = static_cast<int>(statement.Int(7));
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<ListedMetric> ListStoredMetrics(store::Database& db, const std::string& account_id,
                                            const std::string& region,
                                            const std::optional<std::string>& namespace_name) {
  auto statement = db.Prepare(
      "SELECT namespace, metric_name, dimensions, last_published FROM cloudwatch_metrics "
      "WHERE account_id = ?1 AND region = ?2 AND (?3 IS NULL OR namespace = ?3)");
  statement.BindAll(account_id, region);
  if (namespace_name) {
    statement.Bind(3, *namespace_name);
  } else {
    statement.BindNull(3);
  }
  std::vector<ListedMetric> metrics;
  while (statement.Step()) {
    ListedMetric listed;
    listed.metric.namespace_name = statement.Text(0);
    listed.metric.metric_name = statement.Text(1);
    listed.metric.dimensions = ParseDimensions(statement.Text(2));
    listed.last_published_ms = statement.Int(3);
    metrics.push_back(std::move(listed));
  }
  return metrics;
}

void ResumeCloudWatchTasks(store::Database& db, Scheduler& scheduler) {
  ResumeSweep(db, scheduler, kExpirySweep);
  ResumeAlarmEvaluation(db, scheduler);
}

}  // namespace trailbox::cloudwatch
