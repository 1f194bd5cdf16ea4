"""The CloudTrail walkthrough through the AWS CLI v1 and v2: bucket + the policy CloudTrail needs, the
CloudTrailToCloudWatchLogsRole with trust and inline policy, the log group, trail Write_Resource with CloudWatch
Logs and log file validation, event selectors (management only, WriteOnly, KMS and RDS Data API excluded), start
logging, EC2 calls, injected KMS records, flush; then the bucket's .json.gz files, the log stream, get-trail-status,
and `aws cloudtrail validate-logs` (valid, then INVALID after a log object is overwritten).
validate-logs sends only its CloudTrail calls to --endpoint-url. Its S3 calls reach trailbox through AWS_ENDPOINT_URL
with the CLI v1; the Debian CLI v2 (2.9) predates that setting, so for it an S3 endpoint rule set in AWS_DATA_PATH
(botocore's documented override of its bundled data) sends them to trailbox path-style."""
import datetime
import gzip
import json
import os
import re
import subprocess
import tempfile
import unittest

import support

ACCOUNT = support.ACCOUNT
REGION = support.REGION
BUCKET = "walkthrough-trail-bucket"
TRAIL = "Write_Resource"
TRAIL_ARN = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{TRAIL}"
GROUP = "CloudTrail/DefaultLogGroup"
GROUP_ARN = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:*"
ROLE = "CloudTrailToCloudWatchLogsRole"
STREAM = f"{ACCOUNT}_CloudTrail_{REGION}"
LOG_KEY = re.compile(rf"^AWSLogs/{ACCOUNT}/CloudTrail/{REGION}/\d{{4}}/\d{{2}}/\d{{2}}/"
                     rf"{ACCOUNT}_CloudTrail_{REGION}_\d{{8}}T\d{{4}}Z_[A-Za-z0-9]{{16}}\.json\.gz$")

