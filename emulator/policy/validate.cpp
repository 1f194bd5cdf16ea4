// Policy validation with AWS's messages (validate.hpp). IAM checks a document in passes and reports the first
// failing pass, so a document with several problems names the earliest one:
//   1. grammar: JSON object, known elements of the right types, Effect Allow/Deny (any case), known condition
//      operators                                                   -> "Syntax errors in policy."
//      (trust policies that are not JSON at all                     -> "This policy contains invalid Json")
//   2. identity policies: Version 2012-10-17                        -> "Policy document must be version 2012-10-17 or
//   greater."
//   3. the element rules of the kind (Principal forbidden, Resource prohibited, Principal required)
//   4. "legacy parsing": Effect in exact case, Date condition values, ARN-shaped resources
//                                                                   -> "The policy failed legacy parsing"
//   5. unique Sids, 6. actions present, 7. resources present (identity), 8. resource ARN format,
//   9. action vendors, 10. trust: only sts:AssumeRole* actions, principal values.
// The order and wording follow IAM's answers as recorded by moto's and LocalStack's AWS-validated tests and by
// error reports from real accounts. Open: the position of the Principal rules (pass 3) is our choice.
#include "policy/validate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>
#include <vector>

#include "core/json.hpp"
#include "policy/match.hpp"
#include "policy/parse.hpp"

namespace trailbox::policy {
namespace {

constexpr const char* kSyntaxError = "Syntax errors in policy.";
constexpr const char* kInvalidJson = "This policy contains invalid Json";
constexpr const char* kLegacyParsing = "The policy failed legacy parsing";

const std::set<std::string, std::less<>> kConditionOperators = {"StringEquals",
                                                                "StringNotEquals",
                                                                "StringEqualsIgnoreCase",
                                                                "StringNotEqualsIgnoreCase",
                                                                "StringLike",
                                                                "StringNotLike",
                                                                "NumericEquals",
                                                                "NumericNotEquals",
                                                                "NumericLessThan",
                                                                "NumericLessThanEquals",
                                                                "NumericGreaterThan",
                                                                "NumericGreaterThanEquals",
                                                                "DateEquals",
                                                                "DateNotEquals",
                                                                "DateLessThan",
                                                                "DateLessThanEquals",
                                                                "DateGreaterThan",
                                                                "DateGreaterThanEquals",
                                                                "Bool",
                                                                "BinaryEquals",
                                                                "IpAddress",
                                                                "NotIpAddress",
                                                                "ArnEquals",
                                                                "ArnLike",
                                                                "ArnNotEquals",
                                                                "ArnNotLike",
                                                                "Null"};

const std::set<std::string, std::less<>> kStatementElements = {
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction", "Resource", "NotResource", "Condition"};

const std::set<std::string, std::less<>> kPrincipalTypes = {"AWS", "Service", "Federated", "CanonicalUser"};

// The actions a trust policy may grant (STS's role-assumption family and the session options that go with it).
const std::vector<std::string> kTrustActions = {
    "sts:AssumeRole", "sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity",
    "sts:TagSession", "sts:SetSourceIdentity",  "sts:SetContext"};

const std::set<std::string, std::less<>> kPartitions = {"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b"};

const std::vector<std::string> kIamResourcePrefixes = {"user/",
                                                       "federated-user/",
                                                       "role/",
                                                       "group/",
                                                       "instance-profile/",
                                                       "mfa/",
                                                       "server-certificate/",
                                                       "policy/",
                                                       "sms-mfa/",
                                                       "saml-provider/",
                                                       "oidc-provider/",
                                                       "report/",
                                                       "access-report/"};

bool IsStringOrStringList(const Json& value) {
  if (value.is_string()) return true;
  if (!value.is_array()) return false;
  return std::all_of(value.begin(), value.end(), [](const Json& item) { return item.is_string(); });
}

bool IsConditionScalar(const Json& value) {
  return value.is_string() || value.is_boolean() || value.is_number();
}

std::vector<std::string> Strings(const Json& value) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (item.is_string()) out.push_back(item.get<std::string>());
    }
  }
  return out;
}

bool HasAny(const Json& statement, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) { return statement.contains(name); });
}

