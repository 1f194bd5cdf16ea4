// The shape walks and the Codec half shared by awsJson1_0/1_1 and smithy-rpc-v2-cbor: wire value -> document for
// requests, document -> sink for outputs and error envelopes (Smithy AWS JSON and RPC v2 CBOR specifications).
// Member wire names follow botocore: a member's locationName (or jsonName) when set, else its name.
#include "protocol/document_codec.hpp"

#include <cmath>
#include <stdexcept>

#include "core/encoding.hpp"
#include "core/time_format.hpp"

namespace trailbox::protocol {
namespace {

const Json& EmptyObject() {
  static const Json empty = Json::object();
  return empty;
}

const Json& Members(const Json& shape) {
  auto found = shape.find("members");
  return found == shape.end() ? EmptyObject() : *found;
}

std::string WireName(const std::string& member_name, const Json& member_reference) {
  if (member_reference.contains("locationName")) return member_reference["locationName"].get<std::string>();
  if (member_reference.contains("jsonName")) return member_reference["jsonName"].get<std::string>();
  return member_name;
}

bool IsDocumentShape(const Json& shape) { return shape.value("document", false); }

/// Epoch seconds as documents hold them: rounded to milliseconds, an integer when whole.
Json EpochValue(double seconds) {
  double rounded = std::round(seconds * 1000.0) / 1000.0;
  if (rounded == std::floor(rounded) && std::fabs(rounded) < 9.0e15) return static_cast<int64_t>(rounded);
  return rounded;
}

std::optional<double> NonFiniteFromText(const std::string& text) {
  if (text == "NaN") return std::nan("");
  if (text == "Infinity") return INFINITY;
  if (text == "-Infinity") return -INFINITY;
  return std::nullopt;
}

class DocumentReader {
 public:
  DocumentReader(const ServiceModel& model, DocumentWire wire) : model_(model), wire_(wire) {}

  Json Read(const Json& shape, const Json& value, const std::string& path) const {
    if (IsDocumentShape(shape)) return value;
    const std::string type = shape.value("type", "string");
    if (type == "structure") return ReadStructure(shape, value, path);
    if (type == "list") return ReadList(shape, value, path);
    if (type == "map") return ReadMap(shape, value, path);
    return ReadScalar(type, value, path);
  }

 private:
  [[noreturn]] static void Mismatch(const std::string& path, std::string_view expected, const Json& value) {
    // Deviation: AWS (Coral) messages name Java value classes; ours name the member and the expected type.
    throw AwsError("SerializationException", "Expected " + std::string(expected) + " for " +
                                                 (path.empty() ? std::string("the request body") : path) + ", found " +
                                                 value.type_name());
  }

  Json ReadStructure(const Json& shape, const Json& value, const std::string& path) const {
    if (!value.is_object()) Mismatch(path, "a structure", value);
    Json document = Json::object();
    const Json& members = Members(shape);
    for (auto it = members.begin(); it != members.end(); ++it) {
      auto found = value.find(WireName(it.key(), it.value()));
      if (found == value.end() || found->is_null()) continue;
      std::string member_path = path.empty() ? it.key() : path + "." + it.key();
      document[it.key()] = Read(model_.Target(it.value()), *found, member_path);
    }
    return document;
  }

  Json ReadList(const Json& shape, const Json& value, const std::string& path) const {
    if (!value.is_array()) Mismatch(path, "a list", value);
    const Json& member_shape = model_.Target(shape["member"]);
    Json list = Json::array();
    for (size_t i = 0; i < value.size(); ++i) {
      const Json& item = value[i];
      list.push_back(item.is_null() ? Json() : Read(member_shape, item, path + "[" + std::to_string(i) + "]"));
    }
    return list;
  }

  Json ReadMap(const Json& shape, const Json& value, const std::string& path) const {
    if (!value.is_object()) Mismatch(path, "a map", value);
    const Json& value_shape = model_.Target(shape["value"]);
    Json map = Json::object();
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it->is_null()) continue;
      map[it.key()] = Read(value_shape, it.value(), path + "." + it.key());
    }
    return map;
  }

  Json ReadScalar(const std::string& type, const Json& value, const std::string& path) const {
    if (type == "string") {
      if (!value.is_string()) Mismatch(path, "a string", value);
      return value;
    }
    if (type == "boolean") {
      if (!value.is_boolean()) Mismatch(path, "a boolean", value);
      return value;
    }
    if (type == "integer" || type == "long" || type == "short" || type == "byte" || type == "bigInteger") {
      return ReadInteger(value, path);
    }
    if (type == "float" || type == "double" || type == "bigDecimal") return ReadFloat(value, path);
    if (type == "timestamp") return ReadTimestamp(value, path);
    if (type == "blob") return ReadBlob(value, path);
    return value;
  }

