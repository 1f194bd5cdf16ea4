// The botocore/Smithy protocol compliance vectors (fixtures/botocore-protocols, see its README), run inverted: a
// server parses what a correct client serialized ("input" cases) and serializes what a client must parse back
// ("output" cases). One parameterized test over every case of every protocol file; bodies are compared by
// structure (JSON and CBOR decoded along the shapes, XML as element trees), never byte for byte.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "protocol/codec.hpp"
#include "protocol/xml.hpp"

namespace trailbox::protocol {
namespace {

using PlainJson = nlohmann::json;

const std::string kVectorsDir = std::string(TRAILBOX_FIXTURES_DIR) + "/botocore-protocols";

struct ProtocolFile {
  const char* stem;
  WireProtocol protocol;
};

constexpr ProtocolFile kFiles[] = {
    {"ec2", WireProtocol::kEc2},
    {"json", WireProtocol::kAwsJson1_1},
    {"json_1_0", WireProtocol::kAwsJson1_0},
    {"json_1_0-query-compatible", WireProtocol::kAwsJson1_0},
    {"query", WireProtocol::kAwsQuery},
    {"rest-xml", WireProtocol::kRestXml},
    {"smithy-rpc-v2-cbor", WireProtocol::kRpcV2Cbor},
    {"smithy-rpc-v2-cbor-query-compatible", WireProtocol::kRpcV2Cbor},
    {"smithy-rpc-v2-cbor-non-query-compatible", WireProtocol::kRpcV2Cbor},
};

/// Cases skipped beyond botocore's own ignore list: file stem, direction, case id, reason.
struct KnownSkip {
  const char* stem;
  const char* direction;
  const char* id;
  const char* reason;
};

constexpr KnownSkip kKnownSkips[] = {
    {"json_1_0-query-compatible", "output", "QueryCompatibleAwsJson10CustomCodeError",
     "402 is an awsQuery-only status that botocore merges into error.httpStatusCode; we keep the model's status"},
    {"smithy-rpc-v2-cbor-query-compatible", "output", "QueryCompatibleRpcV2CborCustomCodeError",
     "402 is an awsQuery-only status that botocore merges into error.httpStatusCode; we keep the model's status"},
    {"query", "input", "QueryEmptyQueryMaps",
     "an empty map puts nothing on the wire (only Action and Version), so a server cannot tell {} from absent"},
    {"ec2", "input", "Ec2EmptyQueryLists",
     "ec2 sends nothing for an empty list, so a server cannot tell [] from absent"},
    {"rest-xml", "output", "InvalidGreetingError",
     "the expected body holds <AnotherSetting>, in neither the model nor the case's error, and Smithy's ErrorResponse "
     "wrapper where S3 answers a bare <Error>"},
    {"rest-xml", "output", "SimpleScalarPropertiesWithXMLPreamble",
     "the expected root carries CDATA text that is no modelled member, so no serializer can reproduce it"},
};

struct VectorCase {
  std::string stem;
  WireProtocol protocol = WireProtocol::kAwsJson1_1;
  bool is_input = true;
  /// {metadata, shapes, operations: {<given.name>: given}}.
  Json model;
  Json test;
  std::string name;
  /// Empty when the case runs.
  std::string skip_reason;
};

void PrintTo(const VectorCase& vector_case, std::ostream* out) { *out << vector_case.name; }

Json ReadJsonFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Json();
  return Json::parse(in);
}

std::string TestName(const std::string& stem, bool is_input, const std::string& id) {
  std::string name = stem + (is_input ? "_input_" : "_output_") + id;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

/// True when the ignore list has `value` at the path of `keys` (missing levels are simply absent).
bool Lists(const Json& ignore, std::initializer_list<std::string> keys, const std::string& value) {
  const Json* node = &ignore;
  for (const std::string& key : keys) {
    if (!node->is_object() || !node->contains(key)) return false;
    node = &(*node)[key];
  }
  return node->is_array() && std::find(node->begin(), node->end(), Json(value)) != node->end();
}

std::string SkipReason(const Json& ignore, const std::string& stem, const std::string& direction,
                       const std::string& suite, const std::string& id) {
  if (Lists(ignore, {"general", direction, "suites"}, suite)) return "botocore ignore list (suite)";
  if (Lists(ignore, {"protocols", stem, direction, "cases"}, id)) return "botocore ignore list";
  for (const KnownSkip& skip : kKnownSkips) {
    if (stem == skip.stem && direction == skip.direction && id == skip.id) return skip.reason;
  }
  return {};
}

std::vector<VectorCase> LoadCases() {
  std::vector<VectorCase> cases;
  Json ignore = ReadJsonFile(kVectorsDir + "/protocol-tests-ignore-list.json");
  for (const ProtocolFile& file : kFiles) {
    for (const std::string direction : {"input", "output"}) {
      Json suites = ReadJsonFile(kVectorsDir + "/" + direction + "/" + file.stem + ".json");
      if (!suites.is_array()) continue;
      for (const Json& suite : suites) {
        for (const Json& test : suite["cases"]) {
          VectorCase vector_case;
          vector_case.stem = file.stem;
          vector_case.protocol = file.protocol;
          vector_case.is_input = direction == "input";
          vector_case.model = {
              {"metadata", suite["metadata"]}, {"shapes", suite["shapes"]}, {"operations", Json::object()}};
          vector_case.model["operations"][test["given"]["name"].get<std::string>()] = test["given"];
          vector_case.test = test;
          vector_case.name = TestName(file.stem, vector_case.is_input, test["id"].get<std::string>());
          vector_case.skip_reason =
              SkipReason(ignore, file.stem, direction, suite.value("description", ""), test["id"].get<std::string>());
          cases.push_back(std::move(vector_case));
        }
      }
    }
  }
  return cases;
}

// ---- Tallies, printed once all vectors ran.

struct Tally {
  int passed = 0;
  int run = 0;
  int skipped = 0;
};

std::map<std::string, std::map<std::string, Tally>>& Tallies() {
  static std::map<std::string, std::map<std::string, Tally>> tallies;
  return tallies;
}

class VectorSummary : public ::testing::Environment {
 public:
  void TearDown() override {
    if (Tallies().empty()) return;
    std::ostringstream out;
    out << "protocol vectors:";
    for (const auto& [stem, directions] : Tallies()) {
      out << "\n  " << stem << ":";
      for (const auto& [direction, tally] : directions) {
        out << " " << tally.passed << "/" << tally.run << " " << direction;
        if (tally.skipped > 0) out << " (" << tally.skipped << " skipped)";
      }
    }
    std::printf("%s\n", out.str().c_str());
  }
};

[[maybe_unused]] ::testing::Environment* const kSummary = ::testing::AddGlobalTestEnvironment(new VectorSummary);

// ---- Documents: the vectors' parameter form <-> trailbox's document form (core/json.hpp).

std::optional<double> NonFinite(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& text = value.get_ref<const std::string&>();
  if (text == "NaN") return std::nan("");
  if (text == "Infinity") return INFINITY;
  if (text == "-Infinity") return -INFINITY;
  return std::nullopt;
}

/// A `result` or `error` of a case as a handler would return it: blobs as binary, NaN and infinities as numbers.
Json ToDocument(const ServiceModel& model, const Json& shape, const Json& value) {
  const std::string type = shape.value("type", "string");
  if (value.is_null() || shape.value("document", false)) return value;
  if (type == "structure" && value.is_object()) {
    Json document = Json::object();
    const Json members = shape.value("members", Json::object());
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it->is_null()) continue;
      document[it.key()] = members.contains(it.key()) ? ToDocument(model, model.Target(members[it.key()]), *it) : *it;
    }
    return document;
  }
  if (type == "list" && value.is_array()) {
    Json list = Json::array();
    for (const Json& item : value) list.push_back(ToDocument(model, model.Target(shape["member"]), item));
    return list;
  }
  if (type == "map" && value.is_object()) {
    Json map = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      map[it.key()] = ToDocument(model, model.Target(shape["value"]), *it);
    }
    return map;
  }
  if (type == "blob" && value.is_string()) {
    const std::string& bytes = value.get_ref<const std::string&>();
    return Json::binary(std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
  }
  if ((type == "float" || type == "double") && NonFinite(value)) return *NonFinite(value);
  return value;
}

