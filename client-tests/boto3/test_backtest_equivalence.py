"""`trailbox backtest` agrees with the live pipeline: a trail delivers log files to S3 and records to CloudWatch
Logs, whose metric filters publish datapoints; the bucket is then synced to disk (every object, digests included)
and backtested with the rules pasted from describe-metric-filters and describe-alarms output. Each filter's
matches equal the Sum of its live metric, and the alarm that went to ALARM live fires in the backtest too.
Runs the binary next to the server (TRAILBOX_BINARY, default build/trailbox)."""
import datetime
import json
import os
import subprocess
import tempfile

import support
from server_process import BINARY
from test_trails import BUCKET, GROUP, GROUP_ARN, ROLE_ARN, TRAIL, TrailTestCase

TRAILBOX = os.environ.get("TRAILBOX_BINARY", BINARY)
FILTERS = {
    "RunInstances": '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }',
    "SecurityGroupChanges": '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) '
                            '|| ($.eventName = DeleteSecurityGroup) }',
    "IAMRoles": '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "*Role*" }',
    "NotMatched": '{ $.eventName = "DeleteTrail" }',
}


class BacktestEquivalenceTest(TrailTestCase):
    def setUp(self):
        super().setUp()
        self.ec2 = support.boto3_client("ec2")
        self.cloudwatch = support.boto3_client("cloudwatch")
        self.directory = tempfile.TemporaryDirectory(prefix="trailbox-backtest-sync-")
        self.addCleanup(self.directory.cleanup)

    def build_pipeline(self):
        self.make_bucket()
        self.make_role()
        self.logs.create_log_group(logGroupName=GROUP)
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, CloudWatchLogsLogGroupArn=GROUP_ARN,
                                     CloudWatchLogsRoleArn=ROLE_ARN, EnableLogFileValidation=True)
        self.cloudtrail.start_logging(Name=TRAIL)
        for name, pattern in FILTERS.items():
            self.logs.put_metric_filter(logGroupName=GROUP, filterName=name, filterPattern=pattern,
                                        metricTransformations=[{"metricName": name + "Count",
                                                                "metricNamespace": "Backtest", "metricValue": "1"}])
        self.cloudwatch.put_metric_alarm(
            AlarmName="launches", Namespace="Backtest", MetricName="RunInstancesCount", Statistic="Sum", Period=300,
            EvaluationPeriods=1, Threshold=2, ComparisonOperator="GreaterThanOrEqualToThreshold",
            TreatMissingData="notBreaching")

    def sync_bucket(self):
        """What `aws s3 sync s3://BUCKET DIR` leaves: every object at its key."""
        for item in self.s3.list_objects_v2(Bucket=BUCKET).get("Contents", []):
            path = os.path.join(self.directory.name, item["Key"])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(self.s3.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read())

    def pasted_rules(self):
        """The rules as a user pastes them: describe-metric-filters and describe-alarms output, as JSON."""
        rules = {"metricFilters": self.logs.describe_metric_filters(logGroupName=GROUP)["metricFilters"],
                 "MetricAlarms": self.cloudwatch.describe_alarms()["MetricAlarms"]}
        path = os.path.join(self.directory.name, "rules.json")
        with open(path, "w") as f:
            json.dump(rules, f, default=lambda value: value.isoformat())
        return path

    def live_sum(self, metric_name):
        _, clock = support.admin("GET", "clock")
        now = datetime.datetime.fromtimestamp(clock["epoch_millis"] / 1000, datetime.timezone.utc)
        points = self.cloudwatch.get_metric_statistics(
            Namespace="Backtest", MetricName=metric_name, StartTime=now - datetime.timedelta(days=2),
            EndTime=now + datetime.timedelta(days=2), Period=86400, Statistics=["Sum"])["Datapoints"]
        return sum(p["Sum"] for p in points)

    def test_backtest_of_the_synced_bucket_matches_the_live_metrics(self):
        self.build_pipeline()
        for _ in range(3):
            self.ec2.run_instances(ImageId="ami-0c101f26f147fa7fd", InstanceType="t3.micro", MinCount=1, MaxCount=1)
        group = self.ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        self.ec2.authorize_security_group_ingress(GroupId=group, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}])
        self.iam.create_role(RoleName="extra", AssumeRolePolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                    "Action": "sts:AssumeRole"}]}))
        self.ec2.describe_instances()
        status, _ = support.admin("POST", "clock", {"advance": "10m"})
        self.assertEqual(status, 200)
        self.flush()
        live_alarm = self.cloudwatch.describe_alarms(AlarmNames=["launches"])["MetricAlarms"][0]
        self.assertEqual(live_alarm["StateValue"], "ALARM")

        self.sync_bucket()
        result = subprocess.run([TRAILBOX, "backtest", "--rules", self.pasted_rules(), "--report", "json",
                                 os.path.join(self.directory.name, "AWSLogs")],
                                capture_output=True, text=True, timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertGreater(len(report["files"]["read"]), 0)
        self.assertTrue(all("CloudTrail-Digest" in s["path"] for s in report["files"]["skipped"]))
        self.assertGreater(len(report["files"]["skipped"]), 0, "log file validation writes digest files")
        matches = {f["filter_name"]: f["matches"] for f in report["filters"]}
        self.assertEqual(set(matches), set(FILTERS))
        for name in FILTERS:
            self.assertEqual(matches[name], self.live_sum(name + "Count"), name)
        self.assertEqual(matches["RunInstances"], 3)
        self.assertEqual(matches["SecurityGroupChanges"], 2)
        self.assertEqual(matches["NotMatched"], 0)
        self.assertEqual(matches["IAMRoles"], 1)  # CreateRole "extra"; the set-up calls came before the trail
        alarm = report["alarms"][0]
        self.assertEqual(alarm["alarm_name"], "launches")
        self.assertIn("ALARM", [t["to"] for t in alarm["transitions"]])
