#!/usr/bin/env bash
# Starts build/trailbox serve (ephemeral, virtual clock, a free port) and runs every client test against it:
# raw HTTP checks, the AWS CLI v1 and v2, and boto3 under both Pythons (the preinstalled recent one and Debian's).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
binary="$root/build/trailbox"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log=$(mktemp)
"$binary" serve --ephemeral --clock virtual --port "$port" >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
export TRAILBOX_ENDPOINT="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  curl -sf "$TRAILBOX_ENDPOINT/_trailbox/health" >/dev/null && break
  sleep 0.05
done
curl -sf "$TRAILBOX_ENDPOINT/_trailbox/health" >/dev/null || { cat "$log"; echo "trailbox did not start"; exit 1; }

status=0
run() {
  echo "== $*"
  (cd "$root/client-tests" && PYTHONPATH="$root/client-tests" "$@") || status=1
}
# Test folders are not packages (no __init__.py), so client-tests/boto3 never shadows the boto3 package.
# Python of the preinstalled AWS CLI v1 and recent boto3; Debian's python3 with its boto3 and the CLI v2.
for python in python3 /usr/bin/python3; do
  command -v "$python" >/dev/null || continue
  "$python" -c 'import boto3' 2>/dev/null || { echo "skip $python: no boto3"; continue; }
  run "$python" -m unittest discover -s boto3 -t boto3 -p 'test_*.py'
done
run python3 -m unittest discover -s raw -t raw -p 'test_*.py'
run python3 -m unittest discover -s aws-cli -t aws-cli -p 'test_*.py'
# The AWS SDK for JavaScript v3: its packages come from npm on first use (client-tests/js-sdk/package.json).
if command -v node >/dev/null && command -v npm >/dev/null; then
  if [ ! -d "$root/client-tests/js-sdk/node_modules" ]; then
    (cd "$root/client-tests/js-sdk" && npm install --no-audit --no-fund >/dev/null) || status=1
  fi
  # One file at a time: every file resets the one server's state.
  run node --test --test-concurrency=1 js-sdk/
else
  echo "skip js-sdk: no node"
fi

if ! kill -0 "$pid" 2>/dev/null; then
  echo "trailbox exited during the tests:"; cat "$log"; status=1
fi
grep -E "failed|error" "$log" && echo "(server log above)"
exit $status
