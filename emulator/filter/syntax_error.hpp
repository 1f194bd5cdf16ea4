// The one error of the filter-pattern language: text AWS would reject (a filter pattern, or a metric value or
// dimension reference), with what is wrong and where. The Logs service answers it as InvalidParameterException
// (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutMetricFilter.html).
// Open (spec §13.1): AWS's wording is known for a few errors only ("If a filter pattern starts with '{' it must
// end with '}'", "Invalid character(s) in term '...'"); those messages start with it verbatim. The others are
// ours, naming the problem and column where AWS answers a bare "Invalid metric filter pattern" (PutMetricFilter)
// or "Invalid filter pattern" (FilterLogEvents, TestMetricFilter), which the service may put in front.
#pragma once
#include <cstddef>
#include <string>
#include <utility>

namespace trailbox::filter {

/// Why a text cannot be compiled: `message` is one sentence naming the problem, what was expected where that is
/// known, and the column; where AWS's own wording is known it comes first, verbatim.
struct SyntaxError {
  std::string message;
  /// 0-based byte offset of the problem in the text that was compiled.
  size_t position = 0;
};

/// The error for `position`: `what` followed by the 1-based column (in bytes) people count in.
inline SyntaxError MakeSyntaxError(size_t position, std::string what) {
  what += " (column " + std::to_string(position + 1) + ")";
  return SyntaxError{std::move(what), position};
}

}  // namespace trailbox::filter
