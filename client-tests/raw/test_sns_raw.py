"""SNS's admin surface and links over plain HTTP: GET /_trailbox/outbox (shape, ?endpoint=, cleared by reset), the
confirmation link of an email answered without credentials as AWS answers it, the unsubscribe link, and the signing
certificate at SigningCertURL."""
import json
import re
import urllib.parse

import support

FORM = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}


def sns(action, **params):
    """An unsigned awsQuery request (form body); returns (status, body text)."""
    body = urllib.parse.urlencode(dict(Action=action, Version="2010-03-31", **params))
    status, _, data = support.raw_request("POST", "/", body=body, headers=FORM)
    return status, data.decode()


class SnsRawTest(support.EmulatorTestCase):
    def test_outbox_confirmation_link_and_unsubscribe_link(self):
        status, body = sns("CreateTopic", Name="alerts")
        self.assertEqual(status, 200)
        arn = re.search(r"<TopicArn>(.*)</TopicArn>", body).group(1)
        self.assertEqual(sns("Subscribe", TopicArn=arn, Protocol="email", Endpoint="a@example.com")[0], 200)
        sns("Subscribe", TopicArn=arn, Protocol="email", Endpoint="b@example.com")
        status, outbox = support.admin("GET", "outbox?endpoint=a@example.com")
        self.assertEqual(status, 200)
        self.assertEqual(len(outbox["messages"]), 1)
        message = outbox["messages"][0]
        for key in ("id", "time", "topic_arn", "protocol", "endpoint", "subject", "body", "raw"):
            self.assertIn(key, message)
        self.assertEqual(message["subject"], "AWS Notification - Subscription Confirmation")
        self.assertIn("Subject: AWS Notification - Subscription Confirmation\r\n", message["raw"])
        self.assertEqual(len(support.admin("GET", "outbox")[1]["messages"]), 2)

        link = re.search(r"(http://\S+Action=ConfirmSubscription\S+)", message["body"]).group(1)
        parsed = urllib.parse.urlparse(link)
        status, _, answer = support.raw_request("GET", parsed.path + "?" + parsed.query)
        self.assertEqual(status, 200)
        subscription = re.search(rb"<SubscriptionArn>(.*)</SubscriptionArn>", answer).group(1).decode()
        self.assertTrue(subscription.startswith(arn + ":"))

        sns("Publish", TopicArn=arn, Message="hello")
        sent = support.admin("GET", "outbox?endpoint=a@example.com")[1]["messages"][-1]
        self.assertEqual(sent["message_type"], "Notification")
        unsubscribe = urllib.parse.urlparse(re.search(r"(http://\S+Action=Unsubscribe\S+)", sent["body"]).group(1))
        status, _, _ = support.raw_request("GET", unsubscribe.path + "?" + unsubscribe.query)
        self.assertEqual(status, 200)
        status, body = sns("GetSubscriptionAttributes", SubscriptionArn=subscription)
        self.assertEqual(status, 404)
        self.assertIn("<Code>NotFound</Code>", body)

        support.reset()
        self.assertEqual(support.admin("GET", "outbox")[1], {"messages": []})

    def test_signing_certificate(self):
        status, headers, body = support.raw_request("GET", "/_trailbox/sns/SimpleNotificationService.pem")
        self.assertEqual(status, 200)
        self.assertTrue(body.startswith(b"-----BEGIN CERTIFICATE-----"))
        self.assertEqual(support.raw_request("GET", "/_trailbox/sns/SimpleNotificationService.pem")[2], body)
