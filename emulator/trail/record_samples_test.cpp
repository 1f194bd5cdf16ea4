// The records trailbox writes, compared with AWS's sample records (fixtures/cloudtrail/samples/): the same field
// set, types and nesting; values such as ids and times differ. Calls go through the engine as a client's would.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>

#include "http/engine.hpp"
#include "trail/event_history.hpp"

namespace trailbox::trail {
namespace {

using protocol::HttpRequest;

constexpr const char* kCliAgent =
    "aws-cli/2.15.40 Python/3.11.8 Linux/6.5.0 exe/x86_64.ubuntu.22 prompt/off command/ec2.run-instances";

Json Sample(const std::string& name) {
  std::ifstream file(std::string(TRAILBOX_FIXTURES_DIR) + "/cloudtrail/samples/" + name);
  return Json::parse(file);
}

// The structure of a value: objects keep their keys (sorted), arrays their first item, scalars their JSON type.
nlohmann::json Skeleton(const Json& value) {
  if (value.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (const auto& [key, item] : value.items()) out[key] = Skeleton(item);
    return out;
  }
  if (value.is_array()) return value.empty() ? nlohmann::json::array() : nlohmann::json::array({Skeleton(value[0])});
  if (value.is_number()) return "number";
  return value.type_name();
}

std::vector<std::string> Keys(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : object.items()) keys.push_back(key);
  return keys;
}

// `object` without `keys`.
Json Without(Json object, const std::set<std::string>& keys) {
  for (const std::string& key : keys) object.erase(key);
  return object;
}

class RecordSamples : public ::testing::Test {
 protected:
  RecordSamples() : engine_(Options()) {}

  static http::EngineOptions Options() {
    http::EngineOptions options;
    options.ephemeral = true;
    options.clock_mode = ClockMode::kVirtual;
    return options;
  }

  /// Sends a query/ec2 request signed with `key` to `service`; returns the response body.
  std::string Send(const std::string& service, const std::string& body, const std::string& key = "111122223333") {
    std::string auth = "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/us-east-1/" + service +
                       "/aws4_request, SignedHeaders=host, Signature=00";
    return engine_
        .Handle(HttpRequest::Make("POST", "/",
                                  {{"Content-Type", "application/x-www-form-urlencoded"},
                                   {"Authorization", auth},
                                   {"User-Agent", kCliAgent}},
                                  body))
        .body;
  }

  static std::string Element(const std::string& xml, const std::string& name) {
    std::smatch match;
    std::regex pattern("<" + name + ">([^<]*)</" + name + ">");
    return std::regex_search(xml, match, pattern) ? match[1].str() : "";
  }

  /// An IAM user of 111122223333 with an access key; returns the key id.
  std::string UserKey(const std::string& user) {
    Send("iam", "Action=CreateUser&Version=2010-05-08&UserName=" + user);
    return Element(Send("iam", "Action=CreateAccessKey&Version=2010-05-08&UserName=" + user), "AccessKeyId");
  }

  /// The record of the latest call.
  Json LatestRecord() {
    auto statement = engine_.db().Prepare("SELECT record FROM trail_event_history ORDER BY seq DESC LIMIT 1");
    EXPECT_TRUE(statement.Step());
    return Json::parse(statement.Text(0));
  }

  /// Same keys in the same order at the top level and in userIdentity; same skeleton everywhere.
  static void ExpectSameShape(const Json& record, const Json& sample) {
    EXPECT_EQ(Keys(record), Keys(sample));
    EXPECT_EQ(Keys(record["userIdentity"]), Keys(sample["userIdentity"]));
    EXPECT_EQ(Skeleton(record), Skeleton(sample)) << record.dump(2);
  }

