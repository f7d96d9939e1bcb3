#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz, clang++-14, ASan + UBSan) in build-fuzz/ and runs
# each for N seconds (default 30) on a scratch copy of its seed corpus, so the committed corpus is
# not changed. Fails when any harness finds a crash, leak, timeout or broken property; the input
# that did it is saved under build-fuzz/crashes/<harness>/ and the log's tail is printed.
#   scripts/fuzz.sh [seconds] [harness...]      e.g. scripts/fuzz.sh 600 tokenize segment
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${1:-30}"
shift || true
HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then HARNESSES=(utf8 jsonl byte_source tokenize segment options); fi
JOBS="${JOBS:-$(nproc)}"
CXX_FUZZ="${CXX_FUZZ:-clang++-14}"

cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
  -DDOCSIFT_FUZZ=ON -DDOCSIFT_BUILD_TESTS=OFF -DDOCSIFT_BUILD_BENCH=OFF >/dev/null
targets=()
for h in "${HARNESSES[@]}"; do targets+=("${h}_fuzz"); done
cmake --build build-fuzz -j"$JOBS" --target "${targets[@]}"

# Longest input per harness: enough for several JSONL records, gzip members or paragraphs, while
# keeping executions fast (the tokenizer runs ICU four times per input).
max_len() {
  case "$1" in
    options) echo 512 ;;
    tokenize) echo 2048 ;;
    byte_source) echo 8192 ;;
    *) echo 4096 ;;
  esac
}
dict() {
  case "$1" in
    jsonl) echo tests/fuzz/dict/jsonl.dict ;;
    options) echo tests/fuzz/dict/options.dict ;;
    tokenize | segment) echo tests/fuzz/dict/text.dict ;;
  esac
}

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
failed=()
for h in "${HARNESSES[@]}"; do
  mkdir -p "$scratch/$h" "build-fuzz/crashes/$h"
  cp -r "tests/fuzz/corpus/$h/." "$scratch/$h/"
  args=(-max_total_time="$SECS" -max_len="$(max_len "$h")" -timeout=20 -rss_limit_mb=2048
        -print_final_stats=1 -artifact_prefix="build-fuzz/crashes/$h/")
  d="$(dict "$h")"
  if [ -n "$d" ]; then args+=(-dict="$d"); fi
  log="build-fuzz/fuzz-$h.log"
  if "build-fuzz/fuzz/${h}_fuzz" "${args[@]}" "$scratch/$h" >"$log" 2>&1; then
    echo "fuzz $h: ok, $(grep -o '^stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$') executions in ${SECS} s" >&2
  else
    echo "fuzz $h: FAILED (log $log, inputs in build-fuzz/crashes/$h/)" >&2
    tail -n 40 "$log" >&2
    failed+=("$h")
  fi
done
if [ ${#failed[@]} -ne 0 ]; then
  echo "fuzz: failures in ${failed[*]}" >&2
  exit 1
fi
