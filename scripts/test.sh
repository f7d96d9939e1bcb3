#!/usr/bin/env bash
# Builds docsift twice and runs every test in both builds:
#   build/      Release (with benchmarks and tools compiled, so they cannot rot)
#   build-asan/ RelWithDebInfo + AddressSanitizer + UndefinedBehaviorSanitizer, asserts on
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${JOBS:-$(nproc)}"

cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DDOCSIFT_SANITIZE=OFF -DDOCSIFT_BUILD_PYTHON=ON >/dev/null
cmake --build build -j"$JOBS"
ctest --test-dir build --output-on-failure -j"$JOBS"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDOCSIFT_SANITIZE=ON \
  -DDOCSIFT_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"
bash scripts/fuzz.sh 30
