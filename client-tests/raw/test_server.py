"""The server itself: state survives a restart (SIGTERM is graceful), --auth sigv4 verifies signatures,
keep-alive connections serve many requests, and Expect: 100-continue is honoured."""
import http.client
import json
import re
import shutil
import tempfile
import unittest
import urllib.parse

import boto3
import botocore.exceptions

import support
from server_process import ServerProcess

TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},' \
        '"Action":"sts:AssumeRole"}]}'


def client(service, endpoint, key="test", secret="test"):
    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", aws_access_key_id=key,
                        aws_secret_access_key=secret)


class PersistenceTest(unittest.TestCase):
    def test_state_survives_a_graceful_restart(self):
        data_dir = tempfile.mkdtemp(prefix="trailbox-persist-")
        try:
            with ServerProcess("--data-dir", data_dir) as server:
                client("iam", server.endpoint).create_role(RoleName="kept", AssumeRolePolicyDocument=TRUST)
                self.assertEqual(server.stop(), 0)
            with ServerProcess("--data-dir", data_dir) as server:
                role = client("iam", server.endpoint).get_role(RoleName="kept")["Role"]
                self.assertEqual(role["Arn"], "arn:aws:iam::000000000000:role/kept")
        finally:
            shutil.rmtree(data_dir)


    def test_a_virtual_clock_resumes_where_it_was(self):
        data_dir = tempfile.mkdtemp(prefix="trailbox-clock-")
        try:
            with ServerProcess("--data-dir", data_dir, "--clock", "virtual") as server:
                endpoint, support.ENDPOINT = support.ENDPOINT, server.endpoint
                try:
                    _, moved = support.admin("POST", "clock", {"set": "2030-06-01T12:00:00Z"})
                finally:
                    support.ENDPOINT = endpoint
            with ServerProcess("--data-dir", data_dir, "--clock", "virtual") as server:
                endpoint, support.ENDPOINT = support.ENDPOINT, server.endpoint
                try:
                    _, resumed = support.admin("GET", "clock")
                finally:
                    support.ENDPOINT = endpoint
            self.assertEqual(resumed["now"], "2030-06-01T12:00:00.000Z")
            self.assertEqual(resumed["epoch_millis"], moved["epoch_millis"])
        finally:
            shutil.rmtree(data_dir)

    def test_lifecycle_rules_keep_expiring_after_a_restart(self):
        # Scheduled work lives in memory; the server schedules it again from SQLite when it starts.
        data_dir = tempfile.mkdtemp(prefix="trailbox-lifecycle-")
        try:
            with ServerProcess("--data-dir", data_dir, "--clock", "virtual") as server:
                s3 = client("s3", server.endpoint)
                s3.create_bucket(Bucket="trail-logs")
                s3.put_object(Bucket="trail-logs", Key="AWSLogs/old.json.gz", Body=b"x")
                s3.put_bucket_lifecycle_configuration(Bucket="trail-logs", LifecycleConfiguration={"Rules": [
                    {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "AWSLogs/"},
                     "Expiration": {"Days": 30}}]})
            with ServerProcess("--data-dir", data_dir, "--clock", "virtual") as server:
                endpoint, support.ENDPOINT = support.ENDPOINT, server.endpoint
                try:
                    support.admin("POST", "clock", {"advance": "32d"})
                finally:
                    support.ENDPOINT = endpoint
                listed = client("s3", server.endpoint).list_objects_v2(Bucket="trail-logs")
                self.assertEqual(listed.get("KeyCount"), 0)
        finally:
            shutil.rmtree(data_dir)


class SigV4Test(unittest.TestCase):
    def test_signatures_are_verified_when_asked(self):
        with ServerProcess("--ephemeral", "--auth", "sigv4") as server:
            # The bootstrap key signs with the secret "test".
            self.assertEqual(client("sts", server.endpoint).get_caller_identity()["Account"], "000000000000")
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                client("sts", server.endpoint, secret="wrong").get_caller_identity()
            self.assertEqual(caught.exception.response["Error"]["Code"], "SignatureDoesNotMatch")
            self.assertEqual(caught.exception.response["ResponseMetadata"]["HTTPStatusCode"], 403)
            with self.assertRaises(botocore.exceptions.ClientError) as caught:
                client("sts", server.endpoint, key="AKIANOTKNOWN0000000").get_caller_identity()
            self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidClientTokenId")
            # A key IAM issued signs with its own secret.
            iam = client("iam", server.endpoint)
            iam.create_user(UserName="signer")
            key = iam.create_access_key(UserName="signer")["AccessKey"]
            sts = client("sts", server.endpoint, key["AccessKeyId"], key["SecretAccessKey"])
            self.assertEqual(sts.get_caller_identity()["Arn"], "arn:aws:iam::000000000000:user/signer")

    def test_sns_confirmation_link_needs_no_signature(self):
        with ServerProcess("--ephemeral", "--auth", "sigv4") as server:
            sns = client("sns", server.endpoint)
            topic = sns.create_topic(Name="alerts")["TopicArn"]
            sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="ops@example.com")
            url = urllib.parse.urlparse(server.endpoint)
            connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
            connection.request("GET", "/_trailbox/outbox")
            mail = json.loads(connection.getresponse().read())["messages"][-1]
            link = urllib.parse.urlparse(re.search(r"(http://\S+Action=ConfirmSubscription\S+)", mail["body"])[1])
            connection.request("GET", link.path + "?" + link.query)
            response = connection.getresponse()
            self.assertEqual((response.status, b"<SubscriptionArn>" in response.read()), (200, True))
            confirmed = sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"][0]["SubscriptionArn"]
            self.assertTrue(confirmed.startswith(topic + ":"))
            connection.request("GET", "/?Action=ListTopics&Version=2010-03-31")  # other unsigned calls: refused
            response = connection.getresponse()
            self.assertEqual((response.status, b"MissingAuthenticationToken" in response.read()), (403, True))

    def test_any_signature_is_accepted_by_default(self):
        self.assertEqual(client("sts", support.ENDPOINT, secret="anything").get_caller_identity()["Account"],
                         "000000000000")


class HttpTest(support.EmulatorTestCase):
    def test_keep_alive_serves_many_requests_on_one_connection(self):
        url = urllib.parse.urlparse(support.ENDPOINT)
        connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
        for _ in range(20):
            connection.request("GET", "/_trailbox/health")
            response = connection.getresponse()
            response.read()
            self.assertEqual(response.status, 200)
        connection.close()

    def test_expect_100_continue(self):
        # boto3 sends Expect: 100-continue for S3 uploads; any request may carry it.
        with support.open_socket() as s:
            body = b"Action=GetCallerIdentity&Version=2011-06-15"
            s.sendall(b"POST / HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\n"
                      b"Content-Type: application/x-www-form-urlencoded\r\n"
                      b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n")
            interim = s.recv(1024)
            self.assertTrue(interim.startswith(b"HTTP/1.1 100 Continue"), interim)
            s.sendall(body)
            answer = support.read_until(s, b"</GetCallerIdentityResponse>")
            self.assertIn(b"200 OK", answer)
            self.assertIn(b"<Account>000000000000</Account>", answer)


if __name__ == "__main__":
    unittest.main()