  static Json ReadInteger(const Json& value, const std::string& path) {
    if (value.is_number_integer()) return value;
    if (value.is_number_float()) {
      double number = value.get<double>();
      if (number == std::floor(number) && std::fabs(number) < 9.0e18) return static_cast<int64_t>(number);
    }
    Mismatch(path, "an integer", value);
  }

  static Json ReadFloat(const Json& value, const std::string& path) {
    if (value.is_number()) return value.get<double>();
    if (value.is_string()) {
      if (auto special = NonFiniteFromText(value.get<std::string>())) return *special;
    }
    Mismatch(path, "a number", value);
  }

  static Json ReadTimestamp(const Json& value, const std::string& path) {
    if (value.is_number()) return EpochValue(value.get<double>());
    if (value.is_string()) {
      if (auto seconds = ParseAnyTimestamp(value.get<std::string>())) return EpochValue(*seconds);
    }
    Mismatch(path, "a timestamp", value);
  }

  Json ReadBlob(const Json& value, const std::string& path) const {
    if (wire_ == DocumentWire::kCbor) {
      if (!value.is_binary()) Mismatch(path, "a byte string", value);
      return Json::binary(std::vector<std::uint8_t>(value.get_binary()));
    }
    if (!value.is_string()) Mismatch(path, "a base64 string", value);
    auto bytes = Base64Decode(value.get<std::string>());
    if (!bytes) throw AwsError("SerializationException", "Invalid base64 value for " + path);
    return Json::binary(std::vector<std::uint8_t>(bytes->begin(), bytes->end()));
  }

  const ServiceModel& model_;
  DocumentWire wire_;
};

class DocumentWriter {
 public:
  DocumentWriter(const ServiceModel& model, DocumentSink& sink) : model_(model), sink_(sink) {}

  void Write(const Json& shape, const Json& value, std::string_view timestamp_format) {
    if (IsDocumentShape(shape)) return sink_.Value(value);
    const std::string type = shape.value("type", "string");
    if (type == "structure") return WriteStructure(shape, value);
    if (type == "list") return WriteList(shape, value);
    if (type == "map") return WriteMap(shape, value);
    WriteScalar(type, value, timestamp_format.empty() ? shape.value("timestampFormat", "") : timestamp_format);
  }

  /// The members of a structure document that the walk writes (known and not null).
  static size_t CountMembers(const Json& shape, const Json& document) {
    size_t count = 0;
    const Json& members = Members(shape);
    for (auto it = document.begin(); it != document.end(); ++it) {
      if (!it->is_null() && members.contains(it.key())) ++count;
    }
    return count;
  }

  void WriteMembers(const Json& shape, const Json& document) {
    const Json& members = Members(shape);
    for (auto it = document.begin(); it != document.end(); ++it) {
      auto member = members.find(it.key());
      if (it->is_null() || member == members.end()) continue;
      sink_.Key(WireName(it.key(), *member));
      Write(model_.Target(*member), it.value(), member->value("timestampFormat", ""));
    }
  }

 private:
  void WriteStructure(const Json& shape, const Json& value) {
    if (!value.is_object()) throw std::invalid_argument(std::string("structure document is ") + value.type_name());
    sink_.BeginMap(CountMembers(shape, value));
    WriteMembers(shape, value);
    sink_.EndMap();
  }

  void WriteList(const Json& shape, const Json& value) {
    if (!value.is_array()) throw std::invalid_argument(std::string("list document is ") + value.type_name());
    const Json& member = shape["member"];
    sink_.BeginList(value.size());
    for (const Json& item : value) {
      if (item.is_null()) {
        sink_.Value(item);
      } else {
        Write(model_.Target(member), item, member.value("timestampFormat", ""));
      }
    }
    sink_.EndList();
  }

  void WriteMap(const Json& shape, const Json& value) {
    if (!value.is_object()) throw std::invalid_argument(std::string("map document is ") + value.type_name());
    size_t count = 0;
    for (const Json& item : value) count += item.is_null() ? 0 : 1;
    sink_.BeginMap(count);
    for (auto it = value.begin(); it != value.end(); ++it) {
      if (it->is_null()) continue;
      sink_.Key(it.key());
      Write(model_.Target(shape["value"]), it.value(), "");
    }
    sink_.EndMap();
  }

  void WriteScalar(const std::string& type, const Json& value, std::string_view timestamp_format) {
    if (type == "float" || type == "double" || type == "bigDecimal") {
      if (!value.is_number()) throw std::invalid_argument(std::string("float document is ") + value.type_name());
      return sink_.Float(value.get<double>());
    }
    if (type == "timestamp") {
      if (!value.is_number()) throw std::invalid_argument(std::string("timestamp document is ") + value.type_name());
      return sink_.Timestamp(value.get<double>(), timestamp_format);
    }
    if (type == "blob") {
      if (!value.is_binary()) throw std::invalid_argument(std::string("blob document is ") + value.type_name());
      return sink_.Blob(value.get_binary());
    }
    sink_.Value(value);
  }

