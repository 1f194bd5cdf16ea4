"""`trailbox run` proven to fail: a temporary scenario whose expectations cannot hold exits 1 and its JUnit report
carries the failures; a passing one exits 0; a file that does not load exits 2 naming the file, step and member;
the shipped scenarios (scenarios/*.yaml) all pass. Runs the binary directly (TRAILBOX_BINARY, default
build/trailbox); needs no server."""
import json
import os
import subprocess
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree

from server_process import BINARY, ROOT

TRAILBOX = os.environ.get("TRAILBOX_BINARY", BINARY)

FAILING = """
name: deliberately failing
description: an alarm that never fires, an email never sent, a call answering another error than expected
steps:
  - call: cloudwatch.PutMetricAlarm
    input: {AlarmName: quiet, Namespace: App, MetricName: Errors, Statistic: Sum, Period: 60, EvaluationPeriods: 1,
            Threshold: 1, ComparisonOperator: GreaterThanOrEqualToThreshold}
  - advance: 5m
  - name: impossible expectations
    expect:
      alarm: {name: quiet, state: ALARM}
      email: {to: nobody@example.com, count: 1}
  - call: ec2.RunInstances
    input: {ImageId: ami-12345678, MinCount: 1, MaxCount: 1}
    expect_error: {code: InvalidParameterValue}
  - expect:
      alarm: {name: quiet, state: INSUFFICIENT_DATA}
"""

PASSING = """
name: passing
steps:
  - call: sns.CreateTopic
    input: {Name: topic}
    save: {topic: TopicArn}
  - expect:
      call: {call: sns.GetTopicAttributes, input: {TopicArn: "${topic}"}, has: [Attributes.TopicArn]}
"""


def run(*args):
    return subprocess.run([TRAILBOX, "run", *args], capture_output=True, text=True, timeout=120)


class RunCommandTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="trailbox-run-test-")
        self.addCleanup(self.directory.cleanup)

    def write(self, name, text):
        path = os.path.join(self.directory.name, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_a_failing_scenario_exits_1_with_its_failures_in_junit(self):
        failing = self.write("failing.yaml", FAILING)
        report = os.path.join(self.directory.name, "report.xml")
        result = run("--report", "junit", "--output", report, failing)
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("1 of 1 scenarios failed", result.stderr)
        root = ElementTree.parse(report).getroot()
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual((root.get("tests"), root.get("failures"), root.get("skipped")), ("3", "2", "1"))
        suite = root.find("testsuite")
        self.assertEqual(suite.get("name"), "deliberately failing")
        cases = suite.findall("testcase")
        self.assertEqual([c.get("name") for c in cases],
                         ["step 3: impossible expectations", "step 4: call ec2.RunInstances (expect InvalidParameterValue)",
                          "step 5: expect alarm"])
        failure = cases[0].find("failure")
        self.assertEqual(failure.get("type"), "expectation")
        self.assertTrue(failure.get("message").startswith("alarm quiet is ALARM: state is INSUFFICIENT_DATA"))
        self.assertIn("email to nobody@example.com (1): expected 1 matching email, found 0", failure.text)
        self.assertEqual(cases[1].find("failure").get("message"),
                         "expected InvalidParameterValue, got InvalidAMIID.NotFound "
                         "'The image id '[ami-12345678]' does not exist'")
        self.assertIsNotNone(cases[2].find("skipped"))

    def test_text_and_json_reports(self):
        failing = self.write("failing.yaml", FAILING)
        passing = self.write("passing.yaml", PASSING)
        text = run(passing, failing)
        self.assertEqual(text.returncode, 1)
        self.assertIn("✗ alarm quiet is ALARM: state is INSUFFICIENT_DATA", text.stdout)
        self.assertIn(f"✓ {passing}: 2 steps, 1 checks passed, ", text.stdout)
        self.assertIn("1 of 2 scenarios failed in ", text.stdout)
        report = json.loads(run("--report", "json", passing).stdout)
        self.assertEqual((report["passed"], report["scenarios_run"]), (True, 1))
        self.assertEqual(report["scenarios"][0]["steps"][0]["detail"][:30], "topic = arn:aws:sns:us-east-1:")
        self.assertEqual(run(passing).returncode, 0)

    def test_a_file_that_does_not_load_exits_2(self):
        broken = self.write("broken.yaml", "name: broken\nsteps:\n  - call: s3.CreateBucket\n    input: {Bukket: b}\n")
        result = run(broken)
        self.assertEqual(result.returncode, 2)
        self.assertIn(f"{broken}:4: step 1 (call s3.CreateBucket): input.Bukket: no such member", result.stdout)
        self.assertEqual(run("--report", "yaml", broken).returncode, 2)
        self.assertEqual(run().returncode, 2)

    def test_the_shipped_scenarios_pass(self):
        folder = os.path.join(ROOT, "scenarios")
        files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".yaml"))
        result = run("--report", "json", *files)
        self.assertEqual(result.returncode, 0, result.stdout[-3000:])
        self.assertGreaterEqual(len(json.loads(result.stdout)["scenarios"]), 4)


if __name__ == "__main__":
    unittest.main()
