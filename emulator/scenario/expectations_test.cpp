// Every check kind of `expect:` steps passing and failing with a readable detail, run in-process (runner.hpp),
// and the run's rules: a failed step stops the run, a failed expectation does not, checks leave no records.
#include "scenario/expectations.hpp"

#include <gtest/gtest.h>

#include "scenario/runner.hpp"

namespace trailbox::scenario {
namespace {

ScenarioResult RunSteps(const std::string& steps) {
  return RunScenario(LoadScenario("name: test\nsteps:\n" + steps, "test.yaml"));
}

// The checks of the scenario's last step.
const std::vector<CheckResult>& LastChecks(const ScenarioResult& result) { return result.steps.back().checks; }

// Trail "test-trail" writing to bucket "test-trail" and, through its role, to log group "g".
constexpr const char* kTrail = R"(
  - call: s3.CreateBucket
    input: {Bucket: test-trail}
  - call: s3.PutBucketPolicy
    input:
      Bucket: test-trail
      Policy:
        Version: "2012-10-17"
        Statement:
          - {Effect: Allow, Principal: {Service: cloudtrail.amazonaws.com}, Action: ["s3:GetBucketAcl", "s3:PutObject"],
             Resource: ["arn:aws:s3:::test-trail", "arn:aws:s3:::test-trail/*"]}
  - call: iam.CreateRole
    input:
      RoleName: r
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {Service: cloudtrail.amazonaws.com}, Action: "sts:AssumeRole"}]}
  - call: iam.PutRolePolicy
    input:
      RoleName: r
      PolicyName: p
      PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*"}]}
  - call: logs.CreateLogGroup
    input: {logGroupName: g}
  - call: cloudtrail.CreateTrail
    input: {Name: test-trail, S3BucketName: test-trail, CloudWatchLogsLogGroupArn: "arn:aws:logs:us-east-1:000000000000:log-group:g:*",
            CloudWatchLogsRoleArn: "arn:aws:iam::000000000000:role/r"}
  - call: cloudtrail.StartLogging
    input: {Name: test-trail}
  - call: iam.CreateUser
    input: {UserName: u}
  - flush: true
)";

TEST(Expectations, TrailRecordsAndLogEventsPassAndFail) {
  ScenarioResult result = RunSteps(std::string(kTrail) + R"(
  - expect:
      trail_records: [{bucket: test-trail, include: [CreateUser, StartLogging], exclude: [DescribeTrails]},
                      {bucket: test-trail, include: [DeleteUser], exclude: [CreateUser]},
                      {bucket: test-trail, count: 99}]
      log_events: [{group: g, include: [CreateUser]}, {group: g, exclude: [CreateUser]}]
)");
  const auto& checks = LastChecks(result);
  ASSERT_EQ(checks.size(), 5u);
  EXPECT_TRUE(checks[0].passed) << checks[0].detail;
  EXPECT_EQ(checks[0].what, "trail_records in s3://test-trail (1 log files)");
  EXPECT_FALSE(checks[1].passed);
  EXPECT_EQ(checks[1].detail.substr(0, 67), "DeleteUser is missing, CreateUser is present (1x); found 2 events: ");
  EXPECT_FALSE(checks[2].passed);
  EXPECT_EQ(checks[2].detail.substr(0, 34), "expected 99 events, found 2; found");
  EXPECT_TRUE(checks[3].passed) << checks[3].detail;
  EXPECT_FALSE(checks[4].passed);
  EXPECT_EQ(checks[4].detail.substr(0, 30), "CreateUser is present (1x); fo");
  EXPECT_FALSE(result.passed());
  EXPECT_EQ(result.checks_failed(), 3u);
}

TEST(Expectations, ChecksLeaveNoRecords) {
  ScenarioResult result = RunSteps(std::string(kTrail) + R"(
  - expect:
      call: {call: cloudtrail.GetTrailStatus, input: {Name: test-trail}, output: {IsLogging: true}}
      alarm: {name: nothing, state: OK}
  - flush: true
  - expect:
      trail_records: {bucket: test-trail, exclude: [GetTrailStatus, DescribeAlarms, ListObjectsV2, GetObject]}
)");
  ASSERT_EQ(LastChecks(result).size(), 1u);
  EXPECT_TRUE(LastChecks(result)[0].passed) << LastChecks(result)[0].detail;
}

