// The restXml protocol as S3 speaks it, driven only by the botocore model's traits: members bound to the URI
// (labels, greedy {Key+}), the query string, headers (and header prefix maps such as x-amz-meta-), the status code,
// and a payload (raw blob/string, or an XML document per locationName, flattened, xmlAttribute, xmlNamespace);
// errors as S3's <Error> document. AWS: "Amazon S3 REST API" and "Error responses"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html); Smithy "AWS restXml protocol".
// Deviation: a response document's root is named after the output shape (ListBucketsOutput), not S3's own name
// (ListAllMyBucketsResult): botocore's model does not carry those names, and no SDK reads the root's name.
// A scalar payload member with a locationName is written as that one element, which is how S3 answers
// GetBucketLocation (<LocationConstraint>eu-west-1</LocationConstraint>) once a model patch gives its output
// shape "payload" and the member a locationName.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "protocol/codecs.hpp"
#include "protocol/errors.hpp"
#include "protocol/uri_template.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {
namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

constexpr const char* kIso8601 = "iso8601";
constexpr const char* kHttpDate = "rfc822";
constexpr const char* kEpochSeconds = "unixTimestamp";
// S3 puts a line break after the declaration; XmlWriter's own declaration has none.
constexpr const char* kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

// ---- Model views -------------------------------------------------------------------------------------------------

// A member reference and its target shape: traits are looked up on the reference first, then on the shape, as
// botocore merges them (locationName, flattened, xmlNamespace, timestampFormat).
struct View {
  const Json* ref;
  const Json* shape;
};

