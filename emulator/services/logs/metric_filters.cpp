// Metric filters: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter, and how ingestion
// applies them (metric_filters.hpp). Patterns compile with filter/ (shared/reference/filter-patterns.md); a pattern
// is stored byte for byte as given (Security Hub compares the text).
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html and neighbours.
#include "services/logs/metric_filters.hpp"

#include <cctype>
#include <map>
#include <set>

#include "core/aws_error.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_topics.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr size_t kMaxFiltersPerGroup = 100;
constexpr size_t kMaxRegexFiltersPerGroup = 5;
constexpr size_t kMaxDimensions = 3;
constexpr int64_t kMinuteMs = 60'000;

filter::ValueRef ValueOrThrow(std::string_view text, const filter::Pattern& pattern) {
  auto result = filter::CompileValueRef(text, pattern);
  if (auto* error = std::get_if<filter::SyntaxError>(&result)) ThrowInvalidParameter(error->message);
  return std::get<filter::ValueRef>(std::move(result));
}

bool SupportsDimensions(const filter::Pattern& pattern) {
  return pattern.family == filter::Family::kJson || pattern.family == filter::Family::kDelimited;
}

// Checks a MetricTransformation against its pattern with AWS's rules (spec §7) and compiles its values.
CompiledTransformation CompileTransformation(const Json& transformation, const filter::Pattern& pattern) {
  CompiledTransformation compiled;
  compiled.metric_name = transformation.at("metricName");
  compiled.metric_namespace = transformation.at("metricNamespace");
  compiled.value = ValueOrThrow(transformation.at("metricValue").get<std::string>(), pattern);
  if (auto value = transformation.find("defaultValue"); value != transformation.end()) {
    compiled.default_value = value->get<double>();
  }
  compiled.unit = transformation.value("unit", "None");
  const Json dimensions = transformation.value("dimensions", Json::object());
  if (!dimensions.empty()) {
    if (!SupportsDimensions(pattern)) ThrowInvalidParameter("The specified filter pattern does not support dimensions");
    if (compiled.default_value) {
      ThrowInvalidParameter(
          "Invalid metric transformation: dimensions and default value are mutually exclusive properties");
    }
    if (dimensions.size() > kMaxDimensions) {
      ThrowInvalidParameter("A metric transformation can have at most " + std::to_string(kMaxDimensions) +
                            " dimensions");
    }
  }
  for (const auto& [name, value] : dimensions.items()) {
    compiled.dimensions.emplace_back(name, ValueOrThrow(value.get<std::string>(), pattern));
  }
  return compiled;
}

// Counts filters of a group other than `except`: all of them, and those whose pattern holds a regex.
std::pair<size_t, size_t> OtherFilterCounts(store::Database& db, int64_t group_id, const std::string& except) {
  auto statement = db.Prepare(
      "SELECT count(*), coalesce(sum(has_regex), 0) FROM logs_metric_filters WHERE group_id = ?1 AND filter_name != ?2");
  statement.BindAll(group_id, except);
  statement.Step();
  return {static_cast<size_t>(statement.Int(0)), static_cast<size_t>(statement.Int(1))};
}

Json FilterDocument(const std::string& group_name, store::Statement& row) {
  return {{"filterName", row.Text(0)},
          {"filterPattern", row.Text(1)},
          {"metricTransformations", Json::parse(row.Text(2))},
          {"creationTime", row.Int(3)},
          {"logGroupName", group_name}};
}

using DimensionValues = std::vector<cloudwatch::Dimension>;

cloudwatch::Publication PublicationOf(const CompiledTransformation& transformation, const DimensionValues& dimensions,
                                      int64_t minute, const StatisticSet& accumulator) {
  cloudwatch::Publication publication;
  publication.metric = {transformation.metric_namespace, transformation.metric_name, dimensions};
  cloudwatch::Datapoint& point = publication.datapoint;
  point.timestamp = TimePoint(Duration(minute));
  point.unit = transformation.unit;
  point.sample_count = accumulator.count;
  point.sum = accumulator.sum;
  point.minimum = accumulator.minimum;
  point.maximum = accumulator.maximum;
  point.values.assign(accumulator.values.begin(), accumulator.values.end());
  return publication;
}

int64_t MinuteOf(int64_t timestamp) { return timestamp - (((timestamp % kMinuteMs) + kMinuteMs) % kMinuteMs); }

}  // namespace

