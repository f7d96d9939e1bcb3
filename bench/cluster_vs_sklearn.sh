#!/usr/bin/env bash
# docsift cluster vs scikit-learn (TfidfVectorizer + KMeans, n_init=5) on a generated labelled
# corpus (tools/programs/gen_topics.cc: 8 topics in English, Russian and Kazakh). Runs A B A B
# (interleaved, so machine load hits both alike), prints the median wall time of each, the ratio,
# and the V-measure of each against topic+lang (what a bag-of-words model can separate) and
# topic.
#
#   bench/cluster_vs_sklearn.sh [DOCS=20000] [K=20] [RUNS=5]      (BUILD=build-rel by default)
#
# Needs $BUILD/docsift, gen_topics, eval_topics (a Release build) and /usr/bin/python3 with
# scikit-learn (Debian python3-sklearn; the pyenv python3 on PATH has none). Extra docsift
# options can be passed in DOCSIFT_ARGS. Both sides are timed as whole processes (reading,
# tokenising, writing included); the figures each prints for its own clustering part are
# quoted too (docsift: "clustering" = tokenising + TF-IDF + k-means + labels; scikit-learn:
# TfidfVectorizer + KMeans).
set -euo pipefail
DOCS=${1:-20000}
K=${2:-20}
RUNS=${3:-5}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-rel}
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
a_inner=()
b_inner=()
a_cpu=()
b_cpu=()
for ((run = 0; run < RUNS; ++run)); do
  t0=$(now)
  /usr/bin/time -f '%U %S' -o "$WORK/a.time" "$BUILD/docsift" cluster "$WORK/corpus.jsonl" --k "$K" --output "$WORK/docsift.jsonl" \
    --summary "$WORK/clusters.jsonl" --seed 1 ${DOCSIFT_ARGS:-} > /dev/null 2> "$WORK/docsift.log"
  t1=$(now)
  /usr/bin/time -f '%U %S' -o "$WORK/b.time" "$PY" "$ROOT/bench/sklearn_cluster.py" \
    "$WORK/corpus.jsonl" --k "$K" \
    --output "$WORK/sklearn.jsonl" --seed 1 2> "$WORK/sklearn.log"
  t2=$(now)
  a_times+=("$(echo "$t1 - $t0" | bc -l)")
  b_times+=("$(echo "$t2 - $t1" | bc -l)")
  a_inner+=("$(sed -n 's/.*(clustering \([0-9.]*\) s).*/\1/p' "$WORK/docsift.log")")
  b_inner+=("$(awk '{print $2}' "$WORK/sklearn.log")")
  a_cpu+=("$(awk '{print $1 + $2}' "$WORK/a.time")")
  b_cpu+=("$(awk '{print $1 + $2}' "$WORK/b.time")")
done

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }
A=$(median "${a_times[@]}")
B=$(median "${b_times[@]}")
printf 'docsift cluster   median %.3f s  (runs: %s)\n' "$A" "${a_times[*]}"
printf '                  clustering median %.3f s, %s\n' "$(median "${a_inner[@]}")" \
  "$(grep 'peak memory' "$WORK/docsift.log" | sed 's/  */ /g')"
printf 'scikit-learn      median %.3f s  (runs: %s)\n' "$B" "${b_times[*]}"
printf '                  TfidfVectorizer + KMeans median %.3f s\n' "$(median "${b_inner[@]}")"
printf 'speed-up          %.2fx (scikit-learn time / docsift time, whole process)\n' \
  "$(echo "$B / $A" | bc -l)"
# CPU seconds (user + sys) do not depend on other load on a shared machine as wall time does.
CA=$(median "${a_cpu[@]}")
CB=$(median "${b_cpu[@]}")
printf 'CPU time          docsift %.2f s, scikit-learn %.2f s: %.2fx; load average %s\n' \
  "$CA" "$CB" "$(echo "$CB / $CA" | bc -l)" "$(cut -d' ' -f1-3 /proc/loadavg)"
for truth in topic+lang topic; do
  VA=$("$BUILD/eval_topics" --corpus "$WORK/corpus.jsonl" --assign "$WORK/docsift.jsonl" \
    --truth "$truth" | awk '/^v_measure/ {print $2}')
  VB=$("$BUILD/eval_topics" --corpus "$WORK/corpus.jsonl" --assign "$WORK/sklearn.jsonl" \
    --truth "$truth" | awk '/^v_measure/ {print $2}')
  echo "V-measure vs $truth: docsift $VA  scikit-learn $VB"
done
echo "docsift clusters:"
sed -n '/cluster   size/,/input/p' "$WORK/docsift.log" | head -n -1
