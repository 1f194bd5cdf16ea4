#!/usr/bin/env bash
# Configures and builds trailbox in ./build (Release), two jobs: the contract build of README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j2
