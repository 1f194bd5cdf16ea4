// The IAM service: its operation table, built from the topic files (users, access keys, roles, inline policies,
// managed policies and their versions, attachments).
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::iam {

/// Registers every IAM operation trailbox implements.
void AddIamOperations(OperationTable& table);

}  // namespace trailbox::iam