const Json* Find(const Json& object, const std::string& key) {
  if (!object.is_object()) return nullptr;
  auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

const Json* Trait(const View& view, const std::string& key) {
  if (const Json* value = Find(*view.ref, key)) return value;
  return Find(*view.shape, key);
}

std::string StringTrait(const View& view, const std::string& key, std::string fallback = {}) {
  const Json* value = Trait(view, key);
  return value && value->is_string() ? value->get<std::string>() : fallback;
}

bool BoolTrait(const View& view, const std::string& key) {
  const Json* value = Trait(view, key);
  return value && value->is_boolean() && value->get<bool>();
}

std::string Type(const View& view) { return view.shape->value("type", "structure"); }

View Resolve(const ServiceModel& model, const Json& ref) { return {&ref, &model.Target(ref)}; }

// A member's wire name (element, attribute, header, query key, label): the reference's locationName only; a
// target shape's own locationName names documents whose root it is (RootXmlName), as in Smithy's xmlName.
std::string XmlName(const View& view, std::string fallback) {
  const Json* name = Find(*view.ref, "locationName");
  return name && name->is_string() ? name->get<std::string>() : fallback;
}

std::string RootXmlName(const View& view, std::string fallback) {
  return StringTrait(view, "locationName", fallback);
}

// Members bound outside the body: in requests every location, in responses only headers and the status code
// (uri and querystring members of a shape shared with the input are written in the response body).
enum class Direction { kRequest, kResponse };

bool IsBoundOutsideBody(const Json& ref, Direction direction) {
  const Json* location = Find(ref, "location");
  if (!location) return false;
  if (direction == Direction::kRequest) return true;
  std::string where = location->get<std::string>();
  return where == "header" || where == "headers" || where == "statusCode";
}

std::string_view LocalName(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// ---- Scalars -----------------------------------------------------------------------------------------------------

std::string_view Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r\n") - begin + 1);
}

Json EpochJson(double seconds) {
  if (std::floor(seconds) == seconds) return Json(static_cast<int64_t>(seconds));
  return Json(std::round(seconds * 1000.0) / 1000.0);
}

std::optional<double> ParseDouble(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<double> ParseTimestamp(std::string_view text, const std::string& format) {
  if (format == kEpochSeconds) return ParseDouble(text);
  if (format == kHttpDate) {
    if (auto parsed = ParseHttpDate(text)) return parsed;
  } else if (auto parsed = ParseIso8601(text)) {
    return parsed;
  }
  return ParseAnyTimestamp(text);
}

// Reads one scalar in its wire text form; nullopt when the text does not fit the shape's type.
std::optional<Json> ParseScalar(const View& view, std::string_view text, const char* default_format) {
  std::string type = Type(view);
  if (type == "string" || type == "character") return Json(std::string(text));
  text = Trim(text);
  if (type == "boolean") {
    if (text == "true" || text == "false") return Json(text == "true");
    return std::nullopt;
  }
  if (type == "integer" || type == "long" || type == "short" || type == "byte") {
    int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return Json(value);
  }
  if (type == "float" || type == "double") {
    auto value = ParseDouble(text);
    return value ? std::optional<Json>(Json(*value)) : std::nullopt;
  }
  if (type == "timestamp") {
    auto value = ParseTimestamp(text, StringTrait(view, "timestampFormat", default_format));
    return value ? std::optional<Json>(EpochJson(*value)) : std::nullopt;
  }
  if (type == "blob") {
    auto bytes = Base64Decode(text);
    if (!bytes) return std::nullopt;
    return Json::binary(std::vector<std::uint8_t>(bytes->begin(), bytes->end()));
  }
  return Json(std::string(text));
}

std::string BytesOf(const Json& value) {
  if (value.is_binary()) return std::string(value.get_binary().begin(), value.get_binary().end());
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string FormatDouble(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  return Json(value).dump();
}

std::string FormatTimestamp(const View& view, const Json& value, const char* default_format) {
  if (!value.is_number()) return value.is_string() ? value.get<std::string>() : value.dump();
  std::string format = StringTrait(view, "timestampFormat", default_format);
  double seconds = value.get<double>();
  if (format == kEpochSeconds) return FormatEpochSeconds(seconds);
  if (format == kHttpDate) return FormatHttpDate(seconds);
  return FormatIso8601(seconds, std::floor(seconds) != seconds);
}

// Writes one scalar in its wire text form (XML text, header value, query value).
std::string FormatScalar(const View& view, const Json& value, const char* default_format) {
  std::string type = Type(view);
  if (type == "timestamp") return FormatTimestamp(view, value, default_format);
  if (type == "blob") return Base64Encode(BytesOf(value));
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number_float()) return FormatDouble(value.get<double>());
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// ---- Errors a request can cause ----------------------------------------------------------------------------------

[[noreturn]] void ThrowMalformedXml() {
  throw AwsError("MalformedXML",
                 "The XML you provided was not well-formed or did not validate against our published schema", 400);
}

// Open: S3 words this per argument; we name the argument and its value, with S3's ArgumentName/ArgumentValue.
[[noreturn]] void ThrowInvalidArgument(const std::string& name, std::string_view value) {
  AwsError error("InvalidArgument", "Invalid value for " + name + ": '" + std::string(value) + "'", 400);
  error.extra()["ArgumentName"] = name;
  error.extra()["ArgumentValue"] = std::string(value);
  throw error;
}

Json ParseBound(const View& view, std::string_view text, const char* default_format, const std::string& name) {
  auto value = ParseScalar(view, text, default_format);
  if (!value) ThrowInvalidArgument(name, text);
  return *value;
}

// ---- XML body -> document ----------------------------------------------------------------------------------------

Json ParseXmlValue(const ServiceModel& model, const View& view, const XmlNode& node);

const std::string* FindAttribute(const XmlNode& node, const std::string& name) {
  if (const std::string* value = node.Attribute(name)) return value;
  for (const auto& [key, value] : node.attributes) {
    if (LocalName(key) == LocalName(name) && !key.starts_with("xmlns")) return &value;
  }
  return nullptr;
}

Json ParseXmlList(const ServiceModel& model, const View& item_view, const std::vector<const XmlNode*>& items) {
  Json list = Json::array();
  for (const XmlNode* item : items) list.push_back(ParseXmlValue(model, item_view, *item));
  return list;
}

Json ParseXmlMap(const ServiceModel& model, const View& view, const std::vector<const XmlNode*>& entries) {
  View key_view = Resolve(model, (*view.shape)["key"]);
  View value_view = Resolve(model, (*view.shape)["value"]);
  std::string key_name = XmlName(key_view, "key"), value_name = XmlName(value_view, "value");
  Json map = Json::object();
  for (const XmlNode* entry : entries) {
    const XmlNode* key = entry->Child(LocalName(key_name));
    const XmlNode* value = entry->Child(LocalName(value_name));
    if (!key) ThrowMalformedXml();
    map[key->text] = value ? ParseXmlValue(model, value_view, *value) : Json();
  }
  return map;
}

// A structure member read from its parent element: flattened lists and maps repeat directly inside the parent.
std::optional<Json> ParseXmlMember(const ServiceModel& model, const std::string& member_name, const View& view,
                                   const XmlNode& parent) {
  std::string name(LocalName(XmlName(view, member_name)));
  if (!parent.Child(name) && !Find(*view.ref, "locationName")) name = LocalName(RootXmlName(view, member_name));
  std::string type = Type(view);
  if ((type == "list" || type == "map") && BoolTrait(view, "flattened")) {
    auto nodes = parent.Children(name);
    if (nodes.empty()) return std::nullopt;
    if (type == "map") return ParseXmlMap(model, view, nodes);
    return ParseXmlList(model, Resolve(model, (*view.shape)["member"]), nodes);
  }
  const XmlNode* child = parent.Child(name);
  if (!child) return std::nullopt;
  return ParseXmlValue(model, view, *child);
}

Json ParseXmlStructure(const ServiceModel& model, const View& view, const XmlNode& node) {
  Json document = Json::object();
  const Json* members = Find(*view.shape, "members");
  if (!members) return document;
  for (const auto& [member_name, ref] : members->items()) {
    if (IsBoundOutsideBody(ref, Direction::kRequest)) continue;
    View member = Resolve(model, ref);
    if (BoolTrait(member, "xmlAttribute")) {
      const std::string* text = FindAttribute(node, XmlName(member, member_name));
      if (!text) continue;
      auto value = ParseScalar(member, *text, kIso8601);
      if (!value) ThrowMalformedXml();
      document[member_name] = std::move(*value);
    } else if (auto value = ParseXmlMember(model, member_name, member, node)) {
      document[member_name] = std::move(*value);
    }
  }
  return document;
}

Json ParseXmlValue(const ServiceModel& model, const View& view, const XmlNode& node) {
  std::string type = Type(view);
  if (type == "structure" || type == "union") return ParseXmlStructure(model, view, node);
  if (type == "list") {
    View item_view = Resolve(model, (*view.shape)["member"]);
    return ParseXmlList(model, item_view, node.Children(LocalName(XmlName(item_view, "member"))));
  }
  if (type == "map") return ParseXmlMap(model, view, node.Children("entry"));
  auto value = ParseScalar(view, node.text, kIso8601);
  if (!value) ThrowMalformedXml();
  return *value;
}

XmlNode ParseBody(std::string_view body) {
  try {
    return ParseXml(body);
  } catch (const XmlError&) {
    ThrowMalformedXml();
  }
}

// ---- Request bindings --------------------------------------------------------------------------------------------

std::string CombinedHeader(const HttpRequest& request, std::string_view name) {
  std::string combined;
  bool is_first = true;
  for (const auto& [key, value] : request.headers) {
    if (!HeaderNameEquals(key, name)) continue;
    if (!is_first) combined += ", ";
    combined += value;
    is_first = false;
  }
  return combined;
}

// Splits a list header on commas outside double quotes; quoted items lose their quotes and escapes.
std::vector<std::string> SplitHeaderList(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  bool is_quoted = false, was_quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      if (!is_quoted && !was_quoted) current.clear();  // the blank before an opening quote
      is_quoted = !is_quoted;
      was_quoted = true;
    } else if (c == '\\' && is_quoted && i + 1 < text.size()) {
      current += text[++i];
    } else if (c == ',' && !is_quoted) {
      items.push_back(was_quoted ? current : std::string(Trim(current)));
      current.clear();
      was_quoted = false;
    } else if (!(was_quoted && !is_quoted)) {
      current += c;
    }
  }
  items.push_back(was_quoted ? current : std::string(Trim(current)));
  return items;
}

Json ParseHeaderList(const View& view, const ServiceModel& model, const std::string& text, const std::string& name) {
  Json list = Json::array();
  if (Trim(text).empty()) return list;
  View item_view = Resolve(model, (*view.shape)["member"]);
  std::vector<std::string> items = SplitHeaderList(text);
  bool is_http_date = Type(item_view) == "timestamp" &&
                      StringTrait(item_view, "timestampFormat", kHttpDate) == kHttpDate;
  for (size_t i = 0; i < items.size(); ++i) {
    // An HTTP date holds a comma itself ("Mon, 16 Dec 2019 ..."): its two halves are one item.
    std::string item = is_http_date && i + 1 < items.size() ? items[i] + ", " + items[++i] : items[i];
    list.push_back(ParseBound(item_view, item, kHttpDate, name));
  }
  return list;
}

std::optional<Json> ParseHeaderMember(const ServiceModel& model, const View& view, const HttpRequest& request) {
  std::string name = XmlName(view, "");
  if (!request.HasHeader(name)) return std::nullopt;
  std::string text = CombinedHeader(request, name);
  std::string type = Type(view);
  if (type == "list") return ParseHeaderList(view, model, text, name);
  if (BoolTrait(view, "jsonvalue")) {
    auto decoded = Base64Decode(Trim(text));
    if (!decoded) ThrowInvalidArgument(name, text);
    Json parsed = Json::parse(*decoded, nullptr, false);
    if (parsed.is_discarded()) ThrowInvalidArgument(name, text);
    return parsed;
  }
  if (Trim(text).empty() && type != "string") return std::nullopt;
  return ParseBound(view, text, kHttpDate, name);
}

// A header prefix map (location "headers"): every header starting with the prefix, keyed by the rest of its name
// in lower case; an empty map when none. Open: S3 stores user metadata keys in lower case, so we do for every
// prefix map.
Json ParseHeaderMap(const std::string& prefix, const HttpRequest& request) {
  Json map = Json::object();
  for (const auto& [key, value] : request.headers) {
    if (key.size() <= prefix.size() || !HeaderNameEquals(std::string_view(key).substr(0, prefix.size()), prefix)) {
      continue;
    }
    std::string suffix = key.substr(prefix.size());
    std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return std::tolower(c); });
    map[suffix] = map.contains(suffix) ? map[suffix].get<std::string>() + ", " + value : value;
  }
  return map;
}

