// Subscription filter policies: validation of the FilterPolicy attribute and matching of a message's attributes
// (FilterPolicyScope MessageAttributes, the default) or its JSON body (MessageBody)
// (https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html). Pure.
// Supported conditions: exact strings and numbers, prefix, suffix, equals-ignore-case, anything-but (values or
// a prefix), numeric (=, <, <=, >, >= and ranges), exists. Others are rejected when the policy is set.
#pragma once
#include <optional>
#include <string>

#include "core/json.hpp"

namespace trailbox::sns {

/// The reason `text` is not a valid filter policy (AWS's InvalidParameter wording after "FilterPolicy: "), or
/// nullopt when valid.
std::optional<std::string> ValidateFilterPolicy(const std::string& text);

/// True when the message attributes (Publish's MessageAttributes: name -> {DataType, StringValue, BinaryValue})
/// satisfy `policy`.
bool MatchesAttributes(const Json& policy, const Json& message_attributes);
/// True when the message body, read as JSON, satisfies `policy` (false when the body is not JSON).
bool MatchesBody(const Json& policy, const std::string& message);

}  // namespace trailbox::sns
