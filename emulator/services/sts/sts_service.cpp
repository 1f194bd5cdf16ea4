// STS's operation table (https://docs.aws.amazon.com/STS/latest/APIReference/). Temporary credentials are stored
// by IAM (services/iam/credentials.hpp), which resolves them on every later request.
#include "services/sts/sts_service.hpp"

#include "services/sts/sts_topics.hpp"

namespace trailbox::sts {

void AddStsOperations(OperationTable& table) {
  AddCallerIdentityOperations(table);
  AddAssumeRoleOperations(table);
  AddSessionTokenOperations(table);
}

}  // namespace trailbox::sts