BUCKET_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "AWSCloudTrailAclCheck20150319", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
     "Action": "s3:GetBucketAcl", "Resource": f"arn:aws:s3:::{BUCKET}"},
    {"Sid": "AWSCloudTrailWrite20150319", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
     "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{BUCKET}/AWSLogs/{ACCOUNT}/*",
     "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}
TRUST = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
ROLE_POLICY = {"Version": "2012-10-17", "Statement": [
    {"Sid": "AWSCloudTrailCreateLogStream2014110", "Effect": "Allow", "Action": ["logs:CreateLogStream"],
     "Resource": [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:log-stream:{STREAM}*"]},
    {"Sid": "AWSCloudTrailPutLogEvents20141101", "Effect": "Allow", "Action": ["logs:PutLogEvents"],
     "Resource": [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:log-stream:{STREAM}*"]}]}
SELECTORS = [{"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
              "ExcludeManagementEventSources": ["kms.amazonaws.com", "rdsdata.amazonaws.com"]}]
KMS_DECRYPT = {"eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "readOnly": True,
               "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"}}


def json_file(document):
    handle, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(handle, "w") as f:
        json.dump(document, f)
    return "file://" + path


def clock_iso(offset_seconds):
    millis = support.admin("GET", "clock")[1]["epoch_millis"]
    moment = datetime.datetime.fromtimestamp(millis / 1000 + offset_seconds, datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class TrailWalkthroughCliTest(support.CliTestCase):
    def walkthrough(self, aws):
        cli = lambda *args: support.run_cli(aws, *args)  # noqa: E731
        cli("s3api", "create-bucket", "--bucket", BUCKET)
        cli("s3api", "put-bucket-policy", "--bucket", BUCKET, "--policy", json.dumps(BUCKET_POLICY))
        role_arn = cli("iam", "create-role", "--role-name", ROLE, "--assume-role-policy-document",
                       json.dumps(TRUST))["Role"]["Arn"]
        cli("iam", "put-role-policy", "--role-name", ROLE, "--policy-name", "cloudtrail-logs",
            "--policy-document", json.dumps(ROLE_POLICY))
        cli("logs", "create-log-group", "--log-group-name", GROUP)
        created = cli("cloudtrail", "create-trail", "--name", TRAIL, "--s3-bucket-name", BUCKET,
                      "--cloud-watch-logs-log-group-arn", GROUP_ARN, "--cloud-watch-logs-role-arn", role_arn,
                      "--enable-log-file-validation")
        self.assertEqual(created["TrailARN"], TRAIL_ARN)
        cli("cloudtrail", "put-event-selectors", "--trail-name", TRAIL, "--event-selectors", json_file(SELECTORS))
        cli("cloudtrail", "start-logging", "--name", TRAIL)

        image = cli("ec2", "describe-images")["Images"][0]["ImageId"]
        group_id = cli("ec2", "create-security-group", "--group-name", "web", "--description", "web")["GroupId"]
        instance = cli("ec2", "run-instances", "--image-id", image, "--count", "1", "--instance-type", "t2.micro",
                       "--security-group-ids", group_id)["Instances"][0]["InstanceId"]
        cli("ec2", "describe-instances")
        cli("ec2", "describe-security-groups")
        cli("ec2", "terminate-instances", "--instance-ids", instance)
        status, _ = support.admin("POST", "events", [KMS_DECRYPT, dict(KMS_DECRYPT, eventName="GenerateDataKey")])
        self.assertEqual(status, 200)
        status, summary = support.admin("POST", "flush")
        self.assertEqual((status, summary["errors"]), (200, []))

        keys = [o["Key"] for o in cli("s3api", "list-objects-v2", "--bucket", BUCKET)["Contents"]]
        log_keys = [k for k in keys if "/CloudTrail/" in k]
        self.assertEqual(len(log_keys), 1)
        self.assertRegex(log_keys[0], LOG_KEY)
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "log.json.gz")
            cli("s3api", "get-object", "--bucket", BUCKET, "--key", log_keys[0], path)
            with gzip.open(path) as f:
                records = json.load(f)["Records"]
        names = {r["eventName"] for r in records}
        self.assertTrue({"RunInstances", "CreateSecurityGroup", "TerminateInstances"} <= names, names)
        self.assertFalse(any(r["readOnly"] for r in records))
        self.assertFalse(any(r["eventSource"] == "kms.amazonaws.com" for r in records))

        events = cli("logs", "get-log-events", "--log-group-name", GROUP, "--log-stream-name", STREAM,
                     "--start-from-head")["events"]
        self.assertEqual(sorted(json.loads(e["message"])["eventID"] for e in events),
                         sorted(r["eventID"] for r in records))
        status = cli("cloudtrail", "get-trail-status", "--name", TRAIL)
        self.assertTrue(status["IsLogging"])
        for field in ("LatestDeliveryTime", "LatestCloudWatchLogsDeliveryTime", "LatestDigestDeliveryTime"):
            self.assertIn(field, status)
        return log_keys[0]

    def validate_logs(self, aws):
        env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
                   AWS_ENDPOINT_URL=support.ENDPOINT, AWS_DATA_PATH=self.s3_endpoint_data_path(), AWS_PAGER="")
        return subprocess.run([aws, "--endpoint-url", support.ENDPOINT, "cloudtrail", "validate-logs", "--trail-arn",
                               TRAIL_ARN, "--start-time", clock_iso(-3600), "--end-time", clock_iso(3600)],
                              capture_output=True, text=True, env=env)

    def s3_endpoint_data_path(self):
        """A botocore data directory whose S3 endpoint rule set resolves every request to trailbox, path-style."""
        directory = tempfile.mkdtemp()
        self.addCleanup(lambda: subprocess.run(["rm", "-rf", directory]))
        os.makedirs(os.path.join(directory, "s3", "2006-03-01"))
        auth = {"authSchemes": [{"name": "sigv4", "signingName": "s3", "signingRegion": "{Region}",
                                 "disableDoubleEncoding": True}]}
        def rule(conditions, url):
            return {"conditions": conditions, "type": "endpoint",
                    "endpoint": {"url": url, "properties": auth, "headers": {}}}
        rule_set = {"version": "1.0", "parameters": {
            "Bucket": {"required": False, "documentation": "bucket", "type": "String"},
            "Region": {"builtIn": "AWS::Region", "required": False, "documentation": "region", "type": "String"}},
            "rules": [rule([{"fn": "isSet", "argv": [{"ref": "Bucket"}]}], support.ENDPOINT + "/{Bucket}"),
                      rule([], support.ENDPOINT)]}
        with open(os.path.join(directory, "s3", "2006-03-01", "endpoint-rule-set-1.json"), "w") as out:
            json.dump(rule_set, out)
        return directory

    def test_walkthrough(self):
        def check(aws):
            log_key = self.walkthrough(aws)
            result = self.validate_logs(aws)
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn("1/1 digest files valid", result.stdout)
            self.assertIn("1/1 log files valid", result.stdout)
            s3 = support.boto3_client("s3")
            s3.put_object(Bucket=BUCKET, Key=log_key, Body=gzip.compress(b'{"Records":[]}'))
            result = self.validate_logs(aws)
            self.assertEqual(result.returncode, 1, result.stdout + result.stderr)
            self.assertIn("0/1 log files valid, 1/1 log files INVALID", result.stdout)
            self.assertIn("INVALID: hash value doesn't match", result.stdout + result.stderr)
        self.for_each_cli(check)


if __name__ == "__main__":
    unittest.main()
