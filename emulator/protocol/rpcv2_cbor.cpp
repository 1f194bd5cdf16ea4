// The smithy-rpc-v2-cbor codec (Smithy "RPC v2 CBOR protocol"): POST /service/<ServiceName>/operation/<Operation>
// with `smithy-protocol: rpc-v2-cbor`; bodies are CBOR (RFC 8949) maps, blobs byte strings, timestamps tag 1
// around a float64 of epoch seconds; errors {"__type": code, "message": ...}. Responses use definite lengths.
// The shape walk and error envelope are shared with the JSON protocols (document_codec.hpp).
#include <bit>
#include <cstring>

#include "protocol/codecs.hpp"
#include "protocol/document_codec.hpp"

namespace trailbox::protocol {
namespace {

constexpr std::string_view kServicePathMarker = "/service/";
constexpr std::string_view kOperationPathMarker = "/operation/";

/// Writes CBOR bytes: a head (major type + argument) per item, then the item's content.
class CborSink final : public DocumentSink {
 public:
  void BeginMap(size_t size) override { Head(5, size); }
  void Key(std::string_view key) override { Text(key); }
  void EndMap() override {}
  void BeginList(size_t size) override { Head(4, size); }
  void EndList() override {}
  void Value(const Json& value) override { Encode(value); }
  void Float(double value) override { Float64(value); }
  void Blob(const Json::binary_t& bytes) override { Bytes(bytes); }

  void Timestamp(double epoch_seconds, std::string_view /*format*/) override {
    Head(6, 1);
    Float64(epoch_seconds);
  }

  std::string Finish() override { return std::move(out_); }

 private:
  void Head(uint8_t major, uint64_t argument) {
    const auto type = static_cast<char>(major << 5);
    if (argument < 24) {
      out_.push_back(static_cast<char>(type | static_cast<char>(argument)));
    } else if (argument <= 0xFF) {
      out_.push_back(static_cast<char>(type | 24));
      BigEndian(argument, 1);
    } else if (argument <= 0xFFFF) {
      out_.push_back(static_cast<char>(type | 25));
      BigEndian(argument, 2);
    } else if (argument <= 0xFFFFFFFF) {
      out_.push_back(static_cast<char>(type | 26));
      BigEndian(argument, 4);
    } else {
      out_.push_back(static_cast<char>(type | 27));
      BigEndian(argument, 8);
    }
  }

  void BigEndian(uint64_t value, int bytes) {
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out_.push_back(static_cast<char>(value >> shift));
  }

  void Float64(double value) {
    out_.push_back(static_cast<char>(0xFB));
    BigEndian(std::bit_cast<uint64_t>(value), 8);
  }

  void Text(std::string_view text) {
    Head(3, text.size());
    out_.append(text);
  }

  void Bytes(const std::vector<std::uint8_t>& bytes) {
    Head(2, bytes.size());
    out_.append(bytes.begin(), bytes.end());
  }

  void Integer(int64_t value) {
    if (value >= 0) return Head(0, static_cast<uint64_t>(value));
    Head(1, static_cast<uint64_t>(-(value + 1)));
  }

  /// Any value as it is: free-form documents, strings, booleans, integers.
  void Encode(const Json& value) {
    switch (value.type()) {
      case Json::value_t::null:
        return out_.push_back(static_cast<char>(0xF6));
      case Json::value_t::boolean:
        return out_.push_back(static_cast<char>(value.get<bool>() ? 0xF5 : 0xF4));
      case Json::value_t::number_integer:
        return Integer(value.get<int64_t>());
      case Json::value_t::number_unsigned:
        return Head(0, value.get<uint64_t>());
      case Json::value_t::number_float:
        return Float64(value.get<double>());
      case Json::value_t::string:
        return Text(value.get_ref<const std::string&>());
      case Json::value_t::binary:
        return Bytes(value.get_binary());
      case Json::value_t::array:
        Head(4, value.size());
        for (const Json& item : value) Encode(item);
        return;
      case Json::value_t::object:
        Head(5, value.size());
        for (auto it = value.begin(); it != value.end(); ++it) {
          Text(it.key());
          Encode(it.value());
        }
        return;
      case Json::value_t::discarded:
        return out_.push_back(static_cast<char>(0xF7));
    }
  }

