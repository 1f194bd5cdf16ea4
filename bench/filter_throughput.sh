#!/usr/bin/env bash
# Builds bench/filter_throughput.cpp against a build directory's filter library and runs it on one core.
# Usage: bash bench/filter_throughput.sh [BUILD_DIR=build] [RECORDS=500000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
records=${2:-500000}
cmake --build "$build" --target trailbox_filter >/dev/null
binary=$(mktemp /tmp/trailbox-filter-bench.XXXXXX)
trap 'rm -f "$binary"' EXIT
g++ -std=c++20 -O2 -DNDEBUG -I "$root/emulator" "$root/bench/filter_throughput.cpp" \
  "$build/emulator/libtrailbox_filter.a" -o "$binary"
taskset -c 0 "$binary" "$records" 2>/dev/null || "$binary" "$records"