  http::Engine engine_;
};

TEST_F(RecordSamples, RunInstancesMatchesTheSample) {
  std::string key = UserKey("Mateo");
  Send("ec2",
       "Action=RunInstances&Version=2016-11-15&ImageId=ami-0c101f26f147fa7fd&InstanceType=t2.micro&MinCount=1&"
       "MaxCount=1&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&"
       "TagSpecification.1.Tag.1.Value=demo",
       key);
  Json record = LatestRecord();
  ExpectSameShape(record, Sample("run-instances.json"));
  EXPECT_EQ(Keys(record["requestParameters"]), Keys(Sample("run-instances.json")["requestParameters"]));
  EXPECT_EQ(record["responseElements"]["requestId"], record["requestID"]);
  EXPECT_EQ(record["userIdentity"]["userName"], "Mateo");
  EXPECT_EQ(record["userIdentity"]["accessKeyId"], key);
  EXPECT_EQ(record["requestParameters"]["instancesSet"]["items"][0]["imageId"], "ami-0c101f26f147fa7fd");
  EXPECT_EQ(record["responseElements"]["instancesSet"]["items"][0]["currentState"], Json({{"code", 0}, {"name", "pending"}}));
}

TEST_F(RecordSamples, CreateSecurityGroupMatchesTheSample) {
  std::string key = UserKey("Mateo");
  std::string vpc = Element(Send("ec2", "Action=DescribeVpcs&Version=2016-11-15", key), "vpcId");
  Send("ec2", "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web-sg&GroupDescription=web+tier&VpcId=" + vpc,
       key);
  Json record = LatestRecord();
  ExpectSameShape(record, Sample("create-security-group.json"));
  EXPECT_EQ(nlohmann::json::parse(record["requestParameters"].dump()),
            nlohmann::json({{"groupName", "web-sg"}, {"groupDescription", "web tier"}, {"vpcId", vpc}}));
  EXPECT_EQ(record["responseElements"]["_return"], true);
}

TEST_F(RecordSamples, TerminateInstancesMatchesTheDocumentedExample) {
  std::string run = Send("ec2", "Action=RunInstances&Version=2016-11-15&ImageId=ami-0c101f26f147fa7fd&MinCount=1&MaxCount=1");
  std::string instance_id = Element(run, "instanceId");
  Send("ec2", "Action=TerminateInstances&Version=2016-11-15&InstanceId.1=" + instance_id);
  Json record = LatestRecord();
  Json sample = Sample("terminate-instances.json");
  // The documented example (eventVersion 1.03) predates readOnly, managementEvent, eventCategory and tlsDetails;
  // its root user has an account alias (userName); current logs put requestId first in responseElements.
  EXPECT_EQ(Skeleton(Without(record, {"readOnly", "managementEvent", "eventCategory", "tlsDetails", "userIdentity",
                                      "responseElements"})),
            Skeleton(Without(sample, {"userIdentity", "responseElements"})));
  EXPECT_EQ(Skeleton(record["userIdentity"]), Skeleton(Without(sample["userIdentity"], {"userName"})));
  EXPECT_EQ(Skeleton(Without(record["responseElements"], {"requestId"})), Skeleton(sample["responseElements"]));
  EXPECT_EQ(record["requestParameters"], Json::parse(R"({"instancesSet":{"items":[{"instanceId":")" + instance_id + R"("}]}})"));
  EXPECT_EQ(record["responseElements"]["instancesSet"]["items"][0]["currentState"]["name"], "shutting-down");
}

TEST_F(RecordSamples, StartInstancesMatchesTheDocumentedExample) {
  std::string instance_id =
      Element(Send("ec2", "Action=RunInstances&Version=2016-11-15&ImageId=ami-0c101f26f147fa7fd&MinCount=1&MaxCount=1"),
              "instanceId");
  Send("ec2", "Action=StopInstances&Version=2016-11-15&InstanceId.1=" + instance_id);
  engine_.scheduler().AdvanceTo(engine_.clock().now() + std::chrono::seconds(60));
  Send("ec2", "Action=StartInstances&Version=2016-11-15&InstanceId.1=" + instance_id);
  Json record = LatestRecord();
  Json sample = Sample("start-instances.json");
  EXPECT_EQ(Skeleton(record["requestParameters"]), Skeleton(sample["requestParameters"]));
  EXPECT_EQ(Skeleton(Without(record["responseElements"], {"requestId"})), Skeleton(sample["responseElements"]));
  EXPECT_EQ(record["responseElements"]["instancesSet"]["items"][0]["previousState"], Json({{"code", 80}, {"name", "stopped"}}));
}

TEST_F(RecordSamples, AccessDeniedMatchesTheSample) {
  std::string key = UserKey("bob");
  Send("sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/none&RoleSessionName=session",
       key);
  Json record = LatestRecord();
  ExpectSameShape(record, Sample("error-access-denied-iam.json"));
  EXPECT_EQ(record["errorCode"], "AccessDenied");
  EXPECT_EQ(record["requestParameters"], nullptr);
  EXPECT_EQ(record["awsRegion"], "us-east-1");
}

TEST_F(RecordSamples, Ec2ErrorsCarryTheFaultPrefix) {
  Send("ec2", "Action=TerminateInstances&Version=2016-11-15&InstanceId.1=i-0123456789abcdef0", UserKey("Alice"));
  Json record = LatestRecord();
  Json sample = Sample("error-trail-not-found.json");
  EXPECT_EQ(Skeleton(Without(record, {"readOnly", "managementEvent", "eventCategory", "tlsDetails", "requestParameters"})),
            Skeleton(Without(sample, {"requestParameters"})));
  EXPECT_EQ(record["errorCode"], "Client.InvalidInstanceID.NotFound");
  EXPECT_EQ(record["errorMessage"], "The instance ID 'i-0123456789abcdef0' does not exist");
  EXPECT_EQ(record["responseElements"], nullptr);
}

TEST_F(RecordSamples, IamCreateUserMatchesTheDocumentedExample) {
  std::string key = UserKey("Alice");
  Send("iam", "Action=CreateUser&Version=2010-05-08&UserName=Bob", key);
  Json record = LatestRecord();
  Json sample = Sample("iam-create-user.json");
  // The documented example (eventVersion 1.0) predates the fields after responseElements.
  EXPECT_EQ(Skeleton(Without(record, {"requestID", "eventID", "readOnly", "eventType", "managementEvent",
                                      "recipientAccountId", "eventCategory", "tlsDetails"})),
            Skeleton(sample));
  EXPECT_EQ(record["awsRegion"], "us-east-1");
  EXPECT_TRUE(std::regex_match(record["responseElements"]["user"]["createDate"].get<std::string>(),
                               std::regex(R"([A-Z][a-z]{2} \d{1,2}, \d{4} \d{1,2}:\d{2}:\d{2} [AP]M)")));
}

TEST_F(RecordSamples, AssumedRoleCallsCarryTheSessionContext) {
  std::string key = UserKey("alice");
  std::string trust = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
                      "%22Principal%22%3A%7B%22AWS%22%3A%22111122223333%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22"
                      "%7D%5D%7D";
  Send("iam", "Action=CreateRole&Version=2010-05-08&RoleName=JohnRole1&AssumeRolePolicyDocument=" + trust);
  std::string assumed = Send(
      "sts", "Action=AssumeRole&Version=2011-06-15&RoleArn=arn:aws:iam::111122223333:role/JohnRole1&"
             "RoleSessionName=JohnRole1&SourceIdentity=JohnDoe",
      key);
  Json assume_record = LatestRecord();
  Json chaining = Sample("sts-assume-role-chaining.json");
  EXPECT_EQ(Skeleton(assume_record["responseElements"]), Skeleton(chaining["responseElements"]));
  EXPECT_FALSE(assume_record["responseElements"]["credentials"].contains("secretAccessKey"));
  EXPECT_EQ(Skeleton(assume_record["resources"]), Skeleton(chaining["resources"]));
  EXPECT_EQ(assume_record["readOnly"], true);

  Send("ec2", "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web-sg&GroupDescription=web",
       Element(assumed, "AccessKeyId"));
  Json record = LatestRecord();
  Json sample = Sample("assumed-role-s3-delete-bucket.json");
  EXPECT_EQ(Keys(record["userIdentity"]), Keys(sample["userIdentity"]));
  EXPECT_EQ(Keys(record["userIdentity"]["sessionContext"]), Keys(sample["userIdentity"]["sessionContext"]));
  EXPECT_EQ(Skeleton(record["userIdentity"]), Skeleton(sample["userIdentity"]));
  EXPECT_EQ(record["userIdentity"]["sessionContext"]["sessionIssuer"]["userName"], "JohnRole1");
  EXPECT_EQ(record["userIdentity"]["arn"], "arn:aws:sts::111122223333:assumed-role/JohnRole1/JohnRole1");
}

TEST_F(RecordSamples, ReadsAreReadOnlyWithoutResponseElements) {
  Send("ec2", "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=instance-state-name&Filter.1.Value.1=running");
  Json record = LatestRecord();
  EXPECT_EQ(record["readOnly"], true);
  EXPECT_EQ(record["responseElements"], nullptr);
  EXPECT_EQ(record["requestParameters"],
            Json::parse(R"({"filterSet":{"items":[{"name":"instance-state-name","valueSet":{"items":[{"value":"running"}]}}]}})"));
}

TEST_F(RecordSamples, SecretsAreNeverRecorded) {
  UserKey("carol");
  Json record = LatestRecord();
  EXPECT_EQ(record["eventName"], "CreateAccessKey");
  EXPECT_TRUE(record["responseElements"]["accessKey"].contains("accessKeyId"));
  EXPECT_FALSE(record["responseElements"]["accessKey"].contains("secretAccessKey"));
}

TEST_F(RecordSamples, ValidationAndNotImplementedErrorsAreRecorded) {
  Send("ec2", "Action=TerminateInstances&Version=2016-11-15");
  Json record = LatestRecord();
  EXPECT_EQ(record["errorCode"], "Client.MissingParameter");
  Send("ec2", "Action=CreateVpc&Version=2016-11-15&CidrBlock=10.0.0.0/16");
  record = LatestRecord();
  EXPECT_EQ(record["eventName"], "CreateVpc");
  EXPECT_EQ(record["errorCode"], "Server.NotImplemented");
  Send("ec2", "Action=NoSuchAction&Version=2016-11-15");
  EXPECT_EQ(LatestRecord()["eventName"], "CreateVpc");
}

TEST_F(RecordSamples, ErrorRecordsSurviveTheRollback) {
  Send("ec2", "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web&GroupDescription=a");
  Send("ec2", "Action=CreateSecurityGroup&Version=2016-11-15&GroupName=web&GroupDescription=a");
  Json record = LatestRecord();
  EXPECT_EQ(record["errorCode"], "Client.InvalidGroup.Duplicate");
  auto count = engine_.db().Prepare("SELECT COUNT(*) FROM ec2_security_groups WHERE group_name = 'web'");
  count.Step();
  EXPECT_EQ(count.Int(0), 1);
}

TEST(RecordText, EscapesHtmlSensitiveCharactersAsCloudTrailDoes) {
  EXPECT_EQ(SerializeRecord(Json{{"keyMaterial", "<sensitiveDataRemoved>"}, {"q", "a&b='c'"}}),
            R"({"keyMaterial":"\u003csensitiveDataRemoved\u003e","q":"a\u0026b\u003d\u0027c\u0027"})");
}

}  // namespace
}  // namespace trailbox::trail
