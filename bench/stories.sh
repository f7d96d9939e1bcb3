#!/bin/sh
# Story clustering benchmark (docsift cluster --by story, issue 18): a gen_stories corpus of N
# news-length reports (default 100000), clustered with 1 and 2 threads under /usr/bin/time -v.
# Prints per run: CPU seconds (user + sys: the machine is shared), wall seconds, peak RSS,
# stories, links, candidate pairs (exact cosines computed) per document, and the pair
# precision / recall of eval_stories against the planted stories.
#
#   bench/stories.sh [DOCS] [extra docsift options]    # build/ must hold docsift, gen_stories, eval_stories
set -eu
docs=${1:-100000}
[ $# -gt 0 ] && shift
build=${BUILD:-build}
work=${WORK:-$build/bench-work/stories}
mkdir -p "$work"
corpus="$work/stories_$docs.jsonl"
[ -s "$corpus" ] || "$build/gen_stories" --docs "$docs" --seed 1 --days 330 --output "$corpus"
echo "corpus $corpus: $(wc -c < "$corpus") bytes, $docs reports"
for threads in 1 2; do
  "/usr/bin/time" -v "$build/docsift" cluster --by story "$corpus" --date-field date --window 3d \
    --threads "$threads" -o "$work/assign.jsonl" -s "$work/stories.jsonl" "$@" 2> "$work/err.txt"
  cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {printf "%.1f", u + s}' "$work/err.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/err.txt")
  rss=$(awk -F': ' '/Maximum resident/ {printf "%.0f", $2 / 1024}' "$work/err.txt")
  line=$(grep -m1 'stories (' "$work/err.txt" || true)
  stories=$(echo "$line" | sed -n 's/.*, \([0-9,]*\) stor.*/\1/p' | tr -d ,)
  links=$(echo "$line" | sed -n 's/.*(\([0-9,]*\) links.*/\1/p' | tr -d ,)
  cands=$(echo "$line" | sed -n 's/.* of \([0-9,]*\) candidate.*/\1/p' | tr -d ,)
  quality=$("$build/eval_stories" --corpus "$corpus" --assign "$work/assign.jsonl" |
    awk '/^precision/ {p=$2} /^recall/ {r=$2} END {printf "precision %s recall %s", p, r}')
  echo "threads $threads: cpu ${cpu} s, wall $wall, peak RSS ${rss} MiB, stories $stories, links $links," \
    "candidate pairs/doc $(awk -v c="$cands" -v n="$docs" 'BEGIN {printf "%.1f", c / n}'), $quality"
  sha=$(cat "$work/assign.jsonl" "$work/stories.jsonl" | sha256sum | cut -c1-16)
  echo "  outputs sha256 $sha"
done
