#!/usr/bin/env bash
# docsift cluster vs scikit-learn (TfidfVectorizer + KMeans, n_init=5) on a generated labelled
# corpus (tools/programs/gen_topics.cc: 8 topics in English, Russian and Kazakh). Runs A B A B
# (interleaved, so machine load hits both alike), prints the median wall time of each, the ratio,
# and the V-measure of each against topic+lang (what a bag-of-words model can separate) and
# topic.
#
#   bench/cluster_vs_sklearn.sh [DOCS=20000] [K=24] [RUNS=3]
#
# Needs build/docsift, build/gen_topics, build/eval_topics and /usr/bin/python3 with
# scikit-learn (Debian python3-sklearn; the pyenv python3 on PATH has none).
set -euo pipefail
DOCS=${1:-20000}
K=${2:-24}
RUNS=${3:-3}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
PY=/usr/bin/python3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# A hard setting (12% topic words, 30% of them borrowed from other topics): the default corpus
# is separated perfectly by both tools.
"$BUILD/gen_topics" --docs "$DOCS" --seed 1 --topic-share 0.12 --borrow-share 0.3 \
  --output "$WORK/corpus.jsonl"
echo "corpus: $DOCS documents, $(du -h "$WORK/corpus.jsonl" | cut -f1), k = $K, $RUNS runs each"

now() { date +%s.%N; }
a_times=()
b_times=()
for ((run = 0; run < RUNS; ++run)); do
  t0=$(now)
  "$BUILD/docsift" cluster "$WORK/corpus.jsonl" --k "$K" --output "$WORK/docsift.jsonl" \
    --summary "$WORK/clusters.jsonl" --seed 1 > /dev/null
  t1=$(now)
  "$PY" "$ROOT/bench/sklearn_cluster.py" "$WORK/corpus.jsonl" --k "$K" \
    --output "$WORK/sklearn.jsonl" --seed 1 2> "$WORK/sklearn.log"
  t2=$(now)
  a_times+=("$(echo "$t1 - $t0" | bc -l)")
  b_times+=("$(echo "$t2 - $t1" | bc -l)")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
A=$(median "${a_times[@]}")
B=$(median "${b_times[@]}")
printf 'docsift cluster   median %.3f s  (runs: %s)\n' "$A" "${a_times[*]}"
printf 'scikit-learn      median %.3f s  (runs: %s)  [%s]\n' "$B" "${b_times[*]}" \
  "$(cat "$WORK/sklearn.log")"
printf 'speed-up          %.2fx (scikit-learn time / docsift time, whole process)\n' \
  "$(echo "$B / $A" | bc -l)"
for truth in topic+lang topic; do
  VA=$("$BUILD/eval_topics" --corpus "$WORK/corpus.jsonl" --assign "$WORK/docsift.jsonl" \
    --truth "$truth" | awk '/^v_measure/ {print $2}')
  VB=$("$BUILD/eval_topics" --corpus "$WORK/corpus.jsonl" --assign "$WORK/sklearn.jsonl" \
    --truth "$truth" | awk '/^v_measure/ {print $2}')
  echo "V-measure vs $truth: docsift $VA  scikit-learn $VB"
done
