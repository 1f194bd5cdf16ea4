"""CloudTrail trails through boto3: the walkthrough (bucket + policy, role, log group, trail, selectors, logging,
EC2/IAM calls, injected KMS records, flush -> .json.gz log files, CloudWatch Logs events, status), CreateTrail's
validations with AWS's exceptions, delivery failures kept and retried, and delivery batching on the virtual clock."""
import gzip
import json
import re
import unittest

import botocore.exceptions

import support

ACCOUNT = support.ACCOUNT
REGION = support.REGION
BUCKET = "trail-bucket"
TRAIL = "Write_Resource"
TRAIL_ARN = f"arn:aws:cloudtrail:{REGION}:{ACCOUNT}:trail/{TRAIL}"
GROUP = "CloudTrail/DefaultLogGroup"
GROUP_ARN = f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:*"
ROLE = "CloudTrailToCloudWatchLogsRole"
ROLE_ARN = f"arn:aws:iam::{ACCOUNT}:role/{ROLE}"
LOG_KEY = re.compile(rf"^AWSLogs/{ACCOUNT}/CloudTrail/{REGION}/\d{{4}}/\d{{2}}/\d{{2}}/"
                     rf"{ACCOUNT}_CloudTrail_{REGION}_\d{{8}}T\d{{4}}Z_[A-Za-z0-9]{{16}}\.json\.gz$")


def bucket_policy(bucket=BUCKET, trail_arn=TRAIL_ARN):
    return json.dumps({"Version": "2012-10-17", "Statement": [
        {"Sid": "AWSCloudTrailAclCheck20150319", "Effect": "Allow",
         "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:GetBucketAcl",
         "Resource": f"arn:aws:s3:::{bucket}", "Condition": {"StringEquals": {"aws:SourceArn": trail_arn}}},
        {"Sid": "AWSCloudTrailWrite20150319", "Effect": "Allow",
         "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "s3:PutObject",
         "Resource": f"arn:aws:s3:::{bucket}/AWSLogs/{ACCOUNT}/*",
         "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control",
                                        "aws:SourceArn": trail_arn}}}]})


