"""CloudWatch Logs through boto3 (awsJson1_1): log groups and streams, PutLogEvents' batch rules, GetLogEvents and
FilterLogEvents with their tokens, retention on the virtual clock, tags, and metric filters with every pattern
family, including the errors AWS answers for bad input."""
import json
import unittest

import botocore.exceptions

import support

RUN_INSTANCES = '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }'


def now_ms():
    return support.admin("GET", "clock")[1]["epoch_millis"]


def record(event_name, source="ec2.amazonaws.com", **extra):
    """A CloudTrail-shaped record, one line, as trail delivery writes it."""
    body = {"eventVersion": "1.11", "userIdentity": {"type": "IAMUser", "userName": "alice"},
            "eventSource": source, "eventName": event_name, "awsRegion": "us-east-1",
            "sourceIPAddress": "192.0.2.10"}
    body.update(extra)
    return json.dumps(body, separators=(",", ":"))


class LogsTestCase(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.logs = support.boto3_client("logs")

    def assertError(self, code, message, call, *args, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(*args, **kwargs)
        error = caught.exception.response["Error"]
        self.assertEqual(error["Code"], code)
        if message is not None:
            self.assertEqual(error["Message"], message)
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)
        return error

    def make_stream(self, group="trail", stream="s1"):
        if not self.logs.describe_log_groups(logGroupNamePrefix=group)["logGroups"]:
            self.logs.create_log_group(logGroupName=group)
        self.logs.create_log_stream(logGroupName=group, logStreamName=stream)

    def put(self, messages, group="trail", stream="s1", start=None, step=1000):
        start = now_ms() - 60_000 if start is None else start
        events = [{"timestamp": start + i * step, "message": m} for i, m in enumerate(messages)]
        return self.logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=events)


class LogGroupTest(LogsTestCase):
    def test_groups_and_streams(self):
        self.logs.create_log_group(logGroupName="/aws/cloudtrail/main", tags={"team": "sec"})
        self.logs.create_log_group(logGroupName="app-logs")
        self.assertError("ResourceAlreadyExistsException", "The specified log group already exists",
                         self.logs.create_log_group, logGroupName="app-logs")
        groups = self.logs.describe_log_groups()["logGroups"]
        self.assertEqual([g["logGroupName"] for g in groups], ["/aws/cloudtrail/main", "app-logs"])
        self.assertEqual(groups[1]["arn"], "arn:aws:logs:us-east-1:000000000000:log-group:app-logs:*")
        self.assertEqual(groups[1]["storedBytes"], 0)
        self.assertEqual(groups[1]["metricFilterCount"], 0)
        self.assertNotIn("retentionInDays", groups[1])
        self.assertEqual([g["logGroupName"] for g in self.logs.describe_log_groups(
            logGroupNamePrefix="/aws")["logGroups"]], ["/aws/cloudtrail/main"])
        self.assertEqual([g["logGroupName"] for g in self.logs.describe_log_groups(
            logGroupNamePattern="TRAIL")["logGroups"]], ["/aws/cloudtrail/main"])
        self.assertError("InvalidParameterException",
                         "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.",
                         self.logs.describe_log_groups, logGroupNamePrefix="a", logGroupNamePattern="b")
        page = self.logs.describe_log_groups(limit=1)
        self.assertEqual(len(page["logGroups"]), 1)
        rest = self.logs.describe_log_groups(limit=1, nextToken=page["nextToken"])
        self.assertEqual(rest["logGroups"][0]["logGroupName"], "app-logs")
        self.assertNotIn("nextToken", rest)

        self.logs.create_log_stream(logGroupName="app-logs", logStreamName="b")
        self.logs.create_log_stream(logGroupName="app-logs", logStreamName="a")
        self.assertError("ResourceAlreadyExistsException", "The specified log stream already exists",
                         self.logs.create_log_stream, logGroupName="app-logs", logStreamName="a")
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.create_log_stream, logGroupName="missing", logStreamName="a")
        self.put(["late"], group="app-logs", stream="a", start=now_ms() - 1000)
        self.put(["early"], group="app-logs", stream="b", start=now_ms() - 5000)
        streams = self.logs.describe_log_streams(logGroupName="app-logs")["logStreams"]
        self.assertEqual([s["logStreamName"] for s in streams], ["a", "b"])
        self.assertEqual(streams[0]["arn"], "arn:aws:logs:us-east-1:000000000000:log-group:app-logs:log-stream:a")
        self.assertIn("lastEventTimestamp", streams[0])
        by_time = self.logs.describe_log_streams(logGroupName="app-logs", orderBy="LastEventTime",
                                                 descending=True)["logStreams"]
        self.assertEqual([s["logStreamName"] for s in by_time], ["a", "b"])
        first = self.logs.describe_log_streams(logGroupName="app-logs", descending=True, limit=1)
        self.assertEqual(first["logStreams"][0]["logStreamName"], "b")
        second = self.logs.describe_log_streams(logGroupName="app-logs", descending=True, limit=1,
                                                nextToken=first["nextToken"])
        self.assertEqual(second["logStreams"][0]["logStreamName"], "a")
        self.assertError("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.",
                         self.logs.describe_log_streams, logGroupName="app-logs", orderBy="LastEventTime",
                         logStreamNamePrefix="a")

        self.logs.delete_log_stream(logGroupName="app-logs", logStreamName="a")
        self.assertError("ResourceNotFoundException", "The specified log stream does not exist.",
                         self.logs.delete_log_stream, logGroupName="app-logs", logStreamName="a")
        self.logs.delete_log_group(logGroupName="app-logs")
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.delete_log_group, logGroupName="app-logs")
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.describe_log_streams, logGroupName="app-logs")

    def test_tags(self):
        self.logs.create_log_group(logGroupName="tagged", tags={"a": "1"})
        arn = "arn:aws:logs:us-east-1:000000000000:log-group:tagged"
        self.logs.tag_resource(resourceArn=arn, tags={"b": "2"})
        self.assertEqual(self.logs.list_tags_for_resource(resourceArn=arn)["tags"], {"a": "1", "b": "2"})
        self.logs.untag_resource(resourceArn=arn, tagKeys=["a"])
        self.logs.tag_log_group(logGroupName="tagged", tags={"c": "3"})
        self.assertEqual(self.logs.list_tags_log_group(logGroupName="tagged")["tags"], {"b": "2", "c": "3"})
        self.logs.untag_log_group(logGroupName="tagged", tags=["b"])
        self.assertEqual(self.logs.list_tags_for_resource(resourceArn=arn)["tags"], {"c": "3"})
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.list_tags_for_resource,
                         resourceArn="arn:aws:logs:us-east-1:000000000000:log-group:nope")


