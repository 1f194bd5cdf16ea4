// Scenario files (loader.hpp): defaults, every step kind, and load errors that name the file, line, step and
// member.
#include "scenario/loader.hpp"

#include <gtest/gtest.h>

#include "core/time_format.hpp"

namespace trailbox::scenario {
namespace {

std::string LoadErrorOf(const std::string& yaml) {
  try {
    LoadScenario(yaml, "bad.yaml");
  } catch (const LoadError& error) {
    return error.what();
  }
  return "loaded";
}

TEST(ScenarioLoader, DefaultsAndEveryStepKind) {
  Scenario scenario = LoadScenario(R"(
name: all kinds
steps:
  - call: sns.CreateTopic
    input: {Name: t}
    save: {topic: TopicArn}
  - call: ec2.RunInstances
    input: {ImageId: ami-12345678, MinCount: 1, MaxCount: 1}
    as: {user: alice}
    expect_error: {code: InvalidAMIID.NotFound}
  - inject: [{eventSource: signin.amazonaws.com, eventName: ConsoleLogin}]
  - advance: 1h30m
  - flush: true
  - confirm_subscription: {endpoint: a@example.com}
  - name: checks
    expect:
      alarm: [{name: a, state: OK}, {name: b, reason_contains: x}]
      call: {call: sns.GetTopicAttributes, input: {TopicArn: "${topic}"}, has: [Attributes]}
)", "all.yaml");
  EXPECT_EQ(scenario.name, "all kinds");
  EXPECT_EQ(scenario.start, DefaultStart());
  EXPECT_EQ(FormatIso8601(ToEpochSeconds(scenario.start)), "2026-01-01T00:00:00Z");
  EXPECT_EQ(scenario.region, "us-east-1");
  EXPECT_EQ(scenario.delivery_interval, 300);
  ASSERT_EQ(scenario.steps.size(), 7u);
  EXPECT_EQ(scenario.steps[0].Describe(), "call sns.CreateTopic");
  EXPECT_EQ(scenario.steps[0].call.saves.at(0), (std::pair<std::string, std::string>{"topic", "TopicArn"}));
  EXPECT_EQ(scenario.steps[1].call.caller.user, "alice");
  EXPECT_EQ(scenario.steps[1].call.input["MinCount"], 1);
  EXPECT_EQ(scenario.steps[1].Describe(), "call ec2.RunInstances (expect InvalidAMIID.NotFound)");
  EXPECT_EQ(scenario.steps[2].records.size(), 1u);
  EXPECT_EQ(scenario.steps[3].advance, Duration(5400000));
  EXPECT_EQ(scenario.steps[3].Describe(), "advance 1h30m");
  EXPECT_EQ(scenario.steps[5].endpoint, "a@example.com");
  EXPECT_EQ(scenario.steps[6].label, "checks");
  EXPECT_EQ(scenario.steps[6].checks.size(), 3u);
  EXPECT_EQ(scenario.steps[6].Describe(), "expect alarm, alarm, call");
  EXPECT_EQ(scenario.steps[6].line, 15);
}

TEST(ScenarioLoader, HeaderSettings) {
  Scenario scenario = LoadScenario(R"(
name: n
start: 2026-03-01T12:00:00Z
delivery_interval: 90s
region: eu-west-1
as: {role: deployer, session: ci}
steps: [{call: sts.GetCallerIdentity}]
)", "h.yaml");
  EXPECT_EQ(ToEpochSeconds(scenario.start), *ParseIso8601("2026-03-01T12:00:00Z"));
  EXPECT_EQ(scenario.delivery_interval, 90);
  EXPECT_EQ(scenario.region, "eu-west-1");
  EXPECT_EQ(scenario.steps[0].call.caller.role, "deployer");
  EXPECT_EQ(scenario.steps[0].call.caller.session, "ci");
}

TEST(ScenarioLoader, ErrorsNameFileLineStepAndMember) {
  EXPECT_EQ(LoadErrorOf("steps: [{flush: true}]"), "bad.yaml:1: name: missing (every scenario has a name)");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - call: s3.CreateBucket\n    input: {Bukket: b}\n"),
            "bad.yaml:4: step 1 (call s3.CreateBucket): input.Bukket: no such member (members: ACL, Bucket, "
            "CreateBucketConfiguration, GrantFullControl, GrantRead, GrantReadACP, GrantWrite, GrantWriteACP, "
            "ObjectLockEnabledForBucket, ObjectOwnership)");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - call: cloudwatch.PutMetricAlarm\n    input: {AlarmName: a, Period: "
                        "soon}\n"),
            "bad.yaml:4: step 1 (call cloudwatch.PutMetricAlarm): input.Period: expected an integer, got 'soon'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - advance: 5m\n    flush: true\n"),
            "bad.yaml:3: step 1: a step does one thing: both advance and flush");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - advance: later\n"),
            "bad.yaml:3: step 1: advance: expected a duration such as 90s, 5m, 2h, 31d or 1h30m");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - call: CreateBucket\n"),
            "bad.yaml:3: step 1 (call CreateBucket): call: expected <service>.<Operation>, e.g. s3.CreateBucket, got 'CreateBucket'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - call: s3.MakeBucket\n"),
            "bad.yaml:3: step 1 (call s3.MakeBucket): input: the s3 model has no operation 'MakeBucket'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - flush: true\n  - call: sns.Publish\n    input: {TopicArn: '${t}', "
                        "Message: m}\n"),
            "bad.yaml:4: step 2 (call sns.Publish): ${t}: no earlier step saves a value named 't'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - expect:\n      alarm: {state: OK}\n"),
            "bad.yaml:4: step 1: expect.alarm.name: missing");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - expect:\n      alarm: {name: a, state: RED}\n"),
            "bad.yaml:4: step 1: expect.alarm.state: expected OK, ALARM or INSUFFICIENT_DATA, got 'RED'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - expect:\n      weather: {sunny: true}\n"),
            "bad.yaml:4: step 1: expect.weather: unknown key (expected one of alarm, email, metric, trail_records, "
            "log_events, call)");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - expect:\n      call: {call: cloudtrail.GetTrailStatus, input: {Name: t},"
                        " output: {IsLogging: yes}}\n"),
            "bad.yaml:4: step 1: expect.call.output.IsLogging: expected true or false, got 'yes'");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - expect:\n      email: {to: a@example.com, count: many}\n"),
            "bad.yaml:4: step 1: expect.email.count: expected a count (0 or more)");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps:\n  - inject: {eventName: X}\n"),
            "bad.yaml:3: step 1: inject[0]: a record needs eventSource and eventName");
  EXPECT_EQ(LoadErrorOf("name: n\nsteps: [{call: s3.ListBuckets, as: {account: 123}}]\n"),
            "bad.yaml:2: step 1 (call s3.ListBuckets): as.account: expected a 12-digit account id (quote it)");
  EXPECT_EQ(LoadErrorOf("name: [unclosed\n").substr(0, 11), "bad.yaml:2:");
}

TEST(ScenarioLoader, UnreadableFile) {
  EXPECT_THROW(LoadScenarioFile("/nonexistent/scenario.yaml"), LoadError);
}

TEST(ScenarioLoader, FindPathAndSubstitute) {
  Json output = Json::parse(R"({"Instances": [{"InstanceId": "i-1", "Tags": []}], "Count": 2})");
  EXPECT_EQ(*FindPath(output, "Instances[0].InstanceId"), "i-1");
  EXPECT_EQ(*FindPath(output, "Count"), 2);
  EXPECT_EQ(FindPath(output, "Instances[1].InstanceId"), nullptr);
  EXPECT_EQ(FindPath(output, "Instances[x]"), nullptr);
  EXPECT_EQ(FindPath(output, "Missing"), nullptr);
  Json substituted = Substitute(Json{{"Ids", {"${id}", "x-${id}-${n}"}}, {"Count", 3}}, {{"id", "i-1"}, {"n", "2"}});
  EXPECT_EQ(substituted, (Json{{"Ids", {"i-1", "x-i-1-2"}}, {"Count", 3}}));
  EXPECT_THROW(Substitute(Json("${nope}"), {}), std::out_of_range);
}

}  // namespace
}  // namespace trailbox::scenario
