#!/usr/bin/env bash
# The whole `docsift substrings` command (read, suffix arrays, merge, report, strip) on corpora of
# gen_corpus at several sizes, on 1 and 2 threads: wall MB/s, user+sys CPU seconds, peak RSS
# (/usr/bin/time -v) and the state bytes per input byte the command reports. Checks that the
# report and strip output are byte-identical on 1 and 2 threads before printing a row.
#
#   bench/substrings_scaling.sh [BUILD_DIR] [SIZES...]     # default: build 10M 30M 100M
#
# On a shared machine wall time is noise; user+sys and peak RSS are what to compare.
set -euo pipefail
build=${1:-build}
shift || true
sizes=${*:-10M 30M 100M}
docsift=$build/docsift
gen=$build/gen_corpus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-6s %-7s %10s %8s %9s %10s %9s %9s %7s %s\n' size threads input_MB wall_s wall_MB/s \
  user+sys_s MB/cpu_s rss_MB rss/B shards
for size in $sizes; do
  corpus=$tmp/corpus_$size.jsonl
  "$gen" --bytes "$size" --seed 7 --output "$corpus" > /dev/null
  bytes=$(stat -c %s "$corpus")
  for threads in 1 2; do
    /usr/bin/time -v "$docsift" substrings "$corpus" --min-bytes 100 -r "$tmp/r$threads.jsonl" \
      --strip "$tmp/s$threads.jsonl" --threads "$threads" --stats "$tmp/st.json" -q \
      2> "$tmp/time.txt"
    user=$(awk -F': ' '/User time/ {print $2}' "$tmp/time.txt")
    sys=$(awk -F': ' '/System time/ {print $2}' "$tmp/time.txt")
    rss_kb=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time.txt")
    wall=$(grep -o '"seconds":[0-9.e+-]*' "$tmp/st.json" | tail -1 | cut -d: -f2)
    shards=$(grep -o '"shards":[0-9]*' "$tmp/st.json" | cut -d: -f2)
    awk -v size="$size" -v t="$threads" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" \
      -v r="$rss_kb" -v sh="$shards" 'BEGIN {
        printf "%-6s %-7s %10.1f %8.2f %9.1f %10.2f %9.1f %9.0f %7.2f %s\n", size, t, b / 1e6, w,
          b / 1e6 / w, u + s, b / 1e6 / (u + s), r / 1024, r * 1024 / b, sh }'
  done
  cmp -s "$tmp/r1.jsonl" "$tmp/r2.jsonl" || { echo "reports differ at $size" >&2; exit 1; }
  cmp -s "$tmp/s1.jsonl" "$tmp/s2.jsonl" || { echo "strip outputs differ at $size" >&2; exit 1; }
done
