// Form parameters in, XML out, for the awsQuery and ec2 protocols, by the model's shapes. Follows the Smithy
// awsQuery and ec2Query protocol specifications and botocore's QuerySerializer/EC2Serializer (the inverse of what
// we parse) and QueryParser/EC2QueryParser (what must read our XML back):
//
//   request parameter names (joined by '.', list and map indices count from 1)
//     structure member   awsQuery: locationName, else the member name
//                        ec2: queryName, else locationName capitalized, else the member name (as botocore sends
//                        it) or capitalized (as Smithy clients send it); both are accepted
//     list               awsQuery: Name.member.N (the member's locationName replaces "member"), flattened Name.N,
//                        empty list "Name="; ec2: always Name.N
//     map                Name.entry.N.key / Name.entry.N.value (locationNames replace key/value), flattened
//                        Name.N.key / Name.N.value
//     scalars            booleans true/false, numbers as text (NaN, Infinity, -Infinity for floats), timestamps
//                        ISO 8601 unless timestampFormat says unixTimestamp or rfc822, blobs base64
//   response elements
//     structure member   <locationName or member name>; xmlAttribute members become attributes
//     list               <Name><member>..</member></Name> (the member's locationName wins: EC2's model names
//                        "item" on its output lists), flattened: <Name>..</Name> repeated
//     map                <Name><entry><key>..</key><value>..</value></entry></Name>, flattened <Name><key>..
//     xmlNamespace       on a reference becomes xmlns (or xmlns:prefix) on that element
#include "protocol/query_common.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/aws_error.hpp"
#include "core/encoding.hpp"
#include "core/time_format.hpp"

namespace trailbox::protocol {

namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// A shape as a reference to it sees it (a structure member, list member, map key or value): the reference's
// traits over the shape's own, as botocore merges them.
struct ShapeRef {
  const Json& reference;
  const Json& shape;

  const Json* Trait(const char* name) const {
    if (auto found = reference.find(name); found != reference.end()) return &*found;
    if (auto found = shape.find(name); found != shape.end()) return &*found;
    return nullptr;
  }
  std::string StringTrait(const char* name) const {
    const Json* trait = Trait(name);
    return trait != nullptr && trait->is_string() ? trait->get<std::string>() : std::string();
  }
  bool Flag(const char* name) const {
    const Json* trait = Trait(name);
    return trait != nullptr && trait->is_boolean() && trait->get<bool>();
  }
  std::string type() const { return shape.value("type", "structure"); }
};

ShapeRef Resolve(const ServiceModel& model, const Json& reference) { return {reference, model.Target(reference)}; }

std::string Capitalized(std::string name) {
  if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
  return name;
}

std::string Join(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

bool IsHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string DecodeFormComponent(std::string_view raw) {
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '%' && (i + 2 >= raw.size() || !IsHexDigit(raw[i + 1]) || !IsHexDigit(raw[i + 2]))) {
      // Deviation: AWS documents MalformedQueryString without a message; ours says where the form breaks.
      throw AwsError("MalformedQueryString",
                     "Invalid percent-encoding in the request body at \"" + std::string(raw.substr(i, 3)) + "\"",
                     404);
    }
  }
  return UrlDecode(raw, true);
}

// A timestamp inside a document: whole seconds as an integer, else a double kept to milliseconds (core/json.hpp).
Json TimestampDocument(double seconds) {
  double whole = std::floor(seconds);
  if (whole == seconds && std::fabs(seconds) < 9.0e15) return static_cast<int64_t>(whole);
  return std::round(seconds * 1000.0) / 1000.0;
}

std::optional<double> ParseDouble(std::string_view text) {
  // Only plain decimal notation: from_chars alone would also take "inf", "nan" and hex floats.
  if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string_view::npos) return std::nullopt;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int64_t> ParseInteger(std::string_view text, int64_t min, int64_t max) {
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return std::nullopt;
  }
  return value;
}

class InputReader {
 public:
  InputReader(const ServiceModel& model, const QueryParams& params, QueryDialect dialect)
      : model_(model), params_(params), dialect_(dialect) {}

