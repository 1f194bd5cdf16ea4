// The engine without sockets: routing, one transaction per request, errors in the caller's protocol.
#include "http/engine.hpp"

#include <gtest/gtest.h>

#include "http/router.hpp"

namespace trailbox::http {
namespace {

using protocol::HttpRequest;
using protocol::WireProtocol;

constexpr const char* kIamAuth =
    "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00";

HttpRequest IamQuery(const std::string& body) {
  return HttpRequest::Make("POST", "/",
                           {{"Content-Type", "application/x-www-form-urlencoded"}, {"Authorization", kIamAuth}}, body);
}

Engine MakeEngine() {
  EngineOptions options;
  options.ephemeral = true;
  options.clock_mode = ClockMode::kVirtual;
  return Engine(options);
}

TEST(Router, DetectsServiceAndProtocolFromEachSignal) {
  HttpRequest query = IamQuery("Action=ListUsers&Version=2010-05-08");
  Route route = RouteRequest(query);
  ASSERT_EQ(route.kind, Route::Kind::kService);
  EXPECT_EQ(route.model->endpoint_prefix(), "iam");
  EXPECT_EQ(route.protocol, WireProtocol::kAwsQuery);

  HttpRequest json = HttpRequest::Make("POST", "/", {{"X-Amz-Target", "Logs_20140328.DescribeLogGroups"},
                                                     {"Content-Type", "application/x-amz-json-1.1"}});
  route = RouteRequest(json);
  EXPECT_EQ(route.model->endpoint_prefix(), "logs");
  EXPECT_EQ(route.protocol, WireProtocol::kAwsJson1_1);

  HttpRequest short_target = HttpRequest::Make("POST", "/", {{"X-Amz-Target", "CloudTrail_20131101.ListTrails"}});
  route = RouteRequest(short_target);
  EXPECT_EQ(route.model->endpoint_prefix(), "cloudtrail");

  HttpRequest cbor = HttpRequest::Make("POST", "/service/GraniteServiceVersion20100801/operation/ListMetrics",
                                       {{"smithy-protocol", "rpc-v2-cbor"}});
  route = RouteRequest(cbor);
  EXPECT_EQ(route.model->endpoint_prefix(), "monitoring");
  EXPECT_EQ(route.protocol, WireProtocol::kRpcV2Cbor);

  HttpRequest unsigned_action = HttpRequest::Make("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                                  "Action=GetCallerIdentity&Version=2011-06-15");
  route = RouteRequest(unsigned_action);
  EXPECT_EQ(route.model->endpoint_prefix(), "sts");

  HttpRequest ec2 = HttpRequest::Make("POST", "/", {{"Content-Type", "application/x-www-form-urlencoded"}},
                                      "Action=DescribeInstances&Version=2016-11-15");
  route = RouteRequest(ec2);
  EXPECT_EQ(route.protocol, WireProtocol::kEc2);
}

TEST(Router, RewritesVirtualHostedS3ToPathStyle) {
  HttpRequest request = HttpRequest::Make("GET", "/some/key.json?x=1", {{"Host", "logs.s3.localhost:4566"}});
  Route route = RouteRequest(request);
  EXPECT_EQ(route.model->endpoint_prefix(), "s3");
  EXPECT_EQ(request.raw_path, "/logs/some/key.json");
  ASSERT_NE(request.QueryParam("x"), nullptr);
}

TEST(Engine, CommitsSuccessAndRollsBackErrors) {
  Engine engine = MakeEngine();
  auto created = engine.Handle(IamQuery("Action=CreateUser&Version=2010-05-08&UserName=alice"));
  EXPECT_EQ(created.status, 200) << created.body;
  auto duplicate = engine.Handle(IamQuery("Action=CreateUser&Version=2010-05-08&UserName=alice"));
  EXPECT_EQ(duplicate.status, 409) << duplicate.body;
  EXPECT_NE(duplicate.body.find("EntityAlreadyExists"), std::string::npos);
  auto listed = engine.Handle(IamQuery("Action=ListUsers&Version=2010-05-08"));
  EXPECT_EQ(listed.status, 200);
  EXPECT_NE(listed.body.find("<UserName>alice</UserName>"), std::string::npos);
  EXPECT_NE(listed.Header("x-amzn-RequestId"), "");
}

TEST(Engine, UnknownServiceIsAClearError) {
  Engine engine = MakeEngine();
  auto response = engine.Handle(HttpRequest::Make(
      "POST", "/", {{"Authorization", "AWS4-HMAC-SHA256 Credential=k/20260101/us-east-1/dynamodb/aws4_request, "
                                      "SignedHeaders=host, Signature=00"}}));
  EXPECT_EQ(response.status, 400);
  EXPECT_NE(response.body.find("dynamodb"), std::string::npos);
}

TEST(Engine, ResetEmptiesState) {
  Engine engine = MakeEngine();
  engine.Handle(IamQuery("Action=CreateUser&Version=2010-05-08&UserName=bob"));
  auto reset = engine.Handle(HttpRequest::Make("POST", "/_trailbox/reset"));
  EXPECT_EQ(reset.status, 200);
  auto listed = engine.Handle(IamQuery("Action=ListUsers&Version=2010-05-08"));
  EXPECT_EQ(listed.body.find("bob"), std::string::npos);
}

TEST(Engine, InvokesInProcessThroughTheSamePath) {
  Engine engine = MakeEngine();
  engine.Invoke({"logs", "CreateLogGroup", {{"logGroupName", "trail"}}});
  Json groups = engine.Invoke({"logs", "DescribeLogGroups", Json::object()});
  ASSERT_EQ(groups["logGroups"].size(), 1u);
  EXPECT_EQ(groups["logGroups"][0]["logGroupName"], "trail");
  try {
    engine.Invoke({"logs", "CreateLogGroup", {{"logGroupName", "trail"}}});
    FAIL() << "a second CreateLogGroup must fail";
  } catch (const AwsError& error) {
    EXPECT_EQ(error.code(), "ResourceAlreadyExistsException");
  }
  try {
    engine.Invoke({"logs", "CreateLogGroup", Json::object()});  // the model's validation runs too
    FAIL() << "a missing required member must fail";
  } catch (const AwsError& error) {
    EXPECT_EQ(error.code(), "InvalidParameterException");
  }
  // Every call, failed ones included, is a CloudTrail record.
  Json events = engine.Invoke({"cloudtrail", "LookupEvents",
                               {{"LookupAttributes", {{{"AttributeKey", "EventName"},
                                                       {"AttributeValue", "CreateLogGroup"}}}}}});
  EXPECT_EQ(events["Events"].size(), 3u);
}

}  // namespace
}  // namespace trailbox::http