filter::Pattern CompilePattern(std::string_view text, PatternUse use) {
  filter::CompileResult result = filter::Compile(text);
  if (auto* error = std::get_if<filter::SyntaxError>(&result)) {
    std::string message = error->message;
    if (message.empty() || !std::isupper(static_cast<unsigned char>(message[0]))) {
      message = (use == PatternUse::kMetricFilter ? "Invalid metric filter pattern: " : "Invalid filter pattern: ") +
                message;
    }
    ThrowInvalidParameter(message);
  }
  return std::get<filter::Pattern>(std::move(result));
}

CompiledMetricFilter CompileMetricFilter(std::string name, std::string_view pattern_text, const Json& transformation) {
  CompiledMetricFilter compiled;
  compiled.name = std::move(name);
  compiled.pattern = CompilePattern(pattern_text, PatternUse::kMetricFilter);
  compiled.transformation = CompileTransformation(transformation, compiled.pattern);
  return compiled;
}

std::vector<CompiledMetricFilter> LoadMetricFilters(store::Database& db, int64_t group_id) {
  auto statement = db.Prepare(
      "SELECT filter_name, filter_pattern, transformations FROM logs_metric_filters WHERE group_id = ?1 "
      "ORDER BY filter_name");
  statement.BindAll(group_id);
  std::vector<CompiledMetricFilter> filters;
  while (statement.Step()) {
    filters.push_back(CompileMetricFilter(statement.Text(0), statement.Text(1), Json::parse(statement.Text(2)).at(0)));
  }
  return filters;
}

void StatisticSet::Add(double value) {
  minimum = count == 0 ? value : std::min(minimum, value);
  maximum = count == 0 ? value : std::max(maximum, value);
  count += 1;
  sum += value;
  values[value] += 1;
}

DatapointBuilder::DatapointBuilder(const std::vector<CompiledMetricFilter>& filters)
    : filters_(filters), matched_(filters.size()) {}

// Open (spec §13.9, §13.10): a matched event whose metric value is missing or not a number publishes nothing; a
// dimension whose value the event lacks is left out of that datapoint's dimensions (CloudFormation: "This
// dimension will only be published for a metric if the value is found in the log event"); defaultValue is
// reported once per minute of the events in which the filter matched nothing (for ingestion: of the batch).
void DatapointBuilder::Add(int64_t timestamp, const filter::Event& event, std::vector<size_t>& matched) {
  matched.clear();
  int64_t minute = MinuteOf(timestamp);
  minutes_.insert(minutes_.end(), minute);
  for (size_t i = 0; i < filters_.size(); ++i) {
    const CompiledMetricFilter& compiled = filters_[i];
    filter::MatchResult match;
    if (compiled.pattern.family == filter::Family::kDelimited) {
      match = filter::Match(compiled.pattern, event);
    } else {
      match.matched = filter::Matches(compiled.pattern, event);
    }
    if (!match.matched) continue;
    matched.push_back(i);
    std::optional<double> value = filter::ExtractNumber(compiled.transformation.value, event, match);
    if (!value) continue;
    DimensionValues dimensions;
    for (const auto& [name, ref] : compiled.transformation.dimensions) {
      if (auto text = filter::ExtractText(ref, event, match)) dimensions.push_back({name, *text});
    }
    matched_[i][{cloudwatch::SortedDimensions(std::move(dimensions)), minute}].Add(*value);
  }
}

std::vector<cloudwatch::Publication> DatapointBuilder::Publications() const {
  std::vector<cloudwatch::Publication> publications;
  for (size_t i = 0; i < filters_.size(); ++i) {
    const CompiledTransformation& transformation = filters_[i].transformation;
    std::set<int64_t> matched_minutes;
    for (const auto& [key, accumulator] : matched_[i]) {
      publications.push_back(PublicationOf(transformation, key.first, key.second, accumulator));
      matched_minutes.insert(key.second);
    }
    if (!transformation.default_value) continue;
    for (int64_t minute : minutes_) {
      if (matched_minutes.contains(minute)) continue;
      StatisticSet accumulator;
      accumulator.Add(*transformation.default_value);
      publications.push_back(PublicationOf(transformation, {}, minute, accumulator));
    }
  }
  return publications;
}

std::vector<cloudwatch::Publication> ApplyMetricFilters(const std::vector<CompiledMetricFilter>& filters,
                                                        const std::vector<FilterInput>& events) {
  if (filters.empty()) return {};
  DatapointBuilder builder(filters);
  std::vector<size_t> matched;
  filter::Event event;
  for (const FilterInput& input : events) {
    event.Reset(input.message);
    builder.Add(input.timestamp, event, matched);
  }
  return builder.Publications();
}