std::vector<std::string> QueryValues(const HttpRequest& request, const std::string& key) {
  std::vector<std::string> values;
  for (const auto& [name, value] : request.query) {
    if (name == key) values.push_back(value);
  }
  return values;
}

// Query keys bound elsewhere: named querystring members and the template's literal keys.
std::vector<std::string> BoundQueryKeys(const Json& members, const UriTemplate& uri) {
  std::vector<std::string> keys;
  for (const auto& [member_name, ref] : members.items()) {
    if (ref.value("location", "") == "querystring" && ref.contains("locationName")) {
      keys.push_back(ref["locationName"].get<std::string>());
    }
  }
  for (const auto& [key, value] : uri.literal_query()) keys.push_back(key);
  return keys;
}

// A map bound to the query string (location querystring, no name): the parameters nothing else binds.
Json ParseQueryMap(const ServiceModel& model, const View& view, const HttpRequest& request,
                   const std::vector<std::string>& bound_keys) {
  View value_view = Resolve(model, (*view.shape)["value"]);
  bool is_list = Type(value_view) == "list";
  Json map = Json::object();
  for (const auto& [key, value] : request.query) {
    if (std::find(bound_keys.begin(), bound_keys.end(), key) != bound_keys.end()) continue;
    if (!is_list) {
      if (!map.contains(key)) map[key] = value;
      continue;
    }
    if (!map.contains(key)) map[key] = Json::array();
    map[key].push_back(value);
  }
  return map;
}

