// The checks of a scenario's `expect:` steps (scenarios/README.md): alarm, email, metric, trail_records, log_events,
// call. Each reads the engine's state and answers pass or fail with a readable detail. Expectations observe: the
// operations they read through run without a CloudTrail record, in a transaction that is rolled back, so checking
// never changes what later steps see (no DescribeAlarms records in the trail's files, no state from a `call` check).
#pragma once
#include <string>

#include "core/identity.hpp"
#include "core/json.hpp"
#include "http/engine.hpp"
#include "scenario/loader.hpp"

namespace trailbox::scenario {

/// The outcome of one check.
struct CheckResult {
  std::string what;    // "alarm ec2-run-instances is ALARM"
  bool passed = false;
  std::string detail;  // why it failed (empty when it passed)
};

/// Runs `service`.`operation` as `caller` in `region` like Engine::Invoke, but without a CloudTrail record and
/// rolled back afterwards. Answers the output document; throws the AwsError the service answers.
Json Observe(http::Engine& engine, const std::string& service, const std::string& operation, const Json& input,
             const Identity& caller, const std::string& region);

/// Evaluates one check (its `${...}` already substituted) against the engine's state; reads run as the default
/// account's root in `region`, the `call` check's call as `caller`.
CheckResult EvaluateCheck(http::Engine& engine, const Check& check, const Identity& caller, const std::string& region);

/// The first difference of `actual` from `expected`, where `expected` is a subset of `actual` (objects: the
/// members given; lists: same length, item by item; numbers by value): "Trails[0].Name: expected 't', got 'u'".
/// Empty when `actual` contains `expected`.
std::string SubsetMismatch(const Json& expected, const Json& actual, const std::string& path = "");

}  // namespace trailbox::scenario
