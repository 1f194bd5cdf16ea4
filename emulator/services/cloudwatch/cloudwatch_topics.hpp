// The registration function of each CloudWatch topic file; cloudwatch_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::cloudwatch {

/// metrics.cpp: PutMetricData, ListMetrics, GetMetricStatistics, GetMetricData.
void AddMetricOperations(OperationTable& table);

/// alarms.cpp: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms, SetAlarmState,
/// EnableAlarmActions, DisableAlarmActions.
void AddAlarmOperations(OperationTable& table);

/// alarm_history.cpp: DescribeAlarmHistory.
void AddAlarmHistoryOperations(OperationTable& table);

/// alarm_tags.cpp: TagResource, UntagResource, ListTagsForResource (alarm ARNs).
void AddAlarmTagOperations(OperationTable& table);

}  // namespace trailbox::cloudwatch