std::optional<Json> ParseQueryMember(const ServiceModel& model, const View& view, const HttpRequest& request,
                                     const std::vector<std::string>& bound_keys) {
  std::string type = Type(view);
  if (type == "map") {
    Json map = ParseQueryMap(model, view, request, bound_keys);
    return map.empty() ? std::nullopt : std::optional<Json>(map);
  }
  std::string name = XmlName(view, "");
  std::vector<std::string> values = QueryValues(request, name);
  if (values.empty()) return std::nullopt;
  if (type != "list") return ParseBound(view, values.front(), kIso8601, name);
  View item_view = Resolve(model, (*view.shape)["member"]);
  Json list = Json::array();
  for (const std::string& value : values) list.push_back(ParseBound(item_view, value, kIso8601, name));
  return list;
}

std::optional<Json> ParseUriMember(const View& view, const UriMatch& match) {
  std::string name = XmlName(view, "");
  auto found = match.labels.find(name);
  if (found == match.labels.end()) return std::nullopt;
  return ParseBound(view, found->second, kIso8601, name);
}

bool IsBlank(std::string_view body) { return Trim(body).empty(); }

// The payload member: raw bytes for blobs, raw text for strings, else one XML document.
std::optional<Json> ParsePayloadMember(const ServiceModel& model, const View& view, const HttpRequest& request) {
  std::string type = Type(view);
  if (type == "blob") {
    if (request.body.empty()) return std::nullopt;
    return Json::binary(std::vector<std::uint8_t>(request.body.begin(), request.body.end()));
  }
  bool is_scalar_element = type != "structure" && type != "union" && Find(*view.ref, "locationName");
  if (type == "string" && !is_scalar_element) {
    return request.body.empty() ? std::nullopt : std::optional<Json>(request.body);
  }
  if (IsBlank(request.body)) return std::nullopt;
  return ParseXmlValue(model, view, ParseBody(request.body));
}