// Pass 1: the grammar. False when the document is not a policy at all.
bool PrincipalSyntaxOk(const Json& principal) {
  if (principal.is_string()) return principal.get<std::string>() == "*";
  if (!principal.is_object() || principal.empty()) return false;
  for (const auto& [type, values] : principal.items()) {
    if (!kPrincipalTypes.contains(type) || !IsStringOrStringList(values)) return false;
  }
  return true;
}

bool ConditionSyntaxOk(const Json& condition) {
  if (!condition.is_object()) return false;
  for (const auto& [operator_name, keys] : condition.items()) {
    if (!keys.is_object()) return false;
    for (const auto& [key, values] : keys.items()) {
      if (values.is_array()) {
        if (!std::all_of(values.begin(), values.end(), IsConditionScalar)) return false;
      } else if (!IsConditionScalar(values)) {
        return false;
      }
    }
    std::string base;
    SetQualifier qualifier;
    bool if_exists;
    bool well_formed = SplitConditionOperator(operator_name, base, qualifier, if_exists);
    if ((!well_formed || !kConditionOperators.contains(base)) && !keys.empty()) return false;
  }
  return true;
}

bool StatementSyntaxOk(const Json& statement) {
  if (!statement.is_object()) return false;
  for (const auto& [name, value] : statement.items()) {
    if (!kStatementElements.contains(name)) return false;
  }
  if (statement.contains("Action") && statement.contains("NotAction")) return false;
  if (statement.contains("Resource") && statement.contains("NotResource")) return false;
  if (statement.contains("Principal") && statement.contains("NotPrincipal")) return false;
  auto effect = statement.find("Effect");
  if (effect == statement.end() || !effect->is_string()) return false;
  std::string lower_effect = Lower(effect->get<std::string>());
  if (lower_effect != "allow" && lower_effect != "deny") return false;
  for (const char* name : {"Action", "NotAction", "Resource", "NotResource"}) {
    if (auto found = statement.find(name); found != statement.end() && !IsStringOrStringList(*found)) return false;
  }
  for (const char* name : {"Principal", "NotPrincipal"}) {
    if (auto found = statement.find(name); found != statement.end() && !PrincipalSyntaxOk(*found)) return false;
  }
  if (auto condition = statement.find("Condition"); condition != statement.end() && !ConditionSyntaxOk(*condition)) {
    return false;
  }
  if (auto sid = statement.find("Sid"); sid != statement.end() && !sid->is_string()) return false;
  return true;
}

bool DocumentSyntaxOk(const Json& root, std::vector<Json>& statements) {
  if (!root.is_object()) return false;
  for (const auto& [name, value] : root.items()) {
    if (name != "Version" && name != "Id" && name != "Statement") return false;
  }
  if (auto version = root.find("Version"); version != root.end()) {
    if (!version->is_string()) return false;
    std::string text = version->get<std::string>();
    if (text != "2012-10-17" && text != "2008-10-17") return false;
  }
  if (auto id = root.find("Id"); id != root.end() && !id->is_string()) return false;
  auto statement = root.find("Statement");
  if (statement == root.end()) return false;
  if (statement->is_array()) {
    if (statement->empty()) return false;
    for (const auto& item : *statement) statements.push_back(item);
  } else if (statement->is_object()) {
    statements.push_back(*statement);
  } else {
    return false;
  }
  return std::all_of(statements.begin(), statements.end(), StatementSyntaxOk);
}

// Pass 4 helpers: the legacy parser's view of dates ("2016-12-13T21:20:37.593194+00:00", or epoch seconds).
bool ParseBoundedInt(std::string_view text, int64_t low, int64_t high) {
  if (text.empty()) return false;
  bool negative = text.front() == '-';
  if (negative || text.front() == '+') text.remove_prefix(1);
  if (text.empty() || text.size() > 19) return false;
  uint64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  if (value > static_cast<uint64_t>(INT64_MAX)) return false;
  int64_t signed_value = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return signed_value >= low && signed_value <= high;
}

