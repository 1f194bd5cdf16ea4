#!/usr/bin/env bash
# Installs, builds and runs every test: unit tests and protocol vectors (ctest), then client tests against a
# running build/trailbox serve. Exits non-zero if anything fails.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/setup.sh
bash tools/build.sh
echo "== unit tests and protocol vectors (ctest)"
ctest --test-dir build --output-on-failure -j2
# Scenarios replayed in-process on the virtual clock: exit 1 on a failed expectation, 2 on a file that does not load.
echo "== scenarios (trailbox run)"
./build/trailbox run scenarios/*.yaml
echo "== protocol vector pass counts"
./build/emulator/trailbox_protocol_tests --gtest_filter='*ProtocolVector*' 2>/dev/null | grep -E '^(protocol vectors:|  [a-z0-9_-]+: [0-9])' || true
echo "== client tests"
bash client-tests/run.sh
echo "== all tests passed"
