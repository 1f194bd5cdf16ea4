// Trail lookup by name or ARN, the home-region rule, and the Trail document.
// Open: InvalidHomeRegionException's message is not documented; ours names both regions.
#include "services/cloudtrail/trail_common.hpp"

#include "core/aws_error.hpp"

namespace trailbox::cloudtrail {

trail::TrailRow RequireTrail(Call& call, const std::string& name_or_arn) {
  std::optional<trail::TrailRow> found;
  if (name_or_arn.rfind("arn:", 0) == 0) {
    found = trail::FindTrailByArn(call.db(), name_or_arn);
    if (found && found->account_id != call.account_id()) found.reset();
  } else {
    for (trail::TrailRow& candidate : trail::TrailsVisibleIn(call.db(), call.account_id(), call.region, true)) {
      if (candidate.name != name_or_arn) continue;
      // The trail homed in this region wins over a shadow of the same name.
      if (!found || candidate.home_region == call.region) found = std::move(candidate);
    }
  }
  if (!found) {
    throw AwsError("TrailNotFoundException", "Unknown trail: " + name_or_arn + " for the user: " + call.account_id());
  }
  return *found;
}

trail::TrailRow RequireHomeTrail(Call& call, const std::string& name_or_arn) {
  trail::TrailRow trail = RequireTrail(call, name_or_arn);
  if (trail.home_region != call.region) {
    throw AwsError("InvalidHomeRegionException", "This operation must be called from the trail's home region (" +
                                                     trail.home_region + "), not " + call.region + ".");
  }
  return trail;
}

Json TrailDocument(const trail::TrailRow& trail) {
  const Json& config = trail.config;
  Json document = {{"Name", trail.name}, {"S3BucketName", config.value("S3BucketName", "")}};
  for (const char* member : {"S3KeyPrefix", "SnsTopicName", "SnsTopicARN"}) {
    if (config.contains(member)) document[member] = config[member];
  }
  document["IncludeGlobalServiceEvents"] = config.value("IncludeGlobalServiceEvents", true);
  document["IsMultiRegionTrail"] = config.value("IsMultiRegionTrail", false);
  document["HomeRegion"] = trail.home_region;
  document["TrailARN"] = trail.arn;
  document["LogFileValidationEnabled"] = config.value("LogFileValidationEnabled", false);
  for (const char* member : {"CloudWatchLogsLogGroupArn", "CloudWatchLogsRoleArn"}) {
    if (config.contains(member)) document[member] = config[member];
  }
  document["HasCustomEventSelectors"] = trail.has_custom_selectors;
  document["HasInsightSelectors"] = trail.insight_selectors.is_array() && !trail.insight_selectors.empty();
  document["IsOrganizationTrail"] = false;
  return document;
}

}  // namespace trailbox::cloudtrail
