// Edge cases of the awsJson codecs (and the document walk they share with RPC v2 CBOR) that the protocol vectors
// do not cover: malformed bodies, wrong member types, target prefixes, exact wire forms of outputs and errors.
#include <gtest/gtest.h>

#include "protocol/codecs.hpp"

namespace trailbox::protocol {
namespace {

ServiceModel TestModel(bool query_compatible = false) {
  Json document = Json::parse(R"({
    "metadata": {"protocol": "json", "jsonVersion": "1.1", "targetPrefix": "CloudTrail_20131101"},
    "operations": {
      "PutThing": {"name": "PutThing", "input": {"shape": "Thing"}, "output": {"shape": "Thing"}}
    },
    "shapes": {
      "Thing": {"type": "structure", "members": {
        "Name": {"shape": "String"}, "Count": {"shape": "Integer"}, "When": {"shape": "Timestamp"},
        "Data": {"shape": "Blob"}, "Tags": {"shape": "TagList"}, "Renamed": {"shape": "String", "locationName": "wire"}
      }},
      "TagList": {"type": "list", "member": {"shape": "String"}},
      "String": {"type": "string"}, "Integer": {"type": "integer"}, "Timestamp": {"type": "timestamp"},
      "Blob": {"type": "blob"},
      "ThingNotFound": {"type": "structure", "members": {"message": {"shape": "String"}},
                        "error": {"code": "NoSuchThing", "httpStatusCode": 404, "senderFault": true}, "exception": true},
      "TrailNotFoundException": {"type": "structure", "members": {}, "exception": true}
    }
  })");
  if (query_compatible) document["metadata"]["awsQueryCompatible"] = Json::object();
  return ServiceModel(std::move(document));
}

HttpRequest JsonRequest(std::string body, std::string target = "CloudTrail_20131101.PutThing") {
  return HttpRequest::Make("POST", "/", {{"X-Amz-Target", std::move(target)}}, std::move(body));
}

/// The code of the AwsError parsing `request` throws (its status must be 400), or "no error".
std::string ParseErrorCode(const Codec& codec, const ServiceModel& model, const HttpRequest& request) {
  try {
    codec.ParseRequest(model, *model.FindOperation("PutThing"), request);
  } catch (const AwsError& error) {
    EXPECT_EQ(codec.SerializeError(model, nullptr, error, "r").status, 400);
    return error.code();
  }
  return "no error";
}

std::string SerializationCode(const ServiceModel& model, const HttpRequest& request) {
  return ParseErrorCode(AwsJson1_1Codec(), model, request);
}

TEST(AwsJsonCodec, MalformedJsonIsSerializationException) {
  ServiceModel model = TestModel();
  EXPECT_EQ(SerializationCode(model, JsonRequest(R"({"Name": )")), "SerializationException");
}

TEST(AwsJsonCodec, WrongMemberTypeIsSerializationException) {
  ServiceModel model = TestModel();
  EXPECT_EQ(SerializationCode(model, JsonRequest(R"({"Count": "seven"})")), "SerializationException");
  EXPECT_EQ(SerializationCode(model, JsonRequest(R"({"Tags": "a"})")), "SerializationException");
  EXPECT_EQ(SerializationCode(model, JsonRequest(R"({"Data": "not base64!"})")), "SerializationException");
  EXPECT_EQ(SerializationCode(model, JsonRequest(R"([1, 2])")), "SerializationException");
}

TEST(AwsJsonCodec, EmptyBodyIsEmptyInputAndUnknownMembersAreIgnored) {
  ServiceModel model = TestModel();
  const Json& operation = *model.FindOperation("PutThing");
  EXPECT_EQ(AwsJson1_1Codec().ParseRequest(model, operation, JsonRequest("")), Json::object());
  Json parsed = AwsJson1_1Codec().ParseRequest(
      model, operation,
      JsonRequest(R"({"Name": "a", "FromNewerClient": 1, "wire": "w", "When": 1.5, "Data": "YWI="})"));
  Json expected = {{"Name", "a"}, {"When", 1.5}, {"Data", Json::binary({97, 98})}, {"Renamed", "w"}};
  EXPECT_EQ(parsed, expected);
}

TEST(AwsJsonCodec, AcceptsShortAndLongTargetsOfTheModelOnly) {
  ServiceModel model = TestModel();
  const Codec& codec = AwsJson1_1Codec();
  EXPECT_EQ(codec.OperationName(model, JsonRequest("{}")), "PutThing");
  EXPECT_EQ(
      codec.OperationName(model, JsonRequest("{}", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.PutThing")),
      "PutThing");
  EXPECT_EQ(codec.OperationName(model, JsonRequest("{}", "Logs_20140328.PutThing")), std::nullopt);
  EXPECT_EQ(codec.OperationName(model, JsonRequest("{}", "xCloudTrail_20131101.PutThing")), std::nullopt);
  EXPECT_EQ(codec.OperationName(model, JsonRequest("{}", "CloudTrail_20131101.NoSuchOperation")), std::nullopt);
  EXPECT_EQ(codec.OperationName(model, HttpRequest::Make("POST", "/")), std::nullopt);

  // A model stating the long prefix (Debian's botocore for CloudTrail) still takes the short one.
  Json document = TestModel().document();
  document["metadata"]["targetPrefix"] = "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101";
  ServiceModel long_prefix(std::move(document));
  EXPECT_EQ(codec.OperationName(long_prefix, JsonRequest("{}", "CloudTrail_20131101.PutThing")), "PutThing");
  EXPECT_EQ(codec.OperationName(long_prefix, JsonRequest("{}", "Trail_20131101.PutThing")), std::nullopt);
}

TEST(AwsJsonCodec, OutputWritesEpochSecondsBase64AndWireNames) {
  ServiceModel model = TestModel();
  Json output = {{"Name", "a"},    {"When", 1700000000}, {"Data", Json::binary({97, 98})},
                 {"Renamed", "w"}, {"Count", nullptr},   {"NotInModel", 1}};
  HttpResponse response = AwsJson1_0Codec().SerializeResponse(model, *model.FindOperation("PutThing"), output, "req-1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(Json::parse(response.body),
            Json::parse(R"({"Name": "a", "When": 1700000000, "Data": "YWI=", "wire": "w"})"));
  EXPECT_EQ(response.Header("Content-Type"), "application/x-amz-json-1.0");
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-1");
}

TEST(AwsJsonCodec, ErrorEnvelopeCarriesTypeMessageAndQueryCode) {
  ServiceModel model = TestModel(true);
  HttpResponse response = AwsJson1_0Codec().SerializeError(model, nullptr, AwsError("NoSuchThing", "Gone."), "req-2");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(Json::parse(response.body), Json::parse(R"({"__type": "ThingNotFound", "message": "Gone."})"));
  EXPECT_EQ(response.Header("x-amzn-query-error"), "NoSuchThing;Sender");
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-2");

  HttpResponse unmodelled =
      AwsJson1_1Codec().SerializeError(TestModel(), nullptr, AwsError("ValidationException", "Bad."), "r");
  EXPECT_EQ(Json::parse(unmodelled.body), Json::parse(R"({"__type": "ValidationException", "message": "Bad."})"));
  EXPECT_EQ(unmodelled.Header("x-amzn-query-error"), "");
}

TEST(AwsJsonCodec, ErrorCarriesItsMessageEvenWhenTheShapeModelsNone) {
  HttpResponse response = AwsJson1_1Codec().SerializeError(
      TestModel(), nullptr, AwsError("TrailNotFoundException", "Unknown trail: t for the user: 1"), "r");
  Json body = Json::parse(response.body);
  EXPECT_EQ(body["__type"], "TrailNotFoundException");
  EXPECT_EQ(body["message"], "Unknown trail: t for the user: 1");
}

TEST(RpcV2CborCodec, MalformedCborIsSerializationException) {
  ServiceModel model = TestModel();
  HttpRequest request = HttpRequest::Make("POST", "/service/CloudTrail_20131101/operation/PutThing",
                                          {{"smithy-protocol", "rpc-v2-cbor"}}, std::string("\xbf\x61", 2));
  EXPECT_EQ(RpcV2CborCodec().OperationName(model, request), "PutThing");
  EXPECT_EQ(ParseErrorCode(RpcV2CborCodec(), model, request), "SerializationException");
}

TEST(RpcV2CborCodec, TimestampsAreTaggedEpochSeconds) {
  ServiceModel model = TestModel();
  HttpResponse response =
      RpcV2CborCodec().SerializeResponse(model, *model.FindOperation("PutThing"), {{"When", 1.5}}, "r");
  // {"When": 1(1.5)}: map of 1, text "When", tag 1, float64 1.5.
  EXPECT_EQ(response.body, std::string("\xa1\x64When\xc1\xfb\x3f\xf8\x00\x00\x00\x00\x00\x00", 16));
  EXPECT_EQ(response.Header("Content-Type"), "application/cbor");
  EXPECT_EQ(response.Header("smithy-protocol"), "rpc-v2-cbor");
}

}  // namespace
}  // namespace trailbox::protocol
