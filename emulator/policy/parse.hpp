// IAM policy documents in parsed form: the structure evaluation reads (Version, Id, statements with their
// principals, actions, resources and conditions). Follows the IAM JSON policy grammar:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
// Parsing is lenient (string or list wherever the grammar allows either); validate.hpp decides what IAM accepts.
#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace trailbox::policy {

/// A document Parse cannot read as a policy at all (not JSON, or a member of the wrong type).
class PolicyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A statement's Effect.
enum class Effect { kAllow, kDeny };

/// A Principal or NotPrincipal element: "*" or principal type ("AWS", "Service", "Federated", "CanonicalUser")
/// -> the values listed under it, as written.
struct Principals {
  bool is_wildcard = false;
  std::map<std::string, std::vector<std::string>> by_type;
};

/// How a condition treats a multivalued request key (ForAnyValue:, ForAllValues:, or neither).
enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

/// One condition key under one operator, e.g. "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*"]}.
struct Condition {
  std::string operator_name;  // as written
  std::string base_operator;  // without qualifier and IfExists: "StringLike"
  SetQualifier qualifier = SetQualifier::kNone;
  bool if_exists = false;
  std::string key;
  std::vector<std::string> values;  // numbers and booleans as their JSON text
};

/// One element of the Statement list.
struct Statement {
  std::string sid;
  Effect effect = Effect::kAllow;
  std::optional<Principals> principal;
  std::optional<Principals> not_principal;
  std::optional<std::vector<std::string>> action;
  std::optional<std::vector<std::string>> not_action;
  /// Both absent in trust policies: the statement is about the policy's own resource.
  std::optional<std::vector<std::string>> resource;
  std::optional<std::vector<std::string>> not_resource;
  std::vector<Condition> conditions;
};

/// A whole policy document.
struct Document {
  std::string version;  // empty when absent (IAM then reads it as 2008-10-17)
  std::string id;
  std::vector<Statement> statements;
};

/// Parses a policy document; throws PolicyError when the text is not a JSON object shaped like a policy.
Document Parse(std::string_view text);

/// Splits a condition operator such as "ForAllValues:StringEqualsIfExists" into its parts; false when a
/// qualifier is malformed (e.g. "ForAnyValue::StringEquals").
bool SplitConditionOperator(std::string_view name, std::string& base, SetQualifier& qualifier, bool& if_exists);

}  // namespace trailbox::policy