  const ServiceModel& model_;
  DocumentSink& sink_;
};

/// The member an error shape carries its message in ("message" or "Message"); "message" when unmodelled.
std::string MessageMember(const Json* shape) {
  if (shape) {
    for (const auto& [name, member] : Members(*shape).items()) {
      if (name == "message" || name == "Message") return name;
    }
  }
  return "message";
}

/// {"__type": code, <message member>: message, <modelled extra members>...}; the message only when not empty.
/// The message is written even when the error shape does not model it (many of Debian botocore 1.29's shapes have
/// no members), because the services always send it and the SDKs read it.
void WriteErrorBody(const ServiceModel& model, const ErrorInfo& info, const AwsError& error, DocumentSink& sink) {
  Json members = error.extra().is_object() ? error.extra() : Json::object();
  std::string message_member = MessageMember(info.shape);
  bool has_message = !error.message().empty();
  bool is_message_modelled = info.shape && Members(*info.shape).contains(message_member);
  if (has_message && is_message_modelled) members[message_member] = error.message();
  size_t modelled = info.shape ? DocumentWriter::CountMembers(*info.shape, members) : 0;
  size_t raw = info.shape ? 0 : members.size();
  bool writes_raw_message = has_message && !is_message_modelled;
  sink.BeginMap(1 + modelled + raw + (writes_raw_message ? 1 : 0));
  sink.Key("__type");
  sink.Value(info.code);
  if (writes_raw_message) {
    sink.Key(message_member);
    sink.Value(Json(error.message()));
  }
  if (info.shape) {
    DocumentWriter(model, sink).WriteMembers(*info.shape, members);
  } else {
    for (auto it = members.begin(); it != members.end(); ++it) {
      sink.Key(it.key());
      sink.Value(it.value());
    }
  }
  sink.EndMap();
}

}  // namespace

Json WireToDocument(const ServiceModel& model, const Json& shape, const Json& value, DocumentWire wire) {
  return DocumentReader(model, wire).Read(shape, value, "");
}

void WriteDocument(const ServiceModel& model, const Json& shape, const Json& document, DocumentSink& sink) {
  DocumentWriter(model, sink).Write(shape, document, "");
}

Json DocumentCodec::ParseRequest(const ServiceModel& model, const Json& operation, const HttpRequest& request) const {
  Json value = request.body.empty() ? Json::object() : DecodeBody(request.body);
  if (!operation.contains("input")) return Json::object();
  return WireToDocument(model, model.Target(operation["input"]), value, wire());
}

HttpResponse DocumentCodec::SerializeResponse(const ServiceModel& model, const Json& operation, const Json& output,
                                              const std::string& request_id) const {
  HttpResponse response;
  if (operation.contains("output")) {
    std::unique_ptr<DocumentSink> sink = NewSink();
    WriteDocument(model, model.Target(operation["output"]), output, *sink);
    response.body = sink->Finish();
  } else {
    response.body = EmptyOutputBody();
  }
  AddProtocolHeaders(response, !response.body.empty());
  response.SetHeader("x-amzn-RequestId", request_id);
  return response;
}

HttpResponse DocumentCodec::SerializeError(const ServiceModel& model, const Json* /*operation*/, const AwsError& error,
                                           const std::string& request_id) const {
  ErrorInfo info = ResolveError(model, error);
  std::unique_ptr<DocumentSink> sink = NewSink();
  WriteErrorBody(model, info, error, *sink);
  HttpResponse response;
  response.status = info.status;
  response.body = sink->Finish();
  AddProtocolHeaders(response, true);
  AddErrorHeaders(response, info);
  response.SetHeader("x-amzn-RequestId", request_id);
  if (model.metadata().contains("awsQueryCompatible")) {
    response.SetHeader("x-amzn-query-error", info.query_code + (info.sender_fault ? ";Sender" : ";Receiver"));
  }
  return response;
}

void DocumentCodec::AddErrorHeaders(HttpResponse& /*response*/, const ErrorInfo& /*info*/) const {}

namespace {

// Whether `shorter` is the last dot-separated part(s) of `longer`.
bool IsDottedSuffix(std::string_view longer, std::string_view shorter) {
  return longer.size() > shorter.size() && longer.ends_with(shorter) && longer[longer.size() - shorter.size() - 1] == '.';
}

}  // namespace

bool MatchesTargetPrefix(const ServiceModel& model, std::string_view prefix) {
  const std::string target_prefix = model.target_prefix();
  if (target_prefix.empty() || prefix == target_prefix) return true;
  return IsDottedSuffix(prefix, target_prefix) || IsDottedSuffix(target_prefix, prefix);
}

}  // namespace trailbox::protocol
