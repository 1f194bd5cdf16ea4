// requestParameters and responseElements: an API document (model member names) in CloudTrail's JSON form
// (cloudtrail-fidelity.md §(a) "requestParameters / responseElements conventions").
#pragma once
#include "core/json.hpp"
#include "protocol/model.hpp"

namespace trailbox::trail {

enum class Direction { kRequest, kResponse };

/// The CloudTrail form of `document`, a value of the structure `shape_name` in `model`:
///  - every service: member names with the first letter lower-cased; sensitive members hidden (requests:
///    "HIDDEN_DUE_TO_SECURITY_REASONS"; responses: left out), IAM/STS-style timestamps as Java medium dates.
///  - ec2: names from the XML wire form (locationName), lists as {"items": [...]} ({} when empty), query-style
///    list parameters as "<name>Set", timestamps as epoch milliseconds, sensitive values "<sensitiveDataRemoved>".
Json RecordElements(const protocol::ServiceModel& model, const std::string& shape_name, const Json& document,
                    Direction direction);

/// "Mar 24, 2014 9:11:59 PM": the Java medium date-time text IAM and STS records use (UTC).
std::string JavaMediumDate(double epoch_seconds);

}  // namespace trailbox::trail
