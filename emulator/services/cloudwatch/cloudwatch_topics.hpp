// The registration function of each CloudWatch topic file; cloudwatch_service.cpp calls them all.
#pragma once
#include "core/operation_table.hpp"

namespace trailbox::cloudwatch {

/// metrics.cpp: PutMetricData, ListMetrics, GetMetricStatistics, GetMetricData.
void AddMetricOperations(OperationTable& table);

}  // namespace trailbox::cloudwatch
