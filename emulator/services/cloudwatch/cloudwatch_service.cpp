// CloudWatch's operation table (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/). Served over
// awsQuery, awsJson1_0 and smithy-rpc-v2-cbor from one model (tools/model_patches.json).
#include "services/cloudwatch/cloudwatch_service.hpp"

#include "services/cloudwatch/cloudwatch_topics.hpp"

namespace trailbox::cloudwatch {

void AddCloudWatchOperations(OperationTable& table) {
  AddMetricOperations(table);
  AddAlarmOperations(table);
  AddAlarmHistoryOperations(table);
  AddAlarmTagOperations(table);
}

}  // namespace trailbox::cloudwatch
