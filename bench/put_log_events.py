#!/usr/bin/env python3
"""PutLogEvents throughput: starts `trailbox serve` (ephemeral, real clock) and sends PutLogEvents over keep-alive
HTTP/1.1 (awsJson1_1, unsigned, as the default --auth none allows) from 1 and from 8 concurrent clients, each to its
own stream of one log group that carries one JSON metric filter. Prints requests/s and events/s; asserts nothing.

Usage: python3 bench/put_log_events.py [--binary build/trailbox] [--seconds 5] [--batch 1] [--batch 100]
"""
import argparse
import http.client
import json
import os
import socket
import subprocess
import tempfile
import threading
import time

from load import run_threads

TARGET = "Logs_20140328."


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(connection, operation, body):
    connection.request("POST", "/", body=json.dumps(body), headers={
        "X-Amz-Target": TARGET + operation, "Content-Type": "application/x-amz-json-1.1"})
    response = connection.getresponse()
    data = response.read()
    if response.status != 200:
        raise RuntimeError(f"{operation}: {response.status} {data[:200]!r}")
    return json.loads(data or b"{}")


def record(i):
    return json.dumps({"eventVersion": "1.11", "eventSource": "ec2.amazonaws.com",
                       "eventName": "RunInstances" if i % 4 == 0 else "DescribeInstances",
                       "awsRegion": "us-east-1", "sourceIPAddress": "192.0.2.10",
                       "userIdentity": {"type": "IAMUser", "userName": "bench"}}, separators=(",", ":"))


def client(port, stream, batch, deadline, counts):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    call(connection, "CreateLogStream", {"logGroupName": "bench", "logStreamName": stream})
    requests = 0
    while time.monotonic() < deadline:
        now = int(time.time() * 1000)
        events = [{"timestamp": now, "message": record(requests * batch + i)} for i in range(batch)]
        call(connection, "PutLogEvents", {"logGroupName": "bench", "logStreamName": stream, "logEvents": events})
        requests += 1
    counts.append(requests)
    connection.close()


def run(port, clients, batch, seconds, round_id):
    counts = []
    deadline = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(port, f"r{round_id}-c{i}", batch, deadline, counts))
               for i in range(clients)]
    elapsed = run_threads(threads)
    requests = sum(counts)
    print(f"  concurrency {clients}, {batch:>4} events/request: {requests / elapsed:9.0f} requests/s "
          f"{requests * batch / elapsed:10.0f} events/s")


def main():
    parser = argparse.ArgumentParser()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--binary", default=os.path.join(root, "build", "trailbox"))
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--batch", type=int, action="append")
    args = parser.parse_args()
    batches = args.batch or [1, 100]
    port = free_port()
    log = tempfile.TemporaryFile()
    server = subprocess.Popen([args.binary, "serve", "--ephemeral", "--port", str(port)], stdout=log, stderr=log)
    try:
        for _ in range(200):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                call(connection, "CreateLogGroup", {"logGroupName": "bench"})
                break
            except OSError:
                time.sleep(0.02)
        call(connection, "PutMetricFilter", {
            "logGroupName": "bench", "filterName": "runs",
            "filterPattern": '{ ($.eventSource = "ec2.amazonaws.com") && ($.eventName = "RunInstances") }',
            "metricTransformations": [{"metricName": "Runs", "metricNamespace": "Bench", "metricValue": "1"}]})
        connection.close()
        print(f"PutLogEvents throughput ({args.binary}, {os.cpu_count()} cores, {args.seconds:.0f} s per run)")
        round_id = 0
        for batch in batches:
            for clients in (1, 8):
                round_id += 1
                run(port, clients, batch, args.seconds, round_id)
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
