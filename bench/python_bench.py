#!/usr/bin/env python3
"""docsift.dedup from Python against the docsift CLI on the same corpus, and against datasketch
(MinHash + MinHashLSH) when it is importable.

    build-py/gen_corpus --bytes 50M -o /tmp/corpus.jsonl      # or any JSONL with a "text" field
    PYTHONPATH=build-py/python python3 bench/python_bench.py /tmp/corpus.jsonl \
        --cli build-py/docsift --methods exact,minhash,simhash --repeat 3

For each method it prints the best wall time of docsift.dedup(texts) (texts already in a list:
UTF-8 conversion included, JSON parsing not) and of `docsift dedup <corpus> -r /dev/null -q`
(reading and parsing the JSONL included), and the overhead of the Python call over the CLI. The
removed documents must agree, or the script fails. datasketch runs on a sample (--sketch-docs)
since it is about 100x slower; it is skipped with a note when not installed.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import docsift


def best_of(repeat, fn):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def cli_removed(cli, corpus, method, threads, report):
    subprocess.run(
        [cli, "dedup", corpus, "-m", method, "-r", report, "-q", "--threads", str(threads)],
        check=True,
    )
    with open(report, encoding="utf-8") as f:
        return sorted(json.loads(line)["id"] for line in f if line.strip())


def bench_datasketch(texts, num_perm, threshold):
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        print("datasketch: not importable here (pip install datasketch to compare); skipped")
        return None
    start = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    for i, text in enumerate(texts):
        words = text.lower().split()
        m = MinHash(num_perm=num_perm)
        m.update_batch(" ".join(words[j : j + 5]).encode() for j in range(max(1, len(words) - 4)))
        if not lsh.query(m):
            lsh.insert(str(i), m)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", help="JSONL corpus with a text field (and id)")
    ap.add_argument("--cli", default=os.environ.get("DOCSIFT_CLI", "build/docsift"))
    ap.add_argument("--methods", default="exact,minhash,simhash")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sketch-docs", type=int, default=2000, help="datasketch sample size")
    args = ap.parse_args()

    start = time.perf_counter()
    ids, texts = [], []
    with open(args.corpus, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            ids.append(record.get("id", str(len(ids))))
            texts.append(record["text"])
    text_bytes = sum(len(t.encode()) for t in texts)
    print(f"corpus: {len(texts)} documents, {text_bytes / 1e6:.1f} MB of text "
          f"(json.loads: {time.perf_counter() - start:.2f} s, not timed below)")
    print(f"{'method':8} {'python s':>9} {'cli s':>7} {'overhead':>9} {'MB/s (py)':>10}  removed")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "dups.jsonl")
        for method in args.methods.split(","):
            t_py, r = best_of(args.repeat,
                              lambda: docsift.dedup(texts, method=method, threads=args.threads))
            t_cli, removed = best_of(
                args.repeat, lambda: cli_removed(args.cli, args.corpus, method, args.threads, report))
            got = sorted(ids[d] for d in r.removed)
            if got != removed:
                sys.exit(f"{method}: Python and CLI disagree ({len(got)} vs {len(removed)} removed)")
            overhead = t_py / t_cli - 1
            worst = max(worst, overhead)
            print(f"{method:8} {t_py:9.3f} {t_cli:7.3f} {overhead:+9.1%} "
                  f"{text_bytes / 1e6 / t_py:10.1f}  {len(removed)}")
    sample = texts[: args.sketch_docs]
    t_ds = bench_datasketch(sample, 128, 0.8)
    if t_ds is not None:
        t_us, _ = best_of(args.repeat, lambda: docsift.dedup(sample, method="minhash"))
        print(f"datasketch MinHash+MinHashLSH on {len(sample)} docs: {t_ds:.2f} s; "
              f"docsift.dedup minhash: {t_us:.3f} s ({t_ds / t_us:.0f}x faster)")
    print(f"worst overhead of docsift.dedup over the CLI: {worst:+.1%} (target < +10%)")


if __name__ == "__main__":
    main()
