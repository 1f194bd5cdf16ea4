"""CloudWatch metric alarms through the AWS CLI v1 and v2: put-metric-alarm, describe-alarms, set-alarm-state,
describe-alarm-history, delete-alarms, an alarm driven by put-metric-data on the virtual clock, and AWS's errors."""
import json
import unittest

import support


class AlarmsCliTest(support.CliTestCase):
    def put_alarm(self, aws, *extra):
        return support.run_cli(aws, "cloudwatch", "put-metric-alarm", "--alarm-name", "ec2-launches",
                               "--namespace", "CloudTrailMetrics", "--metric-name", "RunInstancesCount",
                               "--statistic", "Sum", "--period", "300", "--evaluation-periods", "1",
                               "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold",
                               "--treat-missing-data", "notBreaching", *extra)

    def alarm(self, aws):
        answer = support.run_cli(aws, "cloudwatch", "describe-alarms", "--alarm-names", "ec2-launches")
        return answer["MetricAlarms"][0]

    def test_put_describe_set_state_and_delete(self):
        def check(aws):
            self.put_alarm(aws, "--alarm-actions", "arn:aws:sns:us-east-1:000000000000:alerts")
            alarm = self.alarm(aws)
            self.assertEqual(alarm["AlarmArn"], "arn:aws:cloudwatch:us-east-1:000000000000:alarm:ec2-launches")
            self.assertEqual((alarm["StateValue"], alarm["StateReason"]),
                             ("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation"))
            support.run_cli(aws, "cloudwatch", "set-alarm-state", "--alarm-name", "ec2-launches", "--state-value",
                            "ALARM", "--state-reason", "drill", "--state-reason-data", '{"drill":true}')
            alarm = self.alarm(aws)
            self.assertEqual((alarm["StateValue"], alarm["StateReason"], alarm["StateReasonData"]),
                             ("ALARM", "drill", '{"drill":true}'))
            history = support.run_cli(aws, "cloudwatch", "describe-alarm-history", "--alarm-name", "ec2-launches",
                                      "--history-item-type", "StateUpdate")["AlarmHistoryItems"]
            self.assertEqual(history[0]["HistorySummary"], "Alarm updated from INSUFFICIENT_DATA to ALARM")
            self.assertEqual(json.loads(history[0]["HistoryData"])["newState"]["stateReasonData"], {"drill": True})
            support.run_cli(aws, "cloudwatch", "delete-alarms", "--alarm-names", "ec2-launches")
            self.assertEqual(support.run_cli(aws, "cloudwatch", "describe-alarms")["MetricAlarms"], [])
        self.for_each_cli(check)

    def test_metric_data_raises_the_alarm(self):
        def check(aws):
            self.put_alarm(aws)
            support.run_cli(aws, "cloudwatch", "put-metric-data", "--namespace", "CloudTrailMetrics",
                            "--metric-name", "RunInstancesCount", "--value", "2")
            support.admin("POST", "clock", {"advance": "5m"})
            alarm = self.alarm(aws)
            self.assertEqual(alarm["StateValue"], "ALARM")
            self.assertTrue(alarm["StateReason"].startswith("Threshold Crossed: 1 out of the last 1 datapoints [2.0 ("))
            listed = support.run_cli(aws, "cloudwatch", "describe-alarms", "--state-value", "ALARM")
            self.assertEqual([a["AlarmName"] for a in listed["MetricAlarms"]], ["ec2-launches"])
        self.for_each_cli(check)

    def test_errors(self):
        def check(aws):
            self.assert_cli_error(aws, "(ValidationError) when calling the PutMetricAlarm operation: "
                                  "DatapointsToAlarm must be less than or equal to EvaluationPeriods.",
                                  "cloudwatch", "put-metric-alarm", "--alarm-name", "x", "--namespace", "N",
                                  "--metric-name", "M", "--statistic", "Sum", "--period", "60",
                                  "--evaluation-periods", "1", "--datapoints-to-alarm", "2", "--threshold", "1",
                                  "--comparison-operator", "GreaterThanThreshold")
            self.assert_cli_error(aws, "(ResourceNotFound) when calling the SetAlarmState operation: "
                                  "Alarm missing not found", "cloudwatch", "set-alarm-state", "--alarm-name",
                                  "missing", "--state-value", "OK", "--state-reason", "x")
        self.for_each_cli(check)


if __name__ == "__main__":
    unittest.main()
