"""CloudTrail LookupEvents through boto3: every lookup attribute, time ranges, pages (by hand and with botocore's
paginator), the CloudTrailEvent string and Resources, 90-day expiry on the clock, and the documented errors."""
import datetime
import json
import unittest

import botocore.exceptions

import support


class LookupEventsTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.cloudtrail = support.boto3_client("cloudtrail")
        self.iam = support.boto3_client("iam")

    def lookup(self, key, value):
        return self.cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": key, "AttributeValue": value}])["Events"]

    def assert_error(self, code, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            self.cloudtrail.lookup_events(**kwargs)
        self.assertEqual(caught.exception.response["Error"]["Code"], code)
        return caught.exception.response["Error"]["Message"]

    def test_every_attribute(self):
        self.iam.create_user(UserName="alice")
        key = self.iam.create_access_key(UserName="alice")["AccessKey"]
        alice = support.boto3_client("iam", key["AccessKeyId"], key["SecretAccessKey"])
        alice.create_user(UserName="bob")
        alice.list_users()
        created = self.lookup("EventName", "CreateUser")
        self.assertEqual([json.loads(e["CloudTrailEvent"])["requestParameters"]["userName"] for e in created],
                         ["bob", "alice"])
        by_alice = self.lookup("Username", "alice")
        self.assertEqual([e["EventName"] for e in by_alice], ["ListUsers", "CreateUser"])
        self.assertEqual(by_alice[1]["AccessKeyId"], key["AccessKeyId"])
        self.assertEqual(self.lookup("AccessKeyId", key["AccessKeyId"]), by_alice)
        self.assertEqual(self.lookup("EventId", by_alice[0]["EventId"]), [by_alice[0]])
        self.assertEqual({e["EventName"] for e in self.lookup("ReadOnly", "true")}, {"ListUsers", "LookupEvents"})
        self.assertEqual(len(self.lookup("EventSource", "iam.amazonaws.com")), 4)
        bob = self.lookup("ResourceName", "bob")
        self.assertEqual(bob[0]["Resources"], [{"ResourceType": "AWS::IAM::User", "ResourceName": "bob"}])
        self.assertEqual(len(self.lookup("ResourceType", "AWS::IAM::AccessKey")), 1)
        record = json.loads(bob[0]["CloudTrailEvent"])
        self.assertEqual(record["userIdentity"]["type"], "IAMUser")
        self.assertEqual(record["awsRegion"], "us-east-1")

    def test_time_range_pages_and_expiry(self):
        for i in range(7):
            self.iam.create_user(UserName=f"user{i}")
            support.admin("POST", "clock", {"advance": "1m"})
        _, clock = support.admin("GET", "clock")
        now = datetime.datetime.fromtimestamp(clock["epoch_millis"] / 1000, datetime.timezone.utc)
        window = self.cloudtrail.lookup_events(StartTime=now - datetime.timedelta(minutes=3, seconds=30),
                                               EndTime=now)["Events"]
        self.assertEqual([e["EventName"] for e in window], ["CreateUser"] * 3)
        first = self.cloudtrail.lookup_events(
            LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateUser"}], MaxResults=3)
        self.assertEqual(len(first["Events"]), 3)
        names = []
        paginator = self.cloudtrail.get_paginator("lookup_events")
        for page in paginator.paginate(LookupAttributes=[{"AttributeKey": "EventName", "AttributeValue": "CreateUser"}],
                                       PaginationConfig={"PageSize": 2}):
            names += [json.loads(e["CloudTrailEvent"])["requestParameters"]["userName"] for e in page["Events"]]
        self.assertEqual(names, [f"user{i}" for i in reversed(range(7))])
        support.admin("POST", "clock", {"advance": "91d"})
        self.assertEqual(self.lookup("EventName", "CreateUser"), [])

    def test_errors(self):
        # The message is not asserted: botocore 1.29's CloudTrail error shapes model no Message member, and the
        # JSON codec writes only modelled members (the unit tests check the message the handler raises).
        self.assert_error("InvalidLookupAttributesException", LookupAttributes=[
            {"AttributeKey": "EventName", "AttributeValue": "A"},
            {"AttributeKey": "Username", "AttributeValue": "B"}])
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assert_error("InvalidTimeRangeException", StartTime=now, EndTime=now - datetime.timedelta(hours=1))
        message = self.assert_error("ValidationException", MaxResults=51)
        self.assertEqual(message, "1 validation error detected: Value '51' at 'maxResults' failed to satisfy "
                                  "constraint: Member must have value less than or equal to 50")
        self.assert_error("InvalidNextTokenException", NextToken="not-a-token")
        self.assert_error("InvalidLookupAttributesException",
                          LookupAttributes=[{"AttributeKey": "ReadOnly", "AttributeValue": "maybe"}])
        failures = self.lookup("EventName", "LookupEvents")
        self.assertEqual({json.loads(e["CloudTrailEvent"]).get("errorCode") for e in failures},
                         {"InvalidLookupAttributesException", "InvalidTimeRangeException", "ValidationException",
                          "InvalidNextTokenException"})


if __name__ == "__main__":
    unittest.main()
