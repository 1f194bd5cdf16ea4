// The registration function of each IAM topic file; iam_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::iam {

/// users.cpp: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and user tags.
void AddUserOperations(OperationTable& table);
/// access_keys.cpp: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey.
void AddAccessKeyOperations(OperationTable& table);
/// roles.cpp: CreateRole, GetRole, ListRoles, UpdateRole, UpdateAssumeRolePolicy, DeleteRole and role tags.
void AddRoleOperations(OperationTable& table);
/// inline_policies.cpp: Put/Get/List/Delete for user and role inline policies.
void AddInlinePolicyOperations(OperationTable& table);
/// managed_policies.cpp: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy, ListEntitiesForPolicy.
void AddManagedPolicyOperations(OperationTable& table);
/// policy_versions.cpp: Create/Get/List/Delete policy versions and SetDefaultPolicyVersion.
void AddPolicyVersionOperations(OperationTable& table);
/// attached_policies.cpp: Attach/Detach/ListAttached for users and roles.
void AddAttachedPolicyOperations(OperationTable& table);

}  // namespace trailbox::iam
