"""CloudWatch Logs and CloudWatch metrics through the AWS CLI v1 and v2 (v2 speaks awsQuery to CloudWatch; v1 with
recent botocore speaks what its model prefers): the walkthrough's RunInstances metric filter on CloudTrail-shaped
events, read back with get-metric-statistics and get-metric-data; test-metric-filter with each pattern family;
filter-log-events with JSON and space-delimited patterns; retention after a virtual-clock advance; errors."""
import datetime
import json
import os
import tempfile
import unittest

import support

RUN_INSTANCES = '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }'


def now_ms():
    return support.admin("GET", "clock")[1]["epoch_millis"]


def iso(millis):
    return datetime.datetime.fromtimestamp(millis / 1000, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def record(event_name, source="ec2.amazonaws.com"):
    return json.dumps({"eventVersion": "1.11", "eventSource": source, "eventName": event_name,
                       "awsRegion": "us-east-1", "userIdentity": {"type": "Root"}}, separators=(",", ":"))


def json_file(document):
    handle, path = tempfile.mkstemp(suffix=".json")
    with os.fdopen(handle, "w") as f:
        json.dump(document, f)
    return "file://" + path


class LogsCliTest(support.CliTestCase):
    def put_events(self, aws, messages, stream="trail-stream"):
        start = now_ms() - 30_000
        events = [{"timestamp": start + i, "message": m} for i, m in enumerate(messages)]
        return support.run_cli(aws, "logs", "put-log-events", "--log-group-name", "trail",
                               "--log-stream-name", stream, "--log-events", json_file(events))

    def test_run_instances_metric_filter(self):
        def check(aws):
            support.run_cli(aws, "logs", "create-log-group", "--log-group-name", "trail")
            support.run_cli(aws, "logs", "create-log-stream", "--log-group-name", "trail",
                            "--log-stream-name", "trail-stream")
            self.assert_cli_error(aws, "ResourceAlreadyExistsException", "logs", "create-log-group",
                                  "--log-group-name", "trail")
            support.run_cli(aws, "logs", "put-metric-filter", "--log-group-name", "trail", "--filter-name",
                            "RunInstances", "--filter-pattern", RUN_INSTANCES, "--metric-transformations",
                            "metricName=RunInstancesCount,metricNamespace=CloudTrailMetrics,metricValue=1")
            filters = support.run_cli(aws, "logs", "describe-metric-filters", "--log-group-name", "trail")
            self.assertEqual(filters["metricFilters"][0]["filterPattern"], RUN_INSTANCES)
            self.put_events(aws, [record("RunInstances"), record("TerminateInstances"), record("RunInstances"),
                                  record("RunInstances", source="lambda.amazonaws.com"), record("RunInstances")])
            now = now_ms()
            stats = support.run_cli(aws, "cloudwatch", "get-metric-statistics", "--namespace", "CloudTrailMetrics",
                                    "--metric-name", "RunInstancesCount", "--start-time", iso(now - 3600_000),
                                    "--end-time", iso(now + 60_000), "--period", "3600", "--statistics", "Sum")
            self.assertEqual([p["Sum"] for p in stats["Datapoints"]], [3.0])
            queries = [{"Id": "runs", "MetricStat": {
                "Metric": {"Namespace": "CloudTrailMetrics", "MetricName": "RunInstancesCount"},
                "Period": 3600, "Stat": "Sum"}}]
            data = support.run_cli(aws, "cloudwatch", "get-metric-data", "--start-time", iso(now - 3600_000),
                                   "--end-time", iso(now + 60_000), "--metric-data-queries", json_file(queries))
            self.assertEqual(data["MetricDataResults"][0]["Values"], [3.0])
            metrics = support.run_cli(aws, "cloudwatch", "list-metrics", "--namespace", "CloudTrailMetrics")
            self.assertEqual([m["MetricName"] for m in metrics["Metrics"]], ["RunInstancesCount"])
            self.assert_cli_error(aws, "InvalidParameterValue", "cloudwatch", "get-metric-statistics",
                                  "--namespace", "N", "--metric-name", "m", "--start-time", iso(now - 3600_000),
                                  "--end-time", iso(now), "--period", "90", "--statistics", "Sum")
        self.for_each_cli(check)

    def test_test_metric_filter_and_filter_log_events(self):
        def check(aws):
            support.run_cli(aws, "logs", "create-log-group", "--log-group-name", "trail")
            support.run_cli(aws, "logs", "create-log-stream", "--log-group-name", "trail",
                            "--log-stream-name", "trail-stream")
            apache = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534'
            messages = [record("RunInstances"), "ERROR disk full", apache]
            families = {RUN_INSTANCES: [0], "ERROR": [1], "%disk f[a-z]+%": [1],
                        "[ip, id, user, timestamp, request, status_code=4*, size]": [2]}
            for pattern, expected in families.items():
                answer = support.run_cli(aws, "logs", "test-metric-filter", "--filter-pattern", pattern,
                                         "--log-event-messages", *messages)
                self.assertEqual([m["eventNumber"] for m in answer["matches"]], expected, pattern)
            delimited = support.run_cli(aws, "logs", "test-metric-filter", "--filter-pattern", "[..., status, size]",
                                        "--log-event-messages", apache)["matches"][0]["extractedValues"]
            self.assertEqual(delimited["$status"], "404")
            self.assertEqual(delimited["$5"], "GET /index.html HTTP/1.0")
            self.assert_cli_error(aws, "If a filter pattern starts with '{' it must end with '}'", "logs",
                                  "test-metric-filter", "--filter-pattern", "{ $.eventName = x",
                                  "--log-event-messages", "x")

            self.put_events(aws, messages)
            found = support.run_cli(aws, "logs", "filter-log-events", "--log-group-name", "trail",
                                    "--filter-pattern", '{ $.eventName = "RunInstances" }')
            self.assertEqual([json.loads(e["message"])["eventName"] for e in found["events"]], ["RunInstances"])
            found = support.run_cli(aws, "logs", "filter-log-events", "--log-group-name", "trail",
                                    "--filter-pattern", "[ip, id, user, timestamp, request, status_code=404, size]")
            self.assertEqual([e["message"] for e in found["events"]], [apache])
            self.assert_cli_error(aws, "ResourceNotFoundException", "logs", "filter-log-events",
                                  "--log-group-name", "missing")
        self.for_each_cli(check)

    def test_retention_after_clock_advance(self):
        def check(aws):
            support.run_cli(aws, "logs", "create-log-group", "--log-group-name", "trail")
            support.run_cli(aws, "logs", "create-log-stream", "--log-group-name", "trail",
                            "--log-stream-name", "trail-stream")
            self.assert_cli_error(aws, "InvalidParameterException", "logs", "put-retention-policy",
                                  "--log-group-name", "trail", "--retention-in-days", "2")
            support.run_cli(aws, "logs", "put-retention-policy", "--log-group-name", "trail",
                            "--retention-in-days", "3")
            self.put_events(aws, ["kept for three days"])
            group = support.run_cli(aws, "logs", "describe-log-groups")["logGroups"][0]
            self.assertEqual((group["retentionInDays"], group["storedBytes"]), (3, len("kept for three days")))
            support.admin("POST", "clock", {"advance": "8d"})
            events = support.run_cli(aws, "logs", "get-log-events", "--log-group-name", "trail",
                                     "--log-stream-name", "trail-stream")["events"]
            self.assertEqual(events, [])
            self.assertEqual(support.run_cli(aws, "logs", "describe-log-groups")["logGroups"][0]["storedBytes"], 0)
        self.for_each_cli(check)


if __name__ == "__main__":
    unittest.main()
