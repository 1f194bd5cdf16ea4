// CloudTrail's operation table (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/).
#include "services/cloudtrail/cloudtrail_service.hpp"

#include "services/cloudtrail/cloudtrail_topics.hpp"
#include "services/cloudtrail/trail_topics.hpp"

namespace trailbox::cloudtrail {

void AddCloudTrailOperations(OperationTable& table) {
  AddLookupEventsOperations(table);
  AddTrailOperations(table);
  AddEventSelectorOperations(table);
  AddInsightSelectorOperations(table);
  AddTagOperations(table);
  AddPublicKeyOperations(table);
}

}  // namespace trailbox::cloudtrail
