"""CloudWatch metrics through boto3 over each protocol real clients use: awsQuery (the Debian CLI v2, boto3 1.26),
awsJson1_0 and smithy-rpc-v2-cbor (recent boto3, forced here with a model copy). PutMetricData (values, counts,
statistic sets, dimensions, units, timestamps, a gzip-compressed large body), ListMetrics, GetMetricStatistics
(with percentiles) and GetMetricData, and the errors AWS answers."""
import datetime
import unittest

import boto3
import botocore.exceptions

import support


def clock_now():
    millis = support.admin("GET", "clock")[1]["epoch_millis"]
    return datetime.datetime.fromtimestamp(millis / 1000, datetime.timezone.utc)


class MetricsOverProtocol:
    """Mixed into one TestCase per protocol."""
    protocol = None

    def setUp(self):
        super().setUp()
        if self.protocol == "query":
            self.cw = support.boto3_client("cloudwatch")
        else:
            if not support.botocore_supports(self.protocol):
                self.skipTest(f"this botocore cannot speak {self.protocol}")
            import botocore.session
            offered = botocore.session.get_session().get_service_model("cloudwatch").metadata.get("protocols", [])
            if self.protocol not in offered:
                self.skipTest(f"this botocore's CloudWatch model does not offer {self.protocol}")
            session = boto3.Session(botocore_session=support.protocol_variant_session("cloudwatch", self.protocol))
            self.cw = session.client("cloudwatch", endpoint_url=support.ENDPOINT, region_name=support.REGION,
                                     aws_access_key_id="test", aws_secret_access_key="test")
        self.now = clock_now()

    def assertError(self, code, message, call, **kwargs):
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        error = caught.exception.response["Error"]
        # Over JSON and CBOR the query-compatible code arrives in x-amzn-query-error; a botocore whose model does
        # not say awsQueryCompatible reports the shape name instead.
        model = self.cw.meta.service_model.metadata
        expected = {code} if self.protocol == "query" or "awsQueryCompatible" in model else {code, code + "Exception"}
        if code == "MissingParameter" and "awsQueryCompatible" not in model and self.protocol != "query":
            expected.add("MissingRequiredParameterException")
        self.assertIn(error["Code"], expected)
        self.assertEqual(error["Message"], message)
        self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 400)

    def window(self, minutes=10):
        return {"StartTime": self.now - datetime.timedelta(minutes=minutes),
                "EndTime": self.now + datetime.timedelta(minutes=1)}

    def test_put_and_read_back(self):
        at = self.now - datetime.timedelta(minutes=3)
        dims = [{"Name": "Host", "Value": "web-1"}, {"Name": "Az", "Value": "a"}]
        self.cw.put_metric_data(Namespace="Shop", MetricData=[
            {"MetricName": "Latency", "Dimensions": dims, "Value": 10, "Unit": "Milliseconds", "Timestamp": at},
            {"MetricName": "Latency", "Dimensions": list(reversed(dims)), "Values": [20, 30], "Counts": [1, 2],
             "Unit": "Milliseconds", "Timestamp": at},
            {"MetricName": "Latency", "Dimensions": dims, "StatisticValues": {
                "SampleCount": 2, "Sum": 80, "Minimum": 40, "Maximum": 40}, "Unit": "Milliseconds", "Timestamp": at},
            {"MetricName": "Orders", "Value": 1, "Unit": "Count", "StorageResolution": 1},
        ])
        listed = self.cw.list_metrics(Namespace="Shop")["Metrics"]
        self.assertEqual(sorted(m["MetricName"] for m in listed), ["Latency", "Orders"])
        latency = [m for m in listed if m["MetricName"] == "Latency"][0]
        self.assertEqual(latency["Dimensions"], [{"Name": "Az", "Value": "a"}, {"Name": "Host", "Value": "web-1"}])
        self.assertEqual(len(self.cw.list_metrics(Dimensions=[{"Name": "Host", "Value": "web-1"}])["Metrics"]), 1)
        self.assertEqual(self.cw.list_metrics(Dimensions=[{"Name": "Host", "Value": "web-2"}])["Metrics"], [])
        self.assertEqual(len(self.cw.list_metrics(MetricName="Orders", RecentlyActive="PT3H")["Metrics"]), 1)

        stats = self.cw.get_metric_statistics(Namespace="Shop", MetricName="Latency", Dimensions=dims, Period=60,
                                              Statistics=["SampleCount", "Sum", "Average", "Minimum", "Maximum"],
                                              **self.window())
        self.assertEqual(len(stats["Datapoints"]), 1)
        point = stats["Datapoints"][0]
        self.assertEqual(stats["Label"], "Latency")
        self.assertEqual((point["SampleCount"], point["Sum"], point["Minimum"], point["Maximum"], point["Average"]),
                         (6.0, 170.0, 10.0, 40.0, 170.0 / 6))
        self.assertEqual(point["Unit"], "Milliseconds")
        self.assertEqual(point["Timestamp"], at.replace(second=0, microsecond=0))
        percentiles = self.cw.get_metric_statistics(Namespace="Shop", MetricName="Latency", Dimensions=dims,
                                                    Period=60, ExtendedStatistics=["p50", "p99"], **self.window())
        self.assertEqual(percentiles["Datapoints"][0]["ExtendedStatistics"], {"p50": 30.0, "p99": 40.0})
        other_unit = self.cw.get_metric_statistics(Namespace="Shop", MetricName="Latency", Dimensions=dims,
                                                   Period=60, Statistics=["Sum"], Unit="Seconds", **self.window())
        self.assertEqual(other_unit["Datapoints"], [])

        data = self.cw.get_metric_data(MetricDataQueries=[
            {"Id": "lat", "MetricStat": {"Metric": {"Namespace": "Shop", "MetricName": "Latency", "Dimensions": dims},
                                         "Period": 60, "Stat": "Maximum"}},
            {"Id": "orders", "Label": "Orders placed", "MetricStat": {
                "Metric": {"Namespace": "Shop", "MetricName": "Orders"}, "Period": 60, "Stat": "SampleCount"}},
            {"Id": "hidden", "ReturnData": False, "MetricStat": {
                "Metric": {"Namespace": "Shop", "MetricName": "Orders"}, "Period": 60, "Stat": "Sum"}},
        ], **self.window())
        results = {r["Id"]: r for r in data["MetricDataResults"]}
        self.assertEqual(set(results), {"lat", "orders"})
        self.assertEqual(results["lat"]["Values"], [40.0])
        self.assertEqual(results["lat"]["Label"], "Latency")
        self.assertEqual(results["lat"]["StatusCode"], "Complete")
        self.assertEqual(results["orders"]["Label"], "Orders placed")
        self.assertEqual(results["orders"]["Values"], [1.0])

    def test_large_compressed_body(self):
        # Above 10 KiB recent botocore gzips PutMetricData bodies (Content-Encoding: gzip).
        self.cw.put_metric_data(Namespace="Fleet", MetricData=[
            {"MetricName": "Load", "Dimensions": [{"Name": "Host", "Value": f"host-{i:04d}"}], "Value": i}
            for i in range(400)])
        pages = self.cw.get_paginator("list_metrics").paginate(Namespace="Fleet")
        self.assertEqual(sum(len(page["Metrics"]) for page in pages), 400)

    def test_bad_input(self):
        self.assertError("InvalidParameterValue", "The value AWS/EC2 for parameter Namespace is invalid.",
                         self.cw.put_metric_data, Namespace="AWS/EC2", MetricData=[{"MetricName": "m", "Value": 1}])
        self.assertError("InvalidParameterCombination",
                         "The parameters MetricData.member.1.Value and MetricData.member.1.StatisticValues are "
                         "mutually exclusive and you have specified both.",
                         self.cw.put_metric_data, Namespace="N", MetricData=[{"MetricName": "m", "Value": 1,
                         "StatisticValues": {"SampleCount": 1, "Sum": 1, "Minimum": 1, "Maximum": 1}}])
        self.assertError("InvalidParameterValue",
                         "The parameter MetricData.member.1.StorageResolution must be a value in the set [ 1, 60 ].",
                         self.cw.put_metric_data, Namespace="N",
                         MetricData=[{"MetricName": "m", "Value": 1, "StorageResolution": 5}])
        self.assertError("InvalidParameterValue", "No metric may specify the same dimension name twice.",
                         self.cw.put_metric_data, Namespace="N", MetricData=[{"MetricName": "m", "Value": 1,
                         "Dimensions": [{"Name": "a", "Value": "1"}, {"Name": "a", "Value": "2"}]}])
        self.assertEqual(self.cw.list_metrics()["Metrics"], [])
        base = {"Namespace": "N", "MetricName": "m"}
        minute = self.now.replace(second=0, microsecond=0)
        self.assertError("InvalidParameterValue", "The parameter Period must be a multiple of 60.",
                         self.cw.get_metric_statistics, Period=90, Statistics=["Sum"], **base, **self.window())
        self.assertError("InvalidParameterCombination",
                         "You have requested up to 1441 datapoints, which exceeds the limit of 1440. You may reduce "
                         "the datapoints requested by increasing Period, or decreasing the time range.",
                         self.cw.get_metric_statistics, Period=60, Statistics=["Sum"], **base,
                         StartTime=minute - datetime.timedelta(minutes=1441), EndTime=minute)
        self.assertError("InvalidParameterValue", "The parameter StartTime must be less than the parameter EndTime.",
                         self.cw.get_metric_statistics, Period=60, Statistics=["Sum"], **base,
                         StartTime=self.now, EndTime=self.now - datetime.timedelta(minutes=5))
        self.assertError("InvalidParameterValue", "The value p101 for parameter ExtendedStatistics.member.1 is invalid.",
                         self.cw.get_metric_statistics, Period=60, ExtendedStatistics=["p101"], **base, **self.window())

    def test_retention_horizon(self):
        at = self.now - datetime.timedelta(minutes=1)
        self.cw.put_metric_data(Namespace="Old", MetricData=[{"MetricName": "m", "Value": 5, "Timestamp": at}])
        support.admin("POST", "clock", {"advance": "16d"})
        later = clock_now()
        window = {"StartTime": at - datetime.timedelta(hours=1), "EndTime": at + datetime.timedelta(hours=1)}
        # 1-minute data is kept 15 days; after that only 5-minute periods see it.
        minute = self.cw.get_metric_statistics(Namespace="Old", MetricName="m", Period=60, Statistics=["Sum"], **window)
        self.assertEqual(minute["Datapoints"], [])
        five = self.cw.get_metric_statistics(Namespace="Old", MetricName="m", Period=300, Statistics=["Sum"], **window)
        self.assertEqual([p["Sum"] for p in five["Datapoints"]], [5.0])
        # Not published for two weeks: no longer listed.
        self.assertEqual(self.cw.list_metrics(Namespace="Old")["Metrics"], [])
        self.assertGreater(later, at)


class MetricsOverQueryTest(MetricsOverProtocol, support.EmulatorTestCase):
    protocol = "query"


class MetricsOverJsonTest(MetricsOverProtocol, support.EmulatorTestCase):
    protocol = "json"


class MetricsOverCborTest(MetricsOverProtocol, support.EmulatorTestCase):
    protocol = "smithy-rpc-v2-cbor"


if __name__ == "__main__":
    unittest.main()
