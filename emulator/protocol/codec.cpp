// Codec lookup by wire protocol.
#include "protocol/codec.hpp"

#include "protocol/codecs.hpp"

namespace trailbox::protocol {

const char* WireProtocolName(WireProtocol protocol) {
  switch (protocol) {
    case WireProtocol::kAwsJson1_0: return "awsJson1_0";
    case WireProtocol::kAwsJson1_1: return "awsJson1_1";
    case WireProtocol::kAwsQuery: return "awsQuery";
    case WireProtocol::kEc2: return "ec2";
    case WireProtocol::kRestXml: return "restXml";
    case WireProtocol::kRpcV2Cbor: return "smithy-rpc-v2-cbor";
  }
  return "unknown";
}

const Codec& CodecFor(WireProtocol protocol) {
  switch (protocol) {
    case WireProtocol::kAwsJson1_0: return AwsJson1_0Codec();
    case WireProtocol::kAwsJson1_1: return AwsJson1_1Codec();
    case WireProtocol::kAwsQuery: return AwsQueryCodec();
    case WireProtocol::kEc2: return Ec2Codec();
    case WireProtocol::kRestXml: return RestXmlCodec();
    case WireProtocol::kRpcV2Cbor: return RpcV2CborCodec();
  }
  return AwsJson1_1Codec();
}

}  // namespace trailbox::protocol
