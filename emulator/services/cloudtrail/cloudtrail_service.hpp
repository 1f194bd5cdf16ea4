// The CloudTrail service: its operation table (LookupEvents for now; trails arrive with their own topic files).
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::cloudtrail {

/// Registers every CloudTrail operation trailbox implements.
void AddCloudTrailOperations(OperationTable& table);

}  // namespace trailbox::cloudtrail
