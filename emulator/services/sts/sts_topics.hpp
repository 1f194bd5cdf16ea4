// The registration function of each STS topic file; sts_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::sts {

/// caller_identity.cpp: GetCallerIdentity.
void AddCallerIdentityOperations(OperationTable& table);
/// assume_role.cpp: AssumeRole.
void AddAssumeRoleOperations(OperationTable& table);
/// session_token.cpp: GetSessionToken.
void AddSessionTokenOperations(OperationTable& table);

}  // namespace trailbox::sts
