// The codec instances, one per wire protocol, each defined in its protocol's file.
#pragma once
#include "protocol/codec.hpp"

namespace trailbox::protocol {

const Codec& AwsJson1_0Codec();  // aws_json.cpp
const Codec& AwsJson1_1Codec();  // aws_json.cpp
const Codec& AwsQueryCodec();    // aws_query.cpp
const Codec& Ec2Codec();         // ec2_query.cpp
const Codec& RestXmlCodec();     // rest_xml.cpp
const Codec& RpcV2CborCodec();   // rpcv2_cbor.cpp

}  // namespace trailbox::protocol