bool LegacyDateOk(std::string_view value) {
  std::string lower = Lower(value);
  if (lower.find('t') == std::string::npos && lower.find('-') == std::string::npos) {
    return ParseBoundedInt(lower, 0, INT64_MAX);
  }
  size_t t = lower.find('t');
  std::string_view date = std::string_view(lower).substr(0, t);
  std::string_view time = t == std::string::npos ? std::string_view() : std::string_view(lower).substr(t + 1);
  bool negative_year = date.starts_with('-');
  if (negative_year) date.remove_prefix(1);
  std::vector<std::string> date_parts = SplitOn(date, '-');
  if (date_parts.size() > 3) return false;
  if (!ParseBoundedInt((negative_year ? "-" : "") + date_parts[0], -292275054, 292278993)) return false;
  if (date_parts.size() > 1 && !ParseBoundedInt(date_parts[1], 1, 12)) return false;
  if (date_parts.size() > 2 && !ParseBoundedInt(date_parts[2], 1, 31)) return false;
  std::vector<std::string> time_parts = SplitOn(time, ':');
  if (!time_parts[0].empty() && !ParseBoundedInt(time_parts[0], 0, 23)) return false;
  if (time_parts.size() > 1 && !ParseBoundedInt(time_parts[1], 0, 59)) return false;
  if (time_parts.size() > 2) {
    std::string seconds = time_parts[2];
    if (size_t z = seconds.find('z'); z != std::string::npos) {
      if (z + 1 != seconds.size() || time_parts.size() > 3) return false;
      seconds = seconds.substr(0, z);
    } else if (size_t plus = seconds.find('+'); plus != std::string::npos) {
      std::string zone_hours = seconds.substr(plus + 1);
      if (zone_hours.size() != 2 || !ParseBoundedInt(zone_hours, 0, 23)) return false;
      if (time_parts.size() > 3 && (time_parts[3].size() != 2 || !ParseBoundedInt(time_parts[3], 0, 59))) {
        return false;
      }
      seconds = seconds.substr(0, plus);
    }
    size_t dot = seconds.find('.');
    if (!ParseBoundedInt(seconds.substr(0, dot), 0, 59)) return false;
    if (dot != std::string::npos && !ParseBoundedInt(seconds.substr(dot + 1), 0, 999999999)) return false;
  }
  return true;
}

bool LegacyConditionsOk(const Json& statement) {
  auto condition = statement.find("Condition");
  if (condition == statement.end()) return true;
  for (const auto& [operator_name, keys] : condition->items()) {
    std::string base;
    SetQualifier qualifier;
    bool if_exists;
    SplitConditionOperator(operator_name, base, qualifier, if_exists);
    if (!base.starts_with("Date")) continue;
    for (const auto& [key, values] : keys.items()) {
      for (const auto& value : values.is_array() ? values : Json::array({values})) {
        if (value.is_string() && !LegacyDateOk(value.get<std::string>())) return false;
      }
    }
  }
  return true;
}

bool LegacyResourceOk(const std::string& resource) {
  if (resource == "*") return true;
  size_t colons = static_cast<size_t>(std::count(resource.begin(), resource.end(), ':'));
  if (colons < 5 && resource.find("::") != std::string::npos) return false;
  std::vector<std::string> parts = SplitOn(resource, ':');
  return parts.size() < 3 || !parts[2].empty();
}