void ParseBodyMembers(const ServiceModel& model, const View& root, const HttpRequest& request, Json& input) {
  if (const Json* payload = Find(*root.shape, "payload")) {
    std::string member_name = payload->get<std::string>();
    View view = Resolve(model, (*root.shape)["members"][member_name]);
    if (auto value = ParsePayloadMember(model, view, request)) input[member_name] = std::move(*value);
    return;
  }
  if (IsBlank(request.body)) return;
  Json body = ParseXmlStructure(model, root, ParseBody(request.body));
  for (auto& [key, value] : body.items()) input[key] = std::move(value);
}

std::optional<Json> ParseLocatedMember(const ServiceModel& model, const View& view, const std::string& location,
                                       const HttpRequest& request, const UriMatch& match,
                                       const std::vector<std::string>& bound_keys) {
  if (location == "uri") return ParseUriMember(view, match);
  if (location == "querystring") return ParseQueryMember(model, view, request, bound_keys);
  if (location == "header") return ParseHeaderMember(model, view, request);
  if (location == "headers") return ParseHeaderMap(XmlName(view, ""), request);
  return std::nullopt;
}

// ---- Document -> XML ---------------------------------------------------------------------------------------------

Attributes NamespaceAttributes(const View& view) {
  const Json* ns = Trait(view, "xmlNamespace");
  if (!ns) return {};
  if (ns->is_string()) return {{"xmlns", ns->get<std::string>()}};
  std::string prefix = ns->value("prefix", "");
  return {{prefix.empty() ? "xmlns" : "xmlns:" + prefix, ns->value("uri", "")}};
}

void WriteXmlValue(XmlWriter& writer, const ServiceModel& model, const View& view, const Json& value,
                   const std::string& name);

void WriteXmlScalar(XmlWriter& writer, const View& view, const Json& value, const std::string& name) {
  Attributes attributes = NamespaceAttributes(view);
  if (attributes.empty()) return writer.Element(name, FormatScalar(view, value, kIso8601));
  writer.Open(name, attributes);
  writer.Text(FormatScalar(view, value, kIso8601));
  writer.Close();
}

void WriteXmlMapEntries(XmlWriter& writer, const ServiceModel& model, const View& view, const Json& map,
                        const std::string& entry_name, const Attributes& entry_attributes) {
  View key_view = Resolve(model, (*view.shape)["key"]);
  View value_view = Resolve(model, (*view.shape)["value"]);
  for (const auto& [key, value] : map.items()) {
    writer.Open(entry_name, entry_attributes);
    WriteXmlScalar(writer, key_view, Json(key), XmlName(key_view, "key"));
    WriteXmlValue(writer, model, value_view, value, XmlName(value_view, "value"));
    writer.Close();
  }
}

// A structure member inside its parent: flattened lists and maps repeat under the member's own name.
void WriteXmlMember(XmlWriter& writer, const ServiceModel& model, const std::string& member_name, const View& view,
                    const Json& value) {
  std::string name = XmlName(view, member_name);
  std::string type = Type(view);
  bool is_flattened = BoolTrait(view, "flattened");
  if (type == "list" && is_flattened) {
    View item_view = Resolve(model, (*view.shape)["member"]);
    for (const Json& item : value) WriteXmlValue(writer, model, item_view, item, name);
  } else if (type == "map" && is_flattened) {
    WriteXmlMapEntries(writer, model, view, value, name, NamespaceAttributes(view));
  } else {
    WriteXmlValue(writer, model, view, value, name);
  }
}

void WriteXmlStructure(XmlWriter& writer, const ServiceModel& model, const View& view, const Json& value,
                       const std::string& name, Attributes attributes) {
  const Json* members = Find(*view.shape, "members");
  if (members) {
    for (const auto& [member_name, ref] : members->items()) {
      const Json* member_value = Find(value, member_name);
      if (!member_value || member_value->is_null() || !BoolTrait(Resolve(model, ref), "xmlAttribute")) continue;
      View member = Resolve(model, ref);
      attributes.emplace_back(XmlName(member, member_name), FormatScalar(member, *member_value, kIso8601));
    }
  }
  writer.Open(name, attributes);
  if (members) {
    for (const auto& [member_name, ref] : members->items()) {
      const Json* member_value = Find(value, member_name);
      if (!member_value || member_value->is_null() || IsBoundOutsideBody(ref, Direction::kResponse)) continue;
      View member = Resolve(model, ref);
      if (!BoolTrait(member, "xmlAttribute")) WriteXmlMember(writer, model, member_name, member, *member_value);
    }
  }
  writer.Close();
}