  Json Structure(const Json& shape, const std::string& prefix, int depth = 0) const {
    Json result = Json::object();
    auto members = shape.find("members");
    if (members == shape.end()) return result;
    for (const auto& [name, reference] : members->items()) {
      ShapeRef ref = Resolve(model_, reference);
      for (const std::string& wire_name : MemberWireNames(name, ref)) {
        if (std::optional<Json> value = Read(ref, Join(prefix, wire_name), depth + 1)) {
          result[name] = std::move(*value);
          break;
        }
      }
    }
    return result;
  }

 private:
  std::vector<std::string> MemberWireNames(const std::string& name, const ShapeRef& ref) const {
    std::string location_name = ref.StringTrait("locationName");
    if (dialect_ == QueryDialect::kAwsQuery) return {location_name.empty() ? name : location_name};
    if (std::string query_name = ref.StringTrait("queryName"); !query_name.empty()) return {query_name};
    if (!location_name.empty()) return {Capitalized(location_name)};
    std::string capitalized = Capitalized(name);
    if (capitalized == name) return {name};
    return {name, capitalized};
  }

  // The name of a map's key or value part: its locationName (ec2: queryName, or the locationName capitalized).
  std::string PartName(const ShapeRef& ref, const char* default_name) const {
    if (dialect_ == QueryDialect::kEc2) {
      if (std::string query_name = ref.StringTrait("queryName"); !query_name.empty()) return query_name;
      if (std::string location_name = ref.StringTrait("locationName"); !location_name.empty()) {
        return Capitalized(location_name);
      }
      return default_name;
    }
    std::string location_name = ref.StringTrait("locationName");
    return location_name.empty() ? default_name : location_name;
  }

  // Parameters nested deeper than kMaxDepth are ignored like unknown ones, so a recursive shape cannot be made
  // to recurse without bound.
  std::optional<Json> Read(const ShapeRef& ref, const std::string& key, int depth) const {
    if (depth > kMaxDepth) return std::nullopt;
    std::string type = ref.type();
    if (type == "structure") {
      if (!HasChildren(key)) return std::nullopt;
      return Structure(ref.shape, key, depth);
    }
    if (type == "list") return List(ref, key, depth);
    if (type == "map") return Map(ref, key, depth);
    auto found = params_.find(key);
    if (found == params_.end()) return std::nullopt;
    return Scalar(ref, key, found->second);
  }

  bool HasChildren(const std::string& key) const {
    std::string prefix = key + ".";
    auto found = params_.lower_bound(prefix);
    return found != params_.end() && found->first.starts_with(prefix);
  }

  // The indices N of parameters named "prefix.N" or "prefix.N.rest", in numeric order, with N as sent.
  std::map<uint64_t, std::string> Indices(const std::string& prefix) const {
    std::map<uint64_t, std::string> indices;
    std::string start = prefix + ".";
    for (auto it = params_.lower_bound(start); it != params_.end() && it->first.starts_with(start); ++it) {
      std::string_view rest = std::string_view(it->first).substr(start.size());
      std::string_view digits = rest.substr(0, rest.find('.'));
      uint64_t index = 0;
      auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
      if (!digits.empty() && digits.size() <= 9 && error == std::errc() && end == digits.data() + digits.size() &&
          index > 0) {
        indices.emplace(index, std::string(digits));
      }
    }
    return indices;
  }

  bool IsEmptyMarker(const std::string& key) const {
    auto found = params_.find(key);
    return found != params_.end() && found->second.empty();
  }

  std::optional<Json> List(const ShapeRef& ref, const std::string& key, int depth) const {
    ShapeRef member = Resolve(model_, ref.shape["member"]);
    std::string item_prefix = key;
    if (dialect_ == QueryDialect::kAwsQuery && !ref.Flag("flattened")) {
      std::string item_name = member.StringTrait("locationName");
      item_prefix = Join(key, item_name.empty() ? "member" : item_name);
    }
    std::map<uint64_t, std::string> indices = Indices(item_prefix);
    if (indices.empty()) {
      if (IsEmptyMarker(key)) return Json::array();
      return std::nullopt;
    }
    Json items = Json::array();
    for (const auto& [index, text] : indices) {
      if (std::optional<Json> item = Read(member, Join(item_prefix, text), depth + 1)) {
        items.push_back(std::move(*item));
      }
    }
    return items;
  }

