// The generic conversion of API documents into CloudTrail's requestParameters/responseElements, driven by the
// service model (record_elements.hpp). EC2 records reflect the EC2 XML API: element names from locationName, lists
// wrapped as {"items": [...]}; other services use the API member names with a lower-case first letter.
#include "trail/record_elements.hpp"

#include <cctype>
#include <ctime>

#include "trail/record_overrides.hpp"

namespace trailbox::trail {
namespace {

constexpr const char* kHiddenRequestValue = "HIDDEN_DUE_TO_SECURITY_REASONS";
constexpr const char* kEc2SensitiveValue = "<sensitiveDataRemoved>";

std::string LowerFirst(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

class Converter {
 public:
  Converter(const protocol::ServiceModel& model, Direction direction)
      : model_(model), direction_(direction), is_ec2_(model.protocol() == "ec2") {}

  Json Structure(const std::string& shape_name, const Json& document) const {
    const Json& shape = model_.Shape(shape_name);
    const Json& members = shape.contains("members") ? shape["members"] : Json::object();
    Json out = Json::object();
    for (const auto& [name, value] : document.items()) {
      auto member = members.find(name);
      if (member == members.end()) {
        // A member newer than the model: kept under its own name (EC2 lists in their {"items": [...]} form).
        bool is_ec2_list = is_ec2_ && value.is_array();
        out[LowerFirst(name)] = !is_ec2_list ? value : value.empty() ? Json::object() : Json{{"items", value}};
        continue;
      }
      const std::string target_name = (*member)["shape"];
      const Json& target = model_.Shape(target_name);
      const MemberRename* rename = is_ec2_ ? FindMemberRename(shape_name, name) : nullptr;
      std::string key = rename ? std::string(rename->key) : Key(name, *member, target);
      if (target.value("sensitive", false) || IsHiddenMember(shape_name, name)) {
        if (is_ec2_) {
          out[key] = kEc2SensitiveValue;
        } else if (direction_ == Direction::kRequest) {
          out[key] = kHiddenRequestValue;
        }
        continue;
      }
      if (target.value("type", "") == "list") {
        out[key] = List(*member, target, value, rename);
      } else {
        out[key] = Value(target_name, value);
      }
    }
    return out;
  }

 private:
  // EC2: the wire name; query-style list parameters (capitalized singular names) get CloudTrail's "Set" suffix.
  std::string Key(const std::string& name, const Json& member, const Json& target) const {
    if (!is_ec2_) return LowerFirst(name);
    std::string location = member.value("locationName", name);
    if (location == "return") return "_return";
    bool is_query_list = target.value("type", "") == "list" && member.contains("locationName") &&
                         std::isupper(static_cast<unsigned char>(location[0]));
    std::string key = LowerFirst(location);
    if (is_query_list && !key.ends_with("Set")) key += "Set";
    return key;
  }

  Json List(const Json& member, const Json& list_shape, const Json& value, const MemberRename* rename) const {
    const std::string item_shape = list_shape["member"]["shape"];
    Json items = Json::array();
    bool is_scalar = model_.Shape(item_shape).value("type", "") != "structure";
    std::string item_key;
    if (is_ec2_ && is_scalar) {
      item_key = rename && !rename->item_key.empty() ? std::string(rename->item_key) : ScalarItemKey(member, list_shape);
    }
    for (const Json& item : value) {
      Json converted = Value(item_shape, item);
      if (!item_key.empty()) converted = Json{{item_key, converted}};
      items.push_back(std::move(converted));
    }
    if (!is_ec2_ || (rename && rename->plain_array)) return items;
    if (items.empty()) return Json::object();
    return Json{{"items", std::move(items)}};
  }

  static std::string ScalarItemKey(const Json& member, const Json& list_shape) {
    std::string location = list_shape["member"].value("locationName", "item");
    if (location == "item") location = member.value("locationName", "item");
    return LowerFirst(location);
  }

  Json Value(const std::string& shape_name, const Json& value) const {
    const Json& shape = model_.Shape(shape_name);
    const std::string type = shape.value("type", "");
    if (type == "structure" && value.is_object()) return Structure(shape_name, value);
    if (type == "list" && value.is_array()) {
      Json items = Json::array();
      for (const Json& item : value) items.push_back(Value(shape["member"]["shape"], item));
      return items;
    }
    if (type == "map" && value.is_object()) {
      Json out = Json::object();
      for (const auto& [key, item] : value.items()) out[key] = Value(shape["value"]["shape"], item);
      return out;
    }
    if (type == "timestamp" && value.is_number()) {
      if (is_ec2_) return static_cast<int64_t>(value.get<double>() * 1000);
      return JavaMediumDate(value.get<double>());
    }
    return value;
  }

  const protocol::ServiceModel& model_;
  Direction direction_;
  bool is_ec2_;
};

}  // namespace

Json RecordElements(const protocol::ServiceModel& model, const std::string& shape_name, const Json& document,
                    Direction direction) {
  return Converter(model, direction).Structure(shape_name, document);
}

std::string JavaMediumDate(double epoch_seconds) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(epoch_seconds);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  int hour12 = utc.tm_hour % 12 == 0 ? 12 : utc.tm_hour % 12;
  char text[64];
  std::snprintf(text, sizeof text, "%s %d, %d %d:%02d:%02d %s", kMonths[utc.tm_mon], utc.tm_mday, utc.tm_year + 1900,
                hour12, utc.tm_min, utc.tm_sec, utc.tm_hour < 12 ? "AM" : "PM");
  return text;
}

}  // namespace trailbox::trail
