// Validation of an input document against the model's constraints before the handler runs: required members,
// enums, string/list/map lengths, numeric ranges and string patterns (shared/STYLE.md, rule 4).
#pragma once
#include <string>
#include <vector>

#include "core/aws_error.hpp"
#include "core/json.hpp"
#include "protocol/codec.hpp"
#include "protocol/model.hpp"

namespace trailbox::protocol {

struct Violation {
  /// The member path as AWS prints it: lowerCamelCase names joined by '.', list items as "member.N".
  std::string path;
  /// The offending value as AWS prints it ("null" for a missing member, else 'value').
  std::string value;
  /// "Member must not be null", "Member must have length less than or equal to 64", ...
  std::string constraint;
  /// The member name exactly as the model spells it (EC2's MissingParameter names it).
  std::string member;
  bool is_missing = false;
};

/// Every constraint the input breaks, in member order.
std::vector<Violation> ValidateInput(const ServiceModel& model, const Json& operation, const Json& input);

/// The error AWS answers for these violations in this service and protocol: "1 validation error detected: Value
/// null at 'roleName' failed to satisfy constraint: Member must not be null" as ValidationError (query),
/// ValidationException (JSON, CBOR), InvalidParameterException (CloudWatch Logs), MissingParameter /
/// InvalidParameterValue (EC2). `violations` must not be empty.
AwsError ValidationFailure(const ServiceModel& model, WireProtocol protocol, const std::vector<Violation>& violations);

}  // namespace trailbox::protocol
