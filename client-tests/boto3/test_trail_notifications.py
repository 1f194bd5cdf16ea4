"""CloudTrail's SNS notifications through boto3: a trail naming a topic whose policy lets cloudtrail.amazonaws.com
publish gets one notification per delivery ({"s3Bucket", "s3ObjectKey": [...]}, cloudtrail-fidelity.md §(d)); a
topic that is missing or does not allow it is refused at CreateTrail; a policy removed later shows as
LatestNotificationError while the log files are still delivered."""
import json
import unittest
import urllib.parse

import support
from test_trails import ACCOUNT, BUCKET, REGION, TRAIL, TRAIL_ARN, TrailTestCase

TOPIC = "trail-notifications"
TOPIC_ARN = f"arn:aws:sns:{REGION}:{ACCOUNT}:{TOPIC}"
EMAIL = "secops@example.com"


def topic_policy(allow_cloudtrail=True):
    statements = [{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"},
                   "Action": ["SNS:Publish", "SNS:Subscribe"], "Resource": TOPIC_ARN,
                   "Condition": {"StringEquals": {"AWS:SourceOwner": ACCOUNT}}}]
    if allow_cloudtrail:
        statements.append({"Sid": "AWSCloudTrailSNSPolicy20131101", "Effect": "Allow",
                           "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "SNS:Publish",
                           "Resource": TOPIC_ARN, "Condition": {"StringEquals": {"AWS:SourceArn": TRAIL_ARN}}})
    return json.dumps({"Version": "2008-10-17", "Statement": statements})


def outbox(message_type):
    status, answer = support.admin("GET", "outbox?endpoint=" + urllib.parse.quote(EMAIL))
    assert status == 200, answer
    return [m for m in answer["messages"] if m["message_type"] == message_type]


class TrailNotificationsTest(TrailTestCase):
    def setUp(self):
        super().setUp()
        self.sns = support.boto3_client("sns")
        self.make_bucket()

    def make_topic(self, allow_cloudtrail=True):
        self.sns.create_topic(Name=TOPIC)
        self.sns.set_topic_attributes(TopicArn=TOPIC_ARN, AttributeName="Policy",
                                      AttributeValue=topic_policy(allow_cloudtrail))
        self.sns.subscribe(TopicArn=TOPIC_ARN, Protocol="email-json", Endpoint=EMAIL)
        token = json.loads(outbox("SubscriptionConfirmation")[-1]["body"])["Token"]
        self.sns.confirm_subscription(TopicArn=TOPIC_ARN, Token=token)

    def test_notification_per_delivery(self):
        self.make_topic()
        trail = self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, SnsTopicName=TOPIC)
        self.assertEqual((trail["SnsTopicName"], trail["SnsTopicARN"]), (TOPIC, TOPIC_ARN))
        described = self.cloudtrail.describe_trails(trailNameList=[TRAIL])["trailList"][0]
        self.assertEqual((described["SnsTopicName"], described["SnsTopicARN"]), (TOPIC, TOPIC_ARN))
        self.cloudtrail.start_logging(Name=TRAIL)
        self.iam.create_user(UserName="notified")
        self.flush()
        notifications = outbox("Notification")
        self.assertEqual(len(notifications), 1)
        envelope = json.loads(notifications[0]["body"])
        self.assertEqual(envelope["TopicArn"], TOPIC_ARN)
        self.assertEqual(json.loads(envelope["Message"]), {"s3Bucket": BUCKET, "s3ObjectKey": self.log_files()})
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertIn("LatestNotificationTime", status)
        self.assertNotIn("LatestNotificationError", status)

    def test_topic_checks_at_create_and_update(self):
        create = self.cloudtrail.create_trail
        message = "SNS Topic does not exist or the topic policy is incorrect!"
        self.assert_error(create, "InsufficientSnsTopicPolicyException", message,
                          Name=TRAIL, S3BucketName=BUCKET, SnsTopicName=TOPIC)
        self.make_topic(allow_cloudtrail=False)
        self.assert_error(create, "InsufficientSnsTopicPolicyException", message,
                          Name=TRAIL, S3BucketName=BUCKET, SnsTopicName=TOPIC_ARN)
        self.assert_error(create, "InvalidSnsTopicNameException", Name=TRAIL, S3BucketName=BUCKET,
                          SnsTopicName="no spaces allowed")
        self.assertEqual(self.cloudtrail.describe_trails()["trailList"], [])
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        self.assert_error(self.cloudtrail.update_trail, "InsufficientSnsTopicPolicyException", message,
                          Name=TRAIL, SnsTopicName=TOPIC)
        self.sns.set_topic_attributes(TopicArn=TOPIC_ARN, AttributeName="Policy", AttributeValue=topic_policy())
        updated = self.cloudtrail.update_trail(Name=TRAIL, SnsTopicName=TOPIC_ARN)
        self.assertEqual(updated["SnsTopicARN"], TOPIC_ARN)
        cleared = self.cloudtrail.update_trail(Name=TRAIL, SnsTopicName="")
        self.assertNotIn("SnsTopicARN", cleared)

    def test_policy_removed_then_restored(self):
        self.make_topic()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, SnsTopicName=TOPIC)
        self.cloudtrail.start_logging(Name=TRAIL)
        self.sns.set_topic_attributes(TopicArn=TOPIC_ARN, AttributeName="Policy",
                                      AttributeValue=topic_policy(allow_cloudtrail=False))
        self.flush()
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertEqual(status["LatestNotificationError"], "AuthorizationError")
        self.assertIn("LatestDeliveryTime", status)  # the log file itself was delivered
        self.assertEqual(len(self.log_files()), 1)
        self.assertEqual(outbox("Notification"), [])
        self.sns.set_topic_attributes(TopicArn=TOPIC_ARN, AttributeName="Policy", AttributeValue=topic_policy())
        self.iam.create_user(UserName="after-restore")
        self.flush()
        self.assertEqual(len(outbox("Notification")), 1)
        self.assertNotIn("LatestNotificationError", self.cloudtrail.get_trail_status(Name=TRAIL))


if __name__ == "__main__":
    unittest.main()
