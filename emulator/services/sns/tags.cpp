// Topic tags: TagResource, UntagResource, ListTagsForResource
// (https://docs.aws.amazon.com/sns/latest/api/API_TagResource.html; 50 tags per topic).
#include "core/aws_error.hpp"
#include "services/sns/sns_common.hpp"
#include "services/sns/sns_topics.hpp"

namespace trailbox::sns {
namespace {

constexpr size_t kMaxTags = 50;

// The caller's topic named by ResourceArn: ResourceNotFound when it does not exist; only the owner account tags.
TopicRow TaggedTopic(Call& call, const Json& input, std::string_view action) {
  std::string arn = input.at("ResourceArn");
  std::optional<TopicRow> topic = IsTopicArnShape(arn) ? FindTopic(call.db(), arn) : std::nullopt;
  if (!topic) throw AwsError("ResourceNotFound", "Resource does not exist");
  if (topic->account_id != call.account_id()) throw AuthorizationError(call.identity.arn, action, arn);
  return *topic;
}

Json TagResource(Call& call, const Json& input) {
  TopicRow topic = TaggedTopic(call, input, "SNS:TagResource");
  topic.tags = WithTags(topic.tags, input.at("Tags"));
  SaveTopic(call.db(), topic);
  return Json::object();
}

Json UntagResource(Call& call, const Json& input) {
  TopicRow topic = TaggedTopic(call, input, "SNS:UntagResource");
  for (const Json& key : input.at("TagKeys")) topic.tags.erase(key.get<std::string>());
  SaveTopic(call.db(), topic);
  return Json::object();
}

Json ListTagsForResource(Call& call, const Json& input) {
  TopicRow topic = TaggedTopic(call, input, "SNS:ListTagsForResource");
  Json tags = Json::array();
  for (const auto& [key, value] : topic.tags.items()) tags.push_back({{"Key", key}, {"Value", value}});
  return {{"Tags", tags}};
}

}  // namespace

Json WithTags(Json tags, const Json& tag_list) {
  for (const Json& tag : tag_list) tags[tag.at("Key").get<std::string>()] = tag.value("Value", "");
  if (tags.size() > kMaxTags) {
    throw AwsError("TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded");
  }
  return tags;
}

void AddTagOperations(OperationTable& table) {
  table.Add("TagResource", TagResource);
  table.Add("UntagResource", UntagResource);
  table.Add("ListTagsForResource", ListTagsForResource);
}

}  // namespace trailbox::sns
