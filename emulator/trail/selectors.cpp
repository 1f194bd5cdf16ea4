// Event selectors: validation of PutEventSelectors' input and selection of management-event records.
// Messages: "Value <v> for DataResources.Values is invalid." and the IncludeManagementEvents combination message are
// AWS's as reported (github.com/aws-samples/aws-security-reference-architecture-examples/issues/335,
// github.com/awsdocs/aws-cloudformation-user-guide/pull/752).
// Open: the other InvalidEventSelectorsException messages are not documented; ours name the offending value.
// Deviation: data events (DataResources, advanced selectors on eventCategory Data) are not delivered by trailbox's
// trails, so selectors asking for them are refused with NotImplemented rather than accepted and ignored.
#include "trail/selectors.hpp"

#include <algorithm>

#include "core/aws_error.hpp"

namespace trailbox::trail {
namespace {

const char* const kExcludableSources[] = {"kms.amazonaws.com", "rdsdata.amazonaws.com"};

bool IsExcludableSource(const std::string& source) {
  return std::find(std::begin(kExcludableSources), std::end(kExcludableSources), source) !=
         std::end(kExcludableSources);
}

AwsError InvalidSelectors(const std::string& message) { return AwsError("InvalidEventSelectorsException", message); }

AwsError DataEventsNotImplemented() {
  return AwsError("NotImplemented",
                  "trailbox trails deliver management events only; data event selectors are not implemented", 501);
}

Json NormalizeBasic(const Json& selectors) {
  if (selectors.size() > kMaxEventSelectors) {
    throw InvalidSelectors("You have exceeded the maximum number of event selectors (" +
                           std::to_string(kMaxEventSelectors) + ") allowed for a trail.");
  }
  Json normalized = Json::array();
  for (const Json& selector : selectors) {
    std::string read_write = selector.value("ReadWriteType", "All");
    bool include_management = selector.value("IncludeManagementEvents", true);
    Json data_resources = selector.value("DataResources", Json::array());
    Json excluded = selector.value("ExcludeManagementEventSources", Json::array());
    for (const Json& resource : data_resources) {
      for (const Json& value : resource.value("Values", Json::array())) {
        std::string text = value.get<std::string>();
        if (text.rfind("arn:", 0) != 0 || text.find('*') != std::string::npos) {
          throw InvalidSelectors("Value " + text + " for DataResources.Values is invalid.");
        }
      }
    }
    if (!data_resources.empty()) throw DataEventsNotImplemented();
    if (!include_management) {
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
                          {"DataResources", Json::array()},
                          {"ExcludeManagementEventSources", excluded}});
  }
  return {{"EventSelectors", normalized}};
}

// One field selector of an advanced selector, restricted to what management events offer.
void CheckFieldSelector(const Json& field_selector, size_t& value_count) {
  static const char* const kOperators[] = {"Equals", "StartsWith", "EndsWith", "NotEquals", "NotStartsWith",
                                           "NotEndsWith"};
  std::string field = field_selector.at("Field");
  for (const char* op : kOperators) {
    if (field_selector.contains(op)) value_count += field_selector[op].size();
  }
  auto only = [&](const char* allowed) {
    for (const char* op : kOperators) {
      if (field_selector.contains(op) && std::string(op) != allowed) {
        throw InvalidSelectors("Invalid operator " + std::string(op) + " for field " + field + ".");
      }
    }
    if (!field_selector.contains(allowed) || field_selector[allowed].empty()) {
      throw InvalidSelectors("Field " + field + " needs the " + allowed + " operator.");
    }
  };
  if (field == "eventCategory") {
    only("Equals");
    for (const Json& value : field_selector["Equals"]) {
      if (value == "Management") continue;
      if (value == "Data") throw DataEventsNotImplemented();
      throw InvalidSelectors("Invalid value " + value.get<std::string>() + " for field eventCategory.");
    }
  } else if (field == "readOnly") {
    only("Equals");
    for (const Json& value : field_selector["Equals"]) {
      if (value != "true" && value != "false") {
        throw InvalidSelectors("Invalid value " + value.get<std::string>() + " for field readOnly.");
      }
    }
  } else if (field == "eventSource") {
    only("NotEquals");
    for (const Json& value : field_selector["NotEquals"]) {
      if (!IsExcludableSource(value.get<std::string>())) {
        throw InvalidSelectors("Invalid value " + value.get<std::string>() +
                               " for field eventSource of a management events selector.");
      }
    }
  } else if (field == "eventName" || field == "resources.type" || field == "resources.ARN") {
    throw DataEventsNotImplemented();
  } else {
    throw InvalidSelectors("Invalid field " + field + ".");
  }
}

Json NormalizeAdvanced(const Json& selectors) {
  if (selectors.size() > kMaxAdvancedEventSelectors) {
    throw InvalidSelectors("You have exceeded the maximum number of advanced event selectors allowed for a trail.");
  }
  size_t value_count = 0;
  for (const Json& selector : selectors) {
    bool has_category = false;
    for (const Json& field_selector : selector.at("FieldSelectors")) {
      CheckFieldSelector(field_selector, value_count);
      has_category = has_category || field_selector.at("Field") == "eventCategory";
    }
    if (!has_category) throw InvalidSelectors("Each advanced event selector must have an eventCategory field.");
  }
  if (value_count > kMaxAdvancedConditionValues) {
    throw InvalidSelectors("You have exceeded the maximum number of conditions (" +
                           std::to_string(kMaxAdvancedConditionValues) + ") allowed for a trail.");
  }
  return {{"AdvancedEventSelectors", selectors}};
}

bool BasicSelects(const Json& selector, const std::string& source, bool read_only) {
  if (!selector.value("IncludeManagementEvents", true)) return false;
  std::string read_write = selector.value("ReadWriteType", "All");
  if ((read_write == "ReadOnly" && !read_only) || (read_write == "WriteOnly" && read_only)) return false;
  for (const Json& excluded : selector.value("ExcludeManagementEventSources", Json::array())) {
    if (excluded == source) return false;
  }
  return true;
}

bool AdvancedSelects(const Json& selector, const std::string& source, bool read_only) {
  for (const Json& field_selector : selector.at("FieldSelectors")) {
    std::string field = field_selector.at("Field");
    if (field == "readOnly") {
      const Json& values = field_selector["Equals"];
      if (std::find(values.begin(), values.end(), read_only ? "true" : "false") == values.end()) return false;
    } else if (field == "eventSource") {
      const Json& values = field_selector["NotEquals"];
      if (std::find(values.begin(), values.end(), source) != values.end()) return false;
    }
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
  std::string source = record.value("eventSource", "");
  auto flag = record.find("readOnly");
  bool read_only = flag != record.end() && (*flag == true || *flag == "true");
  if (auto basic = selectors.find("EventSelectors"); basic != selectors.end()) {
    return std::any_of(basic->begin(), basic->end(),
                       [&](const Json& selector) { return BasicSelects(selector, source, read_only); });
  }
  const Json& advanced = selectors.value("AdvancedEventSelectors", Json::array());
  return std::any_of(advanced.begin(), advanced.end(),
                     [&](const Json& selector) { return AdvancedSelects(selector, source, read_only); });
}

}  // namespace trailbox::trail
