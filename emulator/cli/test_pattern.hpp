// `trailbox test-pattern PATTERN [FILE|-]`: a CloudWatch Logs filter pattern tried against log lines, as
// TestMetricFilter does
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_TestMetricFilter.html).
#pragma once
#include <string>
#include <vector>

namespace trailbox::cli {

/// Runs `trailbox test-pattern ARGS...`; returns the exit code (0 some line matched, 1 none did, 2 bad input).
int RunTestPattern(const std::vector<std::string>& args);

}  // namespace trailbox::cli