TEST(Expectations, CallOutputHasAndLacks) {
  ScenarioResult result = RunSteps(std::string(kTrail) + R"(
  - expect:
      call:
        - {call: cloudtrail.GetTrailStatus, input: {Name: test-trail}, output: {IsLogging: true}, has: [LatestDeliveryTime],
           lacks: [LatestDeliveryError]}
        - {call: cloudtrail.GetTrailStatus, input: {Name: test-trail}, output: {IsLogging: false}}
        - {call: cloudtrail.GetTrailStatus, input: {Name: test-trail}, has: [LatestDeliveryError], lacks: [IsLogging]}
        - {call: cloudtrail.GetTrailStatus, input: {Name: missing}}
)");
  const auto& checks = LastChecks(result);
  ASSERT_EQ(checks.size(), 4u);
  EXPECT_TRUE(checks[0].passed) << checks[0].detail;
  EXPECT_EQ(checks[1].detail.substr(0, 40), "IsLogging: expected false, got true; out");
  EXPECT_EQ(checks[2].detail.substr(0, 64), "LatestDeliveryError is missing, IsLogging is present: true; outp");
  EXPECT_EQ(checks[3].detail,
            "failed with TrailNotFoundException: Unknown trail: "
            "arn:aws:cloudtrail:us-east-1:000000000000:trail/missing for the user: 000000000000");
}

TEST(Expectations, AlarmEmailAndMetric) {
  ScenarioResult result = RunSteps(R"(
  - call: sns.CreateTopic
    input: {Name: alerts}
    save: {topic: TopicArn}
  - call: sns.Subscribe
    input: {TopicArn: "${topic}", Protocol: email, Endpoint: ops@example.com}
  - confirm_subscription: ops@example.com
  - call: cloudwatch.PutMetricAlarm
    input: {AlarmName: high, Namespace: App, MetricName: Errors, Statistic: Sum, Period: 60, EvaluationPeriods: 1,
            Threshold: 2, ComparisonOperator: GreaterThanThreshold, AlarmActions: ["${topic}"]}
  - call: cloudwatch.PutMetricData
    input: {Namespace: App, MetricData: [{MetricName: Errors, Value: 3, Timestamp: 2026-01-01T00:00:10Z}]}
  - advance: 3m
  - expect:
      alarm: [{name: high, state: ALARM, reason_contains: Threshold Crossed}, {name: high, state: OK},
              {name: absent, state: OK}]
      email: [{to: ops@example.com, count: 1, subject: 'ALARM: "high" in US East (N. Virginia)'},
              {to: ops@example.com, count: 2}, {to: nobody@example.com}]
      metric: [{namespace: App, name: Errors, value: 3}, {namespace: App, name: Errors, statistic: Maximum, value: 4},
               {namespace: App, name: Other, value: 0}, {namespace: App, name: Other, statistic: Average, value: 0}]
)");
  const auto& checks = LastChecks(result);
  ASSERT_EQ(checks.size(), 10u);
  EXPECT_TRUE(checks[0].passed) << checks[0].detail;
  EXPECT_EQ(checks[1].what, "alarm high is OK");
  EXPECT_EQ(checks[1].detail.substr(0, 43), "state is ALARM (state ALARM, reason: 'Thres");
  EXPECT_EQ(checks[2].detail, "no alarm named 'absent'");
  EXPECT_TRUE(checks[3].passed) << checks[3].detail;
  EXPECT_EQ(checks[4].detail, "expected 2 matching emails, found 1; notifications to ops@example.com: "
                              "'ALARM: \"high\" in US East (N. Virginia)'");
  EXPECT_EQ(checks[5].detail, "expected at least 1 matching emails, found 0; notifications to nobody@example.com: none");
  EXPECT_TRUE(checks[6].passed) << checks[6].detail;
  EXPECT_EQ(checks[7].detail, "the value is 3 over 1 datapoints");
  EXPECT_TRUE(checks[8].passed) << checks[8].detail;
  EXPECT_EQ(checks[9].detail, "no datapoints");
}

