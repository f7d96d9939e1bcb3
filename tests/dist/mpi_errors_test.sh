#!/usr/bin/env bash
# Errors in a distributed run: a bad record in the file of rank 2 of 3 ends every rank with exit
# code 1 and the message a serial run gives (file and line), printed once, and commits no output
# (an old output file is left as it was, no temporary file is left behind); an id repeated across
# ranks is found as a serial run finds it.
# Usage: mpi_errors_test.sh DOCSIFT SAMPLE_JSONL
set -euo pipefail
docsift=$1 sample=$2
here=$(cd "$(dirname "$0")" && pwd)
source "$here/mpi_run.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
check() { if ! eval "$1"; then echo "FAIL: $2" >&2; fails=$((fails + 1)); fi; }

mkdir "$work/in" "$work/out"
head -n 100 "$sample" >"$work/in/a.jsonl"
sed -n 101,200p "$sample" >"$work/in/b.jsonl"
{ sed -n 201,202p "$sample"; echo '{"id": "bad", "text": 12}'; sed -n 203,300p "$sample"; } >"$work/in/c.jsonl"
echo old >"$work/out/kept.jsonl"
inputs=("$work/in/a.jsonl" "$work/in/b.jsonl" "$work/in/c.jsonl")
for m in exact minhash simhash; do
  set +e
  "$docsift" dedup -m "$m" -q "${inputs[@]}" -o "$work/out/kept.jsonl" -r "$work/out/r.jsonl" \
    2>"$work/serial.err"
  serial_rc=$?
  # Each rank's own exit code, through a wrapper that records it.
  mpi 3 bash -c '"$@"; echo $? >"'"$work"'/rc.$OMPI_COMM_WORLD_RANK"' _ \
    "$docsift" dedup -m "$m" -q "${inputs[@]}" -o "$work/out/kept.jsonl" -r "$work/out/r.jsonl" \
    2>"$work/mpi.err"
  set -e
  check '[ "$serial_rc" = 1 ]' "$m: serial exit $serial_rc"
  for r in 0 1 2; do
    check '[ "$(cat "$work/rc.$r" 2>/dev/null)" = 1 ]' "$m: rank $r exit $(cat "$work/rc.$r" 2>/dev/null)"
  done
  check 'grep -q "c.jsonl:3:" "$work/mpi.err"' "$m: message does not name c.jsonl:3: $(cat "$work/mpi.err")"
  check '[ "$(grep -c "^docsift: " "$work/mpi.err")" = 1 ]' "$m: message not printed once: $(cat "$work/mpi.err")"
  check 'cmp -s "$work/serial.err" "$work/mpi.err"' "$m: message differs from serial: $(cat "$work/serial.err") vs $(cat "$work/mpi.err")"
  check '[ "$(cat "$work/out/kept.jsonl")" = old ]' "$m: old output overwritten"
  check '[ "$(ls -A "$work/out")" = kept.jsonl ]' "$m: files left in the output folder: $(ls -A "$work/out")"
  rm -f "$work"/rc.*
done

# --output-parts: a failed run leaves no part and no _SUCCESS.
set +e
mpi 3 "$docsift" dedup -q "${inputs[@]}" --output-parts "$work/parts" 2>/dev/null
rc=$?
set -e
check '[ "$rc" = 1 ] && [ -z "$(ls -A "$work/parts" 2>/dev/null)" ]' "--output-parts after an error: exit $rc, left $(ls -A "$work/parts" 2>/dev/null)"

# --on-error skip: the bad record is reported as skipped, as in a serial run.
for m in exact minhash; do
  rm -rf "$work/s" "$work/m" && mkdir "$work/s" "$work/m"
  "$docsift" dedup -m "$m" -q --on-error skip "${inputs[@]}" -o "$work/s/k.jsonl" -r "$work/s/r.jsonl"
  mpi 3 "$docsift" dedup -m "$m" -q --on-error skip "${inputs[@]}" -o "$work/m/k.jsonl" -r "$work/m/r.jsonl"
  check 'cmp -s "$work/s/k.jsonl" "$work/m/k.jsonl" && cmp -s "$work/s/r.jsonl" "$work/m/r.jsonl"' "$m --on-error skip: outputs differ"
  check 'grep -q "c.jsonl:3" "$work/m/r.jsonl"' "$m --on-error skip: skipped record not reported"
done

# An id of rank 1's file repeated in rank 2's file: the serial message, from every rank.
{ sed -n 201,250p "$sample"; sed -n 150p "$sample"; } >"$work/in/d.jsonl"
set +e
"$docsift" dedup -q "$work/in/a.jsonl" "$work/in/b.jsonl" "$work/in/d.jsonl" -o "$work/out/k2.jsonl" 2>"$work/serial.err"
serial_rc=$?
mpi 3 "$docsift" dedup -q "$work/in/a.jsonl" "$work/in/b.jsonl" "$work/in/d.jsonl" -o "$work/out/k2.jsonl" 2>"$work/mpi.err"
mpi_rc=$?
set -e
check '[ "$serial_rc" = 1 ] && [ "$mpi_rc" = 1 ]' "duplicate id: exit codes $serial_rc / $mpi_rc"
check 'grep -q "d.jsonl:51: duplicate id" "$work/mpi.err"' "duplicate id message: $(cat "$work/mpi.err")"
# (mpirun adds its own notice about the exit code after docsift's line)
check 'cmp -s "$work/serial.err" <(grep "^docsift: " "$work/mpi.err")' "duplicate id: message differs: $(cat "$work/serial.err") vs $(cat "$work/mpi.err")"
check '[ ! -e "$work/out/k2.jsonl" ]' "duplicate id: output committed"
# Stdin reaches rank 0 only: refused (exit 2) rather than read as empty by another rank.
set +e
mpi 2 "$docsift" dedup -q "$work/in/a.jsonl" - -o "$work/out/k3.jsonl" <"$work/in/b.jsonl" 2>"$work/mpi.err"
mpi_rc=$?
set -e
check '[ "$mpi_rc" = 2 ] && grep -q "stdin" "$work/mpi.err"' "stdin input: exit $mpi_rc: $(cat "$work/mpi.err")"
# Kept records to stdout come out once, in order.
"$docsift" dedup -q "${inputs[@]:0:2}" -o - >"$work/serial.out"
mpi 2 "$docsift" dedup -q "${inputs[@]:0:2}" -o - >"$work/mpi.out"
check 'cmp -s "$work/serial.out" "$work/mpi.out"' "-o -: stdout differs"
[ "$fails" = 0 ] || exit 1
echo "ok: errors in distributed runs agree, name file and line, commit nothing"
