// Unit tests for the awsQuery codec (aws_query.cpp, query_common.cpp): parsing form parameters by the model,
// the XML envelopes, and the errors AWS answers for requests it cannot read.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "protocol/codecs.hpp"
#include "protocol/xml.hpp"
#include "protocol/query_test_support.hpp"

namespace trailbox::protocol {
namespace {

const ServiceModel& TestModel() {
  static const ServiceModel model(Json::parse(R"({
    "metadata": {"protocol": "query", "apiVersion": "2011-06-15", "endpointPrefix": "sts",
                 "xmlNamespace": "https://sts.amazonaws.com/doc/2011-06-15/"},
    "operations": {
      "AssumeRole": {"name": "AssumeRole", "input": {"shape": "AssumeRoleRequest"},
                     "output": {"shape": "AssumeRoleResponse", "resultWrapper": "AssumeRoleResult"}},
      "DeleteThing": {"name": "DeleteThing", "input": {"shape": "DeleteThingRequest"}}
    },
    "shapes": {
      "AssumeRoleRequest": {"type": "structure", "members": {
        "RoleArn": {"shape": "String"},
        "DurationSeconds": {"shape": "Integer"},
        "Enabled": {"shape": "Boolean"},
        "Ratio": {"shape": "Double"},
        "Expires": {"shape": "Timestamp"},
        "Token": {"shape": "Blob"},
        "Tags": {"shape": "TagList"},
        "Attributes": {"shape": "AttributeMap"},
        "Policy": {"shape": "Policy"},
        "Renamed": {"shape": "String", "locationName": "OtherName"},
        "Tree": {"shape": "Tree"}
      }},
      "Tree": {"type": "structure", "members": {"Name": {"shape": "String"}, "Child": {"shape": "Tree"}}},
      "DeleteThingRequest": {"type": "structure", "members": {"Name": {"shape": "String"}}},
      "Policy": {"type": "structure", "members": {"Arns": {"shape": "StringList"}, "Size": {"shape": "Long"}}},
      "AssumeRoleResponse": {"type": "structure", "members": {
        "Credentials": {"shape": "Credentials"},
        "Ids": {"shape": "StringList"},
        "Attributes": {"shape": "AttributeMap"},
        "PackedPolicySize": {"shape": "Integer"},
        "Ratio": {"shape": "Double"},
        "Enabled": {"shape": "Boolean"},
        "Token": {"shape": "Blob"}
      }},
      "Credentials": {"type": "structure", "members": {
        "AccessKeyId": {"shape": "String"},
        "Expiration": {"shape": "Timestamp"}
      }},
      "TagList": {"type": "list", "member": {"shape": "Tag"}},
      "Tag": {"type": "structure", "members": {"Key": {"shape": "String"}, "Value": {"shape": "String"}}},
      "StringList": {"type": "list", "member": {"shape": "String"}},
      "AttributeMap": {"type": "map", "key": {"shape": "String", "locationName": "Name"},
                       "value": {"shape": "String", "locationName": "Value"}},
      "String": {"type": "string"},
      "Integer": {"type": "integer"},
      "Long": {"type": "long"},
      "Boolean": {"type": "boolean"},
      "Double": {"type": "double"},
      "Timestamp": {"type": "timestamp"},
      "Blob": {"type": "blob"},
      "MalformedPolicyDocumentException": {"type": "structure", "members": {"message": {"shape": "String"}},
        "error": {"code": "MalformedPolicyDocument", "httpStatusCode": 400, "senderFault": true},
        "exception": true},
      "InvalidGreeting": {"type": "structure", "members": {"Message": {"shape": "String"},
        "Detail": {"shape": "String"}}, "exception": true}
    }
  })"));
  return model;
}

const Codec& Query() { return CodecFor(WireProtocol::kAwsQuery); }

Json Parse(const std::string& body) {
  return Query().ParseRequest(TestModel(), *TestModel().FindOperation("AssumeRole"), FormPost(body));
}

TEST(AwsQueryCodec, NamesTheOperationFromAction) {
  EXPECT_EQ(Query().OperationName(TestModel(), FormPost("Action=AssumeRole&Version=2011-06-15")), "AssumeRole");
  EXPECT_EQ(Query().protocol(), WireProtocol::kAwsQuery);
}

TEST(AwsQueryCodec, ParsesStructuresListsMapsAndScalars) {
  Json input = Parse(
      "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fr+1"
      "&DurationSeconds=3600&Enabled=true&Ratio=0.25&Expires=2015-01-25T08%3A00%3A00.500Z&Token=dmFsdWU%3D"
      "&Tags.member.2.Key=b&Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.10.Key=j"
      "&Attributes.entry.1.Name=color&Attributes.entry.1.Value=red"
      "&Policy.Arns.member.1=x&Policy.Size=9000000000&OtherName=renamed&Unknown.Thing=ignored");
  EXPECT_EQ(input["RoleArn"], "arn:aws:iam::123456789012:role/r 1");
  EXPECT_EQ(input["DurationSeconds"], 3600);
  EXPECT_EQ(input["Enabled"], true);
  EXPECT_DOUBLE_EQ(input["Ratio"].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(input["Expires"].get<double>(), 1422172800.5);
  ASSERT_TRUE(input["Token"].is_binary());
  EXPECT_EQ(std::string(input["Token"].get_binary().begin(), input["Token"].get_binary().end()), "value");
  EXPECT_EQ(input["Tags"], Json::parse(R"([{"Key": "a", "Value": "1"}, {"Key": "b"}, {"Key": "j"}])"));
  EXPECT_EQ(input["Attributes"], Json::parse(R"({"color": "red"})"));
  EXPECT_EQ(input["Policy"], Json::parse(R"({"Arns": ["x"], "Size": 9000000000})"));
  EXPECT_EQ(input["Renamed"], "renamed");
  EXPECT_FALSE(input.contains("Unknown"));
}

TEST(AwsQueryCodec, WholeTimestampsBecomeIntegersAndEmptyListsAreKept) {
  Json input = Parse("Action=AssumeRole&Expires=2015-01-25T08%3A00%3A00Z&Tags=");
  EXPECT_TRUE(input["Expires"].is_number_integer());
  EXPECT_EQ(input["Expires"], 1422172800);
  EXPECT_EQ(input["Tags"], Json::array());
}

TEST(AwsQueryCodec, ReadsParametersFromTheUrlForGet) {
  HttpRequest request = HttpRequest::Make("GET", "/?Action=AssumeRole&Version=2011-06-15&RoleArn=r&Tags.member.1.Key=k");
  EXPECT_EQ(Query().OperationName(TestModel(), request), "AssumeRole");
  Json input = Query().ParseRequest(TestModel(), *TestModel().FindOperation("AssumeRole"), request);
  EXPECT_EQ(input, Json::parse(R"({"RoleArn": "r", "Tags": [{"Key": "k"}]})"));
}

TEST(AwsQueryCodec, RejectsABodyThatIsNotAForm) {
  AwsError error = ErrorFrom([] { Query().OperationName(TestModel(), FormPost("Action=AssumeRole&RoleArn=%ZZ")); });
  EXPECT_EQ(error.code(), "MalformedQueryString");
  EXPECT_EQ(error.http_status(), 404);
  error = ErrorFrom([] { Parse("Action=AssumeRole&RoleArn=abc%2"); });
  EXPECT_EQ(error.code(), "MalformedQueryString");
}

TEST(AwsQueryCodec, AnswersMissingActionWithoutAction) {
  AwsError error = ErrorFrom([] { Query().OperationName(TestModel(), FormPost("Version=2011-06-15&RoleArn=r")); });
  EXPECT_EQ(error.code(), "MissingAction");
  EXPECT_EQ(error.message(), "Missing Action");
  error = ErrorFrom([] { Query().OperationName(TestModel(), FormPost("")); });
  EXPECT_EQ(error.code(), "MissingAction");
}

TEST(AwsQueryCodec, AnswersInvalidActionForAnUnknownOperation) {
  AwsError error =
      ErrorFrom([] { Query().OperationName(TestModel(), FormPost("Action=GetFoo&Version=2011-06-15")); });
  EXPECT_EQ(error.code(), "InvalidAction");
  EXPECT_EQ(error.message(), "Could not find operation GetFoo for version 2011-06-15");
}

TEST(AwsQueryCodec, AnswersMalformedInputForAValueOfTheWrongType) {
  for (const char* body : {"DurationSeconds=abc", "DurationSeconds=30.0", "DurationSeconds=3000000000",
                           "Enabled=yes", "Ratio=1e", "Ratio=nan", "Expires=yesterday", "Token=%21%21",
                           "Policy.Size=12x", "Tags.member.1.Key=a&DurationSeconds="}) {
    AwsError error = ErrorFrom([&] { Parse(std::string("Action=AssumeRole&") + body); });
    EXPECT_EQ(error.code(), "MalformedInput") << body;
  }
  AwsError error = ErrorFrom([] { Parse("Action=AssumeRole&Policy.Size=big"); });
  EXPECT_NE(error.message().find("Policy.Size"), std::string::npos);
}

TEST(AwsQueryCodec, ReadsRecursiveShapesToABoundedDepth) {
  EXPECT_EQ(Parse("Action=AssumeRole&Tree.Child.Child.Name=leaf")["Tree"],
            Json::parse(R"({"Child": {"Child": {"Name": "leaf"}}})"));
  std::string key = "Tree";
  for (int i = 0; i < 20000; ++i) key += ".Child";
  Json input = Parse("Action=AssumeRole&" + key + ".Name=deep&RoleArn=r");
  EXPECT_EQ(input["RoleArn"], "r");
  int depth = 0;
  for (const Json* node = &input["Tree"]; node->contains("Child"); node = &(*node)["Child"]) ++depth;
  EXPECT_LT(depth, 100);
}

TEST(AwsQueryCodec, AcceptsSpecialFloatValues) {
  EXPECT_TRUE(std::isnan(Parse("Ratio=NaN")["Ratio"].get<double>()));
  EXPECT_EQ(Parse("Ratio=-Infinity")["Ratio"].get<double>(), -INFINITY);
}

TEST(AwsQueryCodec, SerializesTheResultInsideItsWrapper) {
  Json output = Json::parse(R"({
    "Credentials": {"AccessKeyId": "AKIA&<>", "Expiration": 1422172800.25},
    "Ids": ["a", "b"], "Attributes": {"k": "v"}, "PackedPolicySize": 6, "Ratio": 1.5, "Enabled": false,
    "NotInShape": "dropped"
  })");
  output["Token"] = Json::binary({'v', 'a', 'l', 'u', 'e'});
  HttpResponse response =
      Query().SerializeResponse(TestModel(), *TestModel().FindOperation("AssumeRole"), output, "req-1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"), "text/xml");
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-1");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "AssumeRoleResponse");
  EXPECT_EQ(*root.Attribute("xmlns"), "https://sts.amazonaws.com/doc/2011-06-15/");
  const XmlNode* result = root.Child("AssumeRoleResult");
  ASSERT_NE(result, nullptr);
  EXPECT_EQ(result->Child("Credentials")->Child("AccessKeyId")->text, "AKIA&<>");
  EXPECT_EQ(result->Child("Credentials")->Child("Expiration")->text, "2015-01-25T08:00:00.250Z");
  auto ids = result->Child("Ids")->Children("member");
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_EQ(ids[1]->text, "b");
  const XmlNode* entry = result->Child("Attributes")->Child("entry");
  EXPECT_EQ(entry->Child("Name")->text, "k");
  EXPECT_EQ(entry->Child("Value")->text, "v");
  EXPECT_EQ(result->Child("PackedPolicySize")->text, "6");
  EXPECT_EQ(result->Child("Ratio")->text, "1.5");
  EXPECT_EQ(result->Child("Enabled")->text, "false");
  EXPECT_EQ(result->Child("Token")->text, "dmFsdWU=");
  EXPECT_EQ(result->Child("NotInShape"), nullptr);
  EXPECT_EQ(root.Child("ResponseMetadata")->Child("RequestId")->text, "req-1");
}

TEST(AwsQueryCodec, SerializesOnlyMetadataWithoutAnOutputShape) {
  HttpResponse response =
      Query().SerializeResponse(TestModel(), *TestModel().FindOperation("DeleteThing"), Json::object(), "req-2");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "DeleteThingResponse");
  ASSERT_EQ(root.children.size(), 1u);
  EXPECT_EQ(root.Child("ResponseMetadata")->Child("RequestId")->text, "req-2");
}

