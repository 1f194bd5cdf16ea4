#!/usr/bin/env python3
"""The mission's chain in virtual time: how long one clock advance takes to carry N RunInstances calls through the
trail (log file into S3, records into CloudWatch Logs), 15 CIS-style metric filters, an alarm and an SNS email.
Starts `trailbox serve --ephemeral --clock virtual`, builds the chain with boto3, launches N instances (not timed),
then times POST /_trailbox/clock {"advance": "10m"} and checks the alarm fired. Prints milliseconds; asserts nothing
about speed.

Usage: python3 bench/pipeline_clock.py [--binary build/trailbox] [--launches 1 --launches 100 ...]
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import tempfile
import time

import boto3

from startup import free_port

PATTERNS = [
    '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }',
    '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") }',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }',
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
    '{ ($.eventName = DeleteGroupPolicy) || ($.eventName = DeleteRolePolicy) || ($.eventName = PutUserPolicy) }',
    '{ ($.eventName = CreateTrail) || ($.eventName = UpdateTrail) || ($.eventName = DeleteTrail) }',
    '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    '{ ($.eventSource = kms.amazonaws.com) && (($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion)) }',
    '{ ($.eventSource = s3.amazonaws.com) && ($.eventName = PutBucketPolicy) }',
    '{ ($.eventSource = config.amazonaws.com) && ($.eventName = StopConfigurationRecorder) }',
    '{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) }',
    '{ ($.eventName = CreateNetworkAcl) || ($.eventName = DeleteNetworkAcl) }',
    '{ ($.eventName = CreateCustomerGateway) || ($.eventName = AttachInternetGateway) }',
    '{ ($.eventName = CreateRoute) || ($.eventName = DeleteRouteTable) }',
    '{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) }',
]
ACCOUNT, REGION, GROUP, EMAIL = "000000000000", "us-east-1", "CloudTrail/DefaultLogGroup", "secops@example.com"


def admin(port, method, path, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request(method, "/_trailbox/" + path, body=json.dumps(body) if body is not None else None)
    response = connection.getresponse()
    answer = json.loads(response.read() or b"{}")
    connection.close()
    return answer


def build_chain(clients):
    s3, iam, logs, trail, sns, cw = (clients[n] for n in ("s3", "iam", "logs", "cloudtrail", "sns", "cloudwatch"))
    s3.create_bucket(Bucket="trail-bucket")
    s3.put_bucket_policy(Bucket="trail-bucket", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
         "Action": ["s3:GetBucketAcl", "s3:PutObject"],
         "Resource": ["arn:aws:s3:::trail-bucket", "arn:aws:s3:::trail-bucket/*"]}]}))
    iam.create_role(RoleName="ct-logs", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))
    iam.put_role_policy(RoleName="ct-logs", PolicyName="logs", PolicyDocument=json.dumps({
        "Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["logs:CreateLogStream",
                                                                              "logs:PutLogEvents"], "Resource": "*"}]}))
    logs.create_log_group(logGroupName=GROUP)
    trail.create_trail(Name="bench", S3BucketName="trail-bucket",
                       CloudWatchLogsLogGroupArn=f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{GROUP}:*",
                       CloudWatchLogsRoleArn=f"arn:aws:iam::{ACCOUNT}:role/ct-logs")
    trail.start_logging(Name="bench")
    for number, pattern in enumerate(PATTERNS):
        logs.put_metric_filter(logGroupName=GROUP, filterName=f"cis-{number}", filterPattern=pattern,
                               metricTransformations=[{"metricName": f"Cis{number}", "metricNamespace": "CIS",
                                                       "metricValue": "1"}])
    topic = sns.create_topic(Name="alerts")["TopicArn"]
    sns.subscribe(TopicArn=topic, Protocol="email", Endpoint=EMAIL)
    outbox = admin(clients["port"], "GET", "outbox")["messages"]
    sns.confirm_subscription(TopicArn=topic, Token=re.search(r"Token=([0-9a-f]+)", outbox[-1]["body"]).group(1))
    cw.put_metric_alarm(AlarmName="launches", Namespace="CIS", MetricName="Cis0", Statistic="Sum", Period=300,
                        EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold",
                        TreatMissingData="notBreaching", AlarmActions=[topic])
    admin(clients["port"], "POST", "clock", {"advance": "10m"})  # set-up records delivered, alarm settled in OK


def one_round(port, launches):
    admin(port, "POST", "reset")
    options = dict(endpoint_url=f"http://127.0.0.1:{port}", region_name=REGION, aws_access_key_id="test",
                   aws_secret_access_key="test")
    clients = {name: boto3.client(name, **options) for name in ("s3", "iam", "logs", "cloudtrail", "sns",
                                                                "cloudwatch", "ec2")}
    clients["port"] = port
    build_chain(clients)
    for _ in range(launches):
        clients["ec2"].run_instances(ImageId="ami-0c101f26f147fa7fd", InstanceType="t3.micro", MinCount=1,
                                     MaxCount=1)
    started = time.perf_counter()
    admin(port, "POST", "clock", {"advance": "10m"})
    elapsed_ms = (time.perf_counter() - started) * 1000
    state = clients["cloudwatch"].describe_alarms(AlarmNames=["launches"])["MetricAlarms"][0]["StateValue"]
    mails = [m for m in admin(port, "GET", "outbox")["messages"] if m["message_type"] == "Notification"]
    print(f"  {launches:>5} RunInstances: advance 10m took {elapsed_ms:8.1f} ms  (alarm {state}, {len(mails)} email)")


def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--binary", default=os.path.join(root, "build", "trailbox"))
    parser.add_argument("--launches", type=int, action="append")
    args = parser.parse_args()
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([args.binary, "serve", "--ephemeral", "--clock", "virtual", "--port", str(port)],
                              stdout=log, stderr=log)
    try:
        for _ in range(200):
            try:
                admin(port, "GET", "health")
                break
            except OSError:
                time.sleep(0.02)
        print(f"The chain on the virtual clock ({args.binary}, 15 metric filters, one alarm, one email subscriber)")
        for launches in args.launches or [1, 100, 1000]:
            one_round(port, launches)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
