// The registration function of each CloudTrail trail topic file; cloudtrail_service.cpp calls them.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::cloudtrail {

/// trails.cpp: CreateTrail, UpdateTrail, DeleteTrail, GetTrail, DescribeTrails, ListTrails, StartLogging,
/// StopLogging, GetTrailStatus.
void AddTrailOperations(OperationTable& table);
/// event_selectors.cpp: PutEventSelectors, GetEventSelectors.
void AddEventSelectorOperations(OperationTable& table);
/// insight_selectors.cpp: PutInsightSelectors, GetInsightSelectors.
void AddInsightSelectorOperations(OperationTable& table);
/// tags.cpp: AddTags, RemoveTags, ListTags.
void AddTagOperations(OperationTable& table);
/// public_keys.cpp: ListPublicKeys.
void AddPublicKeyOperations(OperationTable& table);

}  // namespace trailbox::cloudtrail