/// Comparable form: plain (unordered) JSON, binary as its bytes, NaN and infinities as the vectors spell them,
/// null members dropped.
PlainJson Normalize(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: {
      PlainJson object = PlainJson::object();
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!it->is_null()) object[it.key()] = Normalize(*it);
      }
      return object;
    }
    case Json::value_t::array: {
      PlainJson array = PlainJson::array();
      for (const Json& item : value) array.push_back(Normalize(item));
      return array;
    }
    case Json::value_t::binary:
      return std::string(value.get_binary().begin(), value.get_binary().end());
    case Json::value_t::number_float: {
      double number = value.get<double>();
      if (std::isnan(number)) return "NaN";
      if (std::isinf(number)) return number > 0 ? "Infinity" : "-Infinity";
      return number;
    }
    default:
      return PlainJson::parse(value.dump());
  }
}

// ---- Wire values.

/// The "headers" of a serialized request or response, {} when absent.
const Json& HeadersOf(const Json& message) {
  static const Json kNone = Json::object();
  auto found = message.find("headers");
  return found == message.end() ? kNone : *found;
}

bool IsDocumentProtocol(WireProtocol protocol) {
  return protocol == WireProtocol::kAwsJson1_0 || protocol == WireProtocol::kAwsJson1_1 ||
         protocol == WireProtocol::kRpcV2Cbor;
}

