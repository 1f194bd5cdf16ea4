// CloudWatch metrics: PutMetricData, ListMetrics, GetMetricStatistics, GetMetricData
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html and neighbours).
// Messages name parameters as the query protocol does (MetricData.member.1.Value) whatever protocol the caller
// speaks, as AWS's query-compatible JSON and CBOR endpoints do.
#include <chrono>
#include <cmath>
#include <set>

#include "core/aws_error.hpp"
#include "services/cloudwatch/cloudwatch_topics.hpp"
#include "services/cloudwatch/metric_store.hpp"
#include "services/cloudwatch/statistics.hpp"
#include "services/common/pagination.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kDayMs = 24 * kHourMs;
constexpr size_t kMaxMetricDataPerCall = 1000;
constexpr size_t kMaxValuesPerDatum = 150;
constexpr int64_t kMaxDatapointsPerStatistics = 1440;
constexpr size_t kListMetricsPageSize = 500;
// "Values must be in the range of -2^360 to 2^360" (MetricDatum.Value).
const double kMaxMagnitude = std::ldexp(1.0, 360);
const double kMinMagnitude = std::ldexp(1.0, -260);

int64_t Millis(TimePoint time) { return time.time_since_epoch().count(); }
int64_t MillisOf(const Json& seconds) { return static_cast<int64_t>(std::llround(seconds.get<double>() * 1000)); }
double Seconds(int64_t millis) { return static_cast<double>(millis) / 1000; }

std::string FormatNumber(double value) {
  Json number = value;
  return number.dump();
}

std::vector<Dimension> DimensionsOf(const Json& parent) {
  std::vector<Dimension> dimensions;
  if (auto found = parent.find("Dimensions"); found != parent.end()) {
    for (const Json& dimension : *found) dimensions.push_back({dimension.at("Name"), dimension.at("Value")});
  }
  return dimensions;
}

void RequireDistinctNames(const std::vector<Dimension>& dimensions) {
  std::set<std::string> names;
  for (const Dimension& dimension : dimensions) {
    if (!names.insert(dimension.name).second) {
      throw AwsError("InvalidParameterValue", "No metric may specify the same dimension name twice.");
    }
  }
}

MetricKey MetricOf(const Json& parent) {
  MetricKey metric{parent.at("Namespace"), parent.at("MetricName"), DimensionsOf(parent)};
  RequireDistinctNames(metric.dimensions);
  return metric;
}

Json DimensionsDocument(const std::vector<Dimension>& dimensions) {
  Json list = Json::array();
  for (const Dimension& dimension : dimensions) list.push_back({{"Name", dimension.name}, {"Value", dimension.value}});
  return list;
}

void RequireUsableNumber(double value, const std::string& parameter) {
  double magnitude = std::fabs(value);
  if (!std::isfinite(value) || magnitude > kMaxMagnitude || (magnitude != 0 && magnitude < kMinMagnitude)) {
    throw AwsError("InvalidParameterValue", "The value " + FormatNumber(value) + " for parameter " + parameter +
                                                " is invalid.");
  }
}

void RequireExclusive(const Json& datum, const std::string& prefix, const char* first, const char* second) {
  if (datum.contains(first) && datum.contains(second)) {
    throw AwsError("InvalidParameterCombination", "The parameters " + prefix + first + " and " + prefix + second +
                                                      " are mutually exclusive and you have specified both.");
  }
}

Datapoint StatisticSetOf(const Json& set, const std::string& prefix) {
  Datapoint point;
  point.sample_count = set.at("SampleCount");
  point.sum = set.at("Sum");
  point.minimum = set.at("Minimum");
  point.maximum = set.at("Maximum");
  for (double value : {point.sample_count, point.sum, point.minimum, point.maximum}) {
    RequireUsableNumber(value, prefix + "StatisticValues");
  }
  if (point.maximum < point.minimum) {
    throw AwsError("InvalidParameterValue", "The parameter " + prefix + "StatisticValues.Maximum must be greater than " +
                                                prefix + "StatisticValues.Minimum.");
  }
  if (point.sample_count <= 0) {
    throw AwsError("InvalidParameterValue",
                   "The parameter " + prefix + "StatisticValues.SampleCount must be greater than 0.");
  }
  return point;
}

