// Statement matching and condition operators of IAM's policy evaluation (evaluate.hpp).
// Condition semantics (reference_policies_elements_condition_operators, _multi-value-conditions):
//   - several values for one key: the condition holds when any value matches; negated operators
//     (StringNotEquals, ArnNotLike, NotIpAddress...) hold when none does;
//   - a key missing from the request: positive operators fail, negated operators hold, ...IfExists holds,
//     ForAllValues holds, ForAnyValue fails; Null tests presence;
//   - policy variables ${key} in Resource and condition values (Version 2012-10-17 only); a variable whose key
//     is missing makes that value match nothing.
// Deviation: IpAddress/NotIpAddress compare IPv4 only (an IPv6 address matches no range), and an operator IAM
// does not define never matches, so an Allow statement using it grants nothing.
#include "policy/evaluate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <optional>

#include "core/time_format.hpp"
#include "policy/match.hpp"

namespace trailbox::policy {
namespace {

using Context = std::map<std::string, std::vector<std::string>, CaseInsensitiveLess>;

bool IsAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// "123456789012" and "arn:aws:iam::123456789012:root" both name the whole account.
std::optional<std::string> AccountOfRootPrincipal(std::string_view value) {
  if (IsAccountId(value)) return std::string(value);
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  constexpr std::string_view kSuffix = ":root";
  if (value.starts_with(kPrefix) && value.ends_with(kSuffix)) {
    std::string_view account = value.substr(kPrefix.size(), value.size() - kPrefix.size() - kSuffix.size());
    if (IsAccountId(account)) return std::string(account);
  }
  return std::nullopt;
}

bool PrincipalValueMatches(const std::string& type, const std::string& value, const RequestPrincipal& principal) {
  if (type == "AWS") {
    if (principal.account_id.empty()) return false;
    if (value == "*") return true;
    if (auto account = AccountOfRootPrincipal(value)) return *account == principal.account_id;
    return std::find(principal.arns.begin(), principal.arns.end(), value) != principal.arns.end();
  }
  if (type == "Service") {
    return !principal.service.empty() && (value == "*" || Lower(value) == Lower(principal.service));
  }
  return false;
}

bool PrincipalsMatch(const Principals& principals, const RequestPrincipal& principal) {
  if (principals.is_wildcard) return true;
  for (const auto& [type, values] : principals.by_type) {
    for (const auto& value : values) {
      if (PrincipalValueMatches(type, value, principal)) return true;
    }
  }
  return false;
}

// Replaces ${key} with the context's value; nullopt when a key is missing or multivalued.
std::optional<std::string> Substitute(std::string_view text, const Context& context, bool has_variables) {
  if (!has_variables || text.find("${") == std::string_view::npos) return std::string(text);
  std::string out;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t open = text.find("${", pos);
    if (open == std::string_view::npos) break;
    size_t close = text.find('}', open);
    if (close == std::string_view::npos) break;
    out += text.substr(pos, open - pos);
    std::string_view key = text.substr(open + 2, close - open - 2);
    if (key == "*" || key == "?" || key == "$") {
      out += key;
    } else {
      auto found = context.find(key);
      if (found == context.end() || found->second.size() != 1) return std::nullopt;
      out += found->second.front();
    }
    pos = close + 1;
  }
  out += text.substr(pos);
  return out;
}

bool ActionsMatch(const std::vector<std::string>& patterns, const std::string& action) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const std::string& pattern) { return WildcardMatch(pattern, action, true); });
}

bool ResourcesMatch(const std::vector<std::string>& patterns, const Request& request, bool has_variables) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    auto substituted = Substitute(pattern, request.context, has_variables);
    return substituted && WildcardMatch(*substituted, request.resource, false);
  });
}

