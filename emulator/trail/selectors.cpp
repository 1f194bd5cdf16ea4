// Event selectors: validation of PutEventSelectors' input and selection of management and data-event records.
// Messages: "Value <v> for DataResources.Values is invalid." and the IncludeManagementEvents combination message are
// AWS's as reported (github.com/aws-samples/aws-security-reference-architecture-examples/issues/335,
// github.com/awsdocs/aws-cloudformation-user-guide/pull/752).
// Open: the other InvalidEventSelectorsException messages are not documented; ours name the offending value.
#include "trail/selectors.hpp"

#include <algorithm>

#include "core/aws_error.hpp"
#include "trail/data_resources.hpp"

namespace trailbox::trail {
namespace {

const char* const kExcludableSources[] = {"kms.amazonaws.com", "rdsdata.amazonaws.com"};

bool IsExcludableSource(const std::string& source) {
  return std::find(std::begin(kExcludableSources), std::end(kExcludableSources), source) !=
         std::end(kExcludableSources);
}

AwsError InvalidSelectors(const std::string& message) { return AwsError("InvalidEventSelectorsException", message); }

Json NormalizeBasic(const Json& selectors) {
  if (selectors.size() > kMaxEventSelectors) {
    throw InvalidSelectors("You have exceeded the maximum number of event selectors (" +
                           std::to_string(kMaxEventSelectors) + ") allowed for a trail.");
  }
  Json normalized = Json::array();
  size_t data_resource_count = 0;
  for (const Json& selector : selectors) {
    std::string read_write = selector.value("ReadWriteType", "All");
    bool include_management = selector.value("IncludeManagementEvents", true);
    Json data_resources = selector.value("DataResources", Json::array());
    Json excluded = selector.value("ExcludeManagementEventSources", Json::array());
    for (const Json& resource : data_resources) {
      std::string type = resource.value("Type", "");
      if (!IsBasicDataResourceType(type)) {
        throw InvalidSelectors("Value " + type + " for DataResources.Type is invalid.");
      }
      for (const Json& value : resource.value("Values", Json::array())) {
        std::string text = value.get<std::string>();
        if (!IsValidDataResourceValue(type, text)) {
          throw InvalidSelectors("Value " + text + " for DataResources.Values is invalid.");
        }
        ++data_resource_count;
      }
    }
    if (include_management == false && data_resources.empty()) {
      throw InvalidSelectors(
          "Invalid combination of parameters in EventSelectors. When includeManagementEvents is false, "
          "DataResources must not be empty.");
    }
    for (const Json& source : excluded) {
      if (!IsExcludableSource(source.get<std::string>())) {
        throw InvalidSelectors("Value " + source.get<std::string>() +
                               " for ExcludeManagementEventSources is invalid. Valid values are kms.amazonaws.com "
                               "and rdsdata.amazonaws.com.");
      }
    }
    normalized.push_back({{"ReadWriteType", read_write},
                          {"IncludeManagementEvents", include_management},
                          {"DataResources", data_resources},
                          {"ExcludeManagementEventSources", excluded}});
  }
  if (data_resource_count > kMaxDataResources) {
    throw InvalidSelectors("You have exceeded the maximum number of data resources (" +
                           std::to_string(kMaxDataResources) + ") allowed for a trail.");
  }
  return {{"EventSelectors", normalized}};
}

constexpr const char* kOperators[] = {"Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith", "NotEndsWith"};

// The fields an advanced selector of eventCategory Data may filter on, besides eventCategory and resources.type.
constexpr std::string_view kDataFields[] = {"readOnly",  "eventName", "eventSource",
                                            "resources.ARN", "eventType", "userIdentity.arn",
                                            "errorCode", "sessionCredentialFromConsole"};

bool IsDataField(std::string_view field) {
  return std::find(std::begin(kDataFields), std::end(kDataFields), field) != std::end(kDataFields);
}

// Refuses every operator of `field_selector` but `allowed`, and requires that one.
void RequireOnly(const Json& field_selector, const char* allowed) {
  std::string field = field_selector.at("Field");
  for (const char* op : kOperators) {
    if (field_selector.contains(op) && std::string(op) != allowed) {
      throw InvalidSelectors("Invalid operator " + std::string(op) + " for field " + field + ".");
    }
  }
  if (!field_selector.contains(allowed) || field_selector[allowed].empty()) {
    throw InvalidSelectors("Field " + field + " needs the " + allowed + " operator.");
  }
}

void RequireValues(const Json& field_selector, std::initializer_list<std::string_view> allowed) {
  for (const char* op : kOperators) {
    for (const Json& value : field_selector.value(op, Json::array())) {
      if (std::find(allowed.begin(), allowed.end(), value.get<std::string>()) == allowed.end()) {
        throw InvalidSelectors("Invalid value " + value.get<std::string>() + " for field " +
                               field_selector.at("Field").get<std::string>() + ".");
      }
    }
  }
}

// The eventCategory an advanced selector names (its one required field).
std::string CategoryOf(const Json& selector) {
  std::string category;
  for (const Json& field_selector : selector.at("FieldSelectors")) {
    if (field_selector.at("Field") != "eventCategory") continue;
    RequireOnly(field_selector, "Equals");
    RequireValues(field_selector, {"Management", "Data"});
    if (field_selector["Equals"].size() != 1 || !category.empty()) {
      throw InvalidSelectors("Each advanced event selector must have exactly one eventCategory value.");
    }
    category = field_selector["Equals"][0];
  }
  if (category.empty()) throw InvalidSelectors("Each advanced event selector must have an eventCategory field.");
  return category;
}

void CheckManagementField(const Json& field_selector) {
  std::string field = field_selector.at("Field");
  if (field == "eventCategory") return;
  if (field == "readOnly") {
    RequireOnly(field_selector, "Equals");
    RequireValues(field_selector, {"true", "false"});
  } else if (field == "eventSource") {
    RequireOnly(field_selector, "NotEquals");
    for (const Json& value : field_selector["NotEquals"]) {
      if (!IsExcludableSource(value.get<std::string>())) {
        throw InvalidSelectors("Invalid value " + value.get<std::string>() +
                               " for field eventSource of a management events selector.");
      }
    }
  } else {
    throw InvalidSelectors("Invalid field " + field + " for a management events selector.");
  }
}

void CheckDataField(const Json& field_selector, bool& has_type) {
  std::string field = field_selector.at("Field");
  if (field == "eventCategory") return;
  if (field == "resources.type") {
    RequireOnly(field_selector, "Equals");
    const Json& types = field_selector["Equals"];
    if (has_type || types.size() != 1) {
      throw InvalidSelectors("Each data events selector must have exactly one resources.type value.");
    }
    if (!IsAdvancedDataResourceType(types[0].get<std::string>())) {
      throw InvalidSelectors("Invalid value " + types[0].get<std::string>() + " for field resources.type.");
    }
    has_type = true;
  } else if (field == "readOnly") {
    RequireOnly(field_selector, "Equals");
    RequireValues(field_selector, {"true", "false"});
  } else if (field == "sessionCredentialFromConsole") {
    RequireValues(field_selector, {"true", "false"});
  } else if (!IsDataField(field)) {
    throw InvalidSelectors("Invalid field " + field + ".");
  }
}

Json NormalizeAdvanced(const Json& selectors) {
  if (selectors.size() > kMaxAdvancedEventSelectors) {
    throw InvalidSelectors("You have exceeded the maximum number of advanced event selectors allowed for a trail.");
  }
  size_t value_count = 0;
  for (const Json& selector : selectors) {
    bool is_data = CategoryOf(selector) == "Data";
    bool has_type = false;
    for (const Json& field_selector : selector.at("FieldSelectors")) {
      for (const char* op : kOperators) value_count += field_selector.value(op, Json::array()).size();
      if (is_data) {
        CheckDataField(field_selector, has_type);
      } else {
        CheckManagementField(field_selector);
      }
    }
    if (is_data && !has_type) throw InvalidSelectors("Each data events selector must have a resources.type field.");
  }
  if (value_count > kMaxAdvancedConditionValues) {
    throw InvalidSelectors("You have exceeded the maximum number of conditions (" +
                           std::to_string(kMaxAdvancedConditionValues) + ") allowed for a trail.");
  }
  return {{"AdvancedEventSelectors", selectors}};
}

bool ReadOnlyOf(const Json& record) {
  auto flag = record.find("readOnly");
  return flag != record.end() && (*flag == true || *flag == "true");
}

bool ReadWriteTypeTakes(const std::string& read_write, bool read_only) {
  return !(read_write == "ReadOnly" && !read_only) && !(read_write == "WriteOnly" && read_only);
}

bool BasicSelects(const Json& selector, const Json& record) {
  if (!ReadWriteTypeTakes(selector.value("ReadWriteType", "All"), ReadOnlyOf(record))) return false;
  if (IsDataEvent(record)) {
    const Json& data_resources = selector.value("DataResources", Json::array());
    return std::any_of(data_resources.begin(), data_resources.end(),
                       [&](const Json& data_resource) { return DataResourceSelects(data_resource, record); });
  }
  if (!selector.value("IncludeManagementEvents", true)) return false;
  const Json& excluded = selector.value("ExcludeManagementEventSources", Json::array());
  return std::find(excluded.begin(), excluded.end(), record.value("eventSource", "")) == excluded.end();
}

std::vector<std::string> ResourceTypes(const Json& record) {
  std::vector<std::string> types;
  for (const Json& resource : record.value("resources", Json::array())) {
    if (resource.is_object()) types.push_back(resource.value("type", ""));
  }
  return types;
}

// The record's values of an advanced selector's field; `type` is the selector's resources.type (for resources.ARN).
std::vector<std::string> FieldValues(const Json& record, const std::string& field, const std::string& type) {
  if (field == "readOnly") return {ReadOnlyOf(record) ? "true" : "false"};
  if (field == "resources.ARN") return ResourceArnsOfType(record, type);
  if (field == "resources.type") return ResourceTypes(record);
  if (field == "eventCategory") return {IsDataEvent(record) ? "Data" : "Management"};
  if (field == "userIdentity.arn") return {record.value("userIdentity", Json::object()).value("arn", "")};
  if (field == "sessionCredentialFromConsole") {
    return {record.value("sessionCredentialFromConsole", "false")};
  }
  auto value = record.find(field);
  if (value == record.end() || !value->is_string()) return {""};
  return {value->get<std::string>()};
}

bool OperatorMatches(const std::string& op, const std::string& value, const std::string& operand) {
  std::string_view base(op);
  if (base.substr(0, 3) == "Not") base.remove_prefix(3);
  if (base == "Equals") return value == operand;
  if (base == "StartsWith") return value.compare(0, operand.size(), operand) == 0;
  return value.size() >= operand.size() && value.compare(value.size() - operand.size(), operand.size(), operand) == 0;
}

// One field selector: some value matches some positive operand (when there are any), and no value matches any
// negative operand.
bool FieldSelectorMatches(const Json& field_selector, const std::vector<std::string>& values) {
  bool has_positive = false;
  bool positive_matched = false;
  for (const char* op : kOperators) {
    bool negative = std::string_view(op).substr(0, 3) == "Not";
    for (const Json& operand : field_selector.value(op, Json::array())) {
      bool matched = std::any_of(values.begin(), values.end(), [&](const std::string& value) {
        return OperatorMatches(op, value, operand.get<std::string>());
      });
      if (negative && matched) return false;
      if (!negative) {
        has_positive = true;
        positive_matched = positive_matched || matched;
      }
    }
  }
  return !has_positive || positive_matched;
}

bool AdvancedSelects(const Json& selector, const Json& record) {
  std::string type;
  for (const Json& field_selector : selector.at("FieldSelectors")) {
    if (field_selector.at("Field") == "resources.type") type = field_selector["Equals"][0];
  }
  for (const Json& field_selector : selector.at("FieldSelectors")) {
    std::string field = field_selector.at("Field");
    if (!FieldSelectorMatches(field_selector, FieldValues(record, field, type))) return false;
  }
  return true;
}

}  // namespace

Json NormalizeSelectors(const Json& input) {
  bool has_basic = input.contains("EventSelectors");
  bool has_advanced = input.contains("AdvancedEventSelectors");
  if (has_basic == has_advanced) {
    throw AwsError("InvalidParameterCombinationException",
                   "You must specify either EventSelectors or AdvancedEventSelectors, but not both.");
  }
  return has_basic ? NormalizeBasic(input["EventSelectors"]) : NormalizeAdvanced(input["AdvancedEventSelectors"]);
}

bool SelectsRecord(const Json& selectors, const Json& record) {
  if (auto basic = selectors.find("EventSelectors"); basic != selectors.end()) {
    return std::any_of(basic->begin(), basic->end(),
                       [&](const Json& selector) { return BasicSelects(selector, record); });
  }
  const Json& advanced = selectors.value("AdvancedEventSelectors", Json::array());
  return std::any_of(advanced.begin(), advanced.end(),
                     [&](const Json& selector) { return AdvancedSelects(selector, record); });
}

}  // namespace trailbox::trail