Datapoint ValuesOf(const Json& datum, const std::string& prefix) {
  const Json& values = datum.at("Values");
  if (values.size() > kMaxValuesPerDatum) {
    throw AwsError("InvalidParameterValue", "The collection " + prefix + "Values must not have a size greater than " +
                                                std::to_string(kMaxValuesPerDatum) + ".");
  }
  const Json* counts = datum.contains("Counts") ? &datum["Counts"] : nullptr;
  if (counts && counts->size() != values.size()) {
    throw AwsError("InvalidParameterValue", "The parameters " + prefix + "Values and " + prefix +
                                                "Counts must be of the same size.");
  }
  Datapoint point;
  bool is_first = true;
  for (size_t i = 0; i < values.size(); ++i) {
    double value = values[i];
    double count = counts ? (*counts)[i].get<double>() : 1.0;
    RequireUsableNumber(value, prefix + "Values.member." + std::to_string(i + 1));
    RequireUsableNumber(count, prefix + "Counts.member." + std::to_string(i + 1));
    if (count <= 0) continue;
    point.values.emplace_back(value, count);
    point.sample_count += count;
    point.sum += value * count;
    point.minimum = is_first ? value : std::min(point.minimum, value);
    point.maximum = is_first ? value : std::max(point.maximum, value);
    is_first = false;
  }
  return point;
}

Publication PublicationOf(const std::string& namespace_name, const Json& datum, size_t number, TimePoint now) {
  std::string prefix = "MetricData.member." + std::to_string(number) + ".";
  RequireExclusive(datum, prefix, "Value", "StatisticValues");
  RequireExclusive(datum, prefix, "Value", "Values");
  RequireExclusive(datum, prefix, "StatisticValues", "Values");
  if (datum.contains("Counts") && !datum.contains("Values")) {
    throw AwsError("InvalidParameterCombination",
                   "The parameter " + prefix + "Counts may only be specified with " + prefix + "Values.");
  }
  Publication publication;
  publication.metric = {namespace_name, datum.at("MetricName"), DimensionsOf(datum)};
  RequireDistinctNames(publication.metric.dimensions);
  Datapoint& point = publication.datapoint;
  if (auto value = datum.find("Value"); value != datum.end()) {
    double number_value = *value;
    RequireUsableNumber(number_value, prefix + "Value");
    point.sample_count = 1;
    point.sum = point.minimum = point.maximum = number_value;
    point.values = {{number_value, 1.0}};
  } else if (auto set = datum.find("StatisticValues"); set != datum.end()) {
    point = StatisticSetOf(*set, prefix);
  } else if (datum.contains("Values")) {
    point = ValuesOf(datum, prefix);
  } else {
    throw AwsError("MissingParameter", "The parameter " + prefix + "Value is required.");
  }
  point.unit = datum.value("Unit", "None");
  point.storage_resolution = datum.value("StorageResolution", 60);
  if (point.storage_resolution != 1 && point.storage_resolution != 60) {
    throw AwsError("InvalidParameterValue",
                   "The parameter " + prefix + "StorageResolution must be a value in the set [ 1, 60 ].");
  }
  point.timestamp = now;
  if (auto timestamp = datum.find("Timestamp"); timestamp != datum.end()) {
    point.timestamp = TimePoint(Duration(MillisOf(*timestamp)));
    if (point.timestamp < now - std::chrono::days(14) || point.timestamp > now + std::chrono::hours(2)) {
      throw AwsError("InvalidParameterValue", "The parameter " + prefix +
                                                  "Timestamp must specify a time within the past two weeks and no "
                                                  "more than two hours in the future.");
    }
  }
  return publication;
}

bool IsValidPeriod(int64_t period) { return period % 60 == 0 || period == 1 || period == 5 || period == 10 || period == 30; }