std::optional<double> Number(const std::string& text) {
  try {
    size_t used = 0;
    double value = std::stod(text, &used);
    if (used != text.size()) return std::nullopt;
    return value;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<double> Date(const std::string& text) {
  if (auto iso = ParseIso8601(text)) return iso;
  return Number(text);
}

std::optional<uint32_t> Ipv4(std::string_view text) {
  uint32_t address = 0;
  int octets = 0;
  while (!text.empty()) {
    size_t dot = text.find('.');
    std::string_view part = text.substr(0, dot);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
      return std::nullopt;
    }
    int value = std::stoi(std::string(part));
    if (value > 255) return std::nullopt;
    address = (address << 8) | static_cast<uint32_t>(value);
    ++octets;
    text = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  }
  if (octets != 4) return std::nullopt;
  return address;
}

bool InCidr(const std::string& range, const std::string& address) {
  size_t slash = range.find('/');
  auto network = Ipv4(std::string_view(range).substr(0, slash));
  auto host = Ipv4(address);
  if (!network || !host) return false;
  int bits = 32;
  if (slash != std::string::npos) {
    auto parsed = Number(range.substr(slash + 1));
    if (!parsed || *parsed < 0 || *parsed > 32) return false;
    bits = static_cast<int>(*parsed);
  }
  uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (*network & mask) == (*host & mask);
}

template <typename Compare>
bool CompareParsed(const std::optional<double>& policy_value, const std::optional<double>& request_value,
                   Compare compare) {
  return policy_value && request_value && compare(*request_value, *policy_value);
}

// The positive form of an operator: does one request value match one policy value?
bool PositiveMatch(std::string_view op, const std::string& policy_value, const std::string& request_value) {
  if (op == "StringEquals") return policy_value == request_value;
  if (op == "StringEqualsIgnoreCase") return Lower(policy_value) == Lower(request_value);
  if (op == "StringLike") return WildcardMatch(policy_value, request_value, false);
  if (op == "ArnEquals" || op == "ArnLike") return ArnMatch(policy_value, request_value);
  if (op == "Bool") return Lower(policy_value) == Lower(request_value);
  if (op == "BinaryEquals") return policy_value == request_value;
  if (op == "IpAddress") return InCidr(policy_value, request_value);
  if (op.starts_with("Numeric") || op.starts_with("Date")) {
    bool is_date = op.starts_with("Date");
    std::string_view comparison = op.substr(is_date ? 4 : 7);
    auto policy_number = is_date ? Date(policy_value) : Number(policy_value);
    auto request_number = is_date ? Date(request_value) : Number(request_value);
    if (comparison == "Equals") return CompareParsed(policy_number, request_number, std::equal_to<>());
    if (comparison == "LessThan") return CompareParsed(policy_number, request_number, std::less<>());
    if (comparison == "LessThanEquals") return CompareParsed(policy_number, request_number, std::less_equal<>());
    if (comparison == "GreaterThan") return CompareParsed(policy_number, request_number, std::greater<>());
    if (comparison == "GreaterThanEquals") {
      return CompareParsed(policy_number, request_number, std::greater_equal<>());
    }
  }
  return false;
}

// Negated operators and the positive operator each one inverts.
std::optional<std::string_view> PositiveOf(std::string_view op) {
  if (op == "StringNotEquals") return "StringEquals";
  if (op == "StringNotEqualsIgnoreCase") return "StringEqualsIgnoreCase";
  if (op == "StringNotLike") return "StringLike";
  if (op == "ArnNotEquals") return "ArnEquals";
  if (op == "ArnNotLike") return "ArnLike";
  if (op == "NumericNotEquals") return "NumericEquals";
  if (op == "DateNotEquals") return "DateEquals";
  if (op == "NotIpAddress") return "IpAddress";
  return std::nullopt;
}

bool ConditionHolds(const Condition& condition, const Context& context, bool has_variables) {
  auto found = context.find(condition.key);
  bool is_missing = found == context.end() || found->second.empty();
  if (condition.base_operator == "Null") {
    return std::any_of(condition.values.begin(), condition.values.end(),
                       [&](const std::string& value) { return (Lower(value) == "true") == is_missing; });
  }
  auto positive_of = PositiveOf(condition.base_operator);
  bool is_negated = positive_of.has_value();
  std::string_view positive = is_negated ? *positive_of : std::string_view(condition.base_operator);
  if (is_missing) {
    if (condition.if_exists || condition.qualifier == SetQualifier::kForAllValues) return true;
    if (condition.qualifier == SetQualifier::kForAnyValue) return false;
    return is_negated;
  }
  std::vector<std::string> policy_values;
  for (const auto& value : condition.values) {
    if (auto substituted = Substitute(value, context, has_variables)) policy_values.push_back(*substituted);
  }
  auto value_holds = [&](const std::string& request_value) {
    bool matched = std::any_of(policy_values.begin(), policy_values.end(), [&](const std::string& policy_value) {
      return PositiveMatch(positive, policy_value, request_value);
    });
    return is_negated ? !matched : matched;
  };
  const std::vector<std::string>& request_values = found->second;
  if (condition.qualifier == SetQualifier::kForAllValues) {
    return std::all_of(request_values.begin(), request_values.end(), value_holds);
  }
  if (condition.qualifier == SetQualifier::kForAnyValue || !is_negated) {
    return std::any_of(request_values.begin(), request_values.end(), value_holds);
  }
  return std::all_of(request_values.begin(), request_values.end(), value_holds);
}

bool StatementApplies(const Statement& statement, const Request& request, bool has_variables) {
  if (statement.principal && !PrincipalsMatch(*statement.principal, request.principal)) return false;
  if (statement.not_principal && PrincipalsMatch(*statement.not_principal, request.principal)) return false;
  if (statement.action) {
    if (!ActionsMatch(*statement.action, request.action)) return false;
  } else if (statement.not_action) {
    if (ActionsMatch(*statement.not_action, request.action)) return false;
  } else {
    return false;
  }
  if (statement.resource && !ResourcesMatch(*statement.resource, request, has_variables)) return false;
  if (statement.not_resource && ResourcesMatch(*statement.not_resource, request, has_variables)) return false;
  return std::all_of(statement.conditions.begin(), statement.conditions.end(), [&](const Condition& condition) {
    return ConditionHolds(condition, request.context, has_variables);
  });
}

}  // namespace

