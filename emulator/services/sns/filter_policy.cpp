// Filter policies: validation and matching (https://docs.aws.amazon.com/sns/latest/dg/
// sns-subscription-filter-policy-constraints.html, string-value-matching.html, numeric-value-matching.html).
#include "services/sns/filter_policy.hpp"

#include <algorithm>
#include <cctype>

namespace trailbox::sns {
namespace {

constexpr size_t kMaxKeys = 5;
constexpr size_t kMaxCombinations = 150;

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

// The values an attribute or a body member offers to the policy: strings and numbers.
using Values = std::vector<Json>;

bool NumericMatches(const Json& conditions, double value) {
  for (size_t i = 0; i + 1 < conditions.size(); i += 2) {
    std::string op = conditions[i].get<std::string>();
    double bound = conditions[i + 1].get<double>();
    bool ok = op == "=" ? value == bound
              : op == "<" ? value < bound
              : op == "<=" ? value <= bound
              : op == ">" ? value > bound
                          : value >= bound;
    if (!ok) return false;
  }
  return true;
}

bool ValueMatches(const Json& condition, const Json& value) {
  if (condition.is_string()) return value.is_string() && value == condition;
  if (condition.is_number()) return value.is_number() && value.get<double>() == condition.get<double>();
  if (!condition.is_object() || condition.empty()) return false;
  const auto& [op, operand] = *condition.items().begin();
  std::string text = value.is_string() ? value.get<std::string>() : value.dump();
  if (op == "prefix") return value.is_string() && text.starts_with(operand.get<std::string>());
  if (op == "suffix") return value.is_string() && text.ends_with(operand.get<std::string>());
  if (op == "equals-ignore-case") return value.is_string() && Lower(text) == Lower(operand.get<std::string>());
  if (op == "numeric") return value.is_number() && NumericMatches(operand, value.get<double>());
  if (op == "anything-but") {
    if (operand.is_object()) return !(value.is_string() && text.starts_with(operand.value("prefix", "")));
    Json excluded = operand.is_array() ? operand : Json::array({operand});
    return std::none_of(excluded.begin(), excluded.end(), [&](const Json& item) { return ValueMatches(item, value); });
  }
  return false;
}

// A policy leaf (a list of conditions) against the values present (none when the key is absent).
bool LeafMatches(const Json& conditions, const std::optional<Values>& values) {
  for (const Json& condition : conditions) {
    if (condition.is_object() && condition.contains("exists")) {
      if (condition["exists"].get<bool>() == values.has_value()) return true;
      continue;
    }
    if (!values) continue;
    if (std::any_of(values->begin(), values->end(), [&](const Json& v) { return ValueMatches(condition, v); })) {
      return true;
    }
  }
  return false;
}

std::optional<Values> AttributeValues(const Json& attributes, const std::string& name) {
  if (!attributes.is_object() || !attributes.contains(name)) return std::nullopt;
  const Json& attribute = attributes[name];
  std::string type = attribute.value("DataType", "");
  std::string text = attribute.value("StringValue", "");
  if (type.starts_with("Number")) {
    Json number = Json::parse(text, nullptr, false);
    return Values{number.is_number() ? number : Json(text)};
  }
  if (type.starts_with("String.Array")) {
    Json array = Json::parse(text, nullptr, false);
    if (array.is_array()) return Values(array.begin(), array.end());
  }
  if (type.starts_with("String")) return Values{Json(text)};
  return Values{};
}

bool BodyMatches(const Json& policy, const Json& body) {
  for (const auto& [key, condition] : policy.items()) {
    const Json* member = body.is_object() && body.contains(key) ? &body[key] : nullptr;
    if (condition.is_object()) {
      if (!member || !BodyMatches(condition, *member)) return false;
      continue;
    }
    std::optional<Values> values;
    if (member) values = member->is_array() ? Values(member->begin(), member->end()) : Values{*member};
    if (!LeafMatches(condition, values)) return false;
  }
  return true;
}

std::optional<std::string> CheckCondition(const Json& condition) {
  if (condition.is_string() || condition.is_number() || condition.is_null() || condition.is_boolean()) {
    return std::nullopt;
  }
  if (!condition.is_object() || condition.size() != 1) return "Match value must be String, number, true, false, or null";
  const auto& [op, operand] = *condition.items().begin();
  if (op == "prefix" || op == "suffix" || op == "equals-ignore-case") {
    if (!operand.is_string()) return op + " match pattern must be a string";
  } else if (op == "exists") {
    if (!operand.is_boolean()) return "exists match pattern must be either true or false.";
  } else if (op == "numeric") {
    if (!operand.is_array() || operand.empty() || operand.size() % 2 != 0) return "Value of numeric must be an array.";
    for (size_t i = 0; i < operand.size(); i += 2) {
      std::string name = operand[i].is_string() ? operand[i].get<std::string>() : "";
      if (name != "=" && name != "<" && name != "<=" && name != ">" && name != ">=") {
        return "Unrecognized numeric range operator: " + operand[i].dump();
      }
      if (!operand[i + 1].is_number()) return "Value of " + name + " must be numeric";
    }
  } else if (op != "anything-but") {
    return "Unrecognized match type " + op;
  }
  return std::nullopt;
}

std::optional<std::string> CheckPolicy(const Json& policy, size_t& combinations) {
  if (policy.size() > kMaxKeys) return "Filter policy can not have more than 5 keys";
  size_t product = 1;
  for (const auto& [key, value] : policy.items()) {
    if (value.is_object()) {
      if (auto problem = CheckPolicy(value, combinations)) return problem;
      continue;
    }
    if (!value.is_array()) return "\"" + key + "\" must be an object or an array";
    for (const Json& condition : value) {
      if (auto problem = CheckCondition(condition)) return problem;
    }
    product *= std::max<size_t>(value.size(), 1);
  }
  combinations = std::max(combinations, product);
  return std::nullopt;
}

}  // namespace

std::optional<std::string> ValidateFilterPolicy(const std::string& text) {
  Json policy = Json::parse(text, nullptr, false);
  if (policy.is_discarded()) return "failed to parse JSON.";
  if (!policy.is_object()) return "Filter policy must be a JSON object";
  if (policy.empty()) return "Filter policy can not be empty";
  size_t combinations = 0;
  if (auto problem = CheckPolicy(policy, combinations)) return problem;
  if (combinations > kMaxCombinations) return "Filter policy is too complex";
  return std::nullopt;
}

bool MatchesAttributes(const Json& policy, const Json& message_attributes) {
  for (const auto& [key, conditions] : policy.items()) {
    if (!conditions.is_array() || !LeafMatches(conditions, AttributeValues(message_attributes, key))) return false;
  }
  return true;
}

bool MatchesBody(const Json& policy, const std::string& message) {
  Json body = Json::parse(message, nullptr, false);
  return !body.is_discarded() && BodyMatches(policy, body);
}

}  // namespace trailbox::sns