TEST(Runner, AFailedStepStopsTheRunAndAFailedExpectationDoesNot) {
  ScenarioResult result = RunSteps(R"(
  - expect:
      alarm: {name: none, state: OK}
  - call: ec2.RunInstances
    input: {ImageId: ami-12345678, MinCount: 1, MaxCount: 1}
    expect_error: {code: InvalidAMIID.NotFound, message: "wrong text"}
  - call: s3.CreateBucket
    input: {Bucket: never}
)");
  ASSERT_EQ(result.steps.size(), 3u);
  EXPECT_EQ(result.steps[0].outcome, Outcome::kFailed);
  EXPECT_EQ(result.steps[1].outcome, Outcome::kFailed);
  EXPECT_EQ(result.steps[1].detail,
            "expected InvalidAMIID.NotFound 'wrong text', got InvalidAMIID.NotFound 'The image id '[ami-12345678]' "
            "does not exist'");
  EXPECT_EQ(result.steps[2].outcome, Outcome::kSkipped);
  EXPECT_EQ(result.failed_steps(), 2u);
}

TEST(Runner, CallsSaveAndSubstituteAndFailReadably) {
  ScenarioResult result = RunSteps(R"(
  - call: ec2.RunInstances
    input: {ImageId: ami-0c101f26f147fa7fd, MinCount: 1, MaxCount: 1}
    save: {instance: "Instances[0].InstanceId"}
  - call: ec2.DescribeInstances
    input: {InstanceIds: ["${instance}"]}
  - call: s3.GetObject
    input: {Bucket: none, Key: k}
)");
  EXPECT_EQ(result.steps[0].outcome, Outcome::kPassed);
  EXPECT_EQ(result.steps[0].detail.substr(0, 13), "instance = i-");
  EXPECT_EQ(result.steps[1].outcome, Outcome::kPassed) << result.steps[1].detail;
  EXPECT_EQ(result.steps[2].outcome, Outcome::kFailed);
  EXPECT_EQ(result.steps[2].detail, "failed with NoSuchBucket: The specified bucket does not exist");
}

TEST(Runner, CallersAreUsersAndRoleSessions) {
  ScenarioResult result = RunSteps(R"(
  - call: iam.CreateUser
    input: {UserName: alice}
  - call: iam.CreateRole
    input:
      RoleName: deployer
      AssumeRolePolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Principal: {AWS: "arn:aws:iam::000000000000:user/alice"}, Action: "sts:AssumeRole"}]}
  - call: sts.GetCallerIdentity
    as: {user: alice}
    save: {alice: Arn}
  - call: sts.GetCallerIdentity
    as: {user: alice, role: deployer, session: ci}
    save: {assumed: Arn}
  - call: sts.GetCallerIdentity
    as: {role: deployer, session: direct}
    save: {direct: Arn}
  - call: sts.GetCallerIdentity
    as: {user: bob}
)");
  EXPECT_EQ(result.steps[2].detail, "alice = arn:aws:iam::000000000000:user/alice");
  EXPECT_EQ(result.steps[3].detail, "assumed = arn:aws:sts::000000000000:assumed-role/deployer/ci");
  EXPECT_EQ(result.steps[4].detail, "direct = arn:aws:sts::000000000000:assumed-role/deployer/direct");
  EXPECT_EQ(result.steps[5].detail, "as: no IAM user named 'bob' in account 000000000000");
}

TEST(SubsetMismatch, ObjectsListsAndNumbers) {
  Json actual = Json::parse(R"({"a": 1, "b": [{"c": "x", "d": 2}], "e": 1.0})");
  EXPECT_EQ(SubsetMismatch(Json::parse(R"({"a": 1.0, "b": [{"c": "x"}]})"), actual), "");
  EXPECT_EQ(SubsetMismatch(Json::parse(R"({"b": [{"c": "y"}]})"), actual), "b[0].c: expected 'y', got 'x'");
  EXPECT_EQ(SubsetMismatch(Json::parse(R"({"b": []})"), actual), "b: expected 0 items, got 1");
  EXPECT_EQ(SubsetMismatch(Json::parse(R"({"z": true})"), actual), "z: missing (expected true)");
  EXPECT_EQ(SubsetMismatch(Json::parse(R"({"a": {"q": 1}})"), actual), "a: expected a structure, got 1");
}

}  // namespace
}  // namespace trailbox::scenario
