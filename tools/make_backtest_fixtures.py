#!/usr/bin/env python3
"""Builds fixtures/cloudtrail/backtest/day/: the S3 sync of a trail bucket for one synthetic day (2024-05-01,
account 111122223333, us-east-1), made from AWS's sample CloudTrail records (shared/reference/samples; their
SOURCES.md names the AWS pages). Each record keeps its fields; only eventTime and eventID are set (placed on the
day), plus one derived record: ConsoleLogin failing with "Failed authentication", CloudTrail's errorMessage for a
wrong password (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-aws-console-sign-in-events.html).
Records are grouped into one log file per hour at CloudTrail's key layout (compact JSON, gzip); the noon file lists
its records newest first (CloudTrail does not sort within a file), the 20:00 file is an uncompressed, indented
.json copy, and the tree also holds a digest file and two files that are not log files, which a backtest skips.
Deterministic: same input, same bytes. fixtures/cloudtrail/README.md describes the day.

Usage: python3 tools/make_backtest_fixtures.py [--samples DIR] [--out DIR]
"""
import argparse
import gzip
import hashlib
import json
import os
import shutil
import uuid

ACCOUNT, REGION, DAY = "111122223333", "us-east-1", "2024-05-01"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PREFIX = f"AWSLogs/{ACCOUNT}/CloudTrail/{REGION}/2024/05/01"


def plan(samples):
    """(HH:MM:SS, record) for the whole day."""
    def sample(name):
        with open(os.path.join(samples, name + ".json")) as f:
            return json.load(f)

    wrong_password = sample("console-login-failure-hidden-username")
    wrong_password["errorMessage"] = "Failed authentication"
    events = []
    for hour in range(24):
        events.append((f"{hour:02d}:07:00", sample("kms-generate-data-key")))
        events.append((f"{hour:02d}:37:00", sample("start-instances")))
    events += [
        ("08:00:10", sample("console-login-success-mfa")),
        ("09:15:00", sample("error-access-denied-iam")),
        ("10:00:30", sample("create-security-group")),
        ("11:20:00", sample("error-trail-not-found")),
        ("12:00:10", wrong_password),
        ("12:01:20", wrong_password),
        ("12:02:30", wrong_password),
        ("12:03:40", wrong_password),
        ("12:03:50", sample("console-login-failure-hidden-username")),
        ("14:30:00", sample("error-access-denied-iam")),
        ("16:00:00", sample("terminate-instances")),
        ("18:45:00", sample("run-instances")),
        ("18:46:00", sample("iam-create-user")),
        ("18:47:00", sample("sts-assume-role-chaining")),
        ("18:48:00", sample("assumed-role-s3-delete-bucket")),
        ("20:10:00", sample("create-key-pair-redacted")),
    ]
    placed = []
    for time, record in events:
        record = json.loads(json.dumps(record))
        record["eventTime"] = f"{DAY}T{time}Z"
        record["eventID"] = str(uuid.uuid5(uuid.NAMESPACE_URL, f"trailbox-backtest/{DAY}T{time}/{record['eventName']}"))
        placed.append((time, record))
    return sorted(placed, key=lambda item: item[0])


def file_name(hour, suffix):
    unique = hashlib.sha256(f"{DAY}/{hour}".encode()).hexdigest()[:16].upper()
    return f"{ACCOUNT}_CloudTrail_{REGION}_20240501T{hour:02d}55Z_{unique}{suffix}"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", default=os.path.join(os.path.dirname(ROOT), "shared", "reference", "samples"))
    parser.add_argument("--out", default=os.path.join(ROOT, "fixtures", "cloudtrail", "backtest", "day"))
    args = parser.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    hours = {}
    for time, record in plan(args.samples):
        hours.setdefault(int(time[:2]), []).append(record)
    for hour, records in sorted(hours.items()):
        if hour == 12:
            records = list(reversed(records))
        if hour == 20:
            body = json.dumps({"Records": records}, indent=2).encode()
            write(os.path.join(args.out, PREFIX, file_name(hour, ".json")), body)
            continue
        body = json.dumps({"Records": records}, separators=(",", ":")).encode()
        write(os.path.join(args.out, PREFIX, file_name(hour, ".json.gz")), gzip.compress(body, mtime=0))
    with open(os.path.join(args.samples, "digest-file.json"), "rb") as f:
        digest = f.read()
    write(os.path.join(args.out, f"AWSLogs/{ACCOUNT}/CloudTrail-Digest/{REGION}/2024/05/01",
                       f"{ACCOUNT}_CloudTrail-Digest_{REGION}_management_{REGION}_20240501T130000Z.json.gz"),
          gzip.compress(digest, mtime=0))
    with open(os.path.join(args.samples, "sns-delivery-message.json"), "rb") as f:
        write(os.path.join(args.out, f"AWSLogs/{ACCOUNT}/sns-delivery-message.json"), f.read())
    write(os.path.join(args.out, f"AWSLogs/{ACCOUNT}/CloudTrail/{REGION}/2024/05/01/README.txt"),
          b"Not a log file: a backtest skips it.\n")


if __name__ == "__main__":
    main()
