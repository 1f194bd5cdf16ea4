// EC2 instances: launch, states on the clock, idempotency, filters, pages and EC2's errors.
#include <gtest/gtest.h>

#include "services/common/handler_harness.hpp"
#include "services/ec2/ec2_service.hpp"
#include "services/ec2/ec2_topics.hpp"

namespace trailbox::ec2 {
namespace {

constexpr const char* kImage = "ami-0c101f26f147fa7fd";

class Ec2Instances : public ::testing::Test {
 protected:
  Ec2Instances() { harness_.Register(AddEc2Operations); }

  Json Launch(Json extra = Json::object()) {
    Json input = {{"ImageId", kImage}, {"MinCount", 1}, {"MaxCount", 1}, {"InstanceType", "t2.micro"}};
    for (auto& [key, value] : extra.items()) input[key] = value;
    return harness_.Run("RunInstances", input);
  }

  std::string StateOf(const std::string& id) {
    Json output = harness_.Run("DescribeInstances", {{"InstanceIds", {id}}});
    return output["Reservations"][0]["Instances"][0]["State"]["Name"];
  }

  void Advance(int seconds) { harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::seconds(seconds)); }

  common::HandlerHarness harness_;
};

TEST_F(Ec2Instances, LaunchIsPendingThenRunningOnTheClock) {
  Json tags = Json::parse(R"([{"ResourceType":"instance","Tags":[{"Key":"Name","Value":"demo"}]}])");
  Json reservation = Launch({{"TagSpecifications", tags}});
  EXPECT_TRUE(reservation["ReservationId"].get<std::string>().starts_with("r-"));
  Json instance = reservation["Instances"][0];
  std::string id = instance["InstanceId"];
  EXPECT_EQ(id.size(), 19u);
  EXPECT_EQ(instance["State"], Json({{"Code", 0}, {"Name", "pending"}}));
  EXPECT_EQ(instance["Tags"], Json::parse(R"([{"Key":"Name","Value":"demo"}])"));
  EXPECT_EQ(instance["Placement"]["AvailabilityZone"], "us-east-1a");
  EXPECT_EQ(StateOf(id), "pending");
  Advance(10);
  EXPECT_EQ(StateOf(id), "running");
}

TEST_F(Ec2Instances, StopStartTerminateAndDisappear) {
  std::string id = Launch()["Instances"][0]["InstanceId"];
  Advance(10);
  Json stopping = harness_.Run("StopInstances", {{"InstanceIds", {id}}});
  EXPECT_EQ(stopping["StoppingInstances"][0],
            Json({{"InstanceId", id}, {"CurrentState", {{"Code", 64}, {"Name", "stopping"}}},
                  {"PreviousState", {{"Code", 16}, {"Name", "running"}}}}));
  Advance(10);
  EXPECT_EQ(StateOf(id), "stopped");
  EXPECT_EQ(harness_.Run("StartInstances", {{"InstanceIds", {id}}})["StartingInstances"][0]["CurrentState"]["Name"],
            "pending");
  Advance(10);
  EXPECT_EQ(StateOf(id), "running");
  EXPECT_EQ(harness_.Run("TerminateInstances", {{"InstanceIds", {id}}})["TerminatingInstances"][0]["CurrentState"]["Code"],
            32);
  Advance(10);
  EXPECT_EQ(StateOf(id), "terminated");
  AwsError error = harness_.Fail("StartInstances", {{"InstanceIds", {id}}});
  EXPECT_EQ(error.code(), "IncorrectInstanceState");
  EXPECT_EQ(error.message(), "The instance '" + id + "' is not in a state from which it can be started.");
  Advance(3600);
  EXPECT_EQ(harness_.Fail("DescribeInstances", {{"InstanceIds", {id}}}).code(), "InvalidInstanceID.NotFound");
}

TEST_F(Ec2Instances, OverdueTransitionsApplyWithoutTheirTasks) {
  std::string id = Launch()["Instances"][0]["InstanceId"];
  harness_.scheduler().Clear();
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::seconds(30));
  EXPECT_EQ(StateOf(id), "running");
}