bool IsJsonProtocol(WireProtocol protocol) {
  return protocol == WireProtocol::kAwsJson1_0 || protocol == WireProtocol::kAwsJson1_1;
}

/// Bodies in the files: CBOR ones are base64.
std::string WireBody(WireProtocol protocol, const Json& body) {
  std::string text = body.is_string() ? body.get<std::string>() : "";
  if (protocol != WireProtocol::kRpcV2Cbor) return text;
  return Base64Decode(text).value_or("");
}

std::string Trim(std::string_view text) {
  size_t begin = text.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = text.find_last_not_of(" \t\r\n");
  return std::string(text.substr(begin, end - begin + 1));
}

std::optional<double> ParseNumber(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return value;
}

/// Equal text, equal numbers, or the same instant written two ways.
bool ScalarTextEquals(const std::string& expected, const std::string& actual) {
  if (expected == actual) return true;
  auto expected_number = ParseNumber(expected);
  auto actual_number = ParseNumber(actual);
  if (expected_number && actual_number) return *expected_number == *actual_number;
  auto expected_time = ParseAnyTimestamp(expected);
  auto actual_time = ParseAnyTimestamp(actual);
  return expected_time && actual_time && std::fabs(*expected_time - *actual_time) < 0.0005;
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  std::stringstream in(text);
  for (std::string item; std::getline(in, item, ',');) items.push_back(Trim(item));
  return items;
}

/// Header values: scalars as above, or comma-separated lists item by item.
bool HeaderValueEquals(const std::string& expected, const std::string& actual) {
  if (ScalarTextEquals(expected, actual)) return true;
  std::vector<std::string> expected_items = SplitList(expected);
  std::vector<std::string> actual_items = SplitList(actual);
  if (expected_items.size() != actual_items.size() || expected_items.size() < 2) return false;
  for (size_t i = 0; i < expected_items.size(); ++i) {
    if (!ScalarTextEquals(expected_items[i], actual_items[i])) return false;
  }
  return true;
}

std::string MediaType(const std::string& content_type) {
  std::string media = Trim(content_type.substr(0, content_type.find(';')));
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media;
}

/// The request id the expected response shows, so ours can carry the same one.
std::string RequestIdFor(const Json& response) {
  const Json& headers = HeadersOf(response);
  for (auto it = headers.begin(); it != headers.end(); ++it) {
    if (HeaderNameEquals(it.key(), "x-amzn-RequestId")) return it->get<std::string>();
  }
  static const std::regex kRequestIdElement("<Request_?Id>([^<]*)</Request_?Id>", std::regex::icase);
  std::smatch match;
  std::string body = response.value("body", "");
  if (std::regex_search(body, match, kRequestIdElement)) return match[1];
  return "requestid";
}

// ---- XML element trees.

/// Response metadata, not modelled data: clients read the request id apart from the output, and some vectors
/// leave it out.
constexpr std::array<const char*, 4> kResponseMetadataElements = {"ResponseMetadata", "RequestId", "requestId",
                                                                  "RequestID"};

bool IsNamespaceDeclaration(const std::string& attribute) {
  return attribute == "xmlns" || attribute.starts_with("xmlns:");
}

std::map<std::string, std::string> PlainAttributes(const XmlNode& node) {
  std::map<std::string, std::string> attributes;
  for (const auto& [name, value] : node.attributes) {
    if (!IsNamespaceDeclaration(name)) attributes[name] = value;
  }
  return attributes;
}