void WriteXmlValue(XmlWriter& writer, const ServiceModel& model, const View& view, const Json& value,
                   const std::string& name) {
  std::string type = Type(view);
  if (type == "structure" || type == "union") {
    return WriteXmlStructure(writer, model, view, value, name, NamespaceAttributes(view));
  }
  if (type == "list") {
    View item_view = Resolve(model, (*view.shape)["member"]);
    std::string item_name = XmlName(item_view, "member");
    writer.Open(name, NamespaceAttributes(view));
    for (const Json& item : value) WriteXmlValue(writer, model, item_view, item, item_name);
    return writer.Close();
  }
  if (type == "map") {
    writer.Open(name, NamespaceAttributes(view));
    WriteXmlMapEntries(writer, model, view, value, "entry", {});
    return writer.Close();
  }
  WriteXmlScalar(writer, view, value, name);
}

// The namespace of a response's root element: the shape's own, else the model's. Open: when the model states
// none, "http://<endpointPrefix>.amazonaws.com/doc/<apiVersion>/", which is S3's exact namespace.
Attributes RootAttributes(const ServiceModel& model, const View& view) {
  Attributes attributes = NamespaceAttributes(view);
  if (!attributes.empty()) return attributes;
  if (const Json* ns = Find(model.metadata(), "xmlNamespace")) {
    if (ns->is_string()) return {{"xmlns", ns->get<std::string>()}};
    if (ns->is_object()) return {{"xmlns", ns->value("uri", "")}};
  }
  if (model.endpoint_prefix().empty()) return {};
  return {{"xmlns", "http://" + model.endpoint_prefix() + ".amazonaws.com/doc/" + model.api_version() + "/"}};
}

// ---- Response bindings -------------------------------------------------------------------------------------------