TEST_F(Ec2Instances, ClientTokenMakesLaunchIdempotent) {
  Json first = Launch({{"ClientToken", "abc"}});
  Json second = Launch({{"ClientToken", "abc"}});
  EXPECT_EQ(first["ReservationId"], second["ReservationId"]);
  EXPECT_EQ(harness_.Run("DescribeInstances")["Reservations"].size(), 1u);
}

TEST_F(Ec2Instances, FiltersAndPages) {
  Launch({{"MaxCount", 3}});
  std::string other = Launch({{"InstanceType", "t3.micro"}})["Instances"][0]["InstanceId"];
  Json by_type = harness_.Run("DescribeInstances", {{"Filters", {{{"Name", "instance-type"}, {"Values", {"t3.*"}}}}}});
  ASSERT_EQ(by_type["Reservations"].size(), 1u);
  EXPECT_EQ(by_type["Reservations"][0]["Instances"][0]["InstanceId"], other);
  Json page = harness_.Run("DescribeInstances", {{"MaxResults", 5}});
  EXPECT_FALSE(page.contains("NextToken"));
  EXPECT_EQ(page["Reservations"].size(), 2u);
  AwsError bad_filter = harness_.Fail("DescribeInstances", {{"Filters", {{{"Name", "colour"}, {"Values", {"x"}}}}}});
  EXPECT_EQ(bad_filter.code(), "InvalidParameterValue");
  EXPECT_EQ(bad_filter.message(), "The filter 'colour' is invalid");
  EXPECT_EQ(harness_.Fail("DescribeInstances", {{"MaxResults", 5}, {"InstanceIds", {other}}}).code(),
            "InvalidParameterCombination");
  Json status = harness_.Run("DescribeInstanceStatus", {{"IncludeAllInstances", true}});
  EXPECT_EQ(status["InstanceStatuses"].size(), 4u);
  EXPECT_TRUE(harness_.Run("DescribeInstanceStatus")["InstanceStatuses"].empty());
}

TEST_F(Ec2Instances, LaunchErrors) {
  AwsError image = harness_.Fail("RunInstances", {{"ImageId", "ami-12345678"}, {"MinCount", 1}, {"MaxCount", 1}});
  EXPECT_EQ(image.code(), "InvalidAMIID.NotFound");
  EXPECT_EQ(image.message(), "The image id '[ami-12345678]' does not exist");
  AwsError counts = harness_.Fail("RunInstances", {{"ImageId", kImage}, {"MinCount", 2}, {"MaxCount", 1}});
  EXPECT_EQ(counts.code(), "InvalidParameterValue");
  AwsError group = harness_.Fail("RunInstances", {{"ImageId", kImage}, {"MinCount", 1}, {"MaxCount", 1},
                                                  {"SecurityGroupIds", {"sg-0123456789abcdef0"}}});
  EXPECT_EQ(group.code(), "InvalidGroup.NotFound");
  EXPECT_EQ(group.message(), "The security group 'sg-0123456789abcdef0' does not exist");
  AwsError subnet = harness_.Fail("RunInstances", {{"ImageId", kImage}, {"MinCount", 1}, {"MaxCount", 1},
                                                   {"SubnetId", "subnet-0123456789abcdef0"}});
  EXPECT_EQ(subnet.code(), "InvalidSubnetID.NotFound");
  AwsError missing = harness_.Fail("TerminateInstances", {{"InstanceIds", {"i-0123456789abcdef0", "i-0123456789abcdef1"}}});
  EXPECT_EQ(missing.message(), "The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
  EXPECT_EQ(harness_.Fail("TerminateInstances", {{"InstanceIds", {"i-xyz"}}}).code(), "InvalidInstanceID.Malformed");
  AwsError dry = harness_.Fail("RunInstances", {{"ImageId", kImage}, {"MinCount", 1}, {"MaxCount", 1}, {"DryRun", true}});
  EXPECT_EQ(dry.code(), "DryRunOperation");
  EXPECT_EQ(dry.http_status(), 412);
  EXPECT_TRUE(harness_.Run("DescribeInstances")["Reservations"].empty());
}

}  // namespace
}  // namespace trailbox::ec2
