"""SNS through boto3: topics and their attributes (the default policy AWS writes), pagination, email subscriptions
confirmed with the token of the confirmation message in trailbox's outbox, Publish into the outbox as RFC 5322
emails and email-json envelopes, filter policies, tags, and AWS's errors (code and message)."""
import email
import json
import re
import unittest

import support

ACCOUNT = support.ACCOUNT


def topic_arn(name):
    return "arn:aws:sns:us-east-1:%s:%s" % (ACCOUNT, name)


def outbox(endpoint=None):
    status, body = support.admin("GET", "outbox" + ("?endpoint=" + endpoint if endpoint else ""))
    assert status == 200, status
    return body["messages"]


class SnsTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.sns = support.boto3_client("sns")

    def subscribe_confirmed(self, arn, address, protocol="email"):
        pending = self.sns.subscribe(TopicArn=arn, Protocol=protocol, Endpoint=address)
        self.assertEqual(pending["SubscriptionArn"], "pending confirmation")
        confirmation = outbox(address)[-1]
        self.assertEqual(confirmation["message_type"], "SubscriptionConfirmation")
        if protocol == "email":
            token = re.search(r"Token=([0-9a-f]+)", confirmation["body"]).group(1)
        else:
            token = json.loads(confirmation["body"])["Token"]
        return self.sns.confirm_subscription(TopicArn=arn, Token=token)["SubscriptionArn"]

    def test_topic_attributes_and_default_policy(self):
        arn = self.sns.create_topic(Name="alerts", Attributes={"DisplayName": "Ops"},
                                    Tags=[{"Key": "team", "Value": "sec"}])["TopicArn"]
        self.assertEqual(arn, topic_arn("alerts"))
        self.assertEqual(self.sns.create_topic(Name="alerts")["TopicArn"], arn)
        attributes = self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
        self.assertEqual(attributes["DisplayName"], "Ops")
        self.assertEqual(attributes["Owner"], ACCOUNT)
        self.assertEqual(attributes["SubscriptionsConfirmed"], "0")
        policy = json.loads(attributes["Policy"])
        statement = policy["Statement"][0]
        self.assertEqual(policy["Id"], "__default_policy_ID")
        self.assertEqual(statement["Sid"], "__default_statement_ID")
        self.assertEqual(statement["Principal"], {"AWS": "*"})
        self.assertIn("SNS:Publish", statement["Action"])
        self.assertEqual(statement["Resource"], arn)
        self.assertEqual(statement["Condition"], {"StringEquals": {"AWS:SourceOwner": ACCOUNT}})
        delivery = json.loads(attributes["EffectiveDeliveryPolicy"])
        self.assertEqual(delivery["http"]["defaultHealthyRetryPolicy"]["numRetries"], 3)
        self.sns.set_topic_attributes(TopicArn=arn, AttributeName="DisplayName", AttributeValue="Security")
        self.assertEqual(self.sns.get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"], "Security")
        self.assertEqual(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"], [{"Key": "team", "Value": "sec"}])
        self.sns.tag_resource(ResourceArn=arn, Tags=[{"Key": "env", "Value": "lab"}])
        self.sns.untag_resource(ResourceArn=arn, TagKeys=["team"])
        self.assertEqual(self.sns.list_tags_for_resource(ResourceArn=arn)["Tags"], [{"Key": "env", "Value": "lab"}])

    def test_errors(self):
        self.assert_error("InvalidParameter", "Invalid parameter: Topic Name", self.sns.create_topic, Name="a b")
        self.assert_error("NotFound", "Topic does not exist", self.sns.get_topic_attributes,
                          TopicArn=topic_arn("missing"))
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        self.assert_error("InvalidParameter", "Invalid parameter: AttributeName", self.sns.set_topic_attributes,
                          TopicArn=arn, AttributeName="Colour", AttributeValue="blue")
        response = self.assert_error("NotFound", "Topic does not exist", self.sns.publish,
                                     TopicArn=topic_arn("missing"), Message="m")
        self.assertEqual(response["ResponseMetadata"]["HTTPStatusCode"], 404)
        self.assert_error("InvalidParameter", "Invalid parameter: Subject", self.sns.publish, TopicArn=arn,
                          Message="m", Subject="x" * 101)
        self.assert_error("InvalidParameter", "Invalid parameter: Message too long", self.sns.publish, TopicArn=arn,
                          Message="x" * 262145)
        self.assert_error("InvalidParameter", "Invalid parameter: Amazon SNS does not support this protocol string: "
                          "pigeon", self.sns.subscribe, TopicArn=arn, Protocol="pigeon", Endpoint="x")
        self.assert_error("InvalidParameter", "Invalid token", self.sns.confirm_subscription, TopicArn=arn,
                          Token="00")
        other = support.boto3_client("sns", access_key="444455556666")
        self.assert_error("AuthorizationError", "User: arn:aws:iam::444455556666:root is not authorized to perform: "
                          "SNS:Publish on resource: " + arn, other.publish, TopicArn=arn, Message="m")
        self.assertEqual(outbox(), [])

    def test_pagination(self):
        for i in range(105):
            self.sns.create_topic(Name="t%03d" % i)
        first = self.sns.list_topics()
        self.assertEqual(len(first["Topics"]), 100)
        second = self.sns.list_topics(NextToken=first["NextToken"])
        self.assertEqual(len(second["Topics"]), 5)
        self.assertNotIn("NextToken", second)
        names = [t["TopicArn"] for page in self.sns.get_paginator("list_topics").paginate() for t in page["Topics"]]
        self.assertEqual(len(names), 105)

    def test_email_subscription_and_publish(self):
        arn = self.sns.create_topic(Name="alerts", Attributes={"DisplayName": "Ops"})["TopicArn"]
        subscription = self.subscribe_confirmed(arn, "ops@example.com")
        self.assertTrue(subscription.startswith(arn + ":"))
        listed = self.sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
        self.assertEqual(listed, [{"SubscriptionArn": subscription, "Owner": ACCOUNT, "Protocol": "email",
                                   "Endpoint": "ops@example.com", "TopicArn": arn}])
        message_id = self.sns.publish(TopicArn=arn, Message="Root login detected")["MessageId"]
        sent = outbox("ops@example.com")[-1]
        self.assertEqual(sent["message_id"], message_id)
        parsed = email.message_from_string(sent["raw"])
        self.assertEqual(parsed["From"], '"Ops" <no-reply@sns.amazonaws.com>')
        self.assertEqual(parsed["To"], "ops@example.com")
        self.assertEqual(parsed["Subject"], "AWS Notification Message")
        body = parsed.get_payload(decode=True).decode()
        self.assertTrue(body.startswith("Root login detected\r\n\r\n--\r\nIf you wish to stop receiving"))
        self.assertIn("Action=Unsubscribe&SubscriptionArn=", body)
        self.sns.publish(TopicArn=arn, Message="again", Subject="Alarm")
        self.assertEqual(outbox("ops@example.com")[-1]["subject"], "Alarm")
        self.sns.unsubscribe(SubscriptionArn=subscription)
        self.assert_error("NotFound", "Subscription does not exist", self.sns.get_subscription_attributes,
                          SubscriptionArn=subscription)

    def test_email_json_envelope_and_filter_policy(self):
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        subscription = self.subscribe_confirmed(arn, "json@example.com", protocol="email-json")
        self.sns.set_subscription_attributes(SubscriptionArn=subscription, AttributeName="FilterPolicy",
                                             AttributeValue='{"severity": ["high"]}')
        attributes = self.sns.get_subscription_attributes(SubscriptionArn=subscription)["Attributes"]
        self.assertEqual(json.loads(attributes["FilterPolicy"]), {"severity": ["high"]})
        self.assertEqual(attributes["PendingConfirmation"], "false")
        count = len(outbox())
        self.sns.publish(TopicArn=arn, Message="low", MessageAttributes={
            "severity": {"DataType": "String", "StringValue": "low"}})
        self.assertEqual(len(outbox()), count)
        self.sns.publish(TopicArn=arn, Message="high", Subject="S", MessageAttributes={
            "severity": {"DataType": "String", "StringValue": "high"}})
        envelope = json.loads(outbox()[-1]["body"])
        self.assertEqual(envelope["Type"], "Notification")
        self.assertEqual(envelope["Message"], "high")
        self.assertEqual(envelope["Subject"], "S")
        self.assertEqual(envelope["SignatureVersion"], "1")
        self.assertTrue(envelope["SigningCertURL"].endswith("/_trailbox/sns/SimpleNotificationService.pem"))
        self.assertEqual(envelope["MessageAttributes"], {"severity": {"Type": "String", "Value": "high"}})
        self.assert_error("InvalidParameter", "Invalid parameter: FilterPolicy: Unrecognized match type wildcard",
                          self.sns.set_subscription_attributes, SubscriptionArn=subscription,
                          AttributeName="FilterPolicy", AttributeValue='{"a": [{"wildcard": "x*"}]}')

    def test_message_structure_json(self):
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        self.subscribe_confirmed(arn, "ops@example.com")
        self.sns.publish(TopicArn=arn, MessageStructure="json",
                         Message=json.dumps({"default": "plain", "email": "for email"}))
        self.assertTrue(outbox("ops@example.com")[-1]["body"].startswith("for email"))
        self.assert_error("InvalidParameter",
                          "Invalid parameter: Message Structure - No default entry in JSON message body",
                          self.sns.publish, TopicArn=arn, MessageStructure="json", Message='{"email": "x"}')

    def test_delete_topic_removes_subscriptions(self):
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        self.sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="ops@example.com")
        self.assertEqual(len(self.sns.list_subscriptions()["Subscriptions"]), 1)
        self.sns.delete_topic(TopicArn=arn)
        self.sns.delete_topic(TopicArn=arn)
        self.assertEqual(self.sns.list_subscriptions()["Subscriptions"], [])
        self.assertEqual(self.sns.list_topics()["Topics"], [])


if __name__ == "__main__":
    unittest.main()
