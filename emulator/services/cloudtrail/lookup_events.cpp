// LookupEvents (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html): the event
// history of the called region, newest first, at most one lookup attribute, StartTime/EndTime inclusive within the
// last 90 days, MaxResults 1-50 (the model's range; 51 is answered by model validation), NextToken.
// Open: AWS documents the exception names but not their messages; the messages below are ours.
// Open: one report (github.com/zb-ss/servonaut/pull/103) says AWS quietly uses only the first of several lookup
// attributes; the API reference says the list holds one item, and trailbox rejects more, as the issue asks.
#include <cmath>

#include "core/aws_error.hpp"
#include "services/cloudtrail/cloudtrail_topics.hpp"
#include "trail/event_history.hpp"

namespace trailbox::cloudtrail {
namespace {

constexpr size_t kDefaultMaxResults = 50;

trail::LookupKey ParseLookupKey(const std::string& key) {
  static const std::pair<const char*, trail::LookupKey> kKeys[] = {
      {"EventId", trail::LookupKey::kEventId},           {"EventName", trail::LookupKey::kEventName},
      {"ReadOnly", trail::LookupKey::kReadOnly},         {"Username", trail::LookupKey::kUsername},
      {"ResourceType", trail::LookupKey::kResourceType}, {"ResourceName", trail::LookupKey::kResourceName},
      {"EventSource", trail::LookupKey::kEventSource},   {"AccessKeyId", trail::LookupKey::kAccessKeyId}};
  for (const auto& [name, value] : kKeys) {
    if (key == name) return value;
  }
  throw AwsError("InvalidLookupAttributesException", "Unsupported lookup attribute key: " + key);
}

std::optional<std::pair<trail::LookupKey, std::string>> LookupAttribute(const Json& input) {
  auto attributes = input.find("LookupAttributes");
  if (attributes == input.end() || attributes->empty()) return std::nullopt;
  if (attributes->size() > 1) {
    throw AwsError("InvalidLookupAttributesException", "You can specify only one lookup attribute.");
  }
  const Json& attribute = attributes->front();
  trail::LookupKey key = ParseLookupKey(attribute.at("AttributeKey"));
  std::string value = attribute.at("AttributeValue");
  if (key == trail::LookupKey::kReadOnly && value != "true" && value != "false") {
    throw AwsError("InvalidLookupAttributesException",
                   "The value of the ReadOnly lookup attribute must be true or false.");
  }
  return std::make_pair(key, value);
}

}  // namespace

Json LookupEvents(Call& call, const Json& input) {
  if (input.value("EventCategory", "") == "insight") return {{"Events", Json::array()}};
  double now = ToEpochSeconds(call.now());
  double oldest = now - trail::kHistoryRetentionSeconds;
  trail::LookupQuery query;
  query.account_id = call.account_id();
  query.region = call.region;
  query.attribute = LookupAttribute(input);
  query.start_time = input.value("StartTime", oldest);
  query.end_time = input.value("EndTime", now);
  if (query.start_time > query.end_time) {
    throw AwsError("InvalidTimeRangeException", "Start time must be before end time.");
  }
  query.start_time = std::max(query.start_time, oldest);
  query.limit = input.value("MaxResults", kDefaultMaxResults);
  if (auto token = input.find("NextToken"); token != input.end()) query.next_token = token->get<std::string>();
  std::optional<trail::LookupPage> page = trail::LookupHistory(call.db(), query);
  if (!page) throw AwsError("InvalidNextTokenException", "Invalid NextToken.");
  Json output = {{"Events", page->events}};
  if (page->next_token) output["NextToken"] = *page->next_token;
  return output;
}

void AddLookupEventsOperations(OperationTable& table) { table.Add("LookupEvents", LookupEvents); }

}  // namespace trailbox::cloudtrail