// Pass 8: the ARN format IAM expects of a Resource; empty when acceptable.
std::string ResourceFormatError(const std::string& resource) {
  if (resource == "*") return "";
  size_t first_colon = resource.find(':');
  if (first_colon == std::string::npos) return "Resource " + resource + " must be in ARN format or \"*\".";
  std::string after_prefix = resource.substr(first_colon + 1);
  size_t partition_end = after_prefix.find(':');
  std::string partition = after_prefix.substr(0, partition_end);
  std::string rest = partition_end == std::string::npos ? "" : after_prefix.substr(partition_end + 1);
  if (partition != "*" && !kPartitions.contains(partition)) {
    std::vector<std::string> parts = SplitOn(rest, ':');
    auto part = [&](size_t index) { return index < parts.size() ? parts[index] : std::string("*"); };
    std::string first = parts[0].empty() && parts.size() == 1 ? "*" : parts[0];
    std::string last = "*";
    if (parts.size() > 3) {
      last = parts[3];
      for (size_t i = 4; i < parts.size(); ++i) last += ":" + parts[i];
    }
    return "Partition \"" + partition + "\" is not valid for resource \"arn:" + partition + ":" + first + ":" +
           part(1) + ":" + part(2) + ":" + last + "\".";
  }
  if (partition_end == std::string::npos) return "Resource vendor must be fully qualified and cannot contain regexes.";
  size_t service_end = rest.find(':');
  std::string service = rest.substr(0, service_end);
  std::string after_service = service_end == std::string::npos ? "" : rest.substr(service_end);
  std::vector<std::string> remaining = SplitOn(after_service.empty() ? "" : after_service.substr(1), ':');
  std::string region = remaining[0];
  std::string resource_part;
  if (remaining.size() > 2) {
    resource_part = remaining[2];
    for (size_t i = 3; i < remaining.size(); ++i) resource_part += ":" + remaining[i];
  }
  if (service == "iam" && !region.empty()) return "IAM resource " + resource + " cannot contain region information.";
  if (service == "s3" && !region.empty() && !resource_part.starts_with("accesspoint/")) {
    return "Resource " + resource + " can not contain region information.";
  }
  if (service == "iam" && resource_part != "*" && resource_part != "root") {
    bool known = std::any_of(kIamResourcePrefixes.begin(), kIamResourcePrefixes.end(),
                             [&](const std::string& prefix) { return resource_part.starts_with(prefix); });
    if (!known) {
      std::string prefixes;
      for (const auto& prefix : kIamResourcePrefixes) prefixes += (prefixes.empty() ? "" : ", ") + prefix;
      return "IAM resource path must either be \"*\", root, or start with " + prefixes + ".";
    }
  }
  return "";
}

