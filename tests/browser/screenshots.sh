#!/usr/bin/env bash
# Makes docs/html-report-cluster.png and docs/html-report-clean.png: the --html pages of
# `docsift cluster` and `docsift clean` on datasets/sample/news.jsonl, drawn by headless chromium.
#   tests/browser/screenshots.sh [build dir, default build]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build}
chromium=${DOCSIFT_CHROMIUM:-chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$root"
corpus=datasets/sample/news.jsonl
"$build/docsift" cluster -q --k 6 --html "$work/cluster.html" "$corpus"
"$build/docsift" clean -q -o "$work/clean.jsonl" --html "$work/clean.html" "$corpus"
mkdir -p "$root/docs"
for page in cluster clean; do
  timeout 90 "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
    --hide-scrollbars --window-size=1280,1400 --screenshot="docs/html-report-$page.png" \
    "file://$work/$page.html" 2>/dev/null
done
echo "wrote docs/html-report-cluster.png and docs/html-report-clean.png" >&2
