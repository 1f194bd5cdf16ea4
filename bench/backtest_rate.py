#!/usr/bin/env python3
"""The backtest's rate: N CloudTrail records, in gzip log files of FILE_SIZE records as a trail delivers them
(compact JSON, AWS's key layout), through the 15 CIS filters and 3 alarms of fixtures/cloudtrail/cis-rules.yaml.
Records are AWS's sample records (fixtures/cloudtrail/samples) with fresh eventTime, eventID, requestID and source
IP, spread over a day. Runs `trailbox backtest --report json` pinned to one core (taskset, when available) and
prints records/s from the report (reading, inflating, matching, alarms; rules checking excluded), wall time, and
records per CPU second of the process (start-up and rules included), which other load on the machine does not skew.
The target (shared/DESIGN.md) is >= 200k records/s per core. Asserts nothing.

Usage: python3 bench/backtest_rate.py [--binary build/trailbox] [--records 500000] [--file-size 1000] [--runs 3]
"""
import argparse
import glob
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import tempfile
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DAY_START = 1714521600  # 2024-05-01T00:00:00Z


def load_samples():
    samples = []
    for path in sorted(glob.glob(os.path.join(ROOT, "fixtures", "cloudtrail", "samples", "*.json"))):
        with open(path) as f:
            samples.append(json.load(f))
    return samples


def generate(directory, records, file_size):
    rng = random.Random(7)
    samples = load_samples()
    times = sorted(rng.randrange(DAY_START, DAY_START + 86400) for _ in range(records))
    folder = os.path.join(directory, "AWSLogs", "111122223333", "CloudTrail", "us-east-1", "2024", "05", "01")
    os.makedirs(folder)
    total_bytes = 0
    for number, start in enumerate(range(0, records, file_size)):
        batch = []
        for second in times[start:start + file_size]:
            record = dict(rng.choice(samples))
            record["eventTime"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(second))
            record["eventID"] = str(uuid.UUID(int=rng.getrandbits(128)))
            record["requestID"] = str(uuid.UUID(int=rng.getrandbits(128)))
            record["sourceIPAddress"] = f"198.51.100.{rng.randrange(1, 255)}"
            batch.append(record)
        body = json.dumps({"Records": batch}, separators=(",", ":")).encode()
        total_bytes += len(body)
        name = f"111122223333_CloudTrail_us-east-1_20240501T0000Z_{number:016d}.json.gz"
        with open(os.path.join(folder, name), "wb") as f:
            f.write(gzip.compress(body, compresslevel=6, mtime=0))
    return total_bytes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=os.path.join(ROOT, "build", "trailbox"))
    parser.add_argument("--records", type=int, default=500_000)
    parser.add_argument("--file-size", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    directory = tempfile.mkdtemp(prefix="trailbox-backtest-bench-")
    try:
        started = time.time()
        raw_bytes = generate(directory, args.records, args.file_size)
        print(f"generated {args.records} records ({raw_bytes / args.records:.0f} bytes each uncompressed) in "
              f"{(args.records + args.file_size - 1) // args.file_size} files, {time.time() - started:.1f} s")
        pin = ["taskset", "-c", "0"] if shutil.which("taskset") else []
        command = pin + [args.binary, "backtest", "--rules", os.path.join(ROOT, "fixtures", "cloudtrail",
                                                                          "cis-rules.yaml"), "--report", "json",
                         directory]
        for run in range(args.runs):
            started = time.time()
            usage = resource.getrusage(resource.RUSAGE_CHILDREN)
            result = subprocess.run(command, capture_output=True, text=True, check=True)
            wall = time.time() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - usage.ru_utime - usage.ru_stime
            report = json.loads(result.stdout)
            matches = sum(f["matches"] for f in report["filters"])
            print(f"run {run + 1}: {report['records']['read']} records, {len(report['filters'])} filters, "
                  f"{matches} matches: {report['records_per_second']:,.0f} records/s "
                  f"({report['elapsed_ms']:.0f} ms; wall {wall * 1000:.0f} ms with start-up and rules); "
                  f"{report['records']['read'] / cpu:,.0f} records per CPU second")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
