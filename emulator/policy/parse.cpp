// Reads an IAM policy document into policy::Document (parse.hpp). The grammar allows a single value or a list
// for Statement, Action, Resource, principal values and condition values; both read into lists here.
#include "policy/parse.hpp"

#include "core/json.hpp"

namespace trailbox::policy {
namespace {

using JsonValue = Json;

std::string ScalarText(const JsonValue& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean() || value.is_number()) return value.dump();
  throw PolicyError("policy value is not a string");
}

std::vector<std::string> StringList(const JsonValue& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value) out.push_back(ScalarText(item));
  } else {
    out.push_back(ScalarText(value));
  }
  return out;
}

Principals ReadPrincipals(const JsonValue& value) {
  Principals principals;
  if (value.is_string()) {
    if (value.get<std::string>() != "*") throw PolicyError("principal is not \"*\" or an object");
    principals.is_wildcard = true;
    return principals;
  }
  if (!value.is_object()) throw PolicyError("principal is not \"*\" or an object");
  for (const auto& [type, values] : value.items()) principals.by_type[type] = StringList(values);
  return principals;
}

std::vector<Condition> ReadConditions(const JsonValue& value) {
  if (!value.is_object()) throw PolicyError("Condition is not an object");
  std::vector<Condition> conditions;
  for (const auto& [operator_name, keys] : value.items()) {
    if (!keys.is_object()) throw PolicyError("condition operator body is not an object");
    for (const auto& [key, values] : keys.items()) {
      Condition condition;
      condition.operator_name = operator_name;
      SplitConditionOperator(operator_name, condition.base_operator, condition.qualifier, condition.if_exists);
      condition.key = key;
      condition.values = StringList(values);
      conditions.push_back(std::move(condition));
    }
  }
  return conditions;
}

Statement ReadStatement(const JsonValue& value) {
  if (!value.is_object()) throw PolicyError("statement is not an object");
  Statement statement;
  for (const auto& [name, member] : value.items()) {
    if (name == "Sid") {
      statement.sid = ScalarText(member);
    } else if (name == "Effect") {
      std::string effect = ScalarText(member);
      if (effect == "Allow" || effect == "allow") {
        statement.effect = Effect::kAllow;
      } else if (effect == "Deny" || effect == "deny") {
        statement.effect = Effect::kDeny;
      } else {
        throw PolicyError("Effect is neither Allow nor Deny");
      }
    } else if (name == "Principal") {
      statement.principal = ReadPrincipals(member);
    } else if (name == "NotPrincipal") {
      statement.not_principal = ReadPrincipals(member);
    } else if (name == "Action") {
      statement.action = StringList(member);
    } else if (name == "NotAction") {
      statement.not_action = StringList(member);
    } else if (name == "Resource") {
      statement.resource = StringList(member);
    } else if (name == "NotResource") {
      statement.not_resource = StringList(member);
    } else if (name == "Condition") {
      statement.conditions = ReadConditions(member);
    }
  }
  return statement;
}

}  // namespace

bool SplitConditionOperator(std::string_view name, std::string& base, SetQualifier& qualifier, bool& if_exists) {
  constexpr std::string_view kAny = "ForAnyValue:";
  constexpr std::string_view kAll = "ForAllValues:";
  constexpr std::string_view kIfExists = "IfExists";
  qualifier = SetQualifier::kNone;
  if (name.starts_with(kAny)) {
    qualifier = SetQualifier::kForAnyValue;
    name.remove_prefix(kAny.size());
  } else if (name.starts_with(kAll)) {
    qualifier = SetQualifier::kForAllValues;
    name.remove_prefix(kAll.size());
  }
  if_exists = name.size() > kIfExists.size() && name.ends_with(kIfExists);
  if (if_exists) name.remove_suffix(kIfExists.size());
  base = std::string(name);
  return !base.empty() && base.find(':') == std::string::npos;
}

Document Parse(std::string_view text) {
  JsonValue root = JsonValue::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) throw PolicyError("policy is not a JSON object");
  Document document;
  if (auto version = root.find("Version"); version != root.end()) document.version = ScalarText(*version);
  if (auto id = root.find("Id"); id != root.end()) document.id = ScalarText(*id);
  auto statements = root.find("Statement");
  if (statements == root.end()) throw PolicyError("policy has no Statement");
  if (statements->is_array()) {
    for (const auto& statement : *statements) document.statements.push_back(ReadStatement(statement));
  } else {
    document.statements.push_back(ReadStatement(*statements));
  }
  return document;
}

}  // namespace trailbox::policy
