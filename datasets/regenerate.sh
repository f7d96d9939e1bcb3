#!/usr/bin/env bash
# Rebuilds the bundled samples with gen_corpus. Usage: datasets/regenerate.sh [BUILD_DIR]
# (default: build). Output is byte-identical for the same gen_corpus version: if a file
# changes, the generator changed, and datasets/README.md's counts need updating.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:-$here/../build}"
gen="$build/gen_corpus"
[[ -x "$gen" ]] || { echo "regenerate.sh: $gen not found; build the gen_corpus target first" >&2; exit 1; }

out="$here/sample"
mkdir -p "$out"
"$gen" --docs 300 --seed 20240501 --langs en,ru,kk --lang-weights 5,3,2 \
  --min-words 100 --max-words 220 --near-boilerplate-frac 0.05 \
  --output "$out/news.jsonl" --truth "$out/truth.jsonl"

rm -rf "$out/reports"
"$gen" --docs 20 --seed 7 --langs en,ru,kk --lang-weights 5,3,2 \
  --exact-frac 0.1 --near-frac 0.15 --bullet-frac 0.4 --within-frac 0.2 \
  --boilerplate-frac 0.4 --near-boilerplate-frac 0.15 \
  --min-words 150 --max-words 300 \
  --format text-dir --output "$out/reports" --truth "$out/reports_truth.jsonl"