TEST(AwsQueryCodec, SerializesAModelledErrorWithItsQueryCode) {
  AwsError error("MalformedPolicyDocumentException", "The policy is not valid JSON.");
  HttpResponse response = Query().SerializeError(TestModel(), nullptr, error, "req-3");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-3");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "ErrorResponse");
  EXPECT_EQ(*root.Attribute("xmlns"), "https://sts.amazonaws.com/doc/2011-06-15/");
  const XmlNode* body = root.Child("Error");
  EXPECT_EQ(body->Child("Type")->text, "Sender");
  EXPECT_EQ(body->Child("Code")->text, "MalformedPolicyDocument");
  EXPECT_EQ(body->Child("Message")->text, "The policy is not valid JSON.");
  EXPECT_EQ(root.Child("RequestId")->text, "req-3");
}

TEST(AwsQueryCodec, SerializesErrorMembersAndServerFaults) {
  AwsError modelled("InvalidGreeting", "Hi");
  modelled.extra()["Detail"] = "more";
  XmlNode root = ParseXml(Query().SerializeError(TestModel(), nullptr, modelled, "id").body);
  EXPECT_EQ(root.Child("Error")->Child("Detail")->text, "more");
  EXPECT_EQ(root.Child("Error")->Children("Message").size(), 1u);

  HttpResponse response =
      Query().SerializeError(TestModel(), nullptr, AwsError("InternalFailure", "Oops", 500), "id");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(ParseXml(response.body).Child("Error")->Child("Type")->text, "Receiver");

  response = Query().SerializeError(TestModel(), nullptr, AwsError("MalformedInput", ""), "id");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(ParseXml(response.body).Child("Error")->Child("Message"), nullptr);
}

}  // namespace
}  // namespace trailbox::protocol