  std::optional<Json> Map(const ShapeRef& ref, const std::string& key, int depth) const {
    ShapeRef key_ref = Resolve(model_, ref.shape["key"]);
    ShapeRef value_ref = Resolve(model_, ref.shape["value"]);
    std::string entry_prefix = ref.Flag("flattened") ? key : Join(key, "entry");
    std::string key_name = PartName(key_ref, "key");
    std::string value_name = PartName(value_ref, "value");
    std::map<uint64_t, std::string> indices = Indices(entry_prefix);
    if (indices.empty()) {
      if (IsEmptyMarker(key)) return Json::object();
      return std::nullopt;
    }
    Json entries = Json::object();
    for (const auto& [index, text] : indices) {
      std::string entry = Join(entry_prefix, text);
      auto entry_key = params_.find(Join(entry, key_name));
      if (entry_key == params_.end()) continue;
      if (std::optional<Json> value = Read(value_ref, Join(entry, value_name), depth + 1)) {
        entries[entry_key->second] = std::move(*value);
      }
    }
    return entries;
  }

  [[noreturn]] void BadValue(const std::string& parameter, std::string_view text, const char* expected) const {
    std::string shown(text.substr(0, 256));
    if (dialect_ == QueryDialect::kEc2) {
      // Open: EC2's wording for a value of the wrong type is unpublished; this follows its range errors
      // ("Value (1) for parameter maxResults is invalid. Expecting a value greater than 5.").
      throw AwsError("InvalidParameterValue", "Value (" + shown + ") for parameter " + parameter +
                                                  " is invalid. Expecting " + expected + ".");
    }
    // Deviation: AWS answers MalformedInput with no Message (recorded from CloudWatch for Period=30.0); ours
    // names the parameter.
    throw AwsError("MalformedInput", "Invalid value '" + shown + "' for parameter " + parameter + ": expected " +
                                         expected + ".");
  }

  Json Scalar(const ShapeRef& ref, const std::string& key, const std::string& text) const {
    std::string type = ref.type();
    if (type == "boolean") {
      if (text == "true" || text == "TRUE" || text == "True") return true;
      if (text == "false" || text == "FALSE" || text == "False") return false;
      BadValue(key, text, "true or false");
    }
    if (type == "integer" || type == "long" || type == "short" || type == "byte") {
      int64_t max = type == "long"      ? std::numeric_limits<int64_t>::max()
                    : type == "integer" ? std::numeric_limits<int32_t>::max()
                    : type == "short"   ? std::numeric_limits<int16_t>::max()
                                        : std::numeric_limits<int8_t>::max();
      if (std::optional<int64_t> value = ParseInteger(text, -max - 1, max)) return *value;
      BadValue(key, text, type == "long" ? "a long integer" : "an integer");
    }
    if (type == "float" || type == "double") {
      if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
      if (text == "Infinity") return std::numeric_limits<double>::infinity();
      if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
      if (std::optional<double> value = ParseDouble(text)) return *value;
      BadValue(key, text, "a number");
    }
    if (type == "timestamp") {
      std::string format = ref.StringTrait("timestampFormat");
      std::optional<double> seconds;
      if (format == "unixTimestamp") {
        seconds = ParseDouble(text);
      } else if (format == "rfc822") {
        seconds = ParseHttpDate(text);
      } else {
        seconds = ParseIso8601(text);
      }
      if (!seconds) seconds = ParseAnyTimestamp(text);
      if (seconds) return TimestampDocument(*seconds);
      BadValue(key, text, "a timestamp");
    }
    if (type == "blob") {
      if (std::optional<std::string> bytes = Base64Decode(text)) {
        return Json::binary(std::vector<std::uint8_t>(bytes->begin(), bytes->end()));
      }
      BadValue(key, text, "base64-encoded data");
    }
    return text;
  }

  static constexpr int kMaxDepth = 64;
  const ServiceModel& model_;
  const QueryParams& params_;
  QueryDialect dialect_;
};

class XmlOutput {
 public:
  XmlOutput(XmlWriter& writer, const ServiceModel& model) : writer_(writer), model_(model) {}

