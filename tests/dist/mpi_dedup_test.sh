#!/usr/bin/env bash
# mpirun -np NP docsift dedup gives byte-identical outputs to a serial run, for every method, on
# the bundled sample (one file: ranks > 0 read nothing; and cut into 5 files) and on a generated
# corpus in 7 files of uneven sizes (so the ranks' shards differ in size).
# Usage: mpi_dedup_test.sh DOCSIFT GEN_CORPUS NP SAMPLE_JSONL
set -euo pipefail
docsift=$1 gen=$2 np=$3 sample=$4
here=$(cd "$(dirname "$0")" && pwd)
source "$here/mpi_run.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir "$work/sample5" "$work/gen"
split -n l/5 -d --additional-suffix=.jsonl "$sample" "$work/sample5/part"
"$gen" --docs 1500 --seed 13 --exact-frac 0.15 --near-frac 0.25 -o "$work/gen_all.jsonl" 2>/dev/null
# Uneven files: 100, 400, 50, 300, 150, 0 (an empty file) and the rest.
start=1
for n in 100 400 50 300 150 0; do
  sed -n "${start},$((start + n - 1))p" "$work/gen_all.jsonl" >"$work/gen/f$start.jsonl"
  start=$((start + n))
done
tail -n +"$start" "$work/gen_all.jsonl" >"$work/gen/f$start.jsonl"

# Many near-duplicates (60 % near, 20 % exact copies) in 4 files, plus 90 near copies of one text
# that share band keys.
mkdir "$work/near"
"$gen" --docs 1200 --seed 29 --exact-frac 0.2 --near-frac 0.6 -o "$work/near_all.jsonl" 2>/dev/null
split -n l/4 -d --additional-suffix=.jsonl "$work/near_all.jsonl" "$work/near/part"
body="the quick brown fox jumps over the lazy dog while the river runs past the old mill and"
body="$body the children sing songs of harvest under a pale autumn sky near the quiet village"
for i in $(seq 1 90); do
  printf '{"id":"big%d","text":"%s variant %d"}\n' "$i" "$body" $((i % 7))
done >"$work/near/part99.jsonl"
# 100 copies of one text in two forms (with part99: buckets of 50 to 190 members, chained).
for i in $(seq 1 100); do
  printf '{"id":"copy%d","text":"%s%s"}\n' "$i" "$body" "$([ $((i % 2)) = 0 ] && echo ' again')"
done >"$work/near/part98.jsonl"
# Exact copies across files (so across ranks) in forms of different lengths (case and spacing
# normalise to one exact key): the first copy in a later file than some, the longest in the last
# file, ties between equal lengths, for --keep longest and the first-appearance cluster numbers.
mkdir "$work/exact"
for f in 0 1 2 3 4; do
  for i in $(seq 1 40); do
    t=$(( (i * 7 + f * 3) % 23 ))
    case $(( (i + f) % 4 )) in
      0) text="Text number $t of the copies" ;;
      1) text="text   NUMBER $t of the copies" ;;
      2) text="TEXT number $t of the   copies" ;;
      *) text="unique text $f $i" ;;
    esac
    [ "$f" = 4 ] && [ "$i" = 40 ] && text="Text    number 5    of the    copies"
    printf '{"id":"e%d_%d","text":"%s"}\n' "$f" "$i" "$text"
  done >"$work/exact/f$f.jsonl"
done
corpora=("sample:$sample" "sample5:$(ls "$work"/sample5/*.jsonl | tr '\n' ' ')"
         "gen:$(ls -v "$work"/gen/*.jsonl | tr '\n' ' ')"
         "near:$(ls -v "$work"/near/*.jsonl | tr '\n' ' ')"
         "exact:$(ls -v "$work"/exact/*.jsonl | tr '\n' ' ')")
variants=("-m exact" "-m exact --keep longest" "-m minhash" "-m minhash --keep longest"
          "-m minhash --verify exact" "-m simhash")
