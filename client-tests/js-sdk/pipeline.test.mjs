// The mission's chain through the AWS SDK for JavaScript v3, six clients and their wire protocols (S3 restXml,
// IAM and SNS awsQuery, CloudTrail and CloudWatch Logs awsJson1_1, EC2's query dialect, CloudWatch in whatever
// protocol this SDK version speaks): bucket + policy, role, log group, trail with CloudWatch Logs and write-only
// management selectors, metric filter, SNS email subscription, alarm; then RunInstances and the virtual clock
// carry it to an ALARM email in the outbox.
import assert from "node:assert/strict";
import { test } from "node:test";

import { CloudTrailClient, CreateTrailCommand, GetTrailStatusCommand, PutEventSelectorsCommand,
  StartLoggingCommand } from "@aws-sdk/client-cloudtrail";
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricAlarmCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, CreateLogGroupCommand, GetLogEventsCommand,
  PutMetricFilterCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DescribeInstancesCommand, EC2Client, RunInstancesCommand } from "@aws-sdk/client-ec2";
import { CreateRoleCommand, IAMClient, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { CreateBucketCommand, PutBucketPolicyCommand, S3Client } from "@aws-sdk/client-s3";
import { ConfirmSubscriptionCommand, CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";

const endpoint = new URL(process.env.TRAILBOX_ENDPOINT ?? "http://127.0.0.1:4566");
const options = { endpoint: endpoint.href, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
const account = "000000000000";
const trailArn = `arn:aws:cloudtrail:us-east-1:${account}:trail/Write_Resource`;
const group = "CloudTrail/DefaultLogGroup";
const email = "js-secops@example.com";

async function admin(method, path, body) {
  const answer = await fetch(new URL(`/_trailbox/${path}`, endpoint), {
    method, body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.equal(answer.status, 200, `${method} ${path}`);
  return answer.json();
}

test("RunInstances reaches an alarm email on the virtual clock", async () => {
  await admin("POST", "reset");
  const s3 = new S3Client({ ...options, forcePathStyle: true });
  const iam = new IAMClient(options);
  const logs = new CloudWatchLogsClient(options);
  const cloudtrail = new CloudTrailClient(options);
  const sns = new SNSClient(options);
  const cloudwatch = new CloudWatchClient(options);
  const ec2 = new EC2Client(options);

  await s3.send(new CreateBucketCommand({ Bucket: "js-trail-bucket" }));
  await s3.send(new PutBucketPolicyCommand({ Bucket: "js-trail-bucket", Policy: JSON.stringify({
    Version: "2012-10-17", Statement: [
      { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:GetBucketAcl",
        Resource: "arn:aws:s3:::js-trail-bucket", Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
      { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "s3:PutObject",
        Resource: `arn:aws:s3:::js-trail-bucket/AWSLogs/${account}/*`,
        Condition: { StringEquals: { "s3:x-amz-acl": "bucket-owner-full-control", "aws:SourceArn": trailArn } } }] }) }));
  await iam.send(new CreateRoleCommand({ RoleName: "CloudTrailToCloudWatchLogsRole",
    AssumeRolePolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: "sts:AssumeRole" }] }) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: "CloudTrailToCloudWatchLogsRole", PolicyName: "logs",
    PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [
      { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:aws:logs:us-east-1:${account}:log-group:${group}:log-stream:*` }] }) }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }));
  await cloudtrail.send(new CreateTrailCommand({ Name: "Write_Resource", S3BucketName: "js-trail-bucket",
    CloudWatchLogsLogGroupArn: `arn:aws:logs:us-east-1:${account}:log-group:${group}:*`,
    CloudWatchLogsRoleArn: `arn:aws:iam::${account}:role/CloudTrailToCloudWatchLogsRole` }));
  await cloudtrail.send(new PutEventSelectorsCommand({ TrailName: "Write_Resource", EventSelectors: [{
    ReadWriteType: "WriteOnly", IncludeManagementEvents: true,
    ExcludeManagementEventSources: ["kms.amazonaws.com", "rdsdata.amazonaws.com"] }] }));
  await cloudtrail.send(new StartLoggingCommand({ Name: "Write_Resource" }));
  await logs.send(new PutMetricFilterCommand({ logGroupName: group, filterName: "RunInstances",
    filterPattern: '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }',
    metricTransformations: [{ metricName: "RunInstancesCount", metricNamespace: "CloudTrailMetrics", metricValue: "1" }] }));
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "js-alerts" }));
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: "email", Endpoint: email }));
  const confirmation = (await admin("GET", `outbox?endpoint=${email}`)).messages.at(-1);
  const token = confirmation.body.match(/Token=([0-9a-f]+)/)[1];
  await sns.send(new ConfirmSubscriptionCommand({ TopicArn, Token: token }));
  await cloudwatch.send(new PutMetricAlarmCommand({ AlarmName: "js-run-instances", Namespace: "CloudTrailMetrics",
    MetricName: "RunInstancesCount", Statistic: "Sum", Period: 300, EvaluationPeriods: 1, Threshold: 1,
    ComparisonOperator: "GreaterThanOrEqualToThreshold", TreatMissingData: "notBreaching", AlarmActions: [TopicArn] }));

  await ec2.send(new RunInstancesCommand({ ImageId: "ami-0c101f26f147fa7fd", InstanceType: "t3.micro",
    MinCount: 1, MaxCount: 1 }));
  await ec2.send(new DescribeInstancesCommand({}));
  await admin("POST", "clock", { advance: "10m" });

  const alarm = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ["js-run-instances"] }))).MetricAlarms[0];
  assert.equal(alarm.StateValue, "ALARM");
  assert.match(alarm.StateReason, /^Threshold Crossed: 1 out of the last 1 datapoints \[1\.0 /);
  const mails = (await admin("GET", `outbox?endpoint=${email}`)).messages.filter((m) => m.message_type === "Notification");
  assert.equal(mails.length, 1);
  assert.equal(mails[0].subject, 'ALARM: "js-run-instances" in US East (N. Virginia)');
  const status = await cloudtrail.send(new GetTrailStatusCommand({ Name: "Write_Resource" }));
  assert.ok(status.LatestDeliveryTime instanceof Date);
  assert.ok(status.LatestCloudWatchLogsDeliveryTime instanceof Date);
  const stream = await logs.send(new GetLogEventsCommand({ logGroupName: group,
    logStreamName: `${account}_CloudTrail_us-east-1` }));
  const names = stream.events.map((e) => JSON.parse(e.message).eventName);
  assert.ok(names.includes("RunInstances"));
  assert.ok(!names.includes("DescribeInstances"));
});
