// Model-driven input validation with AWS's message format ("N validation error(s) detected: ...; ...").
// Deviation: botocore patterns are Java regular expressions; one that std::regex cannot read the same way (\p{...}
// classes, inline flags) is not checked, rather than rejecting valid input.
#include "protocol/validate.hpp"

#include <cctype>
#include <map>
#include <mutex>
#include <regex>

namespace trailbox::protocol {
namespace {

std::string LowerCamel(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
  return name;
}

std::string Join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

// Java constructs that std::regex silently misreads (it takes "\\p{L}" for the letters "p{L}"), so the pattern
// would reject valid input: Unicode classes, inline flags, Java's anchors.
bool UsesJavaOnlySyntax(std::string_view pattern) {
  for (std::string_view construct : {"\\p", "\\P", "(?", "\\A", "\\Z", "\\z", "\\h", "\\x{"}) {
    if (pattern.find(construct) != std::string_view::npos) return true;
  }
  return false;
}

const std::regex* CompiledPattern(const std::string& pattern) {
  static std::mutex mutex;
  static std::map<std::string, std::optional<std::regex>> cache;
  std::lock_guard lock(mutex);
  auto found = cache.find(pattern);
  if (found == cache.end()) {
    std::optional<std::regex> compiled;
    try {
      if (!UsesJavaOnlySyntax(pattern)) compiled.emplace(pattern, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error&) {
      // Java-only syntax std::regex rejects; see the Deviation note above.
    }
    found = cache.emplace(pattern, std::move(compiled)).first;
  }
  return found->second ? &*found->second : nullptr;
}

// UTF-8 code points, as AWS counts string length.
size_t CodePoints(const std::string& text) {
  size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string NumberText(double value) {
  if (value == static_cast<double>(static_cast<int64_t>(value))) return std::to_string(static_cast<int64_t>(value));
  return std::to_string(value);
}

class Validator {
 public:
  explicit Validator(const ServiceModel& model) : model_(model) {}

  void Check(const Json& shape, const Json& value, const std::string& path, const std::string& member) {
    std::string type = shape.value("type", "structure");
    if (type == "structure") CheckStructure(shape, value, path);
    else if (type == "list") CheckList(shape, value, path, member);
    else if (type == "map") CheckMap(shape, value, path, member);
    else if (type == "string") CheckString(shape, value, path, member);
    else if (type == "integer" || type == "long" || type == "float" || type == "double") {
      CheckRange(shape, value, path, member);
    }
  }

  std::vector<Violation> violations;

 private:
  void Add(const std::string& path, const std::string& member, std::string value, std::string constraint,
           bool missing = false) {
    violations.push_back({path, std::move(value), std::move(constraint), member, missing});
  }

  void CheckStructure(const Json& shape, const Json& value, const std::string& path) {
    if (!value.is_object()) return;
    const Json& members = shape.contains("members") ? shape["members"] : Json::object();
    if (shape.contains("required")) {
      for (const auto& required : shape["required"]) {
        std::string name = required.get<std::string>();
        if (!value.contains(name) || value[name].is_null()) {
          Add(Join(path, LowerCamel(name)), name, "null", "Member must not be null", true);
        }
      }
    }
    for (const auto& [name, reference] : members.items()) {
      if (!value.contains(name) || value[name].is_null()) continue;
      Check(model_.Target(reference), value[name], Join(path, LowerCamel(name)), name);
    }
  }

  void CheckLength(const Json& shape, size_t length, const std::string& path, const std::string& member,
                   const std::string& shown) {
    if (shape.contains("min") && length < shape["min"].get<double>()) {
      Add(path, member, shown, "Member must have length greater than or equal to " + NumberText(shape["min"]));
    }
    if (shape.contains("max") && length > shape["max"].get<double>()) {
      Add(path, member, shown, "Member must have length less than or equal to " + NumberText(shape["max"]));
    }
  }

  void CheckList(const Json& shape, const Json& value, const std::string& path, const std::string& member) {
    if (!value.is_array()) return;
    CheckLength(shape, value.size(), path, member, "[...]");
    const Json& item_shape = model_.Target(shape["member"]);
    for (size_t i = 0; i < value.size(); ++i) {
      Check(item_shape, value[i], path + ".member." + std::to_string(i + 1), member);
    }
  }

  void CheckMap(const Json& shape, const Json& value, const std::string& path, const std::string& member) {
    if (!value.is_object()) return;
    CheckLength(shape, value.size(), path, member, "{...}");
    const Json& key_shape = model_.Target(shape["key"]);
    const Json& value_shape = model_.Target(shape["value"]);
    for (const auto& [key, item] : value.items()) {
      Check(key_shape, Json(key), path + ".key", member);
      Check(value_shape, item, path + ".value", member);
    }
  }

  void CheckString(const Json& shape, const Json& value, const std::string& path, const std::string& member) {
    if (!value.is_string()) return;
    const std::string& text = value.get_ref<const std::string&>();
    std::string shown = "'" + text + "'";
    CheckLength(shape, CodePoints(text), path, member, shown);
    if (shape.contains("enum")) {
      bool found = false;
      std::string set;
      for (const auto& option : shape["enum"]) {
        found = found || option == value;
        set += (set.empty() ? "" : ", ") + option.get<std::string>();
      }
      if (!found) Add(path, member, shown, "Member must satisfy enum value set: [" + set + "]");
    }
    if (shape.contains("pattern")) {
      const std::string pattern = shape["pattern"].get<std::string>();
      const std::regex* compiled = CompiledPattern(pattern);
      if (compiled && !std::regex_match(text, *compiled)) {
        Add(path, member, shown, "Member must satisfy regular expression pattern: " + pattern);
      }
    }
  }

  void CheckRange(const Json& shape, const Json& value, const std::string& path, const std::string& member) {
    if (!value.is_number()) return;
    double number = value.get<double>();
    std::string shown = "'" + NumberText(number) + "'";
    if (shape.contains("min") && number < shape["min"].get<double>()) {
      Add(path, member, shown, "Member must have value greater than or equal to " + NumberText(shape["min"]));
    }
    if (shape.contains("max") && number > shape["max"].get<double>()) {
      Add(path, member, shown, "Member must have value less than or equal to " + NumberText(shape["max"]));
    }
  }

  const ServiceModel& model_;
};

}  // namespace

std::vector<Violation> ValidateInput(const ServiceModel& model, const Json& operation, const Json& input) {
  if (!operation.contains("input")) return {};
  Validator validator(model);
  validator.Check(model.Target(operation["input"]), input, "", "");
  return validator.violations;
}

AwsError ValidationFailure(const ServiceModel& model, WireProtocol protocol, const std::vector<Violation>& violations) {
  if (protocol == WireProtocol::kEc2) {
    // EC2 names the first problem only, in its own codes.
    const Violation& first = violations.front();
    if (first.is_missing) {
      return AwsError("MissingParameter", "The request must contain the parameter " + first.member, 400);
    }
    return AwsError("InvalidParameterValue",
                    "Value (" + first.value + ") for parameter " + first.member + " is invalid. " + first.constraint,
                    400);
  }
  std::string message = std::to_string(violations.size()) +
                        (violations.size() == 1 ? " validation error detected: " : " validation errors detected: ");
  for (size_t i = 0; i < violations.size(); ++i) {
    const Violation& v = violations[i];
    if (i > 0) message += "; ";
    message += "Value " + v.value + " at '" + v.path + "' failed to satisfy constraint: " + v.constraint;
  }
  std::string code = "ValidationException";
  if (protocol == WireProtocol::kAwsQuery) code = "ValidationError";
  if (model.endpoint_prefix() == "logs") code = "InvalidParameterException";
  if (protocol == WireProtocol::kRestXml) code = "InvalidArgument";
  return AwsError(code, message, 400);
}

}  // namespace trailbox::protocol