fails=0
for c in "${corpora[@]}"; do
  name=${c%%:*}
  read -r -a inputs <<<"${c#*:}"
  for v in "${variants[@]}"; do
    read -r -a opts <<<"$v"
    s="$work/serial" m="$work/mpi"
    rm -rf "$s" "$m" && mkdir "$s" "$m"
    "$docsift" dedup "${opts[@]}" --threads 2 -q "${inputs[@]}" -o "$s/kept.jsonl" \
      -r "$s/report.jsonl" --clusters "$s/clusters.jsonl"
    mpi "$np" "$docsift" dedup "${opts[@]}" --threads 1 -q "${inputs[@]}" -o "$m/kept.jsonl" \
      -r "$m/report.jsonl" --clusters "$m/clusters.jsonl"
    for f in kept.jsonl report.jsonl clusters.jsonl; do
      if ! cmp -s "$s/$f" "$m/$f"; then
        echo "FAIL np=$np $name dedup $v: $f differs from the serial run" >&2
        diff <(head -c 2000 "$s/$f") <(head -c 2000 "$m/$f") | head -5 >&2 || true
        fails=$((fails + 1))
      fi
    done
    [ -s "$s/kept.jsonl" ] || { echo "FAIL: empty serial output" >&2; fails=$((fails + 1)); }
  done
  # --output-parts: the parts in rank order are the serial output; _SUCCESS marks a complete set;
  # parts of an earlier run with more ranks are removed.
  rm -rf "$work/parts" && mkdir -p "$work/parts" && echo stale >"$work/parts/part-00009.jsonl"
  mpi "$np" "$docsift" dedup -m minhash -q "${inputs[@]}" --output-parts "$work/parts" -r "$work/parts_report.jsonl"
  "$docsift" dedup -m minhash -q "${inputs[@]}" -o "$work/serial_kept.jsonl" -r "$work/serial_report.jsonl"
  cmp -s "$work/serial_kept.jsonl" <(cat "$work"/parts/part-*.jsonl) || { echo "FAIL np=$np $name --output-parts" >&2; fails=$((fails + 1)); }
  cmp -s "$work/serial_report.jsonl" "$work/parts_report.jsonl" || { echo "FAIL np=$np $name --output-parts report" >&2; fails=$((fails + 1)); }
  [ -e "$work/parts/_SUCCESS" ] && [ "$(ls "$work"/parts/part-*.jsonl | wc -l)" = "$np" ] || { echo "FAIL np=$np $name: parts: $(ls "$work/parts")" >&2; fails=$((fails + 1)); }
  # CSV reports too.
  rm -rf "$s" "$m" && mkdir "$s" "$m"
  "$docsift" dedup -m minhash -q "${inputs[@]}" -r "$s/r.csv" --report-format csv
  mpi "$np" "$docsift" dedup -m minhash -q "${inputs[@]}" -r "$m/r.csv" --report-format csv
  cmp -s "$s/r.csv" "$m/r.csv" || { echo "FAIL np=$np $name csv report" >&2; fails=$((fails + 1)); }
done
# The summary names the ranks (rank 0 prints it, once).
mpi "$np" "$docsift" dedup -m minhash "$sample" -o "$work/k.jsonl" 2>"$work/summary.txt"
if [ "$np" -gt 1 ]; then
  grep -q "$np ranks: time max" "$work/summary.txt" || { echo "FAIL: no ranks row" >&2; cat "$work/summary.txt" >&2; fails=$((fails + 1)); }
  [ "$(grep -c 'documents read' "$work/summary.txt")" = 1 ] || { echo "FAIL: summary not printed once" >&2; fails=$((fails + 1)); }
fi
# The band- and key-exchange groupings against the serial ones on synthetic signatures, sliced unevenly over
# the ranks (tests/dist/distributed_minhash_test.cc and distributed_exact_test.cc, in the dist_test binary
# next to docsift).
dist_test="$(dirname "$docsift")/tests/dist_test"
if [ -x "$dist_test" ]; then
  mpi "$np" "$dist_test" --gtest_filter='DistributedMinHash.*:DistributedExact.*' >"$work/gtest.txt" 2>&1 ||
    { echo "FAIL np=$np DistributedMinHash/DistributedExact:" >&2; tail -20 "$work/gtest.txt" >&2; fails=$((fails + 1)); }
fi
[ "$fails" = 0 ] || exit 1
echo "ok: np=$np dedup byte-identical to serial (${#corpora[@]} corpora x ${#variants[@]} variants)"