  void Members(const Json& shape, const Json& value, const std::function<bool(const std::string&)>& skip) {
    auto members = shape.find("members");
    if (!value.is_object() || members == shape.end()) return;
    for (const auto& [name, reference] : members->items()) {
      if (skip && skip(name)) continue;
      auto found = value.find(name);
      if (found == value.end() || found->is_null()) continue;
      ShapeRef ref = Resolve(model_, reference);
      if (ref.Flag("xmlAttribute")) continue;
      Write(ElementName(name, ref), ref, *found);
    }
  }

 private:
  static std::string ElementName(const std::string& member_name, const ShapeRef& ref) {
    std::string location_name = ref.StringTrait("locationName");
    return location_name.empty() ? member_name : location_name;
  }

  // xmlNamespace on the reference itself (not the target shape's), as the protocol test vectors place it.
  static Attributes NamespaceAttributes(const ShapeRef& ref) {
    auto found = ref.reference.find("xmlNamespace");
    if (found == ref.reference.end()) return {};
    if (found->is_string()) return {{"xmlns", found->get<std::string>()}};
    if (found->is_object() && found->contains("uri")) {
      std::string prefix = found->value("prefix", "");
      return {{prefix.empty() ? "xmlns" : "xmlns:" + prefix, (*found)["uri"].get<std::string>()}};
    }
    return {};
  }

  void Write(const std::string& name, const ShapeRef& ref, const Json& value) {
    std::string type = ref.type();
    if (type == "structure") {
      Attributes attributes = NamespaceAttributes(ref);
      AttributeMembers(ref.shape, value, attributes);
      writer_.Open(name, attributes);
      Members(ref.shape, value, {});
      writer_.Close();
    } else if (type == "list") {
      WriteList(name, ref, value);
    } else if (type == "map") {
      WriteMap(name, ref, value);
    } else {
      Attributes attributes = NamespaceAttributes(ref);
      if (attributes.empty()) {
        writer_.Element(name, ScalarText(ref, value));
      } else {
        writer_.Open(name, attributes);
        writer_.Text(ScalarText(ref, value));
        writer_.Close();
      }
    }
  }

  void AttributeMembers(const Json& shape, const Json& value, Attributes& attributes) {
    auto members = shape.find("members");
    if (!value.is_object() || members == shape.end()) return;
    for (const auto& [name, reference] : members->items()) {
      ShapeRef ref = Resolve(model_, reference);
      auto found = value.find(name);
      if (!ref.Flag("xmlAttribute") || found == value.end() || found->is_null()) continue;
      attributes.emplace_back(ElementName(name, ref), ScalarText(ref, *found));
    }
  }

  void WriteList(const std::string& name, const ShapeRef& ref, const Json& value) {
    if (!value.is_array()) return;
    ShapeRef member = Resolve(model_, ref.shape["member"]);
    if (ref.Flag("flattened")) {
      for (const Json& item : value) Write(name, member, item);
      return;
    }
    std::string item_name = member.StringTrait("locationName");
    if (item_name.empty()) item_name = "member";
    writer_.Open(name, NamespaceAttributes(ref));
    for (const Json& item : value) Write(item_name, member, item);
    writer_.Close();
  }

  void WriteMap(const std::string& name, const ShapeRef& ref, const Json& value) {
    if (!value.is_object()) return;
    ShapeRef key_ref = Resolve(model_, ref.shape["key"]);
    ShapeRef value_ref = Resolve(model_, ref.shape["value"]);
    std::string key_name = key_ref.StringTrait("locationName");
    std::string value_name = value_ref.StringTrait("locationName");
    if (key_name.empty()) key_name = "key";
    if (value_name.empty()) value_name = "value";
    bool is_flattened = ref.Flag("flattened");
    if (!is_flattened) writer_.Open(name, NamespaceAttributes(ref));
    for (const auto& [key, entry_value] : value.items()) {
      if (entry_value.is_null()) continue;
      if (is_flattened) {
        writer_.Open(name, NamespaceAttributes(ref));
      } else {
        writer_.Open("entry");
      }
      Write(key_name, key_ref, Json(key));
      Write(value_name, value_ref, entry_value);
      writer_.Close();
    }
    if (!is_flattened) writer_.Close();
  }

