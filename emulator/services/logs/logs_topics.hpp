// The registration function of each CloudWatch Logs topic file; logs_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::logs {

/// log_groups.cpp: CreateLogGroup, DeleteLogGroup, DescribeLogGroups.
void AddLogGroupOperations(OperationTable& table);
/// log_streams.cpp: CreateLogStream, DeleteLogStream, DescribeLogStreams.
void AddLogStreamOperations(OperationTable& table);
/// log_events.cpp: PutLogEvents, GetLogEvents, FilterLogEvents.
void AddLogEventOperations(OperationTable& table);
/// retention.cpp: PutRetentionPolicy, DeleteRetentionPolicy.
void AddRetentionOperations(OperationTable& table);
/// tags.cpp: TagResource, UntagResource, ListTagsForResource and the legacy TagLogGroup, UntagLogGroup,
/// ListTagsLogGroup.
void AddTagOperations(OperationTable& table);
/// metric_filters.cpp: PutMetricFilter, DescribeMetricFilters, DeleteMetricFilter, TestMetricFilter.
void AddMetricFilterOperations(OperationTable& table);

}  // namespace trailbox::logs
