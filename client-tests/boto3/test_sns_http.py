"""SNS to an HTTP endpoint: the test serves a tiny HTTP endpoint, subscribes it, receives the signed
SubscriptionConfirmation POST, confirms by visiting its SubscribeURL, then receives the Notification. trailbox
posts from scheduler tasks, so on the virtual clock each step runs when the clock moves ({"advance": "0s"})."""
import base64
import http.server
import json
import queue
import threading
import time
import urllib.request

import support

WAIT_SECONDS = 10


class Endpoint(http.server.BaseHTTPRequestHandler):
    received = None
    status = 200

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        self.send_response(Endpoint.status)
        self.send_header("Content-Length", "0")
        self.end_headers()
        Endpoint.received.put((dict(self.headers), body))

    def log_message(self, *args):
        pass


def string_to_sign(message):
    keys = ["Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type"]
    if message["Type"] == "SubscriptionConfirmation":
        keys = ["Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type"]
    return "".join("%s\n%s\n" % (key, message[key]) for key in keys if key in message).encode()


class SnsHttpTest(support.EmulatorTestCase):
    def setUp(self):
        super().setUp()
        Endpoint.received = queue.Queue()
        Endpoint.status = 200
        self.server = http.server.HTTPServer(("127.0.0.1", 0), Endpoint)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_port
        self.sns = support.boto3_client("sns")

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def next_post(self):
        support.admin("POST", "clock", {"advance": "0s"})
        return Endpoint.received.get(timeout=WAIT_SECONDS)

    def wait_for_status(self, status):
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            support.admin("POST", "clock", {"advance": "0s"})
            message = support.admin("GET", "outbox?endpoint=" + self.url)[1]["messages"][-1]
            if message["status"] == status:
                return message
            time.sleep(0.05)
        self.fail("the outbox message never became " + status)

    def verify_signature(self, message):
        try:
            from cryptography import x509
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import padding
        except ImportError:
            return
        with urllib.request.urlopen(message["SigningCertURL"]) as answer:
            certificate = x509.load_pem_x509_certificate(answer.read())
        certificate.public_key().verify(base64.b64decode(message["Signature"]), string_to_sign(message),
                                        padding.PKCS1v15(), hashes.SHA1())

    def test_confirm_then_notify(self):
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        self.sns.subscribe(TopicArn=arn, Protocol="http", Endpoint=self.url)
        headers, body = self.next_post()
        confirmation = json.loads(body)
        self.assertEqual(headers["x-amz-sns-message-type"], "SubscriptionConfirmation")
        self.assertEqual(headers["x-amz-sns-topic-arn"], arn)
        self.assertEqual(confirmation["Type"], "SubscriptionConfirmation")
        self.assertEqual(confirmation["Message"], "You have chosen to subscribe to the topic %s.\nTo confirm the "
                         "subscription, visit the SubscribeURL included in this message." % arn)
        self.verify_signature(confirmation)
        self.assertEqual(self.wait_for_status("delivered")["attempts"][0]["outcome"], "HTTP 200")
        with urllib.request.urlopen(confirmation["SubscribeURL"]) as answer:
            self.assertIn(b"<SubscriptionArn>" + arn.encode(), answer.read())
        subscription = self.sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"][0]["SubscriptionArn"]
        self.assertTrue(subscription.startswith(arn + ":"))

        message_id = self.sns.publish(TopicArn=arn, Message="hello", Subject="Hi")["MessageId"]
        headers, body = self.next_post()
        notification = json.loads(body)
        self.assertEqual(headers["x-amz-sns-message-type"], "Notification")
        self.assertEqual(headers["x-amz-sns-subscription-arn"], subscription)
        self.assertEqual(headers["x-amz-sns-message-id"], message_id)
        self.assertEqual(headers["User-Agent"], "Amazon Simple Notification Service Agent")
        self.assertEqual((notification["Message"], notification["Subject"], notification["MessageId"]),
                         ("hello", "Hi", message_id))
        self.assertIn("Action=Unsubscribe", notification["UnsubscribeURL"])
        self.verify_signature(notification)

    def test_raw_delivery_and_retries(self):
        arn = self.sns.create_topic(Name="alerts")["TopicArn"]
        subscription = self.sns.subscribe(TopicArn=arn, Protocol="http", Endpoint=self.url,
                                          Attributes={"RawMessageDelivery": "true"},
                                          ReturnSubscriptionArn=True)["SubscriptionArn"]
        token = json.loads(self.next_post()[1])["Token"]
        self.sns.confirm_subscription(TopicArn=arn, Token=token)
        Endpoint.status = 500
        self.sns.publish(TopicArn=arn, Message="raw body")
        headers, body = self.next_post()
        self.assertEqual((body, headers["x-amz-sns-rawdelivery"]), ("raw body", "true"))
        self.assertEqual(self.wait_for_status("pending")["attempts"][0]["outcome"], "HTTP 500")
        Endpoint.status = 200
        support.admin("POST", "clock", {"advance": "20s"})
        self.assertEqual(Endpoint.received.get(timeout=WAIT_SECONDS)[1], "raw body")
        outcomes = [a["outcome"] for a in self.wait_for_status("delivered")["attempts"]]
        self.assertEqual(outcomes, ["HTTP 500", "HTTP 200"])
        self.sns.unsubscribe(SubscriptionArn=subscription)
