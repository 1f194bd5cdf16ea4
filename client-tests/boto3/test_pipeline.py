"""The whole chain of the mission, driven only by the virtual clock: an EC2 RunInstances call -> the trail (management
events, write-only, KMS and RDS Data API excluded) -> its delivery interval -> a log file in S3 and the records in
the CloudWatch Logs group through the role -> the metric filter counting RunInstances -> the alarm evaluated each
minute -> an email through SNS in the outbox. No flush: only time moves it."""
import json
import re
import unittest

import support
from test_trails import (BUCKET, GROUP, GROUP_ARN, ROLE_ARN, TRAIL, TrailTestCase)

TOPIC = "ec2-launch-alerts"
EMAIL = "secops@example.com"
RUN_INSTANCES = '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }'


def advance(duration):
    status, answer = support.admin("POST", "clock", {"advance": duration})
    assert status == 200, answer


def mails():
    status, answer = support.admin("GET", "outbox?endpoint=" + EMAIL)
    assert status == 200, answer
    return answer["messages"]


class PipelineTest(TrailTestCase):
    def setUp(self):
        super().setUp()
        self.ec2 = support.boto3_client("ec2")
        self.sns = support.boto3_client("sns")
        self.cloudwatch = support.boto3_client("cloudwatch")

    def build_chain(self):
        self.make_bucket()
        self.make_role()
        self.logs.create_log_group(logGroupName=GROUP)
        self.logs.put_retention_policy(logGroupName=GROUP, retentionInDays=90)
        self.s3.put_bucket_lifecycle_configuration(Bucket=BUCKET, LifecycleConfiguration={"Rules": [
            {"ID": "expire-trail-logs", "Status": "Enabled", "Filter": {"Prefix": "AWSLogs/"},
             "Expiration": {"Days": 365}}]})
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, CloudWatchLogsLogGroupArn=GROUP_ARN,
                                     CloudWatchLogsRoleArn=ROLE_ARN)
        self.cloudtrail.put_event_selectors(TrailName=TRAIL, EventSelectors=[
            {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
             "ExcludeManagementEventSources": ["kms.amazonaws.com", "rdsdata.amazonaws.com"]}])
        self.cloudtrail.start_logging(Name=TRAIL)
        self.logs.put_metric_filter(logGroupName=GROUP, filterName="RunInstances", filterPattern=RUN_INSTANCES,
                                    metricTransformations=[{"metricName": "RunInstancesCount",
                                                            "metricNamespace": "CloudTrailMetrics",
                                                            "metricValue": "1"}])
        topic_arn = self.sns.create_topic(Name=TOPIC)["TopicArn"]
        self.sns.subscribe(TopicArn=topic_arn, Protocol="email", Endpoint=EMAIL)
        token = re.search(r"Token=([0-9a-f]+)", mails()[-1]["body"]).group(1)
        self.sns.confirm_subscription(TopicArn=topic_arn, Token=token)
        self.cloudwatch.put_metric_alarm(
            AlarmName="ec2-run-instances", Namespace="CloudTrailMetrics", MetricName="RunInstancesCount",
            Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=1.0,
            ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
            AlarmActions=[topic_arn])

    def test_run_instances_reaches_an_email_on_the_clock(self):
        self.build_chain()
        advance("10m")  # the trail delivers its set-up records; nothing launches: the alarm settles in OK
        alarm = self.cloudwatch.describe_alarms(AlarmNames=["ec2-run-instances"])["MetricAlarms"][0]
        self.assertEqual(alarm["StateValue"], "OK")
        self.assertEqual([m for m in mails() if m["message_type"] == "Notification"], [])

        self.ec2.run_instances(ImageId="ami-0c101f26f147fa7fd", InstanceType="t3.micro", MinCount=1, MaxCount=1)
        self.ec2.describe_instances()  # read-only: the trail leaves it out
        advance("10m")

        alarm = self.cloudwatch.describe_alarms(AlarmNames=["ec2-run-instances"])["MetricAlarms"][0]
        self.assertEqual(alarm["StateValue"], "ALARM")
        notifications = [m for m in mails() if m["message_type"] == "Notification"]
        self.assertEqual(len(notifications), 1)
        self.assertEqual(notifications[0]["subject"], 'ALARM: "ec2-run-instances" in US East (N. Virginia)')
        self.assertIn("Subject: ALARM: \"ec2-run-instances\" in US East (N. Virginia)", notifications[0]["raw"])

        delivered = [r for key in self.log_files() for r in self.records(key)]
        self.assertIn("RunInstances", [r["eventName"] for r in delivered])
        self.assertNotIn("DescribeInstances", [r["eventName"] for r in delivered])
        stream = self.logs.get_log_events(logGroupName=GROUP, logStreamName=f"000000000000_CloudTrail_us-east-1")
        streamed = [json.loads(e["message"])["eventName"] for e in stream["events"]]
        self.assertIn("RunInstances", streamed)
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertIn("LatestDeliveryTime", status)
        self.assertIn("LatestCloudWatchLogsDeliveryTime", status)


if __name__ == "__main__":
    unittest.main()
