"""SNS through the AWS CLI v1 and v2: create-topic, get-topic-attributes (default policy), subscribe an email
address and confirm it with the token from trailbox's outbox, publish into the outbox, list commands and an error."""
import json
import re

import support


class SnsCliTest(support.CliTestCase):
    def test_topic_subscription_publish(self):
        def check(aws):
            arn = support.run_cli(aws, "sns", "create-topic", "--name", "alerts")["TopicArn"]
            self.assertEqual(arn, "arn:aws:sns:us-east-1:%s:alerts" % support.ACCOUNT)
            attributes = support.run_cli(aws, "sns", "get-topic-attributes", "--topic-arn", arn)["Attributes"]
            self.assertEqual(json.loads(attributes["Policy"])["Statement"][0]["Sid"], "__default_statement_ID")
            pending = support.run_cli(aws, "sns", "subscribe", "--topic-arn", arn, "--protocol", "email",
                                      "--notification-endpoint", "ops@example.com")
            self.assertEqual(pending["SubscriptionArn"], "pending confirmation")
            confirmation = support.admin("GET", "outbox?endpoint=ops@example.com")[1]["messages"][-1]
            token = re.search(r"Token=([0-9a-f]+)", confirmation["body"]).group(1)
            confirmed = support.run_cli(aws, "sns", "confirm-subscription", "--topic-arn", arn, "--token", token)
            self.assertTrue(confirmed["SubscriptionArn"].startswith(arn + ":"))
            published = support.run_cli(aws, "sns", "publish", "--topic-arn", arn, "--message", "hello",
                                        "--subject", "Alarm")
            sent = support.admin("GET", "outbox?endpoint=ops@example.com")[1]["messages"][-1]
            self.assertEqual((sent["message_id"], sent["subject"]), (published["MessageId"], "Alarm"))
            self.assertEqual(len(support.run_cli(aws, "sns", "list-topics")["Topics"]), 1)
            listed = support.run_cli(aws, "sns", "list-subscriptions")["Subscriptions"]
            self.assertEqual(listed[0]["SubscriptionArn"], confirmed["SubscriptionArn"])
            self.assert_cli_error(aws, "Topic does not exist", "sns", "get-topic-attributes", "--topic-arn",
                                  arn + "-missing")
            self.assert_cli_error(aws, "Invalid parameter: Topic Name", "sns", "create-topic", "--name", "a b")
        self.for_each_cli(check)
