"""CloudWatch metric alarms through boto3: PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, DeleteAlarms,
DescribeAlarmHistory, SetAlarmState, Enable/DisableAlarmActions, tags, AWS's validation errors; and the chain in
virtual time: datapoints (PutMetricData, or a CloudWatch Logs metric filter counting RunInstances) -> the alarm
evaluated every minute on the clock -> ALARM with AWS's reason text -> back to OK -> an email through SNS."""
import json
import re
import unittest

import support

RUN_INSTANCES = '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }'
TOPIC = "arn:aws:sns:us-east-1:000000000000:alerts"


def advance(duration):
    status, _ = support.admin("POST", "clock", {"advance": duration})
    assert status == 200, status


def outbox(endpoint):
    status, body = support.admin("GET", "outbox?endpoint=" + endpoint)
    assert status == 200, body
    return body["messages"]


class AlarmsTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        self.cw = support.boto3_client("cloudwatch")

    def put_alarm(self, name="runs", **overrides):
        arguments = dict(AlarmName=name, Namespace="CloudTrailMetrics", MetricName="RunInstancesCount",
                         Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=1.0,
                         ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
                         AlarmActions=[TOPIC])
        arguments.update(overrides)
        self.cw.put_metric_alarm(**arguments)

    def alarm(self, name="runs"):
        return self.cw.describe_alarms(AlarmNames=[name])["MetricAlarms"][0]

    def test_put_describe_and_delete(self):
        self.put_alarm(AlarmDescription="EC2 launches", Dimensions=[{"Name": "Team", "Value": "sec"}],
                       Tags=[{"Key": "team", "Value": "sec"}])
        alarm = self.alarm()
        self.assertEqual(alarm["AlarmArn"], "arn:aws:cloudwatch:us-east-1:000000000000:alarm:runs")
        self.assertEqual(alarm["StateValue"], "INSUFFICIENT_DATA")
        self.assertEqual(alarm["StateReason"], "Unchecked: Initial alarm creation")
        self.assertEqual(alarm["AlarmActions"], [TOPIC])
        self.assertEqual(alarm["OKActions"], [])
        self.assertTrue(alarm["ActionsEnabled"])
        self.assertEqual(alarm["Dimensions"], [{"Name": "Team", "Value": "sec"}])
        for member in ("AlarmConfigurationUpdatedTimestamp", "StateUpdatedTimestamp"):
            self.assertIn(member, alarm)
        if "StateTransitionedTimestamp" in self.cw.meta.service_model.shape_for("MetricAlarm").members:
            self.assertEqual(alarm["StateTransitionedTimestamp"], alarm["StateUpdatedTimestamp"])
        self.assertEqual(self.cw.list_tags_for_resource(ResourceARN=alarm["AlarmArn"])["Tags"],
                         [{"Key": "team", "Value": "sec"}])
        found = self.cw.describe_alarms_for_metric(Namespace="CloudTrailMetrics", MetricName="RunInstancesCount",
                                                   Dimensions=[{"Name": "Team", "Value": "sec"}])
        self.assertEqual([a["AlarmName"] for a in found["MetricAlarms"]], ["runs"])
        self.assertEqual(self.cw.describe_alarms(ActionPrefix="arn:aws:sns:")["MetricAlarms"][0]["AlarmName"], "runs")
        self.cw.disable_alarm_actions(AlarmNames=["runs"])
        self.assertFalse(self.alarm()["ActionsEnabled"])
        self.cw.delete_alarms(AlarmNames=["runs"])
        self.assertEqual(self.cw.describe_alarms()["MetricAlarms"], [])
        history = self.cw.describe_alarm_history(AlarmName="runs", ScanBy="TimestampAscending")["AlarmHistoryItems"]
        self.assertEqual([item["HistorySummary"] for item in history],
                         ['Alarm "runs" created', 'Alarm "runs" deleted'])
        self.assertEqual(json.loads(history[0]["HistoryData"])["type"], "Create")

    def test_pages_and_filters(self):
        for name in ("a-1", "a-2", "b-1"):
            self.put_alarm(name)
        page = self.cw.describe_alarms(MaxRecords=2)
        self.assertEqual([a["AlarmName"] for a in page["MetricAlarms"]], ["a-1", "a-2"])
        rest = self.cw.describe_alarms(MaxRecords=2, NextToken=page["NextToken"])
        self.assertEqual([a["AlarmName"] for a in rest["MetricAlarms"]], ["b-1"])
        self.assertNotIn("NextToken", rest)
        self.assertEqual(len(self.cw.describe_alarms(AlarmNamePrefix="a-")["MetricAlarms"]), 2)
        self.assertEqual(self.cw.describe_alarms(StateValue="ALARM")["MetricAlarms"], [])
        self.assertEqual(self.cw.describe_alarms(AlarmTypes=["CompositeAlarm"])["MetricAlarms"], [])

    def test_validation_errors(self):
        self.assert_error("ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods.",
                          self.put_alarm, DatapointsToAlarm=2)
        self.assert_error("ValidationError", "Period must be 10, 30 or a multiple of 60.", self.put_alarm, Period=45)
        self.assert_error("ValidationError",
                          "Metrics cannot be checked across more than a day (EvaluationPeriods * Period must be "
                          "<= 86400).", self.put_alarm, EvaluationPeriods=300)
        self.assert_error("ValidationError", "Invalid region eu-west-1 specified. Only us-east-1 is supported.",
                          self.put_alarm, AlarmActions=["arn:aws:sns:eu-west-1:000000000000:alerts"])
        self.assert_error("ValidationError", "trailbox does not implement anomaly detection alarms: "
                          "ComparisonOperator LessThanLowerOrGreaterThanUpperThreshold is not supported.",
                          self.put_alarm, ComparisonOperator="LessThanLowerOrGreaterThanUpperThreshold")
        self.assert_error("InvalidParameterCombination", "The parameters Statistic and ExtendedStatistic are "
                          "mutually exclusive and you have specified both.", self.put_alarm, ExtendedStatistic="p90")
        self.assert_error("ResourceNotFound", "Alarm none not found", self.cw.set_alarm_state, AlarmName="none",
                          StateValue="OK", StateReason="x")
        self.put_alarm()
        self.assert_error("InvalidFormat", "Data was not syntactically valid JSON.", self.cw.set_alarm_state,
                          AlarmName="runs", StateValue="OK", StateReason="x", StateReasonData="{")
        self.assertEqual([a["AlarmName"] for a in self.cw.describe_alarms()["MetricAlarms"]], ["runs"])

    def test_set_alarm_state_records_history(self):
        self.put_alarm(AlarmActions=[])
        self.cw.set_alarm_state(AlarmName="runs", StateValue="ALARM", StateReason="testing purposes")
        alarm = self.alarm()
        self.assertEqual((alarm["StateValue"], alarm["StateReason"]), ("ALARM", "testing purposes"))
        item = self.cw.describe_alarm_history(AlarmName="runs", HistoryItemType="StateUpdate")["AlarmHistoryItems"][0]
        self.assertEqual(item["HistorySummary"], "Alarm updated from INSUFFICIENT_DATA to ALARM")
        data = json.loads(item["HistoryData"])
        self.assertEqual(data["oldState"], {"stateValue": "INSUFFICIENT_DATA",
                                            "stateReason": "Unchecked: Initial alarm creation"})
        self.assertEqual(data["newState"], {"stateValue": "ALARM", "stateReason": "testing purposes"})

    def test_metric_data_drives_the_alarm_on_the_clock(self):
        self.put_alarm(AlarmActions=[])
        self.cw.put_metric_data(Namespace="CloudTrailMetrics", MetricData=[{"MetricName": "RunInstancesCount",
                                                                            "Value": 3}])
        advance("5m")
        alarm = self.alarm()
        self.assertEqual(alarm["StateValue"], "ALARM")
        self.assertRegex(alarm["StateReason"],
                         r"^Threshold Crossed: 1 out of the last 1 datapoints \[3\.0 \(\d\d/\d\d/\d\d \d\d:\d\d:00\)\] "
                         r"was greater than or equal to the threshold \(1\.0\) \(minimum 1 datapoint for "
                         r"(OK|INSUFFICIENT_DATA) -> ALARM transition\)\.$")
        data = json.loads(alarm["StateReasonData"])
        self.assertEqual((data["version"], data["statistic"], data["period"], data["recentDatapoints"],
                          data["threshold"]), ("1.0", "Sum", 300, [3.0], 1.0))
        self.cw.put_metric_data(Namespace="CloudTrailMetrics", MetricData=[{"MetricName": "RunInstancesCount",
                                                                            "Value": 0}])
        advance("10m")
        alarm = self.alarm()
        self.assertEqual(alarm["StateValue"], "OK")
        self.assertIn("was not greater than or equal to the threshold (1.0) (minimum 1 datapoint for ALARM -> OK "
                      "transition).", alarm["StateReason"])

    def test_metric_filter_alarm_emails_through_sns(self):
        sns = support.boto3_client("sns")
        topic = sns.create_topic(Name="alerts")["TopicArn"]
        sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="sec@example.com")
        token = re.search(r"Token=([0-9a-f]+)", outbox("sec@example.com")[-1]["body"]).group(1)
        sns.confirm_subscription(TopicArn=topic, Token=token)
        logs = support.boto3_client("logs")
        logs.create_log_group(logGroupName="trail")
        logs.create_log_stream(logGroupName="trail", logStreamName="events")
        logs.put_metric_filter(logGroupName="trail", filterName="RunInstances", filterPattern=RUN_INSTANCES,
                               metricTransformations=[{"metricName": "RunInstancesCount",
                                                       "metricNamespace": "CloudTrailMetrics", "metricValue": "1"}])
        self.put_alarm(name="ec2-launches", AlarmActions=[topic])
        now_ms = support.admin("GET", "clock")[1]["epoch_millis"]
        record = {"eventSource": "ec2.amazonaws.com", "eventName": "RunInstances"}
        logs.put_log_events(logGroupName="trail", logStreamName="events",
                            logEvents=[{"timestamp": now_ms, "message": json.dumps(record)}])
        advance("5m")
        self.assertEqual(self.alarm("ec2-launches")["StateValue"], "ALARM")
        mail = outbox("sec@example.com")[-1]
        self.assertEqual(mail["subject"], 'ALARM: "ec2-launches" in US East (N. Virginia)')
        self.assertIn('"NewStateValue":"ALARM"', mail["body"])
        self.assertIn('"AlarmArn":"arn:aws:cloudwatch:us-east-1:000000000000:alarm:ec2-launches"', mail["body"])
        action = self.cw.describe_alarm_history(AlarmName="ec2-launches", HistoryItemType="Action")
        self.assertEqual(action["AlarmHistoryItems"][0]["HistorySummary"], "Successfully executed action " + topic)


if __name__ == "__main__":
    unittest.main()
