// PutEventSelectors and GetEventSelectors (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/
// API_PutEventSelectors.html, API_GetEventSelectors.html): a trail has basic or advanced selectors, never both;
// putting one kind replaces the other (validation and matching: trail/selectors.cpp).
#include "services/cloudtrail/trail_common.hpp"
#include "services/cloudtrail/trail_topics.hpp"
#include "trail/selectors.hpp"

namespace trailbox::cloudtrail {

Json PutEventSelectors(Call& call, const Json& input) {
  trail::TrailRow trail = RequireHomeTrail(call, input.at("TrailName"));
  trail.selectors = trail::NormalizeSelectors(input);
  trail.has_custom_selectors = true;
  trail::SaveTrail(call.db(), trail);
  Json output = {{"TrailARN", trail.arn}};
  for (auto& [member, value] : trail.selectors.items()) output[member] = value;
  return output;
}

Json GetEventSelectors(Call& call, const Json& input) {
  trail::TrailRow trail = RequireTrail(call, input.at("TrailName"));
  Json output = {{"TrailARN", trail.arn}};
  for (auto& [member, value] : trail.selectors.items()) output[member] = value;
  return output;
}

void AddEventSelectorOperations(OperationTable& table) {
  table.Add("PutEventSelectors", PutEventSelectors);
  table.Add("GetEventSelectors", GetEventSelectors);
}

}  // namespace trailbox::cloudtrail
