// YAML -> model-shaped documents (document_from_yaml.hpp): a walk of the botocore shape beside the YAML node.
#include "scenario/document_from_yaml.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

#include "core/time_format.hpp"

namespace trailbox::scenario {
namespace {

std::string MemberPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

std::string Kind(const YAML::Node& node) {
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "null";
  return "'" + node.Scalar() + "'";
}

bool IsQuoted(const YAML::Node& node) { return node.Tag() == "!"; }

std::optional<int64_t> ParseInteger(const std::string& text) {
  int64_t value = 0;
  const char* begin = text.data() + (!text.empty() && text[0] == '+' ? 1 : 0);
  auto [end, error] = std::from_chars(begin, text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || begin == end) return std::nullopt;
  return value;
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty() || text.find_first_of("0123456789") == std::string::npos) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> ParseBoolean(const std::string& text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

[[noreturn]] void Reject(const std::string& path, const std::string& expected, const YAML::Node& node) {
  std::string problem = "expected " + expected + ", got " + Kind(node);
  if (node.IsScalar() && node.Scalar().find("${") != std::string::npos) {
    problem += " (${...} substitutions are only allowed in string members)";
  }
  throw ConversionError(path, problem);
}

Json ScalarFromYaml(const YAML::Node& node, const std::string& type, const std::string& path) {
  if (type == "string") {
    if (node.IsMap() || node.IsSequence()) return PlainJsonFromYaml(node).dump();
    return node.Scalar();
  }
  if (!node.IsScalar()) Reject(path, "a " + type, node);
  const std::string& text = node.Scalar();
  if (type == "integer" || type == "long") {
    if (auto value = ParseInteger(text)) return *value;
    Reject(path, "an integer", node);
  }
  if (type == "double" || type == "float") {
    if (auto value = ParseNumber(text)) return *value;
    Reject(path, "a number", node);
  }
  if (type == "boolean") {
    if (auto value = ParseBoolean(text)) return *value;
    Reject(path, "true or false", node);
  }
  if (type == "timestamp") {
    if (auto seconds = ParseNumber(text)) return *seconds;
    if (auto seconds = ParseIso8601(text)) return *seconds;
    Reject(path, "an ISO 8601 time such as 2026-01-01T00:00:00Z", node);
  }
  if (type == "blob") return Json::binary(std::vector<uint8_t>(text.begin(), text.end()));
  throw ConversionError(path, "the model's type '" + type + "' cannot be written in a scenario");
}

}  // namespace

Json DocumentFromYaml(const YAML::Node& node, const protocol::ServiceModel& model, const Json& shape,
                      UnknownMembers unknown, const std::string& path) {
  const std::string type = shape.at("type");
  if (type == "structure") {
    if (!node.IsMap()) Reject(path, "a map of members", node);
    const Json& members = shape.at("members");
    Json document = Json::object();
    for (const auto& entry : node) {
      std::string name = entry.first.Scalar();
      auto member = members.find(name);
      if (member == members.end()) {
        if (unknown == UnknownMembers::kIgnore) continue;
        std::string known;
        for (const auto& [member_name, reference] : members.items()) known += (known.empty() ? "" : ", ") + member_name;
        throw ConversionError(MemberPath(path, name), "no such member (members: " + known + ")");
      }
      if (entry.second.IsNull()) continue;
      document[name] = DocumentFromYaml(entry.second, model, model.Target(*member), unknown, MemberPath(path, name));
    }
    return document;
  }
  if (type == "list") {
    if (!node.IsSequence()) Reject(path, "a list", node);
    const Json& item_shape = model.Target(shape.at("member"));
    Json list = Json::array();
    for (size_t i = 0; i < node.size(); ++i) {
      list.push_back(DocumentFromYaml(node[i], model, item_shape, unknown, path + "[" + std::to_string(i) + "]"));
    }
    return list;
  }
  if (type == "map") {
    if (!node.IsMap()) Reject(path, "a map", node);
    const Json& value_shape = model.Target(shape.at("value"));
    Json map = Json::object();
    for (const auto& entry : node) {
      std::string key = entry.first.Scalar();
      map[key] = DocumentFromYaml(entry.second, model, value_shape, unknown, MemberPath(path, key));
    }
    return map;
  }
  return ScalarFromYaml(node, type, path);
}

Json OperationDocumentFromYaml(const YAML::Node& node, std::string_view service, std::string_view operation,
                               bool is_output, UnknownMembers unknown) {
  const protocol::ServiceModel* model = protocol::FindServiceModel(service);
  if (!model) throw ConversionError("", "trailbox has no service model named '" + std::string(service) + "'");
  const Json* definition = model->FindOperation(operation);
  if (!definition) {
    throw ConversionError("", "the " + std::string(service) + " model has no operation '" + std::string(operation) +
                                  "'");
  }
  if (definition->value("notImplemented", false)) {
    throw ConversionError("", "trailbox does not implement " + std::string(service) + "." + std::string(operation));
  }
  const char* direction = is_output ? "output" : "input";
  if (!definition->contains(direction)) {
    if (!node || node.IsNull() || (node.IsMap() && node.size() == 0)) return Json::object();
    throw ConversionError("", std::string(service) + "." + std::string(operation) + " has no " + direction);
  }
  if (!node || node.IsNull()) return Json::object();
  return DocumentFromYaml(node, *model, model->Target(definition->at(direction)), unknown);
}

Json PlainJsonFromYaml(const YAML::Node& node) {
  if (!node || node.IsNull()) return nullptr;
  if (node.IsSequence()) {
    Json list = Json::array();
    for (const auto& item : node) list.push_back(PlainJsonFromYaml(item));
    return list;
  }
  if (node.IsMap()) {
    Json map = Json::object();
    for (const auto& entry : node) map[entry.first.Scalar()] = PlainJsonFromYaml(entry.second);
    return map;
  }
  const std::string& text = node.Scalar();
  if (IsQuoted(node)) return text;
  if (text == "~" || text == "null" || text == "Null" || text == "NULL") return nullptr;
  if (auto value = ParseBoolean(text)) return *value;
  bool has_leading_zero = text.size() > 1 && text[0] == '0' && std::isdigit(static_cast<unsigned char>(text[1]));
  if (has_leading_zero) return text;
  if (auto value = ParseInteger(text)) return *value;
  bool looks_numeric = text.find_first_not_of("0123456789+-.eE") == std::string::npos;
  if (looks_numeric) {
    if (auto value = ParseNumber(text)) return *value;
  }
  return text;
}

}  // namespace trailbox::scenario
