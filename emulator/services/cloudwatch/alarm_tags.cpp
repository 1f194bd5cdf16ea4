// Tags on CloudWatch alarms: TagResource, UntagResource, ListTagsForResource
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_TagResource.html). Only alarm ARNs
// (arn:aws:cloudwatch:<region>:<account>:alarm:<name>) name a taggable resource here; contributor insight rules
// do not exist in trailbox.
#include <algorithm>

#include "core/aws_error.hpp"
#include "services/cloudwatch/alarm_store.hpp"
#include "services/cloudwatch/cloudwatch_topics.hpp"

namespace trailbox::cloudwatch {
namespace {

StoredAlarm AlarmOfArn(Call& call, const std::string& arn) {
  std::string prefix = "arn:aws:cloudwatch:" + call.region + ":" + call.account_id() + ":alarm:";
  if (!arn.starts_with("arn:aws:cloudwatch:")) {
    throw AwsError("InvalidParameterValue", "The value " + arn + " for parameter ResourceARN is invalid.");
  }
  std::optional<StoredAlarm> alarm;
  if (arn.starts_with(prefix)) alarm = FindAlarm(call.db(), call.account_id(), call.region, arn.substr(prefix.size()));
  if (!alarm) {
    AwsError error("ResourceNotFoundException", "The named resource does not exist.");
    error.extra() = {{"ResourceType", "alarm"}, {"ResourceId", arn}};
    throw error;
  }
  return std::move(*alarm);
}

}  // namespace

Json TagResource(Call& call, const Json& input) {
  StoredAlarm alarm = AlarmOfArn(call, input.at("ResourceARN"));
  for (const Json& tag : input.at("Tags")) {
    Json& tags = alarm.tags;
    auto same_key = [&](const Json& existing) { return existing.at("Key") == tag.at("Key"); };
    auto found = std::find_if(tags.begin(), tags.end(), same_key);
    if (found != tags.end()) {
      (*found)["Value"] = tag.at("Value");
    } else {
      tags.push_back({{"Key", tag.at("Key")}, {"Value", tag.at("Value")}});
    }
  }
  SaveAlarm(call.db(), alarm);
  return Json::object();
}

Json UntagResource(Call& call, const Json& input) {
  StoredAlarm alarm = AlarmOfArn(call, input.at("ResourceARN"));
  const Json& keys = input.at("TagKeys");
  Json kept = Json::array();
  for (const Json& tag : alarm.tags) {
    if (std::find(keys.begin(), keys.end(), tag.at("Key")) == keys.end()) kept.push_back(tag);
  }
  alarm.tags = std::move(kept);
  SaveAlarm(call.db(), alarm);
  return Json::object();
}

Json ListTagsForResource(Call& call, const Json& input) {
  return {{"Tags", AlarmOfArn(call, input.at("ResourceARN")).tags}};
}

void AddAlarmTagOperations(OperationTable& table) {
  table.Add("TagResource", TagResource);
  table.Add("UntagResource", UntagResource);
  table.Add("ListTagsForResource", ListTagsForResource);
}

}  // namespace trailbox::cloudwatch
