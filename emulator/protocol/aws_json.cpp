// The awsJson1_0 and awsJson1_1 codecs (Smithy "AWS JSON 1.0 / 1.1 protocol"): POST /, the operation in
// `X-Amz-Target: <targetPrefix>.<Operation>`, JSON bodies (timestamps epoch seconds unless the shape's
// timestampFormat says otherwise, blobs base64, NaN and infinities as strings), errors as {"__type", "message"}.
// The shape walk and error envelope are shared with RPC v2 CBOR (document_codec.hpp).
#include <cmath>

#include "core/encoding.hpp"
#include "core/time_format.hpp"
#include "protocol/codecs.hpp"
#include "protocol/document_codec.hpp"

namespace trailbox::protocol {
namespace {

/// Builds a Json value from the walk: each container opened is the parent of what follows until it closes.
class JsonSink final : public DocumentSink {
 public:
  void BeginMap(size_t /*size*/) override { Open(Json::object()); }
  void Key(std::string_view key) override { key_ = key; }
  void EndMap() override { open_.pop_back(); }
  void BeginList(size_t /*size*/) override { Open(Json::array()); }
  void EndList() override { open_.pop_back(); }
  void Value(const Json& value) override { Put(value); }

  void Float(double value) override {
    if (std::isnan(value)) return Put("NaN");
    if (std::isinf(value)) return Put(value > 0 ? "Infinity" : "-Infinity");
    Put(value);
  }

  void Blob(const Json::binary_t& bytes) override {
    Put(Base64Encode(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size())));
  }

  void Timestamp(double epoch_seconds, std::string_view format) override {
    int64_t millis = std::llround(epoch_seconds * 1000.0);
    bool has_millis = millis % 1000 != 0;
    if (format == "iso8601") return Put(FormatIso8601(epoch_seconds, has_millis));
    if (format == "rfc822") return Put(FormatHttpDate(epoch_seconds));
    if (has_millis) return Put(static_cast<double>(millis) / 1000.0);
    Put(millis / 1000);
  }

  std::string Finish() override { return root_.dump(-1, ' ', false, Json::error_handler_t::replace); }

 private:
  void Put(Json value) { Insert(std::move(value)); }

  Json& Insert(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      parent.push_back(std::move(value));
      return parent.back();
    }
    Json& slot = parent[key_];
    slot = std::move(value);
    return slot;
  }

  void Open(Json container) { open_.push_back(&Insert(std::move(container))); }

  Json root_;
  std::vector<Json*> open_;
  std::string key_;
};

class AwsJsonCodec final : public DocumentCodec {
 public:
  AwsJsonCodec(WireProtocol protocol, std::string content_type)
      : protocol_(protocol), content_type_(std::move(content_type)) {}

  WireProtocol protocol() const override { return protocol_; }

  /// Accepts "<targetPrefix>.<Op>" and the long "<namespace>.<targetPrefix>.<Op>" botocore sends.
  std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const override {
    std::string target = request.Header("X-Amz-Target");
    size_t dot = target.rfind('.');
    if (dot == std::string::npos || !MatchesTargetPrefix(model, std::string_view(target).substr(0, dot))) {
      return std::nullopt;
    }
    std::string name = target.substr(dot + 1);
    if (!model.FindOperation(name)) return std::nullopt;
    return name;
  }

 protected:
  DocumentWire wire() const override { return DocumentWire::kJson; }

  Json DecodeBody(std::string_view body) const override {
    Json value = Json::parse(body, nullptr, false);
    if (value.is_discarded()) throw AwsError("SerializationException", "The request body is not valid JSON.");
    return value;
  }

  std::unique_ptr<DocumentSink> NewSink() const override { return std::make_unique<JsonSink>(); }
  std::string EmptyOutputBody() const override { return "{}"; }

  void AddProtocolHeaders(HttpResponse& response, bool /*has_body*/) const override {
    response.SetHeader("Content-Type", content_type_);
  }

  void AddErrorHeaders(HttpResponse& response, const ErrorInfo& info) const override {
    response.SetHeader("x-amzn-ErrorType", info.code);
  }

 private:
  WireProtocol protocol_;
  std::string content_type_;
};

}  // namespace

const Codec& AwsJson1_0Codec() {
  static const AwsJsonCodec codec(WireProtocol::kAwsJson1_0, "application/x-amz-json-1.0");
  return codec;
}

const Codec& AwsJson1_1Codec() {
  static const AwsJsonCodec codec(WireProtocol::kAwsJson1_1, "application/x-amz-json-1.1");
  return codec;
}

}  // namespace trailbox::protocol