class LogEventsTest(LogsTestCase):
    def test_put_and_get_events(self):
        self.make_stream()
        start = now_ms() - 10_000
        answer = self.put(["one", "two", "three"], start=start)
        self.assertNotIn("rejectedLogEventsInfo", answer)
        # Sequence tokens are accepted and ignored.
        self.logs.put_log_events(logGroupName="trail", logStreamName="s1", sequenceToken="anything",
                                 logEvents=[{"timestamp": start + 5000, "message": "four"}])
        latest = self.logs.get_log_events(logGroupName="trail", logStreamName="s1", limit=2)
        self.assertEqual([e["message"] for e in latest["events"]], ["three", "four"])
        older = self.logs.get_log_events(logGroupName="trail", logStreamName="s1", limit=2,
                                         nextToken=latest["nextBackwardToken"])
        self.assertEqual([e["message"] for e in older["events"]], ["one", "two"])
        head = self.logs.get_log_events(logGroupName="trail", logStreamName="s1", startFromHead=True, limit=3)
        self.assertEqual([e["message"] for e in head["events"]], ["one", "two", "three"])
        tail = self.logs.get_log_events(logGroupName="trail", logStreamName="s1",
                                        nextToken=head["nextForwardToken"])
        self.assertEqual([e["message"] for e in tail["events"]], ["four"])
        end = self.logs.get_log_events(logGroupName="trail", logStreamName="s1", nextToken=tail["nextForwardToken"])
        self.assertEqual(end["events"], [])
        self.assertEqual(end["nextForwardToken"], tail["nextForwardToken"])
        ranged = self.logs.get_log_events(logGroupName="trail", logStreamName="s1", startTime=start + 1000,
                                          endTime=start + 2000)
        self.assertEqual([e["message"] for e in ranged["events"]], ["two"])
        self.assertEqual(ranged["events"][0]["timestamp"], start + 1000)
        self.assertIn("ingestionTime", ranged["events"][0])
        group = self.logs.describe_log_groups(logGroupNamePrefix="trail")["logGroups"][0]
        self.assertEqual(group["storedBytes"], len("onetwothreefour"))
        self.assertError("ResourceNotFoundException", "The specified log stream does not exist.",
                         self.logs.get_log_events, logGroupName="trail", logStreamName="nope")

    def test_batch_rules(self):
        self.make_stream()
        now = now_ms()
        self.assertError("InvalidParameterException",
                         "Log events in a single PutLogEvents request must be in chronological order.",
                         self.logs.put_log_events, logGroupName="trail", logStreamName="s1",
                         logEvents=[{"timestamp": now, "message": "b"}, {"timestamp": now - 1, "message": "a"}])
        self.assertError("InvalidParameterException",
                         "The batch of log events in a single PutLogEvents request cannot span more than 24 hours.",
                         self.logs.put_log_events, logGroupName="trail", logStreamName="s1",
                         logEvents=[{"timestamp": now - 25 * 3600_000, "message": "a"},
                                    {"timestamp": now, "message": "b"}])
        big = "x" * 600_000
        self.assertError("InvalidParameterException", "Upload too large: 1200052 bytes exceeds limit of 1048576",
                         self.logs.put_log_events, logGroupName="trail", logStreamName="s1",
                         logEvents=[{"timestamp": now, "message": big}, {"timestamp": now, "message": big}])
        self.assertError("ResourceNotFoundException", "The specified log stream does not exist.",
                         self.logs.put_log_events, logGroupName="trail", logStreamName="nope",
                         logEvents=[{"timestamp": now, "message": "a"}])
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.put_log_events, logGroupName="nope", logStreamName="s1",
                         logEvents=[{"timestamp": now, "message": "a"}])
        # Nothing of the refused batches was stored.
        self.assertEqual(self.logs.get_log_events(logGroupName="trail", logStreamName="s1")["events"], [])
        answer = self.logs.put_log_events(logGroupName="trail", logStreamName="s1", logEvents=[
            {"timestamp": now - 15 * 86400_000, "message": "too old"},
            {"timestamp": now - 1000, "message": "fine"},
            {"timestamp": now + 3 * 3600_000, "message": "too new"}])
        self.assertEqual(answer["rejectedLogEventsInfo"], {"tooOldLogEventEndIndex": 1, "tooNewLogEventStartIndex": 2})
        events = self.logs.get_log_events(logGroupName="trail", logStreamName="s1")["events"]
        self.assertEqual([e["message"] for e in events], ["fine"])

    def test_filter_log_events(self):
        self.make_stream(stream="a-1")
        self.make_stream(stream="b-1")
        start = now_ms() - 60_000
        self.put([record("RunInstances"), "ERROR 127.0.0.1 404 512", record("StopInstances")], stream="a-1",
                 start=start, step=2)
        self.put([record("RunInstances", source="other.amazonaws.com"), "INFO 10.0.0.1 200 12"], stream="b-1",
                 start=start + 1, step=2)
        found = self.logs.filter_log_events(logGroupName="trail", filterPattern=RUN_INSTANCES)["events"]
        self.assertEqual([(e["logStreamName"], json.loads(e["message"])["eventName"]) for e in found],
                         [("a-1", "RunInstances")])
        self.assertIn("eventId", found[0])
        delimited = self.logs.filter_log_events(logGroupName="trail", filterPattern="[level, ip, status=4*, size]")
        self.assertEqual([e["message"] for e in delimited["events"]], ["ERROR 127.0.0.1 404 512"])
        everything = self.logs.filter_log_events(logGroupName="trail")["events"]
        self.assertEqual(len(everything), 5)
        # Interleaved in time order across streams.
        self.assertEqual([e["logStreamName"] for e in everything], ["a-1", "b-1", "a-1", "b-1", "a-1"])
        by_prefix = self.logs.filter_log_events(logGroupName="trail", logStreamNamePrefix="b", filterPattern="INFO")
        self.assertEqual([e["message"] for e in by_prefix["events"]], ["INFO 10.0.0.1 200 12"])
        by_name = self.logs.filter_log_events(logGroupName="trail", logStreamNames=["b-1"],
                                              filterPattern='{ $.eventName = "RunInstances" }')
        self.assertEqual(len(by_name["events"]), 1)
        page = self.logs.filter_log_events(logGroupName="trail", limit=2)
        self.assertEqual(len(page["events"]), 2)
        rest = self.logs.filter_log_events(logGroupName="trail", nextToken=page["nextToken"])
        self.assertEqual(len(rest["events"]), 3)
        self.assertNotIn("nextToken", rest)
        self.assertError("InvalidParameterException",
                         "If a filter pattern starts with '{' it must end with '}' (column 14)",
                         self.logs.filter_log_events, logGroupName="trail", filterPattern="{ $.a = 1 && x")

    def test_retention_on_the_clock(self):
        self.make_stream()
        self.assertError(
            "InvalidParameterException",
            "1 validation error detected: Value '4' at 'retentionInDays' failed to satisfy constraint: Member must "
            "satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, "
            "2192, 2557, 2922, 3288, 3653]",
            self.logs.put_retention_policy, logGroupName="trail", retentionInDays=4)
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.put_retention_policy, logGroupName="nope", retentionInDays=1)
        self.logs.put_retention_policy(logGroupName="trail", retentionInDays=1)
        self.assertEqual(self.logs.describe_log_groups()["logGroups"][0]["retentionInDays"], 1)
        self.put(["old event"], start=now_ms() - 1000)
        support.admin("POST", "clock", {"advance": "20h"})
        self.put(["new event"], start=now_ms() - 1000)
        # An event older than the retention is refused as expired.
        answer = self.logs.put_log_events(logGroupName="trail", logStreamName="s1",
                                          logEvents=[{"timestamp": now_ms() - 2 * 86400_000, "message": "x"}])
        self.assertEqual(answer["rejectedLogEventsInfo"], {"expiredLogEventEndIndex": 1})
        self.assertEqual(self.logs.describe_log_groups()["logGroups"][0]["storedBytes"], 18)
        support.admin("POST", "clock", {"advance": "8h"})
        events = self.logs.get_log_events(logGroupName="trail", logStreamName="s1")["events"]
        self.assertEqual([e["message"] for e in events], ["new event"])
        self.assertEqual(self.logs.describe_log_groups()["logGroups"][0]["storedBytes"], 9)
        support.admin("POST", "clock", {"advance": "8d"})
        self.assertEqual(self.logs.get_log_events(logGroupName="trail", logStreamName="s1")["events"], [])
        self.assertEqual(self.logs.describe_log_groups()["logGroups"][0]["storedBytes"], 0)
        self.logs.delete_retention_policy(logGroupName="trail")
        self.assertNotIn("retentionInDays", self.logs.describe_log_groups()["logGroups"][0])