Json PutMetricFilter(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  std::string name = input.at("filterName");
  std::string pattern_text = input.at("filterPattern");
  const Json& transformations = input.at("metricTransformations");
  filter::Pattern pattern = CompileMetricFilter(name, pattern_text, transformations.at(0)).pattern;
  auto [others, others_with_regex] = OtherFilterCounts(db, group.group_id, name);
  if (others >= kMaxFiltersPerGroup) {
    throw AwsError("LimitExceededException", "Resource limit exceeded: a log group can have at most " +
                                                 std::to_string(kMaxFiltersPerGroup) + " metric filters.");
  }
  bool has_regex = !pattern.regexes.empty();
  if (has_regex && others_with_regex >= kMaxRegexFiltersPerGroup) {
    throw AwsError("LimitExceededException", "Resource limit exceeded: a log group can have at most " +
                                                 std::to_string(kMaxRegexFiltersPerGroup) +
                                                 " filter patterns that contain regular expressions.");
  }
  db.Prepare(
        "INSERT INTO logs_metric_filters (group_id, filter_name, filter_pattern, transformations, creation_time, "
        "has_regex) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (group_id, filter_name) DO UPDATE SET "
        "filter_pattern = ?3, transformations = ?4, has_regex = ?6")
      .BindAll(group.group_id, name, pattern_text, transformations.dump(), NowMillis(call), has_regex)
      .Run();
  return Json::object();
}

Json DescribeMetricFilters(Call& call, const Json& input) {
  store::Database& db = call.db();
  if (input.contains("metricName") != input.contains("metricNamespace")) {
    ThrowInvalidParameter("metricName and metricNamespace must be specified together.");
  }
  std::optional<GroupRow> only_group;
  if (input.contains("logGroupName")) only_group = RequireGroup(call, input);
  // filterNamePrefix applies only together with logGroupName (the API reference).
  std::string prefix = only_group ? input.value("filterNamePrefix", "") : "";
  auto statement = db.Prepare(
      "SELECT f.filter_name, f.filter_pattern, f.transformations, f.creation_time, g.name FROM logs_metric_filters f "
      "JOIN logs_groups g ON g.group_id = f.group_id WHERE g.account_id = ?1 AND g.region = ?2 "
      "AND (?3 IS NULL OR g.group_id = ?3) AND substr(f.filter_name, 1, length(?4)) = ?4");
  statement.BindAll(call.account_id(), call.region);
  if (only_group) {
    statement.Bind(3, only_group->group_id);
  } else {
    statement.BindNull(3);
  }
  statement.Bind(4, prefix);
  std::vector<common::KeyedItem> items;
  while (statement.Step()) {
    std::string group_name = statement.Text(4);
    Json document = FilterDocument(group_name, statement);
    if (input.contains("metricName")) {
      const Json& transformation = document["metricTransformations"][0];
      if (transformation["metricName"] != input["metricName"] ||
          transformation["metricNamespace"] != input["metricNamespace"]) {
        continue;
      }
    }
    items.emplace_back(group_name + '\0' + document["filterName"].get<std::string>(), std::move(document));
  }
  return DescribePage(std::move(items), input, "metricFilters");
}

Json DeleteMetricFilter(Call& call, const Json& input) {
  store::Database& db = call.db();
  GroupRow group = RequireGroup(call, input);
  db.Prepare("DELETE FROM logs_metric_filters WHERE group_id = ?1 AND filter_name = ?2")
      .BindAll(group.group_id, input.at("filterName").get<std::string>())
      .Run();
  if (db.changes() == 0) throw AwsError("ResourceNotFoundException", "The specified metric filter does not exist.");
  return Json::object();
}

Json TestMetricFilter(Call&, const Json& input) {
  filter::Pattern pattern = CompilePattern(input.at("filterPattern").get<std::string>(), PatternUse::kSearch);
  std::vector<std::string> messages = input.at("logEventMessages").get<std::vector<std::string>>();
  Json matches = Json::array();
  for (const filter::MatchRecord& record : filter::TestMessages(pattern, messages)) {
    Json extracted = Json::object();
    for (const filter::ExtractedValue& value : record.extracted_values) extracted[value.key] = value.value;
    matches.push_back({{"eventNumber", record.event_number},
                       {"eventMessage", record.event_message},
                       {"extractedValues", std::move(extracted)}});
  }
  return {{"matches", std::move(matches)}};
}

void AddMetricFilterOperations(OperationTable& table) {
  table.Add("PutMetricFilter", PutMetricFilter);
  table.Add("DescribeMetricFilters", DescribeMetricFilters);
  table.Add("DeleteMetricFilter", DeleteMetricFilter);
  table.Add("TestMetricFilter", TestMetricFilter);
}

}  // namespace trailbox::logs
