// The registration function of each CloudTrail topic file; cloudtrail_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::cloudtrail {

/// lookup_events.cpp: LookupEvents.
void AddLookupEventsOperations(OperationTable& table);

}  // namespace trailbox::cloudtrail
