// DescribeAlarmHistory (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_DescribeAlarmHistory.html):
// the ConfigurationUpdate, StateUpdate and Action items of one alarm or of all, deleted alarms included, within
// [StartDate, EndDate], newest first unless ScanBy is TimestampAscending. Only metric alarms exist, so AlarmTypes
// without MetricAlarm selects nothing.
#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>

#include "core/aws_error.hpp"
#include "services/cloudwatch/alarm_store.hpp"
#include "services/cloudwatch/cloudwatch_topics.hpp"
#include "services/common/pagination.hpp"

namespace trailbox::cloudwatch {
namespace {

constexpr size_t kHistoryPageSize = 100;

int64_t MillisOf(const Json& seconds) { return static_cast<int64_t>(std::llround(seconds.get<double>() * 1000)); }

// A key that orders items by time (then insertion) in the direction asked.
std::string OrderKey(const HistoryItem& item, bool is_descending) {
  int64_t time = is_descending ? INT64_MAX - item.timestamp_ms : item.timestamp_ms;
  int64_t id = is_descending ? INT64_MAX - item.id : item.id;
  char key[48];
  std::snprintf(key, sizeof key, "%020lld.%020lld", static_cast<long long>(time), static_cast<long long>(id));
  return key;
}

}  // namespace

Json DescribeAlarmHistory(Call& call, const Json& input) {
  Json types = input.value("AlarmTypes", Json::array({"MetricAlarm"}));
  bool wants_metric = std::find(types.begin(), types.end(), "MetricAlarm") != types.end();
  std::optional<std::string> alarm_name;
  if (input.contains("AlarmName")) alarm_name = input["AlarmName"].get<std::string>();
  std::optional<int64_t> start_ms;
  std::optional<int64_t> end_ms;
  if (input.contains("StartDate")) start_ms = MillisOf(input["StartDate"]);
  if (input.contains("EndDate")) end_ms = MillisOf(input["EndDate"]);
  bool is_descending = input.value("ScanBy", "TimestampDescending") == "TimestampDescending";
  std::vector<common::KeyedItem> items;
  for (const HistoryItem& item : ReadHistory(call.db(), call.account_id(), call.region, alarm_name)) {
    if (!wants_metric) break;
    if (input.contains("HistoryItemType") && input["HistoryItemType"] != item.type) continue;
    if ((start_ms && item.timestamp_ms < *start_ms) || (end_ms && item.timestamp_ms > *end_ms)) continue;
    items.emplace_back(OrderKey(item, is_descending),
                       Json{{"AlarmName", item.alarm_name},
                            {"AlarmType", "MetricAlarm"},
                            {"Timestamp", static_cast<double>(item.timestamp_ms) / 1000},
                            {"HistoryItemType", item.type},
                            {"HistorySummary", item.summary},
                            {"HistoryData", item.data}});
  }
  common::PageMembers members{"NextToken", "MaxRecords", "NextToken", "", kHistoryPageSize};
  std::optional<Json> page = common::Paginate(std::move(items), input, "AlarmHistoryItems", members);
  if (!page) throw AwsError("InvalidNextToken", "The service cannot recognize the next token.");
  return *page;
}

void AddAlarmHistoryOperations(OperationTable& table) { table.Add("DescribeAlarmHistory", DescribeAlarmHistory); }

}  // namespace trailbox::cloudwatch