class MetricFilterTest(LogsTestCase):
    def put_run_instances_filter(self, **transformation):
        spec = {"metricName": "RunInstancesCount", "metricNamespace": "CloudTrailMetrics", "metricValue": "1"}
        spec.update(transformation)
        self.logs.put_metric_filter(logGroupName="trail", filterName="run-instances", filterPattern=RUN_INSTANCES,
                                    metricTransformations=[spec])

    def test_metric_filter_counts_exactly_the_matching_records(self):
        self.make_stream()
        self.put([record("RunInstances")])  # before the filter: not counted (filters are not retroactive)
        self.put_run_instances_filter()
        described = self.logs.describe_metric_filters(logGroupName="trail")["metricFilters"]
        self.assertEqual(described[0]["filterPattern"], RUN_INSTANCES)
        self.assertEqual(described[0]["metricTransformations"][0]["metricName"], "RunInstancesCount")
        start = now_ms() - 50_000
        self.put([record("RunInstances"), record("DescribeInstances"), record("RunInstances", source="x.amazonaws.com"),
                  record("RunInstances"), "not json at all", record("RunInstances")], start=start)
        import datetime
        at = datetime.datetime.fromtimestamp(now_ms() / 1000, datetime.timezone.utc)
        cloudwatch = support.boto3_client("cloudwatch")
        stats = cloudwatch.get_metric_statistics(
            Namespace="CloudTrailMetrics", MetricName="RunInstancesCount", StartTime=at - datetime.timedelta(hours=1),
            EndTime=at + datetime.timedelta(minutes=1), Period=3600, Statistics=["Sum", "SampleCount"])
        # The hour-long periods start at StartTime, so the records may fall on either side of a period edge.
        self.assertIn(len(stats["Datapoints"]), (1, 2))
        self.assertEqual(sum(point["Sum"] for point in stats["Datapoints"]), 3.0)
        self.assertEqual({point["Unit"] for point in stats["Datapoints"]}, {"None"})
        data = cloudwatch.get_metric_data(
            StartTime=at - datetime.timedelta(hours=1), EndTime=at + datetime.timedelta(minutes=1),
            MetricDataQueries=[{"Id": "runs", "MetricStat": {"Metric": {"Namespace": "CloudTrailMetrics",
                                                                        "MetricName": "RunInstancesCount"},
                                                             "Period": 3600, "Stat": "Sum"}}])
        self.assertEqual(sum(data["MetricDataResults"][0]["Values"]), 3.0)
        self.assertEqual(self.logs.describe_log_groups()["logGroups"][0]["metricFilterCount"], 1)

    def test_values_dimensions_and_defaults(self):
        self.make_stream()
        self.logs.put_metric_filter(
            logGroupName="trail", filterName="latency", filterPattern="{ $.latency = * }",
            metricTransformations=[{"metricName": "Latency", "metricNamespace": "App", "metricValue": "$.latency",
                                    "unit": "Milliseconds", "dimensions": {"Kind": "$.kind"}}])
        self.logs.put_metric_filter(
            logGroupName="trail", filterName="errors", filterPattern="ERROR",
            metricTransformations=[{"metricName": "Errors", "metricNamespace": "App", "metricValue": "1",
                                    "defaultValue": 0}])
        self.put(['{"latency": 50, "kind": "GET"}', '{"latency": 150, "kind": "GET"}', '{"latency": 7, "kind": "PUT"}',
                  "INFO ok"])
        cloudwatch = support.boto3_client("cloudwatch")
        metrics = cloudwatch.list_metrics(Namespace="App")["Metrics"]
        self.assertEqual(sorted((m["MetricName"], json.dumps(m["Dimensions"])) for m in metrics), [
            ("Errors", "[]"),
            ("Latency", json.dumps([{"Name": "Kind", "Value": "GET"}])),
            ("Latency", json.dumps([{"Name": "Kind", "Value": "PUT"}]))])
        import datetime
        at = datetime.datetime.fromtimestamp(now_ms() / 1000, datetime.timezone.utc)
        window = {"StartTime": at - datetime.timedelta(hours=1), "EndTime": at + datetime.timedelta(minutes=1),
                  "Period": 3600}
        get = cloudwatch.get_metric_statistics(Namespace="App", MetricName="Latency",
                                               Dimensions=[{"Name": "Kind", "Value": "GET"}],
                                               Statistics=["Sum", "Maximum", "SampleCount"], **window)
        point = get["Datapoints"][0]
        self.assertEqual((point["Sum"], point["Maximum"], point["SampleCount"], point["Unit"]),
                         (200.0, 150.0, 2.0, "Milliseconds"))
        errors = cloudwatch.get_metric_statistics(Namespace="App", MetricName="Errors", Statistics=["Sum"], **window)
        self.assertEqual(errors["Datapoints"][0]["Sum"], 0.0)

    def test_metric_filter_errors(self):
        self.make_stream()
        transformation = [{"metricName": "M", "metricNamespace": "N", "metricValue": "1"}]
        self.assertError("ResourceNotFoundException", "The specified log group does not exist.",
                         self.logs.put_metric_filter, logGroupName="nope", filterName="f", filterPattern="",
                         metricTransformations=transformation)
        self.assertError("InvalidParameterException",
                         "Invalid metric filter pattern: expected a property selector starting with '$.', as in "
                         "$.status, found 'status' (column 3)",
                         self.logs.put_metric_filter, logGroupName="trail", filterName="f",
                         filterPattern="{ status = 401 }", metricTransformations=transformation)
        self.assertError("InvalidParameterException", "The specified filter pattern does not support dimensions",
                         self.logs.put_metric_filter, logGroupName="trail", filterName="f", filterPattern="ERROR",
                         metricTransformations=[dict(transformation[0], dimensions={"d": "$.x"})])
        self.assertError("InvalidParameterException",
                         "Invalid metric transformation: dimensions and default value are mutually exclusive "
                         "properties",
                         self.logs.put_metric_filter, logGroupName="trail", filterName="f",
                         filterPattern="{ $.x = * }",
                         metricTransformations=[dict(transformation[0], dimensions={"d": "$.x"}, defaultValue=0)])
        self.assertError("InvalidParameterException", None, self.logs.put_metric_filter, logGroupName="trail",
                         filterName="f", filterPattern="{ $.x = * }",
                         metricTransformations=[dict(transformation[0], metricValue="length")])
        self.assertEqual(self.logs.describe_metric_filters(logGroupName="trail")["metricFilters"], [])
        for i in range(5):
            self.logs.put_metric_filter(logGroupName="trail", filterName=f"re{i}", filterPattern="%ab+c%",
                                        metricTransformations=transformation)
        self.assertError("LimitExceededException", None, self.logs.put_metric_filter, logGroupName="trail",
                         filterName="re5", filterPattern="%x%", metricTransformations=transformation)
        self.logs.delete_metric_filter(logGroupName="trail", filterName="re0")
        self.assertError("ResourceNotFoundException", "The specified metric filter does not exist.",
                         self.logs.delete_metric_filter, logGroupName="trail", filterName="re0")
        by_metric = self.logs.describe_metric_filters(metricName="M", metricNamespace="N", limit=2)
        self.assertEqual([f["filterName"] for f in by_metric["metricFilters"]], ["re1", "re2"])
        self.assertEqual([f["filterName"] for f in self.logs.describe_metric_filters(
            logGroupName="trail", filterNamePrefix="re4")["metricFilters"]], ["re4"])

    def test_test_metric_filter_for_each_family(self):
        apache = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534'
        messages = [record("RunInstances"), "[ERROR] Unhandled exception: InvalidQueryException", apache,
                    record("StopInstances")]
        cases = {
            RUN_INSTANCES: [(0, {})],
            '"[ERROR]" Exception': [(1, {})],
            "%Unhandled [a-z]+%": [(1, {})],
            "[ip, user, username, timestamp, request, status_code = 2*, bytes]": [(2, {
                "$ip": "127.0.0.1", "$user": "-", "$username": "frank", "$timestamp": "10/Oct/2000:13:25:15 -0700",
                "$request": "GET /apache_pb.gif HTTP/1.0", "$status_code": "200", "$bytes": "1534"})],
            "": [(0, {}), (1, {}), (2, {}), (3, {})],
            "NoSuchText": [],
        }
        for pattern, expected in cases.items():
            with self.subTest(pattern=pattern):
                matches = self.logs.test_metric_filter(filterPattern=pattern, logEventMessages=messages)["matches"]
                self.assertEqual([(m["eventNumber"], m["extractedValues"]) for m in matches], expected)
                for match in matches:
                    self.assertEqual(match["eventMessage"], messages[match["eventNumber"]])

    def test_invalid_patterns_of_the_spec(self):
        cases = {
            "{ $.eventName = CreateTrail": "If a filter pattern starts with '{' it must end with '}' (column 27)",
            "[a, b": "If a filter pattern starts with '[' it must end with ']' (column 5)",
            "user@example.com": "Invalid character(s) in term 'user@example.com'",
            "{ status = 401 }": "Invalid filter pattern: expected a property selector",
            "%a(b%": "Invalid character(s) in term '%a(b%'",
            "%something!%": "Invalid character(s) in term '%something!%'",
            "{ $.a IS NOT NULL }": "IS NOT is not supported",
            "{ $.a EXISTS }": "EXISTS is not supported",
            "{ $.a is null }": "Invalid filter pattern: keywords are upper-case",
            "{ $.a = %x% && $.b = %y% && $.c = %z% }": "Invalid filter pattern: a filter pattern may contain at most 2",
            "{ $.*.*.a = 1 }": "Invalid filter pattern: a property selector may use at most one wildcard",
            "{ $.a.* = 1 && $.b.* = 2 && $.c.* = 3 && $.d.* = 4 }":
                "Invalid filter pattern: a filter pattern may use at most 3 wildcard selectors",
            "[w1 = 4* && bytes > 1000]": "Invalid filter pattern: each condition in a field must name that field",
            "[..., ...]": "Invalid filter pattern: '...' may appear only once",
            "\u201cquoted\u201d": "Invalid character(s) in term",
            "%a% b": "Invalid character(s) in term '%a%'",
        }
        for pattern, message in cases.items():
            with self.subTest(pattern=pattern):
                error = self.assertError("InvalidParameterException", None, self.logs.test_metric_filter,
                                         filterPattern=pattern, logEventMessages=["x"])
                self.assertTrue(error["Message"].startswith(message), error["Message"])
        self.assertError("InvalidParameterException", None, self.logs.test_metric_filter,
                         filterPattern="x" * 1025, logEventMessages=["x"])


if __name__ == "__main__":
    unittest.main()
