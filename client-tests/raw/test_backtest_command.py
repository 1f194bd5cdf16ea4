"""`trailbox backtest` on the fixture day (fixtures/cloudtrail/backtest/day: AWS's sample records as a trail bucket
synced to disk) with the CIS rules (fixtures/cloudtrail/cis-rules.yaml): matches per filter, the alarms'
transitions with AWS's reason texts, the skipped files, the text report, and exit code 2 with AWS's error for a
rule the service refuses or input that cannot be read. Runs the binary directly (TRAILBOX_BINARY, default
build/trailbox); needs no server."""
import gzip
import json
import os
import subprocess
import tempfile
import unittest

from server_process import BINARY, ROOT

TRAILBOX = os.environ.get("TRAILBOX_BINARY", BINARY)
DAY = os.path.join(ROOT, "fixtures", "cloudtrail", "backtest", "day")
CIS_RULES = os.path.join(ROOT, "fixtures", "cloudtrail", "cis-rules.yaml")
NO_DATA = "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as " \
          "[NonBreaching]."


def backtest(*args):
    return subprocess.run([TRAILBOX, "backtest", *args], capture_output=True, text=True, timeout=60)


class BacktestCommandTest(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory(prefix="trailbox-backtest-test-")
        self.addCleanup(self.directory.cleanup)

    def write(self, name, data):
        path = os.path.join(self.directory.name, name)
        with open(path, "wb" if isinstance(data, bytes) else "w") as f:
            f.write(data)
        return path

    def report(self):
        result = backtest("--rules", CIS_RULES, "--report", "json", DAY)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_cis_filters_match_the_days_events(self):
        report = self.report()
        self.assertEqual(len(report["files"]["read"]), 24)
        self.assertEqual(report["records"], {"read": 64, "skipped": 0, "skipped_listed": []})
        self.assertEqual(report["time_range"], {"first": "2024-05-01T00:07:00Z", "last": "2024-05-01T23:37:00Z"})
        matches = {f["filter_name"]: (f["matches"], f["first_match"], f["last_match"]) for f in report["filters"]}
        self.assertEqual(len(matches), 15)
        self.assertEqual(matches["RootAccountUsage"], (1, "2024-05-01T16:00:00Z", "2024-05-01T16:00:00Z"))
        self.assertEqual(matches["UnauthorizedAPICalls"], (2, "2024-05-01T09:15:00Z", "2024-05-01T14:30:00Z"))
        self.assertEqual(matches["ConsoleSigninFailures"], (4, "2024-05-01T12:00:10Z", "2024-05-01T12:03:40Z"))
        self.assertEqual(matches["CloudTrailChanges"], (1, "2024-05-01T11:20:00Z", "2024-05-01T11:20:00Z"))
        self.assertEqual(matches["SecurityGroupChanges"], (1, "2024-05-01T10:00:30Z", "2024-05-01T10:00:30Z"))
        self.assertEqual(matches["ConsoleSigninWithoutMFA"], (0, None, None))
        self.assertEqual(sum(m[0] for m in matches.values()), 9)
        log_groups = {f["filter_name"]: f["log_group_name"] for f in report["filters"]}
        self.assertEqual(log_groups["RootAccountUsage"], "CloudTrail/DefaultLogGroup")
        self.assertEqual(log_groups["IAMPolicyChanges"], "backtest")

    def test_skipped_files_carry_the_reason(self):
        skipped = {os.path.basename(s["path"]): s["reason"] for s in self.report()["files"]["skipped"]}
        self.assertEqual(skipped, {
            "README.txt": "not a .json or .json.gz file",
            "111122223333_CloudTrail-Digest_us-east-1_management_us-east-1_20240501T130000Z.json.gz":
                "digest file (CloudTrail-Digest)",
            "sns-delivery-message.json": "not a CloudTrail log file (no Records array)",
        })

    def test_alarm_fires_when_the_failed_sign_ins_come_and_returns_to_ok(self):
        alarms = {a["alarm_name"]: a for a in self.report()["alarms"]}
        self.assertEqual(list(alarms), ["cis-console-signin-failures", "cis-unauthorized-api-calls",
                                        "cis-root-account-usage"])
        alarm = alarms["cis-console-signin-failures"]
        self.assertEqual(alarm["metric"], {"namespace": "CISBenchmark", "name": "ConsoleSigninFailureCount",
                                           "dimensions": []})
        self.assertEqual([(t["time"], t["from"], t["to"]) for t in alarm["transitions"]], [
            ("2024-05-01T00:08:00Z", "INSUFFICIENT_DATA", "OK"),
            ("2024-05-01T12:05:00Z", "OK", "ALARM"),
            ("2024-05-01T12:20:00Z", "ALARM", "OK"),
        ])
        self.assertEqual(alarm["transitions"][0]["reason"], NO_DATA)
        self.assertEqual(alarm["transitions"][1]["reason"],
                         "Threshold Crossed: 1 out of the last 1 datapoints [4.0 (01/05/24 12:00:00)] was greater "
                         "than or equal to the threshold (3.0) (minimum 1 datapoint for OK -> ALARM transition).")
        self.assertEqual(alarm["transitions"][1]["reason_data"]["recentDatapoints"], [4.0])
        self.assertEqual(alarm["transitions"][1]["reason_data"]["threshold"], 3.0)
        self.assertEqual(alarm["final_state"], "OK")
        self.assertEqual(alarm["seconds_in_alarm"], 900)
        unauthorized = alarms["cis-unauthorized-api-calls"]
        self.assertEqual([t["to"] for t in unauthorized["transitions"]], ["OK", "ALARM", "OK", "ALARM", "OK"])
        self.assertEqual(unauthorized["seconds_in_alarm"], 1800)
        root = alarms["cis-root-account-usage"]
        self.assertEqual([(t["time"], t["to"]) for t in root["transitions"][1:]],
                         [("2024-05-01T16:01:00Z", "ALARM"), ("2024-05-01T16:04:00Z", "OK")])

    def test_text_report_to_a_file(self):
        output = os.path.join(self.directory.name, "report.txt")
        result = backtest("--rules", CIS_RULES, "--output", output, DAY)
        self.assertEqual((result.returncode, result.stdout), (0, ""), result.stderr)
        with open(output) as f:
            text = f.read()
        self.assertIn("read 24 files, 64 records from 2024-05-01T00:07:00Z to 2024-05-01T23:37:00Z", text)
        self.assertIn("       4  ConsoleSigninFailures  2024-05-01T12:00:10Z .. 2024-05-01T12:03:40Z", text)
        self.assertIn("cis-console-signin-failures on CISBenchmark/ConsoleSigninFailureCount: 15m in ALARM, ends in OK",
                      text)
        self.assertIn("2024-05-01T12:05:00Z  OK -> ALARM  Threshold Crossed: 1 out of the last 1 datapoints", text)
        self.assertRegex(text, r"elapsed \d+ ms, \d+ records/s")

    def test_single_files_plain_and_gzip(self):
        records = [{"eventTime": "2024-05-01T10:00:00Z", "eventName": "UpdateTrail", "eventSource":
                    "cloudtrail.amazonaws.com"}]
        plain = self.write("one.json", json.dumps({"Records": records}, indent=2))
        packed = self.write("two.json.gz", gzip.compress(json.dumps({"Records": records * 2}).encode()))
        result = backtest("--rules", CIS_RULES, "--report", "json", plain, packed)
        self.assertEqual(result.returncode, 0, result.stderr)
        report = json.loads(result.stdout)
        self.assertEqual(report["records"]["read"], 3)
        self.assertEqual({f["filter_name"]: f["matches"] for f in report["filters"]}["CloudTrailChanges"], 3)

    def test_a_rule_aws_refuses_exits_2_with_its_error(self):
        rules = self.write("bad.yaml", """metricFilters:
  - filterName: Broken
    filterPattern: '{ $.eventName = }'
    metricTransformations: [{metricName: N, metricNamespace: X, metricValue: "1"}]
""")
        result = backtest("--rules", rules, DAY)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stdout, "")
        self.assertIn("metricFilters[0] (Broken): logs.PutMetricFilter refused it: InvalidParameterException: "
                      "Invalid metric filter pattern", result.stderr)

    def test_an_alarm_aws_refuses_exits_2_with_its_error(self):
        rules = self.write("bad-alarm.json", json.dumps({"MetricAlarms": [{
            "AlarmName": "too-long", "Namespace": "X", "MetricName": "N", "Statistic": "Sum", "Period": 3600,
            "EvaluationPeriods": 25, "Threshold": 1, "ComparisonOperator": "GreaterThanThreshold"}]}))
        result = backtest("--rules", rules, DAY)
        self.assertEqual(result.returncode, 2)
        self.assertIn("MetricAlarms[0] (too-long): cloudwatch.PutMetricAlarm refused it: ValidationError: Metrics "
                      "cannot be checked across more than a day (EvaluationPeriods * Period must be <= 86400).",
                      result.stderr)

    def test_unreadable_input_exits_2(self):
        result = backtest("--rules", CIS_RULES, os.path.join(self.directory.name, "missing"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("missing: no such file or directory", result.stderr)
        broken = self.write("broken.json.gz", gzip.compress(b'{"Records":[]}')[:12])
        result = backtest("--rules", CIS_RULES, broken)
        self.assertEqual(result.returncode, 2)
        self.assertIn("broken.json.gz: not a valid gzip file", result.stderr)

    def test_usage(self):
        self.assertEqual(backtest("--help").returncode, 0)
        result = backtest(DAY)
        self.assertEqual(result.returncode, 2)
        self.assertIn("missing --rules RULES", result.stderr)
        self.assertEqual(backtest("--rules", CIS_RULES, "--report", "xml", DAY).returncode, 2)


if __name__ == "__main__":
    unittest.main()
