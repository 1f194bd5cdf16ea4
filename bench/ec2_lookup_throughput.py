#!/usr/bin/env python3
"""Measures request throughput of EC2 RunInstances and CloudTrail LookupEvents (every call also writes its CloudTrail
record) at concurrency 1 and 8, over keep-alive HTTP connections with raw requests (no SDK overhead). Starts its
own server (ephemeral and with a data directory). Prints requests per second and latency percentiles; asserts
nothing.

Usage: python3 bench/ec2_lookup_throughput.py [--seconds 5] [--binary build/trailbox]
"""
import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import tempfile
import threading
import time

from load import run_threads

EC2_AUTH = ("AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/ec2/aws4_request, SignedHeaders=host, "
            "Signature=00")
CLOUDTRAIL_AUTH = EC2_AUTH.replace("/ec2/", "/cloudtrail/")
RUN_INSTANCES = (b"Action=RunInstances&Version=2016-11-15&ImageId=ami-0c101f26f147fa7fd&InstanceType=t2.micro&"
                 b"MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance&"
                 b"TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=bench")
LOOKUP = json.dumps({"LookupAttributes": [{"AttributeKey": "EventName", "AttributeValue": "RunInstances"}],
                     "MaxResults": 50}).encode()
REQUESTS = {
    "RunInstances": ({"Content-Type": "application/x-www-form-urlencoded", "Authorization": EC2_AUTH},
                     RUN_INSTANCES),
    "LookupEvents": ({"Content-Type": "application/x-amz-json-1.1", "Authorization": CLOUDTRAIL_AUTH,
                      "X-Amz-Target": "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents"},
                     LOOKUP),
}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_healthy(port):
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            connection.request("GET", "/_trailbox/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.02)
    raise RuntimeError("server did not start")


def worker(port, name, stop_at, latencies, errors):
    headers, body = REQUESTS[name]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while time.perf_counter() < stop_at:
        start = time.perf_counter()
        connection.request("POST", "/", body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        latencies.append(time.perf_counter() - start)
        if response.status != 200:
            errors.append(response.status)
    connection.close()


def measure(port, name, concurrency, seconds):
    latencies, errors = [], []
    stop_at = time.perf_counter() + seconds
    threads = [threading.Thread(target=worker, args=(port, name, stop_at, latencies, errors))
               for _ in range(concurrency)]
    elapsed = run_threads(threads)
    ordered = sorted(latencies)
    p50 = ordered[len(ordered) // 2] * 1000 if ordered else 0
    p99 = ordered[int(len(ordered) * 0.99)] * 1000 if ordered else 0
    print(f"  {name:13s} concurrency {concurrency}: {len(latencies) / elapsed:8.0f} req/s  "
          f"p50 {p50:.2f} ms  p99 {p99:.2f} ms  ({len(latencies)} requests, {len(errors)} non-200)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", "build", "trailbox"))
    args = parser.parse_args()
    for label, extra in (("ephemeral", ["--ephemeral"]),
                         ("data-dir", ["--data-dir", tempfile.mkdtemp(prefix="trailbox-bench-")])):
        port = free_port()
        server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--clock", "virtual", *extra],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_healthy(port)
            print(f"{label}:")
            for name in ("RunInstances", "LookupEvents"):
                for concurrency in (1, 8):
                    measure(port, name, concurrency, args.seconds)
        finally:
            server.terminate()
            server.wait()


if __name__ == "__main__":
    main()
