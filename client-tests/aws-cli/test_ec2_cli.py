"""EC2 and the event history through the AWS CLI v1 and v2: run, describe, stop, start and terminate instances on
the virtual clock, create and delete a security group, then find each call with `aws cloudtrail lookup-events`
(by event name, by user name, by time range, page by page), describe calls recorded as read-only; EC2's and
LookupEvents' errors as the CLI prints them."""
import datetime
import json
import unittest

import support

IMAGE = "ami-0c101f26f147fa7fd"


class Ec2CliTest(support.CliTestCase):
    def advance(self, duration):
        status, body = support.admin("POST", "clock", {"advance": duration})
        self.assertEqual(status, 200, body)

    def state(self, aws, instance_id):
        return support.run_cli(aws, "ec2", "describe-instances", "--instance-ids", instance_id, "--query",
                               "Reservations[0].Instances[0].State.Name")

    def test_instances_security_groups_and_their_events(self):
        def check(aws):
            iam_user = support.run_cli(aws, "iam", "create-user", "--user-name", "operator")["User"]["UserName"]
            key = support.run_cli(aws, "iam", "create-access-key", "--user-name", iam_user)["AccessKey"]
            as_operator = {"AWS_ACCESS_KEY_ID": key["AccessKeyId"], "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"]}

            def ec2(*args):
                return support.run_cli(aws, "ec2", *args, env_extra=as_operator)

            group_id = ec2("create-security-group", "--group-name", "web", "--description", "web tier")["GroupId"]
            ec2("authorize-security-group-ingress", "--group-id", group_id, "--protocol", "tcp", "--port", "22",
                "--cidr", "0.0.0.0/0")
            reservation = ec2("run-instances", "--image-id", IMAGE, "--instance-type", "t2.micro", "--count", "1",
                              "--security-group-ids", group_id, "--tag-specifications",
                              "ResourceType=instance,Tags=[{Key=Name,Value=demo}]")
            instance_id = reservation["Instances"][0]["InstanceId"]
            self.assertEqual(self.state(aws, instance_id), "pending")
            self.advance("15s")
            self.assertEqual(self.state(aws, instance_id), "running")
            ec2("describe-instances", "--filters", "Name=tag:Name,Values=demo")
            self.assertEqual(ec2("stop-instances", "--instance-ids", instance_id)["StoppingInstances"][0]
                             ["CurrentState"]["Name"], "stopping")
            self.advance("15s")
            self.assertEqual(self.state(aws, instance_id), "stopped")
            ec2("start-instances", "--instance-ids", instance_id)
            self.advance("15s")
            ec2("terminate-instances", "--instance-ids", instance_id)
            self.advance("15s")
            self.assertEqual(self.state(aws, instance_id), "terminated")
            ec2("delete-security-group", "--group-id", group_id)

            for name in ("CreateSecurityGroup", "RunInstances", "StopInstances", "StartInstances",
                         "TerminateInstances", "DeleteSecurityGroup", "DescribeInstances"):
                events = support.run_cli(aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                                         f"AttributeKey=EventName,AttributeValue={name}")["Events"]
                self.assertGreaterEqual(len(events), 1, name)
                record = json.loads(events[0]["CloudTrailEvent"])
                self.assertEqual(record["eventName"], name)
                self.assertEqual(record["readOnly"], name.startswith("Describe"))
                if name.startswith("Describe"):
                    self.assertIsNone(record["responseElements"])

            by_user = support.run_cli(aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                                      "AttributeKey=Username,AttributeValue=operator")["Events"]
            self.assertEqual(by_user[0]["EventName"], "DeleteSecurityGroup")
            self.assertEqual(by_user[-1]["EventName"], "CreateSecurityGroup")
            self.assertEqual({e["Username"] for e in by_user}, {"operator"})
            run = json.loads(next(e for e in by_user if e["EventName"] == "RunInstances")["CloudTrailEvent"])
            self.assertEqual(run["userIdentity"]["userName"], "operator")
            self.assertEqual(run["requestParameters"]["instancesSet"]["items"][0]["imageId"], IMAGE)

            _, clock = support.admin("GET", "clock")
            now = datetime.datetime.fromtimestamp(clock["epoch_millis"] / 1000, datetime.timezone.utc)
            recent = support.run_cli(aws, "cloudtrail", "lookup-events", "--start-time",
                                     (now - datetime.timedelta(seconds=20)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                                     "--end-time", now.strftime("%Y-%m-%dT%H:%M:%SZ"))["Events"]
            self.assertIn("DeleteSecurityGroup", [e["EventName"] for e in recent])
            self.assertNotIn("RunInstances", [e["EventName"] for e in recent])

            everything = [e["EventId"] for e in support.run_cli(
                aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                "AttributeKey=EventSource,AttributeValue=ec2.amazonaws.com")["Events"]]
            page = support.run_cli(aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                                   "AttributeKey=EventSource,AttributeValue=ec2.amazonaws.com", "--max-items", "4")
            paged = [e["EventId"] for e in page["Events"]]
            while "NextToken" in page:
                page = support.run_cli(aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                                       "AttributeKey=EventSource,AttributeValue=ec2.amazonaws.com", "--max-items",
                                       "4", "--starting-token", page["NextToken"])
                paged += [e["EventId"] for e in page["Events"]]
            self.assertEqual(paged, everything)
            self.assertGreater(len(everything), 8)
        self.for_each_cli(check)

    def test_errors(self):
        def check(aws):
            self.assert_cli_error(aws, "InvalidInstanceID.NotFound", "ec2", "terminate-instances", "--instance-ids",
                                  "i-0123456789abcdef0")
            self.assert_cli_error(aws, "The instance ID 'i-0123456789abcdef0' does not exist", "ec2",
                                  "stop-instances", "--instance-ids", "i-0123456789abcdef0")
            self.assert_cli_error(aws, "InvalidGroup.NotFound", "ec2", "delete-security-group", "--group-id",
                                  "sg-0123456789abcdef0")
            self.assert_cli_error(aws, "MissingParameter", "ec2", "delete-security-group")
            self.assert_cli_error(aws, "InvalidLookupAttributesException", "cloudtrail", "lookup-events",
                                  "--lookup-attributes", "AttributeKey=EventName,AttributeValue=A",
                                  "AttributeKey=Username,AttributeValue=B")
            self.assert_cli_error(aws, "InvalidTimeRangeException", "cloudtrail", "lookup-events", "--start-time",
                                  "2026-01-02T00:00:00Z", "--end-time", "2026-01-01T00:00:00Z")
            self.assert_cli_error(aws, "Member must have value less than or equal to 50", "cloudtrail",
                                  "lookup-events", "--max-results", "51")
            failed = support.run_cli(aws, "cloudtrail", "lookup-events", "--lookup-attributes",
                                     "AttributeKey=EventName,AttributeValue=TerminateInstances")["Events"]
            self.assertEqual(json.loads(failed[0]["CloudTrailEvent"])["errorCode"],
                             "Client.InvalidInstanceID.NotFound")
        self.for_each_cli(check)


if __name__ == "__main__":
    unittest.main()
