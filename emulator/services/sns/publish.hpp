// Publish's input rules, shared by the Publish handler and PublishAsService
// (https://docs.aws.amazon.com/sns/latest/api/API_Publish.html).
#pragma once
#include <string>

#include "core/json.hpp"

namespace trailbox::sns {

/// The largest message SNS takes: 256 KiB, message attributes included.
inline constexpr size_t kMaxMessageBytes = 262144;

/// Throws InvalidParameter "Invalid parameter: Subject" unless `subject` follows AWS's rules: ASCII, at most 100
/// characters, beginning with a letter, digit or punctuation mark, no line breaks or control characters.
void ValidateSubject(const std::string& subject);
/// Throws InvalidParameter "Invalid parameter: Empty message" or "... Message too long" for `message` with
/// `attributes` (model MessageAttributeMap; ParameterValueInvalid for a bad data type or empty value).
void ValidateMessage(const std::string& message, const Json& attributes);
/// MessageStructure json: the per-protocol messages, with InvalidParameter when the body is not JSON or has no
/// "default" string.
Json PerProtocolMessages(const std::string& message);

}  // namespace trailbox::sns