TRUST = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]})
LOGS_POLICY = json.dumps({"Version": "2012-10-17", "Statement": [
    {"Sid": "AWSCloudTrailCreateLogStream2014110", "Effect": "Allow", "Action": ["logs:CreateLogStream"],
     "Resource": [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:log-stream:{ACCOUNT}_CloudTrail_{REGION}*"]},
    {"Sid": "AWSCloudTrailPutLogEvents20141101", "Effect": "Allow", "Action": ["logs:PutLogEvents"],
     "Resource": [f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:log-stream:{ACCOUNT}_CloudTrail_{REGION}*"]}]})

KMS_DECRYPT = {"eventSource": "kms.amazonaws.com", "eventName": "Decrypt", "readOnly": True,
               "managementEvent": True, "eventCategory": "Management",
               "userIdentity": {"type": "AWSService", "invokedBy": "ec2.amazonaws.com"},
               "requestParameters": {"encryptionAlgorithm": "SYMMETRIC_DEFAULT"}, "responseElements": None}


class TrailTestCase(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.s3 = support.boto3_client("s3")
        self.iam = support.boto3_client("iam")
        self.logs = support.boto3_client("logs")
        self.cloudtrail = support.boto3_client("cloudtrail")

    def make_bucket(self, bucket=BUCKET, policy=True):
        self.s3.create_bucket(Bucket=bucket)
        if policy:
            self.s3.put_bucket_policy(Bucket=bucket, Policy=bucket_policy(bucket))

    def make_role(self, trust=TRUST, permissions=LOGS_POLICY):
        self.iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=trust)
        if permissions:
            self.iam.put_role_policy(RoleName=ROLE, PolicyName="cloudtrail-logs", PolicyDocument=permissions)

    def assert_error(self, call, code, message=None, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], code)
        if message is not None:
            self.assertEqual(error["Message"], message)
        return error["Message"]

    def log_files(self, bucket=BUCKET):
        keys = [o["Key"] for o in self.s3.list_objects_v2(Bucket=bucket).get("Contents", [])]
        return [k for k in keys if "/CloudTrail/" in k]

    def records(self, key, bucket=BUCKET):
        body = self.s3.get_object(Bucket=bucket, Key=key)["Body"].read()
        return json.loads(gzip.decompress(body))["Records"]

    def flush(self):
        status, summary = support.admin("POST", "flush")
        self.assertEqual(status, 200)
        return summary


class WalkthroughTest(TrailTestCase):
    def test_walkthrough(self):
        self.make_bucket()
        self.make_role()
        self.logs.create_log_group(logGroupName=GROUP)
        created = self.cloudtrail.create_trail(
            Name=TRAIL, S3BucketName=BUCKET, CloudWatchLogsLogGroupArn=GROUP_ARN, CloudWatchLogsRoleArn=ROLE_ARN,
            EnableLogFileValidation=True)
        self.assertEqual(created["TrailARN"], TRAIL_ARN)
        self.assertEqual(created["CloudWatchLogsLogGroupArn"], GROUP_ARN)
        self.assertTrue(created["LogFileValidationEnabled"])
        self.assertFalse(self.cloudtrail.get_trail_status(Name=TRAIL)["IsLogging"])
        selectors = self.cloudtrail.put_event_selectors(TrailName=TRAIL, EventSelectors=[
            {"ReadWriteType": "WriteOnly", "IncludeManagementEvents": True,
             "ExcludeManagementEventSources": ["kms.amazonaws.com", "rdsdata.amazonaws.com"]}])
        self.assertEqual(selectors["EventSelectors"][0]["ReadWriteType"], "WriteOnly")
        self.cloudtrail.start_logging(Name=TRAIL)

        ec2 = support.boto3_client("ec2")
        group_id = ec2.create_security_group(GroupName="web", Description="web")["GroupId"]
        image = ec2.describe_images()["Images"][0]["ImageId"]
        instance = ec2.run_instances(ImageId=image, MinCount=1, MaxCount=1,
                                     InstanceType="t2.micro")["Instances"][0]["InstanceId"]
        ec2.describe_instances()
        ec2.terminate_instances(InstanceIds=[instance])
        self.iam.create_user(UserName="walker")
        self.iam.list_users()
        status, _ = support.admin("POST", "events", [KMS_DECRYPT, dict(KMS_DECRYPT, eventName="GenerateDataKey")])
        self.assertEqual(status, 200)

        summary = self.flush()
        self.assertEqual(summary["errors"], [])
        keys = self.log_files()
        self.assertEqual(len(keys), 1)
        self.assertRegex(keys[0], LOG_KEY)
        head = self.s3.head_object(Bucket=BUCKET, Key=keys[0])
        self.assertEqual(head["ContentType"], "application/json")
        records = self.records(keys[0])
        names = {r["eventName"] for r in records}
        for expected in ("RunInstances", "CreateSecurityGroup", "TerminateInstances", "CreateUser", "StartLogging"):
            self.assertIn(expected, names)
        self.assertFalse(any(r["readOnly"] for r in records), names)
        self.assertFalse(any(r["eventSource"] == "kms.amazonaws.com" for r in records))
        self.assertNotIn("DescribeInstances", names)
        run = next(r for r in records if r["eventName"] == "RunInstances")
        self.assertEqual(run["responseElements"]["instancesSet"]["items"][0]["instanceId"], instance)
        created_group = next(r for r in records if r["eventName"] == "CreateSecurityGroup")
        self.assertEqual(created_group["responseElements"]["groupId"], group_id)

        stream = f"{ACCOUNT}_CloudTrail_{REGION}"
        events = self.logs.get_log_events(logGroupName=GROUP, logStreamName=stream, startFromHead=True)["events"]
        self.assertEqual(sorted(json.loads(e["message"])["eventID"] for e in events),
                         sorted(r["eventID"] for r in records))

        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertTrue(status["IsLogging"])
        self.assertIn("LatestDeliveryTime", status)
        self.assertIn("LatestCloudWatchLogsDeliveryTime", status)
        self.assertIn("LatestDigestDeliveryTime", status)
        self.assertNotIn("LatestDeliveryError", status)

        digests = [o["Key"] for o in self.s3.list_objects_v2(Bucket=BUCKET)["Contents"] if "CloudTrail-Digest" in o["Key"]]
        self.assertEqual(len(digests), 1)
        digest_object = self.s3.get_object(Bucket=BUCKET, Key=digests[0])
        self.assertEqual(digest_object["Metadata"]["signature-algorithm"], "SHA256withRSA")
        digest = json.loads(gzip.decompress(digest_object["Body"].read()))
        self.assertEqual(digest["digestS3Object"], digests[0])
        self.assertEqual([f["s3Object"] for f in digest["logFiles"]], keys)
        self.assertIsNone(digest["previousDigestSignature"])
        fingerprints = [k["Fingerprint"] for k in self.cloudtrail.list_public_keys()["PublicKeyList"]]
        self.assertIn(digest["digestPublicKeyFingerprint"], fingerprints)

    def test_stop_logging_stops_selection(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        self.cloudtrail.start_logging(Name=TRAIL)
        self.iam.create_user(UserName="before")
        self.cloudtrail.stop_logging(Name=TRAIL)
        self.iam.create_user(UserName="after")
        self.flush()
        names = [r.get("requestParameters", {}).get("userName") for k in self.log_files() for r in self.records(k)
                 if r["eventName"] == "CreateUser"]
        self.assertEqual(names, ["before"])
        self.assertIn("StopLogging", [r["eventName"] for k in self.log_files() for r in self.records(k)])
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertFalse(status["IsLogging"])
        self.assertIn("StopLoggingTime", status)

    def test_describe_get_list_delete(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, TagsList=[{"Key": "team", "Value": "sec"}])
        trail = self.cloudtrail.get_trail(Name=TRAIL_ARN)["Trail"]
        self.assertEqual(trail["HomeRegion"], REGION)
        self.assertFalse(trail["HasCustomEventSelectors"])
        self.assertEqual(self.cloudtrail.describe_trails()["trailList"], [trail])
        self.assertEqual(self.cloudtrail.describe_trails(trailNameList=["other"])["trailList"], [])
        self.assertEqual(self.cloudtrail.list_trails()["Trails"],
                         [{"TrailARN": TRAIL_ARN, "Name": TRAIL, "HomeRegion": REGION}])
        self.assertEqual(self.cloudtrail.list_tags(ResourceIdList=[TRAIL_ARN])["ResourceTagList"][0]["TagsList"],
                         [{"Key": "team", "Value": "sec"}])
        selectors = self.cloudtrail.get_event_selectors(TrailName=TRAIL)
        self.assertEqual(selectors["EventSelectors"], [{"ReadWriteType": "All", "IncludeManagementEvents": True,
                                                        "DataResources": [], "ExcludeManagementEventSources": []}])
        self.cloudtrail.delete_trail(Name=TRAIL)
        self.assert_error(self.cloudtrail.get_trail, "TrailNotFoundException",
                          f"Unknown trail: {TRAIL} for the user: {ACCOUNT}", Name=TRAIL)
        self.assert_error(self.cloudtrail.get_trail_status, "TrailNotFoundException",
                          f"Unknown trail: {TRAIL_ARN} for the user: {ACCOUNT}", Name=TRAIL)


class ValidationTest(TrailTestCase):
    def create(self, code, message=None, **kwargs):
        kwargs.setdefault("Name", TRAIL)
        kwargs.setdefault("S3BucketName", BUCKET)
        return self.assert_error(self.cloudtrail.create_trail, code, message, **kwargs)

    def test_trail_names(self):
        self.make_bucket()
        cases = {
            "ab": "Trail name too short. Minimum allowed length: 3 characters. Specified name length: 2 characters.",
            "a" * 129: "Trail name too long. Maximum allowed length: 128 characters. Specified name length: 129 "
                       "characters.",
            "-trail": "Trail name must starts with a letter or number.",
            "trail!": "Trail name must ends with a letter or number.",
            "my#trail": "Trail name or ARN can only contain uppercase letters, lowercase letters, numbers, periods "
                        "(.), hyphens (-), and underscores (_).",
            "my-_trail": "Trail name or ARN cannot have adjacent periods (.), hyphens (-), or underscores (_).",
        }
        for name, message in cases.items():
            with self.subTest(name=name):
                self.create("InvalidTrailNameException", message, Name=name)

    def test_already_exists_and_limit(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        self.create("TrailAlreadyExistsException", f"Trail {TRAIL} already exists for customer: {ACCOUNT}")
        self.s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": ["s3:GetBucketAcl", "s3:PutObject"], "Resource": [f"arn:aws:s3:::{BUCKET}",
                                                                          f"arn:aws:s3:::{BUCKET}/*"]}]}))
        for index in range(4):
            self.cloudtrail.create_trail(Name=f"trail{index}", S3BucketName=BUCKET)
        self.create("MaximumNumberOfTrailsExceededException", Name="sixth")

    def test_bucket_checks(self):
        self.create("S3BucketDoesNotExistException", f"S3 bucket {BUCKET} does not exist.")
        self.make_bucket(policy=False)
        self.create("InsufficientS3BucketPolicyException",
                    f"Incorrect S3 bucket policy is detected for bucket: {BUCKET}")
        # A policy naming another trail's ARN does not do.
        self.s3.put_bucket_policy(Bucket=BUCKET, Policy=bucket_policy(trail_arn=TRAIL_ARN + "-other"))
        self.create("InsufficientS3BucketPolicyException")
        self.s3.put_bucket_policy(Bucket=BUCKET, Policy=bucket_policy())
        self.create("InvalidS3PrefixException", S3KeyPrefix="p" * 201)
        self.assertEqual(self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)["TrailARN"], TRAIL_ARN)

    def test_cloudwatch_logs_checks(self):
        self.make_bucket()
        self.logs.create_log_group(logGroupName=GROUP)
        self.create("InvalidCloudWatchLogsRoleArnException", "You must specify a role ARN as well as a log group.",
                    CloudWatchLogsLogGroupArn=GROUP_ARN)
        self.make_role(trust=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
        self.create("InvalidCloudWatchLogsRoleArnException",
                    "Access denied. Check the trust relationships for your role.",
                    CloudWatchLogsLogGroupArn=GROUP_ARN, CloudWatchLogsRoleArn=ROLE_ARN)
        self.iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=TRUST)
        self.iam.delete_role_policy(RoleName=ROLE, PolicyName="cloudtrail-logs")
        self.create("InvalidCloudWatchLogsLogGroupArnException", "Access denied. Check the permissions for your role.",
                    CloudWatchLogsLogGroupArn=GROUP_ARN, CloudWatchLogsRoleArn=ROLE_ARN)
        self.iam.put_role_policy(RoleName=ROLE, PolicyName="cloudtrail-logs", PolicyDocument=LOGS_POLICY)
        self.create("InvalidCloudWatchLogsLogGroupArnException", CloudWatchLogsLogGroupArn="not-an-arn",
                    CloudWatchLogsRoleArn=ROLE_ARN)
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, CloudWatchLogsLogGroupArn=GROUP_ARN,
                                     CloudWatchLogsRoleArn=ROLE_ARN)

    def test_services_trailbox_does_not_have(self):
        self.make_bucket()
        self.create("InvalidKmsKeyIdException", KmsKeyId="alias/trail-key")
        self.create("OrganizationsNotInUseException", "This account is not a member of an organization.",
                    IsOrganizationTrail=True)
        self.create("InvalidParameterCombinationException", "Multi-Region trail must include global service events.",
                    IsMultiRegionTrail=True, IncludeGlobalServiceEvents=False)
        self.assertEqual(self.cloudtrail.describe_trails()["trailList"], [])

    def test_event_selector_errors(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        put = self.cloudtrail.put_event_selectors
        self.assert_error(put, "InvalidEventSelectorsException", TrailName=TRAIL, EventSelectors=[
            {"ReadWriteType": "All", "ExcludeManagementEventSources": ["s3.amazonaws.com"]}])
        self.assert_error(put, "InvalidEventSelectorsException", TrailName=TRAIL,
                          EventSelectors=[{"ReadWriteType": "All"}] * 6)
        self.assert_error(put, "InvalidEventSelectorsException",
                          "Invalid combination of parameters in EventSelectors. When includeManagementEvents is "
                          "false, DataResources must not be empty.",
                          TrailName=TRAIL, EventSelectors=[{"IncludeManagementEvents": False}])
        self.assert_error(put, "InvalidParameterCombinationException", TrailName=TRAIL,
                          EventSelectors=[{"ReadWriteType": "All"}],
                          AdvancedEventSelectors=[{"FieldSelectors": [{"Field": "eventCategory",
                                                                       "Equals": ["Management"]}]}])
        advanced = put(TrailName=TRAIL, AdvancedEventSelectors=[{"Name": "writes", "FieldSelectors": [
            {"Field": "eventCategory", "Equals": ["Management"]}, {"Field": "readOnly", "Equals": ["false"]}]}])
        self.assertEqual(advanced["AdvancedEventSelectors"][0]["Name"], "writes")
        self.assertNotIn("EventSelectors", self.cloudtrail.get_event_selectors(TrailName=TRAIL))


class DeliveryTest(TrailTestCase):
    def test_policy_removed_then_restored(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        self.cloudtrail.start_logging(Name=TRAIL)
        self.iam.create_user(UserName="kept1")
        self.s3.delete_bucket_policy(Bucket=BUCKET)
        self.iam.create_user(UserName="kept2")
        summary = self.flush()
        self.assertEqual(summary["log_files"], 0)
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertEqual(status["LatestDeliveryError"], "AccessDenied")
        self.assertEqual(self.log_files(), [])
        self.s3.put_bucket_policy(Bucket=BUCKET, Policy=bucket_policy())
        self.flush()
        users = sorted(r["requestParameters"]["userName"] for k in self.log_files() for r in self.records(k)
                       if r["eventName"] == "CreateUser")
        self.assertEqual(users, ["kept1", "kept2"])
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertNotIn("LatestDeliveryError", status)
        self.assertIn("LatestDeliveryTime", status)

    def test_batching_on_the_clock(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        self.cloudtrail.start_logging(Name=TRAIL)
        self.iam.create_user(UserName="first")
        support.admin("POST", "clock", {"advance": "1m"})
        self.iam.create_user(UserName="second")
        support.admin("POST", "clock", {"advance": "4m"})
        self.assertEqual(len(self.log_files()), 1)
        self.iam.create_user(UserName="third")
        support.admin("POST", "clock", {"advance": "5m"})
        keys = self.log_files()
        self.assertEqual(len(keys), 2)
        per_file = sorted(sorted(r["requestParameters"]["userName"] for r in self.records(k)
                                 if r["eventName"] == "CreateUser") for k in keys)
        self.assertEqual(per_file, [["first", "second"], ["third"]])


class TrailSettingsTest(TrailTestCase):
    def test_update_tags_insights(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET)
        updated = self.cloudtrail.update_trail(Name=TRAIL, EnableLogFileValidation=True, IsMultiRegionTrail=True)
        self.assertTrue(updated["LogFileValidationEnabled"])
        self.assertTrue(updated["IsMultiRegionTrail"])
        self.assert_error(self.cloudtrail.update_trail, "S3BucketDoesNotExistException",
                          "S3 bucket missing-bucket does not exist.", Name=TRAIL, S3BucketName="missing-bucket")
        self.assertEqual(self.cloudtrail.get_trail(Name=TRAIL)["Trail"]["S3BucketName"], BUCKET)
        self.cloudtrail.add_tags(ResourceId=TRAIL_ARN, TagsList=[{"Key": "a", "Value": "1"}, {"Key": "b"}])
        self.cloudtrail.remove_tags(ResourceId=TRAIL_ARN, TagsList=[{"Key": "a"}])
        self.assertEqual(self.cloudtrail.list_tags(ResourceIdList=[TRAIL_ARN])["ResourceTagList"][0]["TagsList"],
                         [{"Key": "b"}])
        self.assert_error(self.cloudtrail.add_tags, "ResourceNotFoundException", ResourceId=TRAIL_ARN + "x",
                          TagsList=[{"Key": "a"}])
        self.assert_error(self.cloudtrail.get_insight_selectors, "InsightNotEnabledException", TrailName=TRAIL)
        self.cloudtrail.put_insight_selectors(TrailName=TRAIL, InsightSelectors=[{"InsightType": "ApiCallRateInsight"}])
        self.assertEqual(self.cloudtrail.get_insight_selectors(TrailName=TRAIL)["InsightSelectors"],
                         [{"InsightType": "ApiCallRateInsight"}])
        self.assertTrue(self.cloudtrail.get_trail(Name=TRAIL)["Trail"]["HasInsightSelectors"])

    def test_home_region_and_shadows(self):
        self.make_bucket()
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, IsMultiRegionTrail=True)
        import boto3
        west = boto3.client("cloudtrail", endpoint_url=support.ENDPOINT, region_name="us-west-2",
                            aws_access_key_id="test", aws_secret_access_key="test")
        shadow = west.describe_trails()["trailList"]
        self.assertEqual([t["TrailARN"] for t in shadow], [TRAIL_ARN])
        self.assertEqual(west.describe_trails(includeShadowTrails=False)["trailList"], [])
        self.assert_error(west.start_logging, "InvalidHomeRegionException", Name=TRAIL_ARN)
        self.assertFalse(west.get_trail_status(Name=TRAIL_ARN)["IsLogging"])


class RegionDeliveryTest(TrailTestCase):
    def test_regions_and_global_events(self):
        import boto3
        self.make_bucket()
        self.s3.put_bucket_policy(Bucket=BUCKET, Policy=json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
             "Action": ["s3:GetBucketAcl", "s3:PutObject"],
             "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]}]}))
        self.cloudtrail.create_trail(Name="local", S3BucketName=BUCKET, S3KeyPrefix="local",
                                     IncludeGlobalServiceEvents=False)
        self.cloudtrail.create_trail(Name="everywhere", S3BucketName=BUCKET, S3KeyPrefix="all",
                                     IsMultiRegionTrail=True)
        for name in ("local", "everywhere"):
            self.cloudtrail.start_logging(Name=name)
        west_logs = boto3.client("logs", endpoint_url=support.ENDPOINT, region_name="us-west-2",
                                 aws_access_key_id="test", aws_secret_access_key="test")
        west_logs.create_log_group(logGroupName="west")
        self.logs.create_log_group(logGroupName="east")
        self.iam.create_user(UserName="global")
        self.flush()
        keys = self.log_files()
        local = [k for k in keys if k.startswith("local/")]
        everywhere = [k for k in keys if k.startswith("all/")]
        self.assertEqual(len(local), 1)
        self.assertEqual(sorted(k.split("/")[4] for k in everywhere), ["us-east-1", "us-west-2"])
        local_names = {r["eventName"] for r in self.records(local[0])}
        self.assertIn("CreateLogGroup", local_names)
        self.assertNotIn("CreateUser", local_names)
        east_names = {r["eventName"] for k in everywhere if "/us-east-1/" in k for r in self.records(k)}
        self.assertTrue({"CreateUser", "CreateLogGroup"} <= east_names)


class LogsDeliveryTest(TrailTestCase):
    def test_role_trust_removed_then_restored(self):
        self.make_bucket()
        self.make_role()
        self.logs.create_log_group(logGroupName=GROUP)
        self.cloudtrail.create_trail(Name=TRAIL, S3BucketName=BUCKET, CloudWatchLogsLogGroupArn=GROUP_ARN,
                                     CloudWatchLogsRoleArn=ROLE_ARN)
        self.cloudtrail.start_logging(Name=TRAIL)
        self.iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                    "Action": "sts:AssumeRole"}]}))
        self.flush()
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertEqual(status["LatestCloudWatchLogsDeliveryError"], "InvalidCloudWatchLogsRoleArnException")
        self.assertIn("LatestDeliveryTime", status)
        self.iam.update_assume_role_policy(RoleName=ROLE, PolicyDocument=TRUST)
        self.flush()
        status = self.cloudtrail.get_trail_status(Name=TRAIL)
        self.assertNotIn("LatestCloudWatchLogsDeliveryError", status)
        stream = f"{ACCOUNT}_CloudTrail_{REGION}"
        events = self.logs.get_log_events(logGroupName=GROUP, logStreamName=stream, startFromHead=True)["events"]
        names = [json.loads(e["message"])["eventName"] for e in events]
        self.assertIn("StartLogging", names)
        self.assertIn("UpdateAssumeRolePolicy", names)

if __name__ == "__main__":
    unittest.main()
