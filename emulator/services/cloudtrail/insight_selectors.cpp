// PutInsightSelectors and GetInsightSelectors (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/
// API_PutInsightSelectors.html): the trail's Insights types are stored and answered.
// Deviation: trailbox does not generate Insights events; the selectors are kept so configuration round-trips.
// Open: InsightNotEnabledException's message is not documented.
#include "core/aws_error.hpp"
#include "services/cloudtrail/trail_common.hpp"
#include "services/cloudtrail/trail_topics.hpp"

namespace trailbox::cloudtrail {

Json PutInsightSelectors(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("TrailName"));
  trail.insight_selectors = input.value("InsightSelectors", Json::array());
  trail::SaveTrail(call.db(), trail);
  return {{"TrailARN", trail.arn}, {"InsightSelectors", trail.insight_selectors}};
}

Json GetInsightSelectors(Call& call, const Json& input) {
  trail::TrailRow trail = RequireTrail(call, input.at("TrailName"));
  if (!trail.insight_selectors.is_array() || trail.insight_selectors.empty()) {
    throw AwsError("InsightNotEnabledException", "Trail " + trail.name + " does not have Insights enabled.");
  }
  return {{"TrailARN", trail.arn}, {"InsightSelectors", trail.insight_selectors}};
}

void AddInsightSelectorOperations(OperationTable& table) {
  table.Add("PutInsightSelectors", PutInsightSelectors);
  table.Add("GetInsightSelectors", GetInsightSelectors);
}

}  // namespace trailbox::cloudtrail
