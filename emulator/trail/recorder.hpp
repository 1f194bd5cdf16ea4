// The event recorder: every API call that reaches its operation becomes one CloudTrail record, success or error
// (shared/DESIGN.md "Event recording and trails"; record format: cloudtrail-fidelity.md §(a)).
#pragma once
#include <string>

#include "core/aws_error.hpp"
#include "core/call.hpp"
#include "core/json.hpp"
#include "protocol/model.hpp"

namespace trailbox::trail {

/// The eventVersion of API-call records.
/// Open: AWS writes 1.08 to 1.11 side by side; 1.08 carries every field trailbox emits (cloudtrail-fidelity.md).
inline constexpr const char* kEventVersion = "1.08";

/// The record of one call: `input` as parsed (empty when parsing failed), `output` on success, `error` on failure.
Json BuildRecord(const Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                 const Json* output, const AwsError* error);

/// Builds the call's record and stores it (management events go into the event history) in the open transaction:
/// the dispatcher calls it inside a successful call's transaction, and after a failed call's rollback in one of its
/// own.
void RecordCall(Call& call, const protocol::ServiceModel& model, const Json& operation, const Json& input,
                const Json* output, const AwsError* error);

/// Stores a record given whole (admin injection of events no API call makes here, such as ConsoleLogin): fills a
/// missing eventID, eventTime (`now`), requestID (API calls), eventVersion, eventType, recipientAccountId and
/// awsRegion. Returns the completed record. Throws std::invalid_argument when `record` is not an object with
/// eventName and eventSource strings.
Json InjectRecord(store::Database& db, Json record, double now);

}  // namespace trailbox::trail
