// AddTags, RemoveTags and ListTags on trails (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/
// API_AddTags.html and neighbours): at most 50 tags per trail; adding an existing key replaces its value.
// Open: the messages of ResourceNotFoundException, CloudTrailARNInvalidException and TagsLimitExceededException are
// not documented; ours name the resource and the limit.
#include <algorithm>

#include "core/aws_error.hpp"
#include "services/cloudtrail/trail_common.hpp"
#include "services/cloudtrail/trail_topics.hpp"

namespace trailbox::cloudtrail {
namespace {

constexpr size_t kMaxTagsPerTrail = 50;

trail::TrailRow RequireTaggedTrail(Call& call, const std::string& arn) {
  if (arn.rfind("arn:aws:cloudtrail:", 0) != 0 || arn.find(":trail/") == std::string::npos) {
    throw AwsError("CloudTrailARNInvalidException", "Invalid trail ARN: " + arn);
  }
  std::optional<trail::TrailRow> trail = trail::FindTrailByArn(call.db(), arn);
  if (!trail || trail->account_id != call.account_id()) {
    throw AwsError("ResourceNotFoundException", "Resource not found: " + arn);
  }
  return *trail;
}

Json::iterator FindTag(Json& tags, const Json& key) {
  return std::find_if(tags.begin(), tags.end(), [&](const Json& tag) { return tag.at("Key") == key; });
}

}  // namespace

Json AddTags(Call& call, const Json& input) {
  trail::TrailRow trail = RequireTaggedTrail(call, input.at("ResourceId"));
  for (const Json& tag : input.value("TagsList", Json::array())) {
    if (auto existing = FindTag(trail.tags, tag.at("Key")); existing != trail.tags.end()) {
      *existing = tag;
    } else {
      trail.tags.push_back(tag);
    }
  }
  if (trail.tags.size() > kMaxTagsPerTrail) {
    throw AwsError("TagsLimitExceededException", "The number of tags per trail has exceeded the permitted amount. "
                                                 "Currently, the limit is " + std::to_string(kMaxTagsPerTrail) + ".");
  }
  trail::SaveTrail(call.db(), trail);
  return Json::object();
}

Json RemoveTags(Call& call, const Json& input) {
  trail::TrailRow trail = RequireTaggedTrail(call, input.at("ResourceId"));
  for (const Json& tag : input.value("TagsList", Json::array())) {
    if (auto existing = FindTag(trail.tags, tag.at("Key")); existing != trail.tags.end()) trail.tags.erase(existing);
  }
  trail::SaveTrail(call.db(), trail);
  return Json::object();
}

Json ListTags(Call& call, const Json& input) {
  Json list = Json::array();
  for (const Json& arn : input.at("ResourceIdList")) {
    trail::TrailRow trail = RequireTaggedTrail(call, arn);
    list.push_back({{"ResourceId", trail.arn}, {"TagsList", trail.tags}});
  }
  return {{"ResourceTagList", list}};
}

void AddTagOperations(OperationTable& table) {
  table.Add("AddTags", AddTags);
  table.Add("RemoveTags", RemoveTags);
  table.Add("ListTags", ListTags);
}

}  // namespace trailbox::cloudtrail
