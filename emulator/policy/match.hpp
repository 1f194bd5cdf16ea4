// Matching the way IAM policies compare values: '*' and '?' wildcards (Action, Resource, StringLike), ARNs
// component by component (ArnLike), and the small text helpers policy code shares.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::policy {

/// '*' matches any run of characters, '?' exactly one; `ignore_case` for actions and *IgnoreCase operators.
bool WildcardMatch(std::string_view pattern, std::string_view text, bool ignore_case);
/// ArnLike: the six colon-separated components are matched separately, each with wildcards.
bool ArnMatch(std::string_view pattern, std::string_view arn);
/// Splits at every `separator`; always at least one part.
std::vector<std::string> SplitOn(std::string_view text, char separator);
/// ASCII lower case.
std::string Lower(std::string_view text);

}  // namespace trailbox::policy
