// Unit tests for the ec2 codec (ec2_query.cpp, query_common.cpp): EC2's parameter names and flattened lists,
// its response and error envelopes, and the errors it answers for requests it cannot read.
#include <gtest/gtest.h>

#include <functional>

#include "protocol/codecs.hpp"
#include "protocol/xml.hpp"
#include "protocol/query_test_support.hpp"

namespace trailbox::protocol {
namespace {

const ServiceModel& TestModel() {
  static const ServiceModel model(Json::parse(R"({
    "metadata": {"protocol": "ec2", "apiVersion": "2016-11-15", "endpointPrefix": "ec2",
                 "xmlNamespace": "http://ec2.amazonaws.com/doc/2016-11-15"},
    "operations": {
      "DescribeInstances": {"name": "DescribeInstances", "input": {"shape": "DescribeInstancesRequest"},
                            "output": {"shape": "DescribeInstancesResult"}}
    },
    "shapes": {
      "DescribeInstancesRequest": {"type": "structure", "members": {
        "Filters": {"shape": "FilterList", "locationName": "Filter"},
        "InstanceIds": {"shape": "InstanceIdStringList", "locationName": "InstanceId"},
        "DryRun": {"shape": "Boolean", "locationName": "dryRun"},
        "MaxResults": {"shape": "Integer", "locationName": "maxResults"},
        "NextToken": {"shape": "String", "locationName": "nextToken", "queryName": "Token"},
        "plainMember": {"shape": "String"}
      }},
      "FilterList": {"type": "list", "member": {"shape": "Filter", "locationName": "Filter"}},
      "Filter": {"type": "structure", "members": {
        "Name": {"shape": "String"},
        "Values": {"shape": "ValueStringList", "locationName": "Value"}
      }},
      "ValueStringList": {"type": "list", "member": {"shape": "String", "locationName": "item"}},
      "InstanceIdStringList": {"type": "list", "member": {"shape": "String", "locationName": "InstanceId"}},
      "DescribeInstancesResult": {"type": "structure", "members": {
        "Reservations": {"shape": "ReservationList", "locationName": "reservationSet"},
        "NextToken": {"shape": "String", "locationName": "nextToken"}
      }},
      "ReservationList": {"type": "list", "member": {"shape": "Reservation", "locationName": "item"}},
      "Reservation": {"type": "structure", "members": {
        "ReservationId": {"shape": "String", "locationName": "reservationId"},
        "Groups": {"shape": "GroupList", "locationName": "groupSet"},
        "LaunchTime": {"shape": "DateTime", "locationName": "launchTime"},
        "Codes": {"shape": "CodeList", "locationName": "codeSet"}
      }},
      "GroupList": {"type": "list", "member": {"shape": "String", "locationName": "item"}},
      "CodeList": {"type": "list", "member": {"shape": "String"}},
      "String": {"type": "string"},
      "Integer": {"type": "integer"},
      "Boolean": {"type": "boolean"},
      "DateTime": {"type": "timestamp"}
    }
  })"));
  return model;
}

const Codec& Ec2() { return CodecFor(WireProtocol::kEc2); }

Json Parse(const std::string& body) {
  return Ec2().ParseRequest(TestModel(), *TestModel().FindOperation("DescribeInstances"), FormPost(body));
}

TEST(Ec2Codec, ParsesQueryNamesCapitalizedNamesAndFlattenedLists) {
  Json input = Parse(
      "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name&Filter.1.Value.1=running"
      "&Filter.1.Value.2=stopped&Filter.2.Name=tag%3AName&Filter.2.Value.1=web&InstanceId.2=i-2&InstanceId.1=i-1"
      "&DryRun=false&MaxResults=5&Token=abc&PlainMember=p&nextToken=ignored");
  EXPECT_EQ(input["Filters"], Json::parse(R"([
      {"Name": "instance-state-name", "Values": ["running", "stopped"]},
      {"Name": "tag:Name", "Values": ["web"]}])"));
  EXPECT_EQ(input["InstanceIds"], Json::parse(R"(["i-1", "i-2"])"));
  EXPECT_EQ(input["DryRun"], false);
  EXPECT_EQ(input["MaxResults"], 5);
  EXPECT_EQ(input["NextToken"], "abc");
  EXPECT_EQ(input["plainMember"], "p");
}

TEST(Ec2Codec, AcceptsAMemberNameAsBotocoreSendsIt) {
  EXPECT_EQ(Parse("Action=DescribeInstances&plainMember=p")["plainMember"], "p");
}

TEST(Ec2Codec, RejectsABodyThatIsNotAForm) {
  AwsError error = ErrorFrom([] { Ec2().OperationName(TestModel(), FormPost("Action=DescribeInstances&X=%G1")); });
  EXPECT_EQ(error.code(), "MalformedQueryString");
}

TEST(Ec2Codec, AnswersMissingActionAndInvalidAction) {
  AwsError error = ErrorFrom([] { Ec2().OperationName(TestModel(), FormPost("Version=2016-11-15")); });
  EXPECT_EQ(error.code(), "MissingAction");
  error = ErrorFrom([] { Ec2().OperationName(TestModel(), FormPost("Action=DescribeFoo&Version=2016-11-15")); });
  EXPECT_EQ(error.code(), "InvalidAction");
  EXPECT_EQ(error.message(), "The action DescribeFoo is not valid for this web service.");
}

TEST(Ec2Codec, AnswersInvalidParameterValueForAValueOfTheWrongType) {
  AwsError error = ErrorFrom([] { Parse("Action=DescribeInstances&MaxResults=ten"); });
  EXPECT_EQ(error.code(), "InvalidParameterValue");
  EXPECT_EQ(error.message(), "Value (ten) for parameter MaxResults is invalid. Expecting an integer.");
  error = ErrorFrom([] { Parse("Action=DescribeInstances&DryRun=maybe"); });
  EXPECT_EQ(error.code(), "InvalidParameterValue");
}

TEST(Ec2Codec, SerializesMembersUnderTheRootWithTheModelsItemNames) {
  Json output = Json::parse(R"({
    "Reservations": [{"ReservationId": "r-1", "Groups": ["sg-1", "sg-2"], "LaunchTime": 1422172800,
                      "Codes": ["c"]}],
    "NextToken": "next"
  })");
  HttpResponse response =
      Ec2().SerializeResponse(TestModel(), *TestModel().FindOperation("DescribeInstances"), output, "req-1");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("Content-Type"), "text/xml;charset=UTF-8");
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-1");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "DescribeInstancesResponse");
  EXPECT_EQ(*root.Attribute("xmlns"), "http://ec2.amazonaws.com/doc/2016-11-15/");
  ASSERT_FALSE(root.children.empty());
  EXPECT_EQ(root.children[0].name, "requestId");
  EXPECT_EQ(root.children[0].text, "req-1");
  const XmlNode* reservation = root.Child("reservationSet")->Child("item");
  ASSERT_NE(reservation, nullptr);
  EXPECT_EQ(reservation->Child("reservationId")->text, "r-1");
  EXPECT_EQ(reservation->Child("groupSet")->Children("item").size(), 2u);
  EXPECT_EQ(reservation->Child("launchTime")->text, "2015-01-25T08:00:00Z");
  EXPECT_EQ(reservation->Child("codeSet")->Child("member")->text, "c");
  EXPECT_EQ(root.Child("nextToken")->text, "next");
}

TEST(Ec2Codec, SerializesErrorsInTheResponseEnvelope) {
  HttpResponse response = Ec2().SerializeError(
      TestModel(), nullptr, AwsError("InvalidInstanceID.NotFound", "The instance ID 'i-1' does not exist"), "req-2");
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(response.Header("x-amzn-RequestId"), "req-2");
  XmlNode root = ParseXml(response.body);
  EXPECT_EQ(root.name, "Response");
  const XmlNode* error = root.Child("Errors")->Child("Error");
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(error->Child("Code")->text, "InvalidInstanceID.NotFound");
  EXPECT_EQ(error->Child("Message")->text, "The instance ID 'i-1' does not exist");
  EXPECT_EQ(root.Child("RequestID")->text, "req-2");
}

}  // namespace
}  // namespace trailbox::protocol
