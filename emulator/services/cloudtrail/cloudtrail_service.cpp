// CloudTrail's operation table (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/).
#include "services/cloudtrail/cloudtrail_service.hpp"

#include "services/cloudtrail/cloudtrail_topics.hpp"

namespace trailbox::cloudtrail {

void AddCloudTrailOperations(OperationTable& table) {
  AddLookupEventsOperations(table);
}

}  // namespace trailbox::cloudtrail
