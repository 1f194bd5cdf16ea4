#!/usr/bin/env python3
"""Measures trailbox's cold start (launch to the first 200 from /_trailbox/health) and idle memory (RSS after the
server has answered and sat idle for a second). Prints medians over N runs; asserts nothing.

Usage: python3 bench/startup.py [--runs 20] [--binary build/trailbox]
"""
import argparse
import http.client
import os
import socket
import statistics
import subprocess
import tempfile
import time


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def health_ok(port):
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
        connection.request("GET", "/_trailbox/health")
        ok = connection.getresponse().status == 200
        connection.close()
        return ok
    except OSError:
        return False


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def one_run(binary, extra):
    port = free_port()
    start = time.perf_counter()
    server = subprocess.Popen([binary, "serve", "--port", str(port), *extra],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not health_ok(port):
            if time.perf_counter() - start > 10:
                raise RuntimeError("no answer within 10 s")
        elapsed_ms = (time.perf_counter() - start) * 1000
        time.sleep(1.0)
        return elapsed_ms, rss_kib(server.pid)
    finally:
        server.terminate()
        server.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--binary", default=os.path.join(os.path.dirname(__file__), "..", "build", "trailbox"))
    args = parser.parse_args()
    for label, extra_factory in (("ephemeral", lambda: ["--ephemeral"]),
                                 ("data-dir", lambda: ["--data-dir", tempfile.mkdtemp(prefix="trailbox-bench-")])):
        starts, memory = [], []
        for _ in range(args.runs):
            elapsed, rss = one_run(args.binary, extra_factory())
            starts.append(elapsed)
            memory.append(rss)
        print(f"{label}: cold start median {statistics.median(starts):.1f} ms "
              f"(min {min(starts):.1f}, max {max(starts):.1f}); idle RSS median {statistics.median(memory) / 1024:.1f} MiB "
              f"over {args.runs} runs")


if __name__ == "__main__":
    main()