  static std::string ScalarText(const ShapeRef& ref, const Json& value) {
    std::string type = ref.type();
    if (value.is_string() && type != "blob" && type != "timestamp") return value.get<std::string>();
    if (type == "boolean" && value.is_boolean()) return value.get<bool>() ? "true" : "false";
    if ((type == "float" || type == "double") && value.is_number_float()) {
      double number = value.get<double>();
      if (std::isnan(number)) return "NaN";
      if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
    }
    if (type == "blob") {
      if (value.is_binary()) return Base64Encode(std::string(value.get_binary().begin(), value.get_binary().end()));
      if (value.is_string()) return Base64Encode(value.get<std::string>());
    }
    if (type == "timestamp") return TimestampText(ref, value);
    return value.dump();
  }

  static std::string TimestampText(const ShapeRef& ref, const Json& value) {
    std::optional<double> seconds;
    if (value.is_number()) seconds = value.get<double>();
    if (value.is_string()) seconds = ParseAnyTimestamp(value.get<std::string>());
    if (!seconds) return value.is_string() ? value.get<std::string>() : value.dump();
    std::string format = ref.StringTrait("timestampFormat");
    if (format == "unixTimestamp") return FormatEpochSeconds(*seconds);
    if (format == "rfc822") return FormatHttpDate(*seconds);
    return FormatIso8601(*seconds, std::floor(*seconds) != *seconds);
  }

  XmlWriter& writer_;
  const ServiceModel& model_;
};

bool IsCodeOrMessage(const std::string& name) {
  return name == "message" || name == "Message" || name == "code" || name == "Code";
}

}  // namespace

QueryParams ReadQueryParams(const HttpRequest& request) {
  QueryParams params;
  for (const auto& [key, value] : request.query) params.insert_or_assign(key, value);
  std::string_view body = request.body;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string key = DecodeFormComponent(pair.substr(0, equals));
      std::string value = equals == std::string_view::npos ? "" : DecodeFormComponent(pair.substr(equals + 1));
      if (!key.empty()) params.insert_or_assign(std::move(key), std::move(value));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return params;
}

std::string QueryOperationName(const ServiceModel& model, const QueryParams& params, QueryDialect dialect) {
  auto action = params.find("Action");
  if (action == params.end() || action->second.empty()) {
    // Open: AWS's message for a missing Action as STS answers it; EC2 is assumed to word it the same.
    throw AwsError("MissingAction", "Missing Action");
  }
  if (model.FindOperation(action->second) == nullptr) {
    if (dialect == QueryDialect::kEc2) {
      throw AwsError("InvalidAction", "The action " + action->second + " is not valid for this web service.");
    }
    auto version = params.find("Version");
    throw AwsError("InvalidAction", "Could not find operation " + action->second + " for version " +
                                        (version == params.end() ? std::string() : version->second));
  }
  return action->second;
}

Json ParseQueryInput(const ServiceModel& model, const Json& operation, const QueryParams& params,
                     QueryDialect dialect) {
  auto input = operation.find("input");
  if (input == operation.end()) return Json::object();
  return InputReader(model, params, dialect).Structure(model.Target(*input), "");
}

void WriteXmlMembers(XmlWriter& writer, const ServiceModel& model, const Json& shape, const Json& value,
                     const std::function<bool(const std::string&)>& skip) {
  XmlOutput(writer, model).Members(shape, value, skip);
}

HttpResponse XmlResponse(int status, std::string body, const std::string& request_id, std::string content_type) {
  HttpResponse response;
  response.status = status;
  response.body = std::move(body);
  response.SetHeader("Content-Type", std::move(content_type));
  response.SetHeader("x-amzn-RequestId", request_id);
  return response;
}

void WriteXmlErrorDetails(XmlWriter& writer, const ServiceModel& model, const Json* error_shape, const Json& extra) {
  if (!extra.is_object() || extra.empty()) return;
  if (error_shape != nullptr) {
    WriteXmlMembers(writer, model, *error_shape, extra, IsCodeOrMessage);
    return;
  }
  for (const auto& [name, value] : extra.items()) {
    if (IsCodeOrMessage(name)) continue;
    if (value.is_string()) {
      writer.Element(name, value.get<std::string>());
    } else if (value.is_number() || value.is_boolean()) {
      writer.Element(name, value.dump());
    }
  }
}

}  // namespace trailbox::protocol
