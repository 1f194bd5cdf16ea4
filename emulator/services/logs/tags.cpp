// Log group tags: TagResource, UntagResource, ListTagsForResource, and the legacy TagLogGroup, UntagLogGroup,
// ListTagsLogGroup (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TagResource.html).
// Deviation: only log groups are taggable here (trailbox has no Logs destinations); another ARN is rejected.
#include "services/logs/tags.hpp"

#include "core/aws_error.hpp"
#include "services/logs/logs_common.hpp"
#include "services/logs/logs_topics.hpp"
#include "store/database.hpp"

namespace trailbox::logs {
namespace {

constexpr int64_t kMaxTags = 50;

// The caller's group an ARN names: arn:aws:logs:REGION:ACCOUNT:log-group:NAME, with or without a trailing ":*".
GroupRow GroupOfArn(Call& call, const Json& input) {
  std::string arn = input.at("resourceArn");
  const std::string marker = ":log-group:";
  size_t at = arn.find(marker);
  if (!arn.starts_with("arn:aws:logs:") || at == std::string::npos) {
    ThrowInvalidParameter("trailbox can tag only log groups; " + arn + " is not a log group ARN.");
  }
  std::string name = arn.substr(at + marker.size());
  if (name.ends_with(":*")) name.resize(name.size() - 2);
  std::optional<GroupRow> group = FindGroup(call.db(), call.account_id(), call.region, name);
  if (!group || GroupArn(*group) != arn.substr(0, at + marker.size()) + name) {
    throw AwsError("ResourceNotFoundException", "The specified log group does not exist.");
  }
  return *group;
}

Json TagsOf(store::Database& db, int64_t group_id) {
  auto statement = db.Prepare("SELECT key, value FROM logs_group_tags WHERE group_id = ?1 ORDER BY key");
  statement.BindAll(group_id);
  Json tags = Json::object();
  while (statement.Step()) tags[statement.Text(0)] = statement.Text(1);
  return tags;
}

void RemoveTags(store::Database& db, int64_t group_id, const Json& keys) {
  for (const Json& key : keys) {
    db.Prepare("DELETE FROM logs_group_tags WHERE group_id = ?1 AND key = ?2")
        .BindAll(group_id, key.get<std::string>())
        .Run();
  }
}

}  // namespace

void PutGroupTags(store::Database& db, int64_t group_id, const Json& tags) {
  for (const auto& [key, value] : tags.items()) {
    db.Prepare(
          "INSERT INTO logs_group_tags (group_id, key, value) VALUES (?1, ?2, ?3) "
          "ON CONFLICT (group_id, key) DO UPDATE SET value = ?3")
        .BindAll(group_id, key, value.get<std::string>())
        .Run();
  }
  auto count = db.Prepare("SELECT count(*) FROM logs_group_tags WHERE group_id = ?1");
  count.BindAll(group_id);
  count.Step();
  if (count.Int(0) > kMaxTags) {
    throw AwsError("TooManyTagsException", "A resource can have no more than " + std::to_string(kMaxTags) + " tags.");
  }
}

void DeleteGroupTags(store::Database& db, int64_t group_id) {
  db.Prepare("DELETE FROM logs_group_tags WHERE group_id = ?1").BindAll(group_id).Run();
}

Json TagResource(Call& call, const Json& input) {
  PutGroupTags(call.db(), GroupOfArn(call, input).group_id, input.at("tags"));
  return Json::object();
}

Json UntagResource(Call& call, const Json& input) {
  RemoveTags(call.db(), GroupOfArn(call, input).group_id, input.at("tagKeys"));
  return Json::object();
}

Json ListTagsForResource(Call& call, const Json& input) {
  return {{"tags", TagsOf(call.db(), GroupOfArn(call, input).group_id)}};
}

Json TagLogGroup(Call& call, const Json& input) {
  PutGroupTags(call.db(), RequireGroup(call, input).group_id, input.at("tags"));
  return Json::object();
}

Json UntagLogGroup(Call& call, const Json& input) {
  RemoveTags(call.db(), RequireGroup(call, input).group_id, input.at("tags"));
  return Json::object();
}

Json ListTagsLogGroup(Call& call, const Json& input) {
  return {{"tags", TagsOf(call.db(), RequireGroup(call, input).group_id)}};
}

void AddTagOperations(OperationTable& table) {
  table.Add("TagResource", TagResource);
  table.Add("UntagResource", UntagResource);
  table.Add("ListTagsForResource", ListTagsForResource);
  table.Add("TagLogGroup", TagLogGroup);
  table.Add("UntagLogGroup", UntagLogGroup);
  table.Add("ListTagsLogGroup", ListTagsLogGroup);
}

}  // namespace trailbox::logs