// Pass 9: "service:Action" with a plain vendor.
std::string ActionError(const std::string& action) {
  if (action == "*") return "";
  std::vector<std::string> parts = SplitOn(action, ':');
  if (parts.size() == 1) return "Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.";
  if (parts.size() > 2) return "Actions/Condition can contain only one colon.";
  const std::string& vendor = parts[0];
  if (vendor.find_first_of("*?") != std::string::npos) {
    return "Action vendors (e.g., aws, ec2, etc.) must not contain wildcards";
  }
  bool plain = std::all_of(vendor.begin(), vendor.end(),
                           [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.'; });
  if (!plain) return "Vendor " + vendor + " is not valid";
  return "";
}

// Pass 10 (trust policies): every Action must name a role-assumption action.
bool TrustActionOk(const std::string& action) {
  return std::any_of(kTrustActions.begin(), kTrustActions.end(),
                     [&](const std::string& allowed) { return WildcardMatch(action, allowed, true); });
}

bool IsAccountId(std::string_view text) {
  return text.size() == 12 &&
         std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// An AWS principal IAM can resolve: "*", an account, an account's root, a user, role or role session.
bool AwsPrincipalOk(const std::string& value) {
  if (value == "*" || IsAccountId(value)) return true;
  std::vector<std::string> parts = SplitOn(value, ':');
  if (parts.size() != 6 || parts[0] != "arn" || !kPartitions.contains(parts[1]) || !parts[3].empty() ||
      !IsAccountId(parts[4])) {
    return false;
  }
  const std::string& resource = parts[5];
  if (parts[2] == "iam") {
    return resource == "root" || (resource.starts_with("user/") && resource.size() > 5) ||
           (resource.starts_with("role/") && resource.size() > 5);
  }
  if (parts[2] == "sts") return resource.starts_with("assumed-role/") || resource.starts_with("federated-user/");
  return false;
}

// A service principal: "<name>.amazonaws.com" (or the China and legacy forms).
bool ServicePrincipalOk(const std::string& value) {
  if (value == "*") return true;
  for (std::string_view suffix : {".amazonaws.com", ".amazonaws.com.cn", ".amazon.com"}) {
    if (value.size() > suffix.size() && value.ends_with(suffix)) {
      std::string_view name(value.data(), value.size() - suffix.size());
      return std::all_of(name.begin(), name.end(), [](char c) {
        return std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' ||
               c == '.';
      });
    }
  }
  return false;
}

std::string InvalidPrincipal(const std::string& type, const std::string& value) {
  std::string shown = type == "AWS" ? "AWS" : [&] {
    std::string upper = type;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  }();
  return "Invalid principal in policy: \"" + shown + "\":\"" + value + "\"";
}

std::string PrincipalValuesError(const Json& principal) {
  if (!principal.is_object()) return "";
  for (const auto& [type, values] : principal.items()) {
    for (const auto& value : Strings(values)) {
      if (type == "AWS" && !AwsPrincipalOk(value)) return InvalidPrincipal(type, value);
      if (type == "Service" && !ServicePrincipalOk(value)) return InvalidPrincipal(type, value);
      if ((type == "Federated" || type == "CanonicalUser") && value.empty()) return InvalidPrincipal(type, value);
    }
  }
  return "";
}

bool SidOk(const std::string& sid) {
  return std::all_of(sid.begin(), sid.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::optional<std::string> ValidateIam(const Json& root, PolicyKind kind) {
  std::vector<Json> statements;
  if (!DocumentSyntaxOk(root, statements)) return kSyntaxError;

  if (kind == PolicyKind::kIdentity && root.value("Version", "") != "2012-10-17") {
    return "Policy document must be version 2012-10-17 or greater.";
  }

  for (const auto& statement : statements) {
    if (kind == PolicyKind::kIdentity && HasAny(statement, {"Principal", "NotPrincipal"})) {
      return "Policy document should not specify a principal.";
    }
    if (kind == PolicyKind::kTrust) {
      if (statement.contains("Resource")) return "Has prohibited field Resource";
      // Open: the wording for NotResource and for a missing Principal in trust policies is inferred from the
      // Resource rule and from S3's "Missing required field" family.
      if (statement.contains("NotResource")) return "Has prohibited field NotResource";
      if (!HasAny(statement, {"Principal", "NotPrincipal"})) return "Missing required field Principal";
    }
  }

  // Pass 4, with the resource format checks of pass 8 computed on the way: the legacy parser skips the
  // resources of a statement once a format error has been found, as IAM does.
  std::string resource_error;
  for (const auto& statement : statements) {
    std::string effect = statement.at("Effect").get<std::string>();
    if (effect != "Allow" && effect != "Deny") return kLegacyParsing;
    if (!LegacyConditionsOk(statement)) return kLegacyParsing;
    for (const char* element : {"Resource", "NotResource"}) {
      auto found = statement.find(element);
      if (found == statement.end()) continue;
      std::vector<std::string> resources = Strings(*found);
      std::sort(resources.begin(), resources.end());
      for (const auto& resource : resources) {
        std::string error = ResourceFormatError(resource);
        if (!error.empty() && resource_error.empty()) resource_error = error;
      }
      if (resource_error.empty()) {
        for (const auto& resource : resources) {
          if (!LegacyResourceOk(resource)) return kLegacyParsing;
        }
      }
    }
  }

  std::set<std::string> sids;
  for (const auto& statement : statements) {
    std::string sid = statement.value("Sid", "");
    if (sid.empty()) continue;
    if (!sids.insert(sid).second) return "Statement IDs (SID) in a single policy must be unique.";
  }
  for (const auto& statement : statements) {
    std::string sid = statement.value("Sid", "");
    // Open: wording as IAM's console reports it; not confirmed from an API answer.
    if (!SidOk(sid)) {
      return "Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression "
             "[0-9A-Za-z]*";
    }
  }

  for (const auto& statement : statements) {
    const char* element = statement.contains("NotAction") ? "NotAction" : "Action";
    auto found = statement.find(element);
    if (found == statement.end() || (found->is_array() && found->empty())) {
      return "Policy statement must contain actions.";
    }
  }
  if (kind == PolicyKind::kIdentity) {
    for (const auto& statement : statements) {
      const char* element = statement.contains("NotResource") ? "NotResource" : "Resource";
      auto found = statement.find(element);
      if (found == statement.end() || (found->is_array() && found->empty())) {
        return "Policy statement must contain resources.";
      }
    }
  }
  if (!resource_error.empty()) return resource_error;

  for (const auto& statement : statements) {
    for (const char* element : {"Action", "NotAction"}) {
      if (auto found = statement.find(element); found != statement.end()) {
        for (const auto& action : Strings(*found)) {
          std::string error = ActionError(action);
          if (!error.empty()) return error;
        }
      }
    }
  }

  if (kind == PolicyKind::kTrust) {
    for (const auto& statement : statements) {
      if (auto found = statement.find("Action"); found != statement.end()) {
        for (const auto& action : Strings(*found)) {
          if (!TrustActionOk(action)) return "AssumeRole policy may only specify STS AssumeRole actions.";
        }
      }
    }
    for (const auto& statement : statements) {
      for (const char* element : {"Principal", "NotPrincipal"}) {
        if (auto found = statement.find(element); found != statement.end()) {
          std::string error = PrincipalValuesError(*found);
          if (!error.empty()) return error;
        }
      }
    }
  }
  return std::nullopt;
}

// S3 bucket policies (PutBucketPolicy): S3's own wording. Open: the messages for unknown elements, resources
// and actions are S3's as other S3 implementations reproduce them; the rest come from S3 error reports.
std::optional<std::string> ValidateResource(std::string_view text, const Json& root) {
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos || text[first] != '{') {
    return "Policies must be valid JSON and the first byte must be '{'";
  }
  if (root.is_discarded() || !root.is_object()) return kInvalidJson;
  if (auto version = root.find("Version"); version != root.end()) {
    std::string value = version->is_string() ? version->get<std::string>() : "";
    if (value != "2012-10-17" && value != "2008-10-17") return "The policy must contain a valid version string";
  }
  auto statement_member = root.find("Statement");
  if (statement_member == root.end()) return "Missing required field Statement";
  std::vector<Json> statements;
  if (statement_member->is_array()) {
    for (const auto& item : *statement_member) statements.push_back(item);
  } else {
    statements.push_back(*statement_member);
  }
  if (statements.empty()) return "Could not parse the policy: Statement is empty!";
  for (const auto& statement : statements) {
    if (!statement.is_object()) return kInvalidJson;
    for (const auto& [name, value] : statement.items()) {
      if (!kStatementElements.contains(name)) return "Unknown field " + name;
    }
    auto effect = statement.find("Effect");
    if (effect == statement.end()) return "Missing required field Effect";
    std::string effect_text = effect->is_string() ? effect->get<std::string>() : effect->dump();
    if (effect_text != "Allow" && effect_text != "Deny") return "Invalid effect: " + effect_text;
    if (!HasAny(statement, {"Principal", "NotPrincipal"})) return "Missing required field Principal";
    if (!HasAny(statement, {"Action", "NotAction"})) return "Missing required field Action";
    if (!HasAny(statement, {"Resource", "NotResource"})) return "Missing required field Resource";
    for (const char* element : {"Principal", "NotPrincipal"}) {
      if (auto found = statement.find(element); found != statement.end()) {
        if (!PrincipalSyntaxOk(*found) || !PrincipalValuesError(*found).empty()) return "Invalid principal in policy";
      }
    }
    for (const char* element : {"Action", "NotAction"}) {
      if (auto found = statement.find(element); found != statement.end()) {
        if (!IsStringOrStringList(*found)) return "Policy has invalid action";
        for (const auto& action : Strings(*found)) {
          if (!ActionError(action).empty()) return "Policy has invalid action";
        }
      }
    }
    for (const char* element : {"Resource", "NotResource"}) {
      if (auto found = statement.find(element); found != statement.end()) {
        if (!IsStringOrStringList(*found)) return "Policy has invalid resource";
        for (const auto& resource : Strings(*found)) {
          if (!ResourceFormatError(resource).empty()) return "Policy has invalid resource";
        }
      }
    }
    if (auto condition = statement.find("Condition"); condition != statement.end() && !ConditionSyntaxOk(*condition)) {
      return "Policy has an invalid condition key";
    }
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> Validate(std::string_view text, PolicyKind kind) {
  Json root = Json::parse(text, nullptr, false);
  if (kind == PolicyKind::kResource) return ValidateResource(text, root);
  if (root.is_discarded()) return kind == PolicyKind::kTrust ? kInvalidJson : kSyntaxError;
  return ValidateIam(root, kind);
}

size_t PolicySize(std::string_view text) {
  size_t size = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : text) {
    if (in_string) {
      ++size;
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      ++size;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      ++size;
    }
  }
  return size;
}

}  // namespace trailbox::policy
