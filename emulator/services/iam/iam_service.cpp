// IAM's operation table (https://docs.aws.amazon.com/IAM/latest/APIReference/), one topic file per group of
// operations. State is per account (the caller's); IAM is global, so the region plays no part.
#include "services/iam/iam_service.hpp"

#include "services/iam/iam_topics.hpp"

namespace trailbox::iam {

void AddIamOperations(OperationTable& table) {
  AddUserOperations(table);
  AddAccessKeyOperations(table);
  AddRoleOperations(table);
  AddInlinePolicyOperations(table);
  AddManagedPolicyOperations(table);
  AddPolicyVersionOperations(table);
  AddAttachedPolicyOperations(table);
}

}  // namespace trailbox::iam
