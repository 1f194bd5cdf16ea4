// GetCallerIdentity (https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html): the
// caller as the dispatcher resolved it from the access key. UserId is the account id for root, the user's id
// (AIDA...) for a user, and "<role id>:<session name>" for a role session, whose Arn is
// arn:aws:sts::<account>:assumed-role/<role name>/<session name>.
#include "services/sts/sts_topics.hpp"

namespace trailbox::sts {

Json GetCallerIdentity(Call& call, const Json&) {
  const Identity& identity = call.identity;
  return {{"UserId", identity.principal_id}, {"Account", identity.account_id}, {"Arn", identity.arn}};
}

void AddCallerIdentityOperations(OperationTable& table) {
  table.Add("GetCallerIdentity", GetCallerIdentity);
}

}  // namespace trailbox::sts
