"""Shared helpers for client tests: where the emulator runs, clients pointed at it, raw HTTP, and reset.

client-tests/run.sh starts `build/trailbox serve` on a free port and exports TRAILBOX_ENDPOINT; every test talks
to that server the way a user's client would.
"""
import http.client
import json
import os
import shutil
import subprocess
import unittest
import urllib.parse

ENDPOINT = os.environ.get("TRAILBOX_ENDPOINT", "http://127.0.0.1:4566")
REGION = "us-east-1"
ACCOUNT = "000000000000"


def admin(method, path, body=None):
    """Calls /_trailbox/<path>; returns (status, parsed JSON)."""
    status, _, data = raw_request(method, "/_trailbox/" + path,
                                  body=json.dumps(body) if body is not None else None,
                                  headers={"Content-Type": "application/json"})
    return status, json.loads(data or b"{}")


def reset():
    status, _ = admin("POST", "reset")
    assert status == 200, status


def raw_request(method, path, body=None, headers=None):
    """Sends one HTTP request as given; returns (status, headers dict with lower-case names, body bytes)."""
    url = urllib.parse.urlparse(ENDPOINT)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data
    finally:
        connection.close()


def boto3_client(service, access_key="test", secret_key="test", session_token=None):
    import boto3
    return boto3.client(service, endpoint_url=ENDPOINT, region_name=REGION, aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key, aws_session_token=session_token)


def cli_commands():
    """The AWS CLIs to test: name -> executable. v1 is the preinstalled one (pip), v2 is Debian's /usr/bin/aws."""
    found = {}
    for path in (shutil.which("aws") or "", "/root/.pyenv/shims/aws", "/usr/local/bin/aws", "/usr/bin/aws"):
        if not path or not os.path.exists(path):
            continue
        version = subprocess.run([path, "--version"], capture_output=True, text=True).stdout + \
            subprocess.run([path, "--version"], capture_output=True, text=True).stderr
        major = "v2" if version.startswith("aws-cli/2") else "v1" if version.startswith("aws-cli/1") else None
        if major and major not in found:
            found[major] = path
    return found


class CliError(Exception):
    def __init__(self, returncode, stderr):
        super().__init__(stderr)
        self.returncode = returncode
        self.stderr = stderr


def run_cli(executable, *args, env_extra=None):
    """Runs `aws --endpoint-url ... ARGS --output json`; returns parsed JSON (or {}), raises CliError."""
    env = dict(os.environ, AWS_ACCESS_KEY_ID="test", AWS_SECRET_ACCESS_KEY="test", AWS_DEFAULT_REGION=REGION,
               AWS_PAGER="", AWS_EC2_METADATA_DISABLED="true")
    env.pop("AWS_SESSION_TOKEN", None)
    env.update(env_extra or {})
    result = subprocess.run([executable, "--endpoint-url", ENDPOINT, "--output", "json", *args],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise CliError(result.returncode, result.stderr)
    return json.loads(result.stdout) if result.stdout.strip() else {}


class EmulatorTestCase(unittest.TestCase):
    """Starts each test from an empty emulator."""

    def setUp(self):
        reset()

    def assert_error(self, code, message, call, **kwargs):
        """`call(**kwargs)` fails with AWS's error code and message (None: any message); returns the response."""
        import botocore.exceptions
        with self.assertRaises(botocore.exceptions.ClientError) as caught:
            call(**kwargs)
        self.assertEqual(caught.exception.response["Error"]["Code"], code)
        if message is not None:
            self.assertEqual(caught.exception.response["Error"]["Message"], message)
        return caught.exception.response


def protocol_variant_session(service, protocol):
    """A botocore session whose model for `service` speaks `protocol` ("json" or "smithy-rpc-v2-cbor").

    botocore picks the wire protocol from the model, so a copy of the installed model with only that protocol,
    placed first on the loader's search path, makes a real botocore client speak it. The copy is made at test
    time from the installed botocore; nothing is vendored.
    """
    import tempfile
    import botocore.session

    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    api_version = loader.determine_latest_version(service, "service-2")
    model = loader.load_service_model(service, "service-2", api_version)
    metadata = model["metadata"]
    metadata["protocol"] = protocol
    metadata["protocols"] = [protocol]
    metadata.setdefault("targetPrefix", metadata.get("serviceId", service).replace(" ", "") + "_" +
                        api_version.replace("-", ""))
    if protocol == "json":
        metadata["jsonVersion"] = "1.0"
    folder = tempfile.mkdtemp(prefix=f"trailbox-{service}-{protocol}-")
    os.makedirs(os.path.join(folder, service, api_version))
    with open(os.path.join(folder, service, api_version, "service-2.json"), "w") as f:
        json.dump(model, f)
    loader.search_paths.insert(0, folder)
    return session


def botocore_supports(protocol):
    """True when the installed botocore can serialize `protocol`."""
    import botocore.serialize
    return protocol in botocore.serialize.SERIALIZERS


def open_socket():
    """A plain TCP connection to the emulator, for tests that must control the bytes on the wire."""
    import socket
    url = urllib.parse.urlparse(ENDPOINT)
    return socket.create_connection((url.hostname, url.port), timeout=30)


def read_until(connection, marker):
    """Reads from a socket until `marker` arrives or the peer closes; returns all bytes read."""
    answer = b""
    while marker not in answer:
        chunk = connection.recv(65536)
        if not chunk:
            break
        answer += chunk
    return answer


class CliTestCase(EmulatorTestCase):
    """Runs a check once per installed AWS CLI (v1 and v2), each from an empty emulator."""

    def for_each_cli(self, check):
        clis = cli_commands()
        if not clis:
            self.skipTest("no AWS CLI installed")
        for version, executable in sorted(clis.items()):
            with self.subTest(cli=version):
                reset()
                check(executable)

    def assert_cli_error(self, executable, expected, *args, env_extra=None):
        """The CLI fails and its error output contains `expected` (AWS's code and message)."""
        with self.assertRaises(CliError) as caught:
            run_cli(executable, *args, env_extra=env_extra)
        self.assertIn(expected, caught.exception.stderr)
