// Event selectors: which records a trail takes (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/
// API_PutEventSelectors.html, API_EventSelector.html, API_AdvancedEventSelector.html; cloudtrail-fidelity.md §(g)).
#pragma once
#include "core/json.hpp"

namespace trailbox::trail {

/// Most basic selectors per trail.
inline constexpr size_t kMaxEventSelectors = 5;
/// Most DataResources values across a trail's basic selectors.
inline constexpr size_t kMaxDataResources = 250;
/// Most advanced selectors per trail, and most values across all their conditions.
inline constexpr size_t kMaxAdvancedEventSelectors = 500;
inline constexpr size_t kMaxAdvancedConditionValues = 500;

/// PutEventSelectors' input checked as AWS does (InvalidEventSelectorsException,
/// InvalidParameterCombinationException) and completed with AWS's defaults: {"EventSelectors": [...]} or
/// {"AdvancedEventSelectors": [...]}, as GetEventSelectors answers them.
Json NormalizeSelectors(const Json& input);

/// Whether a trail with `selectors` (NormalizeSelectors' form) takes `record`, a management or a data event.
bool SelectsRecord(const Json& selectors, const Json& record);

}  // namespace trailbox::trail
