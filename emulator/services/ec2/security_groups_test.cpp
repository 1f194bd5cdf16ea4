// Security groups, tags and the default VPC catalogue.
#include <gtest/gtest.h>

#include "services/common/handler_harness.hpp"
#include "services/ec2/ec2_service.hpp"

namespace trailbox::ec2 {
namespace {

class Ec2SecurityGroups : public ::testing::Test {
 protected:
  Ec2SecurityGroups() { harness_.Register(AddEc2Operations); }
  common::HandlerHarness harness_;
};

TEST_F(Ec2SecurityGroups, CreateAuthorizeDescribeRevokeDelete) {
  std::string vpc = harness_.Run("DescribeVpcs")["Vpcs"][0]["VpcId"];
  std::string id = harness_.Run("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "web tier"}})["GroupId"];
  EXPECT_TRUE(id.starts_with("sg-"));
  AwsError duplicate = harness_.Fail("CreateSecurityGroup", {{"GroupName", "web"}, {"Description", "again"}});
  EXPECT_EQ(duplicate.code(), "InvalidGroup.Duplicate");
  EXPECT_EQ(duplicate.message(), "The security group 'web' already exists for VPC '" + vpc + "'");

  Json permission = {{"IpProtocol", "tcp"}, {"FromPort", 22}, {"ToPort", 22}, {"IpRanges", {{{"CidrIp", "0.0.0.0/0"}}}}};
  Json added = harness_.Run("AuthorizeSecurityGroupIngress", {{"GroupId", id}, {"IpPermissions", {permission}}});
  EXPECT_EQ(added["Return"], true);
  EXPECT_EQ(added["SecurityGroupRules"][0]["CidrIpv4"], "0.0.0.0/0");
  AwsError again = harness_.Fail("AuthorizeSecurityGroupIngress", {{"GroupId", id}, {"IpPermissions", {permission}}});
  EXPECT_EQ(again.code(), "InvalidPermission.Duplicate");
  EXPECT_EQ(again.message(), "the specified rule \"peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW\" already exists");

  Json group = harness_.Run("DescribeSecurityGroups", {{"GroupIds", {id}}})["SecurityGroups"][0];
  EXPECT_EQ(group["IpPermissions"][0]["IpRanges"], Json::parse(R"([{"CidrIp":"0.0.0.0/0"}])"));
  EXPECT_EQ(group["IpPermissionsEgress"][0]["IpProtocol"], "-1");
  Json by_name = harness_.Run("DescribeSecurityGroups", {{"Filters", {{{"Name", "group-name"}, {"Values", {"web"}}}}}});
  EXPECT_EQ(by_name["SecurityGroups"].size(), 1u);

  harness_.Run("RevokeSecurityGroupIngress", {{"GroupId", id}, {"IpPermissions", {permission}}});
  EXPECT_EQ(harness_.Fail("RevokeSecurityGroupIngress", {{"GroupId", id}, {"IpPermissions", {permission}}}).code(),
            "InvalidPermission.NotFound");

  std::string instance = harness_.Run("RunInstances", {{"ImageId", "ami-0c101f26f147fa7fd"}, {"MinCount", 1},
                                                       {"MaxCount", 1}, {"SecurityGroupIds", {id}}})["Instances"][0]["InstanceId"];
  AwsError in_use = harness_.Fail("DeleteSecurityGroup", {{"GroupId", id}});
  EXPECT_EQ(in_use.code(), "DependencyViolation");
  EXPECT_EQ(in_use.message(), "resource " + id + " has a dependent object");
  harness_.Run("TerminateInstances", {{"InstanceIds", {instance}}});
  harness_.scheduler().AdvanceTo(harness_.scheduler().now() + std::chrono::seconds(10));
  harness_.Run("DeleteSecurityGroup", {{"GroupId", id}});
  EXPECT_EQ(harness_.Fail("DeleteSecurityGroup", {{"GroupId", id}}).code(), "InvalidGroup.NotFound");
  EXPECT_EQ(harness_.Fail("DeleteSecurityGroup", {{"GroupName", "default"}}).code(), "CannotDelete");
}

TEST_F(Ec2SecurityGroups, TagsOnGroupsAndTheCatalogue) {
  std::string id = harness_.Run("CreateSecurityGroup", {{"GroupName", "db"}, {"Description", "db"}})["GroupId"];
  std::string subnet = harness_.Run("DescribeSubnets")["Subnets"][0]["SubnetId"];
  harness_.Run("CreateTags", {{"Resources", {id, subnet}}, {"Tags", {{{"Key", "env"}, {"Value", "lab"}}}}});
  Json tags = harness_.Run("DescribeTags", {{"Filters", {{{"Name", "key"}, {"Values", {"env"}}}}}})["Tags"];
  EXPECT_EQ(tags.size(), 2u);
  harness_.Run("DeleteTags", {{"Resources", {id}}, {"Tags", {{{"Key", "env"}, {"Value", "other"}}}}});
  EXPECT_EQ(harness_.Run("DescribeTags")["Tags"].size(), 2u);
  harness_.Run("DeleteTags", {{"Resources", {id}}, {"Tags", {{{"Key", "env"}}}}});
  EXPECT_EQ(harness_.Run("DescribeTags")["Tags"].size(), 1u);
  EXPECT_EQ(harness_.Fail("CreateTags", {{"Resources", {"i-0123456789abcdef0"}}, {"Tags", {{{"Key", "a"}, {"Value", "b"}}}}}).code(),
            "InvalidInstanceID.NotFound");
  EXPECT_EQ(harness_.Run("DescribeAvailabilityZones")["AvailabilityZones"][0]["ZoneId"], "use1-az1");
  EXPECT_EQ(harness_.Run("DescribeRegions", {{"RegionNames", {"eu-west-1"}}})["Regions"][0]["Endpoint"],
            "ec2.eu-west-1.amazonaws.com");
  EXPECT_EQ(harness_.Run("DescribeImages", {{"Owners", {"amazon"}}})["Images"].size(), 2u);
  EXPECT_EQ(harness_.Fail("DescribeVpcs", {{"VpcIds", {"vpc-0123456789abcdef0"}}}).message(),
            "The vpc ID 'vpc-0123456789abcdef0' does not exist");
}

}  // namespace
}  // namespace trailbox::ec2
