// CloudWatch Logs' operation table (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/).
#include "services/logs/logs_service.hpp"

#include "services/logs/logs_topics.hpp"

namespace trailbox::logs {

void AddLogsOperations(OperationTable& table) {
  AddLogGroupOperations(table);
  AddLogStreamOperations(table);
  AddLogEventOperations(table);
  AddRetentionOperations(table);
  AddTagOperations(table);
  AddMetricFilterOperations(table);
}

}  // namespace trailbox::logs