// The dimension filters of ListMetrics: every filter names a dimension the metric has (with that value, if given).
bool MatchesFilters(const MetricKey& metric, const Json& filters) {
  for (const Json& filter : filters) {
    std::string name = filter.at("Name");
    bool found = false;
    for (const Dimension& dimension : metric.dimensions) {
      if (dimension.name == name && (!filter.contains("Value") || filter["Value"] == dimension.value)) found = true;
    }
    if (!found) return false;
  }
  return true;
}

std::vector<Statistic> ParseStatistics(const Json& input, const char* member, bool is_extended) {
  std::vector<Statistic> statistics;
  auto list = input.find(member);
  if (list == input.end()) return statistics;
  for (size_t i = 0; i < list->size(); ++i) {
    std::string text = (*list)[i];
    std::optional<Statistic> statistic = ParseStatistic(text);
    if (!statistic || (statistic->kind == Statistic::Kind::kPercentile) != is_extended) {
      throw AwsError("InvalidParameterValue", "The value " + text + " for parameter " + member + ".member." +
                                                  std::to_string(i + 1) + " is invalid.");
    }
    statistics.push_back(*statistic);
  }
  return statistics;
}

Json StatisticsDatapoint(const Bucket& bucket, const std::vector<Statistic>& statistics,
                         const std::vector<Statistic>& extended) {
  static const std::map<Statistic::Kind, const char*> kMember = {
      {Statistic::Kind::kSampleCount, "SampleCount"}, {Statistic::Kind::kAverage, "Average"},
      {Statistic::Kind::kSum, "Sum"}, {Statistic::Kind::kMinimum, "Minimum"}, {Statistic::Kind::kMaximum, "Maximum"}};
  Json datapoint = {{"Timestamp", Seconds(bucket.start_ms)}};
  for (const Statistic& statistic : statistics) {
    if (auto value = Evaluate(bucket.aggregate, statistic)) datapoint[kMember.at(statistic.kind)] = *value;
  }
  Json values = Json::object();
  for (const Statistic& statistic : extended) {
    if (auto value = Evaluate(bucket.aggregate, statistic)) values[statistic.name] = *value;
  }
  if (!values.empty()) datapoint["ExtendedStatistics"] = std::move(values);
  datapoint["Unit"] = bucket.aggregate.unit;
  return datapoint;
}

// One GetMetricData query with a MetricStat, checked.
struct StatQuery {
  std::string id;
  std::string label;
  bool return_data = true;
  MetricKey metric;
  int64_t period = 60;
  Statistic statistic;
  std::optional<std::string> unit;
};