/// Children by name, each name's elements in document order: clients read siblings of different names in any
/// order, while the order of same-named siblings (list members) is data.
std::map<std::string, std::vector<const XmlNode*>> ChildrenByName(const XmlNode& node,
                                                                  const std::set<std::string>& ignored) {
  std::map<std::string, std::vector<const XmlNode*>> children;
  for (const XmlNode& child : node.children) {
    if (!ignored.contains(std::string(child.local_name()))) children[child.name].push_back(&child);
  }
  return children;
}

/// Compares element trees; whitespace-only text, attribute order, namespace declarations and the order of
/// differently named siblings do not count, nor elements named in `ignored`. Returns the path of the first difference,
/// or empty.
std::string XmlDifference(const XmlNode& expected, const XmlNode& actual, const std::set<std::string>& ignored,
                          const std::string& path) {
  std::string here = path + "/" + expected.name;
  if (expected.name != actual.name) return here + " (element named " + actual.name + ")";
  auto expected_attributes = PlainAttributes(expected);
  auto actual_attributes = PlainAttributes(actual);
  if (expected_attributes.size() != actual_attributes.size()) return here + " (attributes)";
  for (const auto& [name, value] : expected_attributes) {
    auto found = actual_attributes.find(name);
    if (found == actual_attributes.end() || !ScalarTextEquals(value, found->second)) return here + "/@" + name;
  }
  std::string expected_text = Trim(expected.text).empty() ? "" : expected.text;
  std::string actual_text = Trim(actual.text).empty() ? "" : actual.text;
  if (!ScalarTextEquals(expected_text, actual_text)) {
    return here + " (text '" + actual_text + "', expected '" + expected_text + "')";
  }
  auto expected_children = ChildrenByName(expected, ignored);
  auto actual_children = ChildrenByName(actual, ignored);
  for (const auto& [name, expected_group] : expected_children) {
    auto found = actual_children.find(name);
    size_t actual_count = found == actual_children.end() ? 0 : found->second.size();
    if (actual_count != expected_group.size()) {
      return here + "/" + name + " (" + std::to_string(actual_count) + " elements, expected " +
             std::to_string(expected_group.size()) + ")";
    }
    for (size_t i = 0; i < expected_group.size(); ++i) {
      std::string difference = XmlDifference(*expected_group[i], *found->second[i], ignored, here);
      if (!difference.empty()) return difference;
    }
  }
  for (const auto& [name, actual_group] : actual_children) {
    if (!expected_children.contains(name)) return here + "/" + name + " (unexpected element)";
  }
  return {};
}

bool IsEmptyBody(const std::string& body) { return Trim(body).empty(); }

/// True when the element carries no data: no text, no attributes, and children (outside `ignored`) likewise.
/// An empty body and such an envelope (<OpResponse><OpResult/></OpResponse>) mean the same to a client.
bool CarriesNoData(const XmlNode& node, const std::set<std::string>& ignored) {
  if (!Trim(node.text).empty() || !PlainAttributes(node).empty()) return false;
  for (const XmlNode& child : node.children) {
    if (!ignored.contains(std::string(child.local_name())) && !CarriesNoData(child, ignored)) return false;
  }
  return true;
}

/// XML bodies as element trees; a payload that is not XML (a blob or string payload member) byte for byte.
void ExpectXmlBodiesMatch(const std::string& expected_body, const std::string& actual_body,
                          const std::set<std::string>& ignored) {
  if (IsEmptyBody(expected_body) || IsEmptyBody(actual_body)) {
    const std::string& other = IsEmptyBody(expected_body) ? actual_body : expected_body;
    EXPECT_TRUE(IsEmptyBody(other) || CarriesNoData(ParseXml(other), ignored)) << "body:\n" << actual_body;
    return;
  }
  if (Trim(expected_body).front() != '<') {
    EXPECT_EQ(actual_body, expected_body);
    return;
  }
  XmlNode expected = ParseXml(expected_body);
  XmlNode actual = ParseXml(actual_body);
  EXPECT_EQ(XmlDifference(expected, actual, ignored, ""), "") << "body:\n" << actual_body;
}

// ---- The test.

class ProtocolVectorTest : public ::testing::TestWithParam<VectorCase> {
 protected:
  void TearDown() override {
    const VectorCase& vector_case = GetParam();
    Tally& tally = Tallies()[vector_case.stem][vector_case.is_input ? "input" : "output"];
    if (IsSkipped()) {
      ++tally.skipped;
      return;
    }
    ++tally.run;
    if (!HasFailure()) ++tally.passed;
  }