  std::string out_;
};

/// Copies one CBOR data item from `in` at `pos` to `out`, rewriting one-byte tag heads (0xC0-0xD7, tags 0-23)
/// as the equivalent two-byte head 0xD8 <tag>. Deviation from plain from_cbor: nlohmann 3.11 rejects tags 0-5
/// (tag 1 is the timestamp tag) but ignores the two-byte form. Returns false on a truncated or invalid item.
bool CopyWithLongTags(std::string_view in, size_t& pos, std::string& out, int depth) {
  constexpr int kMaxDepth = 256;
  if (pos >= in.size() || depth > kMaxDepth) return false;
  const auto initial = static_cast<uint8_t>(in[pos]);
  const int major = initial >> 5;
  const int info = initial & 0x1F;
  if (major == 6 && info < 24) {
    out.push_back(static_cast<char>(0xD8));
    out.push_back(static_cast<char>(info));
    ++pos;
    return CopyWithLongTags(in, pos, out, depth + 1);
  }
  if (info >= 28 && info <= 30) return false;
  const size_t argument_size = info < 24 || info == 31 ? 0 : size_t{1} << (info - 24);
  if (pos + 1 + argument_size > in.size()) return false;
  uint64_t argument = info < 24 ? info : 0;
  for (size_t i = 0; i < argument_size; ++i) argument = (argument << 8) | static_cast<uint8_t>(in[pos + 1 + i]);
  out.append(in.substr(pos, 1 + argument_size));
  pos += 1 + argument_size;
  if (info == 31 && (major <= 1 || major >= 6)) return false;
  if (major <= 1 || major == 7) return true;
  if (info == 31) {
    while (pos < in.size() && static_cast<uint8_t>(in[pos]) != 0xFF) {
      if (!CopyWithLongTags(in, pos, out, depth + 1)) return false;
    }
    if (pos >= in.size()) return false;
    out.push_back(in[pos++]);
    return true;
  }
  if (major == 2 || major == 3) {
    if (argument > in.size() - pos) return false;
    out.append(in.substr(pos, argument));
    pos += argument;
    return true;
  }
  const uint64_t items = major == 5 ? argument * 2 : major == 4 ? argument : 1;
  for (uint64_t i = 0; i < items; ++i) {
    if (!CopyWithLongTags(in, pos, out, depth + 1)) return false;
  }
  return true;
}

class RpcV2CborCodecImpl final : public DocumentCodec {
 public:
  WireProtocol protocol() const override { return WireProtocol::kRpcV2Cbor; }

  /// ".../service/<ServiceName>/operation/<Operation>", the service name matched like a JSON target prefix.
  std::optional<std::string> OperationName(const ServiceModel& model, const HttpRequest& request) const override {
    std::string_view path = request.raw_path;
    size_t service = path.rfind(kServicePathMarker);
    if (service == std::string_view::npos) return std::nullopt;
    std::string_view rest = path.substr(service + kServicePathMarker.size());
    size_t operation = rest.find(kOperationPathMarker);
    if (operation == std::string_view::npos) return std::nullopt;
    std::string name(rest.substr(operation + kOperationPathMarker.size()));
    if (name.empty() || name.find('/') != std::string::npos) return std::nullopt;
    if (!MatchesTargetPrefix(model, rest.substr(0, operation)) || !model.FindOperation(name)) return std::nullopt;
    return name;
  }

 protected:
  DocumentWire wire() const override { return DocumentWire::kCbor; }

  /// Tags are ignored: the shape says which numbers are timestamps (tag 1).
  Json DecodeBody(std::string_view body) const override {
    std::string rewritten;
    size_t pos = 0;
    Json value;
    if (CopyWithLongTags(body, pos, rewritten, 0) && pos == body.size()) {
      value = Json::from_cbor(rewritten, true, false, Json::cbor_tag_handler_t::ignore);
    } else {
      value = Json(Json::value_t::discarded);
    }
    if (value.is_discarded()) throw AwsError("SerializationException", "The request body is not valid CBOR.");
    return value;
  }

  std::unique_ptr<DocumentSink> NewSink() const override { return std::make_unique<CborSink>(); }
  std::string EmptyOutputBody() const override { return {}; }

  void AddProtocolHeaders(HttpResponse& response, bool has_body) const override {
    response.SetHeader("smithy-protocol", "rpc-v2-cbor");
    if (has_body) response.SetHeader("Content-Type", "application/cbor");
  }
};

}  // namespace

const Codec& RpcV2CborCodec() {
  static const RpcV2CborCodecImpl codec;
  return codec;
}

}  // namespace trailbox::protocol