bool CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) < std::tolower(static_cast<unsigned char>(y));
  });
}

Decision Evaluate(const Document& policy, const Request& request) {
  bool has_variables = policy.version == "2012-10-17";
  Decision decision = Decision::kNotApplicable;
  for (const auto& statement : policy.statements) {
    if (!StatementApplies(statement, request, has_variables)) continue;
    if (statement.effect == Effect::kDeny) return Decision::kDeny;
    decision = Decision::kAllow;
  }
  return decision;
}

Decision Combine(std::initializer_list<Decision> decisions) {
  Decision combined = Decision::kNotApplicable;
  for (Decision decision : decisions) {
    if (decision == Decision::kDeny) return Decision::kDeny;
    if (decision == Decision::kAllow) combined = Decision::kAllow;
  }
  return combined;
}

bool IsAllowed(const Document& policy, const Request& request) {
  return Evaluate(policy, request) == Decision::kAllow;
}

RequestPrincipal PrincipalOf(const Identity& identity) {
  RequestPrincipal principal;
  if (identity.type == IdentityType::kAwsService) {
    principal.service = identity.service_principal;
    return principal;
  }
  principal.account_id = identity.account_id;
  principal.arns.push_back(identity.arn);
  if (identity.type == IdentityType::kAssumedRole && !identity.role_arn.empty()) {
    principal.arns.push_back(identity.role_arn);
  }
  return principal;
}

Request RequestFor(const Identity& identity, std::string action, std::string resource) {
  Request request;
  request.principal = PrincipalOf(identity);
  request.action = std::move(action);
  request.resource = std::move(resource);
  if (identity.type == IdentityType::kAwsService) {
    request.context["aws:PrincipalServiceName"] = {identity.service_principal};
    return request;
  }
  bool is_role_session = identity.type == IdentityType::kAssumedRole;
  request.context["aws:PrincipalArn"] = {is_role_session && !identity.role_arn.empty() ? identity.role_arn
                                                                                       : identity.arn};
  request.context["aws:PrincipalAccount"] = {identity.account_id};
  request.context["aws:userid"] = {identity.principal_id};
  switch (identity.type) {
    case IdentityType::kRoot:
      request.context["aws:PrincipalType"] = {"Account"};
      break;
    case IdentityType::kIamUser:
      request.context["aws:PrincipalType"] = {"User"};
      request.context["aws:username"] = {identity.user_name};
      break;
    case IdentityType::kAssumedRole:
      request.context["aws:PrincipalType"] = {"AssumedRole"};
      break;
    case IdentityType::kAwsService:
      break;
  }
  return request;
}

void AddGlobalContext(Request& request, const GlobalContext& global) {
  request.context["aws:CurrentTime"] = {FormatIso8601(global.now)};
  request.context["aws:EpochTime"] = {std::to_string(static_cast<int64_t>(global.now))};
  request.context["aws:SecureTransport"] = {global.is_secure ? "true" : "false"};
  if (!global.source_ip.empty()) request.context["aws:SourceIp"] = {global.source_ip};
}

Request ServiceRequest(const std::string& service, std::string action, std::string resource,
                       const std::string& source_arn, const std::string& source_account) {
  Request request;
  request.principal.service = service;
  request.action = std::move(action);
  request.resource = std::move(resource);
  request.context["aws:PrincipalServiceName"] = {service};
  if (!source_arn.empty()) request.context["aws:SourceArn"] = {source_arn};
  if (!source_account.empty()) request.context["aws:SourceAccount"] = {source_account};
  return request;
}

}  // namespace trailbox::policy