  const ServiceModel& model() const { return *model_; }
  const Codec& codec() const { return CodecFor(GetParam().protocol); }
  const Json& operation() const { return *model_->FindOperation(GetParam().test["given"]["name"].get<std::string>()); }

  void SetUp() override { model_ = std::make_unique<ServiceModel>(GetParam().model); }

  void RunInput();
  void RunOutput();
  HttpResponse Serialize(const std::string& request_id) const;
  /// Decodes a JSON or CBOR body along `shape_name` with the codec's own request parser.
  Json DecodeDocument(const std::string& body, const std::string& shape_name) const;
  void ExpectDocumentBodiesMatch(const std::string& expected_body, const std::string& actual_body) const;
  void ExpectDocumentErrorsMatch(const HttpResponse& expected, const HttpResponse& actual) const;
  void ExpectHeadersMatch(const Json& expected, const HttpResponse& actual) const;

 private:
  std::unique_ptr<ServiceModel> model_;
};

void ProtocolVectorTest::RunInput() {
  const Json& serialized = GetParam().test["serialized"];
  HeaderList headers;
  for (auto it = HeadersOf(serialized).begin(); it != HeadersOf(serialized).end(); ++it) {
    headers.emplace_back(it.key(), it->get<std::string>());
  }
  HttpRequest request = HttpRequest::Make(serialized["method"].get<std::string>(), serialized["uri"].get<std::string>(),
                                          std::move(headers), WireBody(GetParam().protocol, serialized["body"]));
  const std::string expected_name = GetParam().test["given"]["name"].get<std::string>();
  std::optional<std::string> name = codec().OperationName(model(), request);
  bool request_names_operation = !IsJsonProtocol(GetParam().protocol) || request.HasHeader("X-Amz-Target");
  if (name || request_names_operation) {
    ASSERT_EQ(name.value_or("<none>"), expected_name);
  }
  Json parsed = codec().ParseRequest(model(), operation(), request);
  EXPECT_EQ(Normalize(parsed), Normalize(GetParam().test["params"])) << "parsed: " << parsed.dump();
}

HttpResponse ProtocolVectorTest::Serialize(const std::string& request_id) const {
  const Json& test = GetParam().test;
  if (!test.contains("errorCode")) {
    Json output = Json::object();
    if (operation().contains("output")) {
      output = ToDocument(model(), model().Target(operation()["output"]), test["result"]);
    }
    return codec().SerializeResponse(model(), operation(), output, request_id);
  }
  Json members = test.value("error", Json::object());
  std::string message = test.value("errorMessage", "");
  for (const char* message_member : {"Message", "message"}) {
    if (members.contains(message_member)) {
      if (message.empty()) message = members[message_member].get<std::string>();
      members.erase(message_member);
    }
  }
  AwsError error(test["errorCode"].get<std::string>(), message);
  if (const Json* shape = model().FindErrorShape(error.code())) error.extra() = ToDocument(model(), *shape, members);
  return codec().SerializeError(model(), &operation(), error, request_id);
}

Json ProtocolVectorTest::DecodeDocument(const std::string& body, const std::string& shape_name) const {
  Json reader_operation = Json::object();
  if (!shape_name.empty()) reader_operation["input"] = {{"shape", shape_name}};
  HttpRequest request;
  request.method = "POST";
  request.body = body;
  return codec().ParseRequest(model(), reader_operation, request);
}

void ProtocolVectorTest::ExpectDocumentBodiesMatch(const std::string& expected_body,
                                                   const std::string& actual_body) const {
  std::string shape_name = operation().contains("output") ? operation()["output"]["shape"].get<std::string>() : "";
  PlainJson expected = Normalize(DecodeDocument(expected_body, shape_name));
  PlainJson actual = Normalize(DecodeDocument(actual_body, shape_name));
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(actual, Normalize(GetParam().test["result"]));
}

