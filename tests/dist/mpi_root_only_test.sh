#!/usr/bin/env bash
# Commands without a distributed job yet (passages, clean, cluster) run on rank 0 alone under
# mpirun -np 3: the serial outputs, written once, and every rank exits with rank 0's code.
# Usage: mpi_root_only_test.sh DOCSIFT SAMPLE_JSONL
set -euo pipefail
docsift=$1 sample=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/mpi_run.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
run_both() {  # NAME ARGS... (outputs named OUT_*)
  local name=$1
  shift
  mkdir -p "$work/s" "$work/m"
  "$docsift" "${@//OUT/$work/s/$name}" -q
  mpi 3 "$docsift" "${@//OUT/$work/m/$name}" -q 2>"$work/m.err"
  for f in "$work"/s/"$name"*; do
    cmp -s "$f" "$work/m/$(basename "$f")" || { echo "FAIL: $name: $(basename "$f") differs" >&2; fails=$((fails + 1)); }
  done
  [ "$(grep -c 'runs on rank 0 alone' "$work/m.err")" = 1 ] || { echo "FAIL: $name: warning not printed once" >&2; fails=$((fails + 1)); }
}
run_both passages passages "$sample" --strip OUT_out.jsonl -r OUT_report.jsonl
run_both clean clean "$sample" -o OUT_out.jsonl -r OUT_report.jsonl
run_both cluster cluster "$sample" -k 5 -o OUT_out.jsonl
set +e
"$docsift" passages "$work/missing.jsonl" -r "$work/x.jsonl" 2>/dev/null
serial_rc=$?
mpi 3 bash -c '"$@"; echo $? >"'"$work"'/rc.$OMPI_COMM_WORLD_RANK"' _ \
  "$docsift" passages "$work/missing.jsonl" -r "$work/x.jsonl" 2>/dev/null
set -e
for r in 0 1 2; do
  [ "$(cat "$work/rc.$r")" = "$serial_rc" ] || { echo "FAIL: rank $r exit $(cat "$work/rc.$r") for a missing input" >&2; fails=$((fails + 1)); }
done
[ "$fails" = 0 ] || exit 1
[ "$serial_rc" != 0 ] || { echo "FAIL: a missing input did not fail" >&2; exit 1; }
echo "ok: passages, clean, cluster under mpirun run on rank 0 with the serial outputs"
