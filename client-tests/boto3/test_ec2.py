"""EC2 through boto3: run, describe, stop, start and terminate instances on the virtual clock; security groups and
their rules; tags; the default VPC catalogue; EC2's errors by code and message; and every call found again in the
CloudTrail event history."""
import json
import unittest


import support

IMAGE = "ami-0c101f26f147fa7fd"


class Ec2Test(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.ec2 = support.boto3_client("ec2")

    def advance(self, duration):
        status, body = support.admin("POST", "clock", {"advance": duration})
        self.assertEqual(status, 200, body)

    def state(self, instance_id):
        reservations = self.ec2.describe_instances(InstanceIds=[instance_id])["Reservations"]
        return reservations[0]["Instances"][0]["State"]["Name"]

    def test_instance_lifecycle(self):
        reservation = self.ec2.run_instances(
            ImageId=IMAGE, InstanceType="t2.micro", MinCount=1, MaxCount=2,
            TagSpecifications=[{"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "demo"}]}])
        self.assertTrue(reservation["ReservationId"].startswith("r-"))
        ids = [i["InstanceId"] for i in reservation["Instances"]]
        self.assertEqual(len(ids), 2)
        self.assertEqual(reservation["Instances"][0]["State"], {"Code": 0, "Name": "pending"})
        self.assertEqual(reservation["Instances"][0]["Tags"], [{"Key": "Name", "Value": "demo"}])
        self.assertEqual(self.state(ids[0]), "pending")
        self.advance("15s")
        self.assertEqual(self.state(ids[0]), "running")
        running = self.ec2.describe_instances(
            Filters=[{"Name": "instance-state-name", "Values": ["running"]},
                     {"Name": "tag:Name", "Values": ["demo"]}])["Reservations"]
        self.assertEqual(sorted(i["InstanceId"] for r in running for i in r["Instances"]), sorted(ids))
        statuses = self.ec2.describe_instance_status(InstanceIds=ids)["InstanceStatuses"]
        self.assertEqual({s["InstanceStatus"]["Status"] for s in statuses}, {"ok"})

        stopping = self.ec2.stop_instances(InstanceIds=[ids[0]])["StoppingInstances"][0]
        self.assertEqual(stopping["CurrentState"]["Name"], "stopping")
        self.assertEqual(stopping["PreviousState"]["Name"], "running")
        self.advance("15s")
        self.assertEqual(self.state(ids[0]), "stopped")
        self.assertEqual(self.ec2.start_instances(InstanceIds=[ids[0]])["StartingInstances"][0]["CurrentState"],
                         {"Code": 0, "Name": "pending"})
        self.advance("15s")
        self.assertEqual(self.state(ids[0]), "running")
        terminating = self.ec2.terminate_instances(InstanceIds=ids)["TerminatingInstances"]
        self.assertEqual({t["CurrentState"]["Name"] for t in terminating}, {"shutting-down"})
        self.advance("15s")
        self.assertEqual(self.state(ids[0]), "terminated")
        self.advance("61m")
        self.assertEqual(self.ec2.describe_instances()["Reservations"], [])

    def test_instance_errors(self):
        self.assert_error("InvalidInstanceID.NotFound", "The instance ID 'i-0123456789abcdef0' does not exist",
                          self.ec2.terminate_instances, InstanceIds=["i-0123456789abcdef0"])
        self.assert_error("InvalidInstanceID.Malformed", 'Invalid id: "i-xyz"',
                          self.ec2.stop_instances, InstanceIds=["i-xyz"])
        self.assert_error("InvalidAMIID.NotFound", "The image id '[ami-12345678]' does not exist",
                          self.ec2.run_instances, ImageId="ami-12345678", MinCount=1, MaxCount=1)
        self.assert_error("InvalidParameterValue", None, self.ec2.run_instances,
                          ImageId=IMAGE, MinCount=1, MaxCount=1, InstanceType="t2.nope")
        self.assert_error("InvalidGroup.NotFound", "The security group 'sg-0123456789abcdef0' does not exist",
                          self.ec2.run_instances, ImageId=IMAGE, MinCount=1, MaxCount=1,
                          SecurityGroupIds=["sg-0123456789abcdef0"])
        self.assert_error("DryRunOperation", "Request would have succeeded, but DryRun flag is set.",
                          self.ec2.run_instances, ImageId=IMAGE, MinCount=1, MaxCount=1, DryRun=True)
        self.assert_error("InvalidParameterValue", "The filter 'colour' is invalid",
                          self.ec2.describe_instances, Filters=[{"Name": "colour", "Values": ["red"]}])
        self.assertEqual(self.ec2.describe_instances()["Reservations"], [])

    def test_security_groups(self):
        vpc_id = self.ec2.describe_vpcs()["Vpcs"][0]["VpcId"]
        group_id = self.ec2.create_security_group(GroupName="web", Description="web tier", VpcId=vpc_id)["GroupId"]
        self.assert_error("InvalidGroup.Duplicate", f"The security group 'web' already exists for VPC '{vpc_id}'",
                          self.ec2.create_security_group, GroupName="web", Description="again")
        ssh = {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}
        rules = self.ec2.authorize_security_group_ingress(GroupId=group_id, IpPermissions=[ssh])
        self.assertTrue(rules["SecurityGroupRules"][0]["SecurityGroupRuleId"].startswith("sgr-"))
        self.assert_error(
            "InvalidPermission.Duplicate",
            'the specified rule "peer: 0.0.0.0/0, TCP, from port: 22, to port: 22, ALLOW" already exists',
            self.ec2.authorize_security_group_ingress, GroupId=group_id, IpPermissions=[ssh])
        self.ec2.authorize_security_group_egress(
            GroupId=group_id, IpPermissions=[{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                                              "IpRanges": [{"CidrIp": "10.0.0.0/8"}]}])
        group = self.ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]
        self.assertEqual(group["GroupName"], "web")
        self.assertEqual(group["IpPermissions"][0]["IpRanges"], [{"CidrIp": "0.0.0.0/0"}])
        self.assertEqual(len(group["IpPermissionsEgress"]), 2)
        self.ec2.revoke_security_group_ingress(GroupId=group_id, IpPermissions=[ssh])
        self.assertEqual(self.ec2.describe_security_groups(GroupIds=[group_id])["SecurityGroups"][0]["IpPermissions"],
                         [])

        instance = self.ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1,
                                          SecurityGroupIds=[group_id])["Instances"][0]["InstanceId"]
        self.assert_error("DependencyViolation", f"resource {group_id} has a dependent object",
                          self.ec2.delete_security_group, GroupId=group_id)
        self.ec2.terminate_instances(InstanceIds=[instance])
        self.advance("15s")
        self.ec2.delete_security_group(GroupId=group_id)
        self.assert_error("InvalidGroup.NotFound", f"The security group '{group_id}' does not exist",
                          self.ec2.delete_security_group, GroupId=group_id)

    def test_tags_and_catalogue(self):
        instance = self.ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
        self.ec2.create_tags(Resources=[instance], Tags=[{"Key": "team", "Value": "blue"}])
        tags = self.ec2.describe_tags(Filters=[{"Name": "resource-id", "Values": [instance]}])["Tags"]
        self.assertEqual(tags, [{"Key": "team", "ResourceId": instance, "ResourceType": "instance", "Value": "blue"}])
        self.ec2.delete_tags(Resources=[instance], Tags=[{"Key": "team"}])
        self.assertEqual(self.ec2.describe_tags()["Tags"], [])
        subnets = self.ec2.describe_subnets(Filters=[{"Name": "default-for-az", "Values": ["true"]}])["Subnets"]
        self.assertEqual([s["AvailabilityZone"] for s in subnets], ["us-east-1a", "us-east-1b", "us-east-1c"])
        zones = self.ec2.describe_availability_zones()["AvailabilityZones"]
        self.assertEqual(zones[0]["ZoneId"], "use1-az1")
        self.assertIn("us-west-2", [r["RegionName"] for r in self.ec2.describe_regions()["Regions"]])
        images = self.ec2.describe_images(Owners=["amazon"],
                                          Filters=[{"Name": "architecture", "Values": ["x86_64"]}])["Images"]
        self.assertEqual([i["ImageId"] for i in images], [IMAGE])

    def test_calls_are_in_the_event_history(self):
        reservation = self.ec2.run_instances(ImageId=IMAGE, MinCount=1, MaxCount=1)
        instance = reservation["Instances"][0]["InstanceId"]
        self.ec2.describe_instances()
        self.ec2.create_security_group(GroupName="audit", Description="audit")
        self.ec2.terminate_instances(InstanceIds=[instance])
        cloudtrail = support.boto3_client("cloudtrail")
        for name in ("RunInstances", "DescribeInstances", "CreateSecurityGroup", "TerminateInstances"):
            events = cloudtrail.lookup_events(
                LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": name}])["Events"]
            self.assertEqual(len(events), 1, name)
            record = json.loads(events[0]["CloudTrailEvent"])
            self.assertEqual(record["eventSource"], "ec2.amazonaws.com")
            self.assertEqual(events[0]["ReadOnly"], "true" if name.startswith("Describe") else "false")
            self.assertEqual(record["readOnly"], name.startswith("Describe"))
        by_instance = cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": "ResourceName", "AttributeValue": instance}])["Events"]
        self.assertEqual([e["EventName"] for e in by_instance], ["TerminateInstances", "RunInstances"])
        run = json.loads(by_instance[1]["CloudTrailEvent"])
        self.assertEqual(run["responseElements"]["instancesSet"]["items"][0]["instanceId"], instance)
        self.assertEqual(run["responseElements"]["requestId"], run["requestID"])


if __name__ == "__main__":
    unittest.main()