/// The code a client reads from a JSON/CBOR error: `__type` or `code` (namespace and URI removed), replaced by
/// the awsQuery code of x-amzn-query-error when present.
std::string ClientErrorCode(const PlainJson& body, const HttpResponse& response) {
  std::string code = response.Header("x-amzn-ErrorType");
  if (body.is_object() && body.contains("__type")) code = body["__type"].get<std::string>();
  if (body.is_object() && body.contains("code")) code = body["code"].get<std::string>();
  code = code.substr(0, code.find(':'));
  if (size_t hash = code.rfind('#'); hash != std::string::npos) code = code.substr(hash + 1);
  std::string query_error = response.Header("x-amzn-query-error");
  if (!query_error.empty()) code = query_error.substr(0, query_error.find(';'));
  return code;
}

PlainJson RawDocument(WireProtocol protocol, const std::string& body) {
  if (body.empty()) return PlainJson::object();
  if (protocol == WireProtocol::kRpcV2Cbor) {
    return PlainJson::from_cbor(body, true, false, PlainJson::cbor_tag_handler_t::ignore);
  }
  return PlainJson::parse(body, nullptr, false);
}

void ProtocolVectorTest::ExpectDocumentErrorsMatch(const HttpResponse& expected, const HttpResponse& actual) const {
  const Json& test = GetParam().test;
  WireProtocol protocol = GetParam().protocol;
  EXPECT_EQ(ClientErrorCode(RawDocument(protocol, actual.body), actual), test["errorCode"].get<std::string>());
  EXPECT_EQ(ClientErrorCode(RawDocument(protocol, expected.body), expected), test["errorCode"].get<std::string>());
  std::string shape_name;
  model().FindErrorShape(test["errorCode"].get<std::string>(), &shape_name);
  PlainJson actual_members = Normalize(DecodeDocument(actual.body, shape_name));
  EXPECT_EQ(actual_members, Normalize(DecodeDocument(expected.body, shape_name)));
  EXPECT_EQ(actual_members, Normalize(test.value("error", Json::object())));
}

/// Every header the expected response shows, except framing (Content-Length) and a request header that leaked
/// into one vector (X-Amz-Target); Content-Type by media type, and only when a body is sent.
void ProtocolVectorTest::ExpectHeadersMatch(const Json& expected, const HttpResponse& actual) const {
  for (auto it = expected.begin(); it != expected.end(); ++it) {
    const std::string& name = it.key();
    std::string value = it->get<std::string>();
    if (HeaderNameEquals(name, "Content-Length") || HeaderNameEquals(name, "X-Amz-Target")) continue;
    if (HeaderNameEquals(name, "Content-Type")) {
      if (!actual.body.empty()) {
        EXPECT_EQ(MediaType(actual.Header(name)), MediaType(value));
      }
      continue;
    }
    EXPECT_TRUE(HeaderValueEquals(value, actual.Header(name)))
        << "header " << name << ": '" << actual.Header(name) << "', expected '" << value << "'";
  }
}

void ProtocolVectorTest::RunOutput() {
  const Json& test = GetParam().test;
  const Json& response = test["response"];
  HttpResponse expected;
  expected.status = response.value("status_code", 200);
  expected.body = WireBody(GetParam().protocol, response.value("body", Json("")));
  for (auto it = HeadersOf(response).begin(); it != HeadersOf(response).end(); ++it) {
    expected.headers.emplace_back(it.key(), it->get<std::string>());
  }
  HttpResponse actual = Serialize(RequestIdFor(response));
  EXPECT_EQ(actual.status, expected.status);
  ExpectHeadersMatch(HeadersOf(response), actual);
  if (IsDocumentProtocol(GetParam().protocol)) {
    if (test.contains("errorCode")) return ExpectDocumentErrorsMatch(expected, actual);
    return ExpectDocumentBodiesMatch(expected.body, actual.body);
  }
  std::set<std::string> ignored(kResponseMetadataElements.begin(), kResponseMetadataElements.end());
  if (test.contains("errorCode") && !test.contains("errorMessage")) ignored.insert("Message");
  ExpectXmlBodiesMatch(expected.body, actual.body, ignored);
}

TEST_P(ProtocolVectorTest, Case) {
  if (!GetParam().skip_reason.empty()) GTEST_SKIP() << GetParam().skip_reason;
  if (GetParam().is_input) {
    RunInput();
  } else {
    RunOutput();
  }
}

INSTANTIATE_TEST_SUITE_P(BotocoreProtocols, ProtocolVectorTest, ::testing::ValuesIn(LoadCases()),
                         [](const ::testing::TestParamInfo<VectorCase>& param_info) { return param_info.param.name; });

}  // namespace
}  // namespace trailbox::protocol
