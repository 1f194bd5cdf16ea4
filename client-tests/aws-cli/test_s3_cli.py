"""S3 through the AWS CLI v1 and v2: the high-level `s3 mb/cp/ls/sync/rm` (a 20 MiB file goes up and down in
multipart transfers and is compared by checksum) and `s3api` calls, with S3's errors as the CLI prints them."""
import hashlib
import json
import os
import subprocess
import tempfile

import support


def run_text(executable, *args):
    """Runs `aws --endpoint-url ... ARGS`; returns (returncode, stdout, stderr) as text."""
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=support.REGION,
               AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true")
    env.pop("AWS_SESSION_TOKEN", None)
    result = subprocess.run([executable, "--endpoint-url", support.ENDPOINT, *args], capture_output=True, text=True,
                            env=env)
    return result.returncode, result.stdout, result.stderr


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class S3CliTest(support.CliTestCase):
    def ok(self, executable, *args):
        code, out, err = run_text(executable, *args)
        self.assertEqual(code, 0, err)
        return out

    def test_high_level_commands(self):
        def check(aws):
            with tempfile.TemporaryDirectory() as folder:
                self.assertIn("make_bucket: cli-logs", self.ok(aws, "s3", "mb", "s3://cli-logs"))
                big = os.path.join(folder, "big.bin")
                with open(big, "wb") as f:
                    f.write(os.urandom(20 * 1024 * 1024))
                self.ok(aws, "s3", "cp", big, "s3://cli-logs/data/big.bin")
                head = support.run_cli(aws, "s3api", "head-object", "--bucket", "cli-logs", "--key", "data/big.bin")
                self.assertEqual(head["ContentLength"], 20 * 1024 * 1024)
                self.assertRegex(head["ETag"], r'-\d+"$')
                back = os.path.join(folder, "back.bin")
                self.ok(aws, "s3", "cp", "s3://cli-logs/data/big.bin", back)
                self.assertEqual(sha256_of(back), sha256_of(big))

                tree = os.path.join(folder, "tree")
                os.makedirs(os.path.join(tree, "sub dir"))
                for name, text in [("a.txt", "a"), ("sub dir/b ü.txt", "b")]:
                    with open(os.path.join(tree, name), "w") as f:
                        f.write(text)
                self.ok(aws, "s3", "sync", tree, "s3://cli-logs/tree")
                listing = self.ok(aws, "s3", "ls", "s3://cli-logs/tree/")
                self.assertIn("PRE sub dir/", listing)
                self.assertIn("a.txt", listing)
                recursive = self.ok(aws, "s3", "ls", "--recursive", "s3://cli-logs")
                self.assertIn("tree/sub dir/b ü.txt", recursive)
                self.assertIn("data/big.bin", recursive)
                copy = os.path.join(folder, "copy")
                self.ok(aws, "s3", "sync", "s3://cli-logs/tree", copy)
                with open(os.path.join(copy, "sub dir", "b ü.txt")) as f:
                    self.assertEqual(f.read(), "b")

                self.ok(aws, "s3", "rm", "--recursive", "s3://cli-logs/tree")
                self.assertNotIn("tree/", self.ok(aws, "s3", "ls", "--recursive", "s3://cli-logs"))
                code, _, err = run_text(aws, "s3", "rb", "s3://cli-logs")
                self.assertNotEqual(code, 0)
                self.assertIn("BucketNotEmpty", err)
                self.ok(aws, "s3", "rb", "--force", "s3://cli-logs")
                self.assertNotIn("cli-logs", self.ok(aws, "s3", "ls"))
        self.for_each_cli(check)

    def test_s3api_calls_and_errors(self):
        def check(aws):
            support.run_cli(aws, "s3api", "create-bucket", "--bucket", "api-logs")
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
                f.write("hello")
            put = support.run_cli(aws, "s3api", "put-object", "--bucket", "api-logs", "--key", "k 1.txt",
                                  "--body", f.name, "--content-type", "text/plain", "--metadata", "team=sec")
            self.assertEqual(put["ETag"], '"%s"' % hashlib.md5(b"hello").hexdigest())
            listing = support.run_cli(aws, "s3api", "list-objects-v2", "--bucket", "api-logs")
            self.assertEqual([c["Key"] for c in listing["Contents"]], ["k 1.txt"])
            head = support.run_cli(aws, "s3api", "head-object", "--bucket", "api-logs", "--key", "k 1.txt")
            self.assertEqual(head["Metadata"], {"team": "sec"})
            self.assertEqual(head["ContentType"], "text/plain")
            location = support.run_cli(aws, "s3api", "get-bucket-location", "--bucket", "api-logs")
            self.assertIsNone(location.get("LocationConstraint"))
            policy = {"Version": "2012-10-17", "Statement": [{
                "Sid": "AWSCloudTrailWrite", "Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"},
                "Action": "s3:PutObject", "Resource": "arn:aws:s3:::api-logs/AWSLogs/000000000000/*",
                "Condition": {"StringEquals": {"s3:x-amz-acl": "bucket-owner-full-control"}}}]}
            support.run_cli(aws, "s3api", "put-bucket-policy", "--bucket", "api-logs", "--policy", json.dumps(policy))
            got = support.run_cli(aws, "s3api", "get-bucket-policy", "--bucket", "api-logs")
            self.assertEqual(json.loads(got["Policy"]), policy)
            lifecycle = {"Rules": [{"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": "AWSLogs/"},
                                    "Expiration": {"Days": 90}}]}
            support.run_cli(aws, "s3api", "put-bucket-lifecycle-configuration", "--bucket", "api-logs",
                            "--lifecycle-configuration", json.dumps(lifecycle))
            got = support.run_cli(aws, "s3api", "get-bucket-lifecycle-configuration", "--bucket", "api-logs")
            self.assertEqual(got["Rules"], lifecycle["Rules"])

            with self.assertRaises(support.CliError) as caught:
                support.run_cli(aws, "s3api", "get-object", "--bucket", "api-logs", "--key", "missing", "/dev/null")
            self.assertIn("NoSuchKey", caught.exception.stderr)
            self.assertIn("The specified key does not exist.", caught.exception.stderr)
            with self.assertRaises(support.CliError) as caught:
                support.run_cli(aws, "s3api", "list-objects-v2", "--bucket", "no-such-bucket-here")
            self.assertIn("NoSuchBucket", caught.exception.stderr)
            with self.assertRaises(support.CliError) as caught:
                support.run_cli(aws, "s3api", "put-bucket-policy", "--bucket", "api-logs", "--policy", "{}")
            self.assertIn("MalformedPolicy", caught.exception.stderr)
        self.for_each_cli(check)
