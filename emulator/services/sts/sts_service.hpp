// The STS service: its operation table (GetCallerIdentity, AssumeRole, GetSessionToken).
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::sts {

/// Registers every STS operation trailbox implements.
void AddStsOperations(OperationTable& table);

}  // namespace trailbox::sts