std::string QuoteHeaderItem(const std::string& item) {
  if (item.find_first_of(",\"") == std::string::npos) return item;
  std::string quoted = "\"";
  for (char c : item) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string FormatHeader(const ServiceModel& model, const View& view, const Json& value) {
  if (BoolTrait(view, "jsonvalue")) return Base64Encode(value.dump());
  if (Type(view) != "list") return FormatScalar(view, value, kHttpDate);
  View item_view = Resolve(model, (*view.shape)["member"]);
  std::string joined;
  for (const Json& item : value) {
    if (!joined.empty()) joined += ", ";
    std::string text = FormatScalar(item_view, item, kHttpDate);
    joined += Type(item_view) == "timestamp" ? text : QuoteHeaderItem(text);
  }
  return joined;
}

// Header, header-map and status-code members; true when `location` was one of those.
bool WriteLocatedMember(const ServiceModel& model, const View& view, const std::string& location, const Json& value,
                        HttpResponse& response) {
  if (location == "header") {
    response.SetHeader(XmlName(view, ""), FormatHeader(model, view, value));
  } else if (location == "headers") {
    for (const auto& [key, item] : value.items()) response.SetHeader(XmlName(view, "") + key, BytesOf(item));
  } else if (location == "statusCode") {
    if (value.is_number_integer()) response.status = value.get<int>();
  } else {
    return false;
  }
  return true;
}

std::string XmlDocument(const ServiceModel& model, const View& view, const Json& value, const std::string& name) {
  XmlWriter writer;
  std::string type = Type(view);
  if (type == "structure" || type == "union") {
    WriteXmlStructure(writer, model, view, value, name, RootAttributes(model, view));
  } else {
    writer.Open(name, RootAttributes(model, view));
    writer.Text(FormatScalar(view, value, kIso8601));
    writer.Close();
  }
  return kXmlDeclaration + writer.str();
}

// The root name of a payload document (Smithy): the member's xmlName, else the target shape's, else the shape's
// name. botocore writes a locationName equal to the member name when the member has no xmlName of its own.
std::string PayloadRootName(const std::string& member_name, const View& view) {
  std::string member_xml_name = XmlName(view, member_name);
  if (member_xml_name != member_name) return member_xml_name;
  if (const Json* shape_name = Find(*view.shape, "locationName")) return shape_name->get<std::string>();
  return (*view.ref)["shape"].get<std::string>();
}

void WritePayload(const ServiceModel& model, const View& root, const Json& output, HttpResponse& response) {
  std::string member_name = (*root.shape)["payload"].get<std::string>();
  View view = Resolve(model, (*root.shape)["members"][member_name]);
  const Json* value = Find(output, member_name);
  std::string type = Type(view);
  bool is_scalar_element = type != "structure" && type != "union" && Find(*view.ref, "locationName");
  if (type == "blob" || (type == "string" && !is_scalar_element)) {
    if (!value || value->is_null()) return;
    response.body = BytesOf(*value);
    if (type == "string" && response.Header("Content-Type").empty()) response.SetHeader("Content-Type", "text/plain");
    return;
  }
  if (!is_scalar_element && (!value || value->is_null())) return;
  std::string root_name = is_scalar_element ? XmlName(view, member_name) : PayloadRootName(member_name, view);
  response.body = XmlDocument(model, view, value && !value->is_null() ? *value : Json(""), root_name);
  response.SetHeader("Content-Type", "application/xml");
}

bool HasBodyMembers(const Json& shape) {
  const Json* members = Find(shape, "members");
  if (!members) return false;
  return std::any_of(members->begin(), members->end(),
                     [](const Json& ref) { return !IsBoundOutsideBody(ref, Direction::kResponse); });
}

std::string HostId(const std::string& request_id) { return Base64Encode(Sha256(request_id)); }

bool IsHead(const Json* operation) {
  const Json* http = operation ? Find(*operation, "http") : nullptr;
  return http && http->value("method", "") == "HEAD";
}

// ---- Operation matching ------------------------------------------------------------------------------------------

// How well an operation's required header and query members fit the request: S3 has operations that share a
// template (PutObject, CopyObject, UploadPart, UploadPartCopy) and differ only there.
struct BindingFit {
  int missing = 0;
  int present = 0;
};

BindingFit RequiredBindingFit(const ServiceModel& model, const Json& operation, const HttpRequest& request) {
  BindingFit fit;
  const Json* input = Find(operation, "input");
  if (!input || !model.HasShape((*input)["shape"].get<std::string>())) return fit;
  const Json& shape = model.Target(*input);
  const Json* required = Find(shape, "required");
  if (!required) return fit;
  for (const Json& member_name : *required) {
    const Json* members = Find(shape, "members");
    const Json* ref = members ? Find(*members, member_name.get<std::string>()) : nullptr;
    if (!ref) continue;
    std::string location = ref->value("location", ""), name = ref->value("locationName", "");
    if (location != "header" && location != "querystring") continue;
    bool is_present = location == "header" ? request.HasHeader(name) : request.QueryParam(name) != nullptr;
    (is_present ? fit.present : fit.missing) += 1;
  }
  return fit;
}

// Most specific template first, then fewest missing and most present required bindings, then operations that
// are neither deprecated nor left unimplemented.
using Rank = std::tuple<UriSpecificity, int, int, bool, bool>;

std::optional<Rank> RankOperation(const ServiceModel& model, const Json& operation, const HttpRequest& request) {
  const Json* http = Find(operation, "http");
  if (!http || http->value("method", "") != request.method) return std::nullopt;
  auto match = UriTemplate(http->value("requestUri", "/")).Match(request.raw_path, request.query);
  if (!match) return std::nullopt;
  BindingFit fit = RequiredBindingFit(model, operation, request);
  return Rank{match->specificity, -fit.missing, fit.present, !operation.value("deprecated", false),
              !operation.value("notImplemented", false)};
}

class RestXml final : public Codec {
 public:
  WireProtocol protocol() const override { return WireProtocol::kRestXml; }

  std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const override {
    std::optional<std::string> best;
    Rank best_rank;
    for (const auto& [name, operation] : model.document()["operations"].items()) {
      auto rank = RankOperation(model, operation, request);
      if (rank && (!best || *rank > best_rank)) {
        best = name;
        best_rank = *rank;
      }
    }
    return best;
  }

  Json ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const override {
    Json input = Json::object();
    const Json* input_ref = Find(operation, "input");
    if (!input_ref) return input;
    View root = Resolve(model, *input_ref);
    const Json* http = Find(operation, "http");
    UriTemplate uri(http ? http->value("requestUri", "/") : "/");
    UriMatch match = uri.Match(request.raw_path, request.query).value_or(UriMatch{});
    const Json* members = Find(*root.shape, "members");
    if (!members) return input;
    std::vector<std::string> bound_keys = BoundQueryKeys(*members, uri);
    for (const auto& [member_name, ref] : members->items()) {
      const Json* location = Find(ref, "location");
      if (!location) continue;
      auto value = ParseLocatedMember(model, Resolve(model, ref), location->get<std::string>(), request, match,
                                      bound_keys);
      if (value) input[member_name] = std::move(*value);
    }
    ParseBodyMembers(model, root, request, input);
    return input;
  }

  HttpResponse SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                 const std::string& request_id) const override {
    HttpResponse response;
    if (const Json* http = Find(operation, "http")) response.status = http->value("responseCode", 200);
    SetRequestIds(response, request_id);
    const Json* output_ref = Find(operation, "output");
    if (!output_ref) return response;
    View root = Resolve(model, *output_ref);
    WriteHeadersAndStatus(model, root, output, response);
    if (IsHead(&operation)) return response;
    if (Find(*root.shape, "payload")) {
      WritePayload(model, root, output, response);
    } else if (HasBodyMembers(*root.shape)) {
      response.body = XmlDocument(model, root, output, RootXmlName(root, (*output_ref)["shape"].get<std::string>()));
      response.SetHeader("Content-Type", "application/xml");
    }
    return response;
  }

  HttpResponse SerializeError(const ServiceModel& model, const Json* operation, const AwsError& error,
                              const std::string& request_id) const override {
    ErrorInfo info = ResolveError(model, error);
    HttpResponse response;
    response.status = info.status;
    SetRequestIds(response, request_id);
    XmlWriter writer;
    writer.Open("Error");
    writer.Element("Code", info.code);
    writer.Element("Message", error.message());
    WriteErrorExtra(model, info, error.extra(), writer, response);
    writer.Element("RequestId", request_id);
    writer.Element("HostId", HostId(request_id));
    writer.Close();
    if (IsHead(operation)) return response;
    response.body = kXmlDeclaration + writer.str();
    response.SetHeader("Content-Type", "application/xml");
    return response;
  }

 private:
  static void SetRequestIds(HttpResponse& response, const std::string& request_id) {
    response.SetHeader("x-amz-request-id", request_id);
    response.SetHeader("x-amz-id-2", HostId(request_id));
  }

  static void WriteHeadersAndStatus(const ServiceModel& model, const View& root, const Json& output,
                                    HttpResponse& response) {
    const Json* members = Find(*root.shape, "members");
    if (!members) return;
    for (const auto& [member_name, ref] : members->items()) {
      const Json* value = Find(output, member_name);
      const Json* location = Find(ref, "location");
      if (!value || value->is_null() || !location) continue;
      WriteLocatedMember(model, Resolve(model, ref), location->get<std::string>(), *value, response);
    }
  }

  // Members of the error shape go where the shape binds them; members it does not know are written as elements.
  static void WriteErrorExtra(const ServiceModel& model, const ErrorInfo& info, const Json& extra, XmlWriter& writer,
                              HttpResponse& response) {
    const Json* members = info.shape ? Find(*info.shape, "members") : nullptr;
    for (const auto& [key, value] : extra.items()) {
      if (value.is_null() || key == "Code" || key == "Message" || key == "RequestId" || key == "HostId") continue;
      const Json* ref = members ? Find(*members, key) : nullptr;
      if (!ref) {
        WriteLooseElement(writer, key, value);
        continue;
      }
      View view = Resolve(model, *ref);
      if (!WriteLocatedMember(model, view, ref->value("location", ""), value, response)) {
        WriteXmlMember(writer, model, key, view, value);
      }
    }
  }

  static void WriteLooseElement(XmlWriter& writer, const std::string& name, const Json& value) {
    if (value.is_array()) {
      for (const Json& item : value) WriteLooseElement(writer, name, item);
    } else if (value.is_object()) {
      writer.Open(name);
      for (const auto& [key, item] : value.items()) WriteLooseElement(writer, key, item);
      writer.Close();
    } else if (!value.is_null()) {
      writer.Element(name, value.is_string() ? value.get<std::string>() : BytesOf(value));
    }
  }
};

}  // namespace

const Codec& RestXmlCodec() {
  static const RestXml codec;
  return codec;
}

}  // namespace trailbox::protocol