StatQuery ParseQuery(const Json& query, size_t number, std::set<std::string>& ids) {
  std::string prefix = "MetricDataQueries.member." + std::to_string(number) + ".";
  StatQuery parsed;
  parsed.id = query.at("Id");
  bool is_valid_id = !parsed.id.empty() && std::islower(static_cast<unsigned char>(parsed.id[0])) &&
                     std::all_of(parsed.id.begin(), parsed.id.end(),
                                 [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  if (!is_valid_id) {
    throw AwsError("ValidationError", "The value " + parsed.id + " for parameter " + prefix +
                                          "Id is invalid: it must start with a lower-case letter and contain only "
                                          "letters, numbers and underscores.");
  }
  if (!ids.insert(parsed.id).second) {
    throw AwsError("ValidationError", "The value " + parsed.id + " for parameter " + prefix + "Id is duplicated.");
  }
  if (query.contains("Expression") && query.contains("MetricStat")) {
    throw AwsError("ValidationError", "The parameters " + prefix + "Expression and " + prefix +
                                          "MetricStat are mutually exclusive and you have specified both.");
  }
  if (query.contains("Expression")) {
    throw AwsError("ValidationError", "trailbox does not implement metric math: " + prefix +
                                          "Expression is not supported (use MetricStat queries).");
  }
  auto stat = query.find("MetricStat");
  if (stat == query.end()) {
    throw AwsError("ValidationError", "One of the parameters " + prefix + "Expression and " + prefix +
                                          "MetricStat must be specified.");
  }
  parsed.metric = MetricOf(stat->at("Metric"));
  parsed.period = stat->at("Period");
  if (!IsValidPeriod(parsed.period)) {
    throw AwsError("ValidationError", "The parameter " + prefix + "MetricStat.Period must be 1, 5, 10, 30 or a multiple of 60.");
  }
  std::string stat_text = stat->at("Stat");
  std::optional<Statistic> statistic = ParseStatistic(stat_text);
  if (!statistic) {
    throw AwsError("ValidationError", "The value " + stat_text + " for parameter " + prefix +
                                          "MetricStat.Stat is not a valid statistic.");
  }
  parsed.statistic = *statistic;
  if (auto unit = stat->find("Unit"); unit != stat->end()) parsed.unit = unit->get<std::string>();
  parsed.label = query.value("Label", parsed.metric.metric_name);
  parsed.return_data = query.value("ReturnData", true);
  return parsed;
}

}  // namespace

Json PutMetricData(Call& call, const Json& input) {
  std::string namespace_name = input.at("Namespace");
  if (namespace_name.starts_with("AWS/")) {
    throw AwsError("InvalidParameterValue", "The value " + namespace_name + " for parameter Namespace is invalid.");
  }
  const Json& data = input.at("MetricData");
  if (data.empty()) throw AwsError("MissingParameter", "The parameter MetricData is required.");
  if (data.size() > kMaxMetricDataPerCall) {
    throw AwsError("InvalidParameterValue", "The collection MetricData must not have a size greater than " +
                                                std::to_string(kMaxMetricDataPerCall) + ".");
  }
  std::vector<Publication> publications;
  for (size_t i = 0; i < data.size(); ++i) publications.push_back(PublicationOf(namespace_name, data[i], i + 1, call.now()));
  PublishDatapoints({call.db(), call.scheduler(), call.account_id(), call.region}, publications);
  return Json::object();
}

Json ListMetrics(Call& call, const Json& input) {
  std::optional<std::string> namespace_name;
  if (input.contains("Namespace")) namespace_name = input["Namespace"].get<std::string>();
  int64_t horizon = input.value("RecentlyActive", "") == "PT3H" ? 3 * kHourMs : 14 * kDayMs;
  int64_t now_ms = Millis(call.now());
  Json filters = input.value("Dimensions", Json::array());
  std::vector<common::KeyedItem> items;
  for (const ListedMetric& listed : ListStoredMetrics(call.db(), call.account_id(), call.region, namespace_name)) {
    const MetricKey& metric = listed.metric;
    if (listed.last_published_ms < now_ms - horizon) continue;
    if (input.contains("MetricName") && input["MetricName"] != metric.metric_name) continue;
    if (!MatchesFilters(metric, filters)) continue;
    std::string key = metric.namespace_name + '\x1f' + metric.metric_name + '\x1f' + DimensionsDocument(metric.dimensions).dump();
    items.emplace_back(std::move(key), Json{{"Namespace", metric.namespace_name},
                                            {"MetricName", metric.metric_name},
                                            {"Dimensions", DimensionsDocument(metric.dimensions)}});
  }
  common::PageMembers members{"NextToken", "", "NextToken", "", kListMetricsPageSize};
  std::optional<Json> page = common::Paginate(std::move(items), input, "Metrics", members);
  if (!page) throw AwsError("InvalidParameterValue", "The value for parameter NextToken is invalid.");
  return *page;
}

Json GetMetricStatistics(Call& call, const Json& input) {
  MetricKey metric = MetricOf(input);
  std::vector<Statistic> statistics = ParseStatistics(input, "Statistics", false);
  std::vector<Statistic> extended = ParseStatistics(input, "ExtendedStatistics", true);
  if (statistics.empty() && extended.empty()) {
    throw AwsError("InvalidParameterCombination", "Must specify either Statistics or ExtendedStatistics.");
  }
  if (!statistics.empty() && !extended.empty()) {
    throw AwsError("InvalidParameterCombination",
                   "The parameters Statistics and ExtendedStatistics are mutually exclusive and you have specified both.");
  }
  int64_t period = input.at("Period");
  if (!IsValidPeriod(period)) throw AwsError("InvalidParameterValue", "The parameter Period must be a multiple of 60.");
  int64_t now_ms = Millis(call.now());
  int64_t start_ms = RoundStart(MillisOf(input.at("StartTime")), now_ms);
  int64_t end_ms = MillisOf(input.at("EndTime"));
  if (start_ms >= end_ms) {
    throw AwsError("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.");
  }
  int64_t requested = (end_ms - start_ms + period * 1000 - 1) / (period * 1000);
  if (requested > kMaxDatapointsPerStatistics) {
    throw AwsError("InvalidParameterCombination",
                   "You have requested up to " + std::to_string(requested) + " datapoints, which exceeds the limit of " +
                       std::to_string(kMaxDatapointsPerStatistics) +
                       ". You may reduce the datapoints requested by increasing Period, or decreasing the time range.");
  }
  std::optional<std::string> unit;
  if (input.contains("Unit")) unit = input["Unit"].get<std::string>();
  auto points = ReadDatapoints(call.db(), call.account_id(), call.region, metric, start_ms, end_ms);
  Json datapoints = Json::array();
  for (const Bucket& bucket : Buckets(points, start_ms, end_ms, period, now_ms, unit)) {
    datapoints.push_back(StatisticsDatapoint(bucket, statistics, extended));
  }
  return {{"Label", metric.metric_name}, {"Datapoints", std::move(datapoints)}};
}

// Deviation: results are never paged (no NextToken is issued); a request whose answer would exceed MaxDatapoints
// is rejected instead of truncated.
Json GetMetricData(Call& call, const Json& input) {
  if (input.contains("NextToken")) throw AwsError("InvalidNextToken", "The service cannot recognize the next token.");
  int64_t now_ms = Millis(call.now());
  int64_t start_input_ms = MillisOf(input.at("StartTime"));
  int64_t end_ms = MillisOf(input.at("EndTime"));
  if (start_input_ms >= end_ms) {
    throw AwsError("ValidationError", "The parameter StartTime must be less than the parameter EndTime.");
  }
  std::set<std::string> ids;
  std::vector<StatQuery> queries;
  const Json& list = input.at("MetricDataQueries");
  for (size_t i = 0; i < list.size(); ++i) queries.push_back(ParseQuery(list[i], i + 1, ids));
  bool is_descending = input.value("ScanBy", "TimestampDescending") == "TimestampDescending";
  int64_t start_ms = RoundStart(start_input_ms, now_ms);
  Json results = Json::array();
  size_t total = 0;
  for (const StatQuery& query : queries) {
    if (!query.return_data) continue;
    auto points = ReadDatapoints(call.db(), call.account_id(), call.region, query.metric, start_ms, end_ms);
    std::vector<Bucket> buckets = Buckets(points, start_ms, end_ms, query.period, now_ms, query.unit);
    if (is_descending) std::reverse(buckets.begin(), buckets.end());
    Json timestamps = Json::array();
    Json values = Json::array();
    for (const Bucket& bucket : buckets) {
      if (auto value = Evaluate(bucket.aggregate, query.statistic)) {
        timestamps.push_back(Seconds(bucket.start_ms));
        values.push_back(*value);
      }
    }
    total += values.size();
    results.push_back({{"Id", query.id}, {"Label", query.label}, {"Timestamps", std::move(timestamps)},
                       {"Values", std::move(values)}, {"StatusCode", "Complete"}});
  }
  if (auto max = input.find("MaxDatapoints"); max != input.end() && total > max->get<size_t>()) {
    throw AwsError("ValidationError", "trailbox does not page GetMetricData: the answer holds " + std::to_string(total) +
                                          " datapoints, more than MaxDatapoints.");
  }
  return {{"MetricDataResults", std::move(results)}, {"Messages", Json::array()}};
}

void AddMetricOperations(OperationTable& table) {
  table.Add("PutMetricData", PutMetricData);
  table.Add("ListMetrics", ListMetrics);
  table.Add("GetMetricStatistics", GetMetricStatistics);
  table.Add("GetMetricData", GetMetricData);
}

}  // namespace trailbox::cloudwatch
