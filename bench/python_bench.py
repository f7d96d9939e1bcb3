#!/usr/bin/env python3
"""docsift.dedup from Python against the docsift CLI on the same corpus, and against datasketch
(MinHash + MinHashLSH) in the same process when it is importable.

    build/gen_corpus --bytes 50M -o /tmp/corpus.jsonl      # or any JSONL with a "text" field
    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py /tmp/corpus.jsonl \
        --cli build/docsift --methods exact,minhash,simhash --repeat 3 \
        --datasketch /work/peers/datasketch                # a datasketch source tree (optional)

For each method it prints the best wall time of docsift.dedup(texts) (texts already in a list:
UTF-8 conversion included, JSON parsing not) and of `docsift dedup <corpus> -r /dev/null -q`
(reading and parsing the JSONL included), and the overhead of the Python call over the CLI. The
removed documents must agree, or the script fails.

datasketch (--datasketch DIR or $DATASKETCH_DIR puts a source tree on sys.path; else an installed
one; skipped with a note when neither imports) runs on the first --sketch-docs documents: the
same 5-word shingles, 128 permutations and threshold 0.8 as docsift.dedup(method="minhash"),
as bench/datasketch_peer.py builds them. The two run interleaved (docsift, datasketch, docsift,
...) --repeat times; the ratio is taken pair by pair (wall and CPU time) and the median quoted.
Precision and recall of both come from build/eval_jaccard (brute-force exact Jaccard of every
pair of documents sharing a shingle, docsift's tokens) on that sample: strict (precision: removed
documents with J >= 0.8 to the one kept in their place; recall: pairs with J >= 0.8 of which at
most one is kept) and with eval_jaccard's default margins (J >= 0.65 / pairs with J >= 0.85).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import docsift

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datasketch_peer  # noqa: E402  (bench/datasketch_peer.py)


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


def cpu_wall(fn):
    """(wall s, CPU s of this process, all threads, result) of fn()."""
    c, w = time.process_time(), time.perf_counter()
    result = fn()
    return time.perf_counter() - w, time.process_time() - c, result


def eval_jaccard(tool, corpus, report, strict):
    margins = ["--recall-margin", "0", "--precision-margin", "0"] if strict else []
    out = subprocess.run([tool, "--corpus", corpus, "--report", report, "--threshold", "0.8",
                          "--json"] + margins, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_datasketch(ids, texts, args, tmp):
    ds = datasketch_peer.import_datasketch(args.datasketch)
    if ds is None:
        print("datasketch: not importable here (--datasketch DIR with a source tree, or "
              "pip install datasketch, to compare); skipped")
        return
    import datasketch
    ids, texts = ids[: args.sketch_docs], texts[: args.sketch_docs]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    print(f"datasketch {getattr(datasketch, '__version__', '?')} from "
          f"{os.path.dirname(os.path.dirname(datasketch.__file__))}: first {len(texts)} documents, "
          f"{mb:.1f} MB; datasketch style {args.datasketch_style}; "
          f"docsift.dedup(method='minhash', threads={args.sketch_threads})")
    pairs = []
    for _ in range(args.repeat):
        ours = cpu_wall(lambda: docsift.dedup(texts, method="minhash", threads=args.sketch_threads,
                                              ids=ids))
        peer = cpu_wall(lambda: datasketch_peer.dedup(texts, *ds, num_perm=128, ngram=5,
                                                      threshold=0.8, style=args.datasketch_style))
        pairs.append((ours, peer))
        print(f"  pair {len(pairs)}: docsift {ours[0]:.3f} s wall {ours[1]:.3f} s CPU, "
              f"datasketch {peer[0]:.2f} s wall {peer[1]:.2f} s CPU: "
              f"{peer[0] / ours[0]:.0f}x wall, {peer[1] / max(ours[1], 1e-9):.0f}x CPU")
    wall = statistics.median(p[0] / o[0] for o, p in pairs)
    cpu = statistics.median(p[1] / max(o[1], 1e-9) for o, p in pairs)
    print(f"datasketch / docsift.dedup, median of {len(pairs)} interleaved pairs: {wall:.0f}x wall, "
          f"{cpu:.0f}x CPU (target >= 50x)")
    tool = args.eval_jaccard or os.path.join(os.path.dirname(os.path.abspath(args.cli)),
                                              "eval_jaccard")
    if not os.access(tool, os.X_OK):
        print(f"precision/recall: {tool} not found (build the eval_jaccard target); skipped")
        return
    corpus = os.path.join(tmp, "sample.jsonl")
    with open(corpus, "w", encoding="utf-8") as f:
        for i, t in zip(ids, texts):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    reports = {"docsift": os.path.join(tmp, "docsift.jsonl"),
               "datasketch": os.path.join(tmp, "datasketch.jsonl")}
    rep = pairs[-1][0][2].report()
    with open(reports["docsift"], "w", encoding="utf-8") as f:
        for i, k in zip(rep["id"], rep["duplicate_of"]):
            f.write(json.dumps({"id": i, "duplicate_of": k}, ensure_ascii=False) + "\n")
    with open(reports["datasketch"], "w", encoding="utf-8") as f:
        for d, k, _ in pairs[-1][1][2]:
            f.write(json.dumps({"id": ids[d], "duplicate_of": ids[k]}, ensure_ascii=False) + "\n")
    for name, report in reports.items():
        s, m = eval_jaccard(tool, corpus, report, True), eval_jaccard(tool, corpus, report, False)
        print(f"  {name:10} removed {s['removed']:5}: strict precision {s['precision']:.4f} "
              f"recall {s['recall']:.4f} ({s['pairs']} pairs J >= 0.8); with margins precision "
              f"{m['precision']:.4f} recall {m['recall']:.4f} ({m['pairs']} pairs J >= 0.85)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus", help="JSONL corpus with a text field (and id)")
    ap.add_argument("--cli", default=os.environ.get("DOCSIFT_CLI", "build/docsift"))
    ap.add_argument("--methods", default="exact,minhash,simhash")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--sketch-docs", type=int, default=2000, help="datasketch sample size")
    ap.add_argument("--sketch-threads", type=int, default=1,
                    help="docsift threads against datasketch (single-threaded)")
    ap.add_argument("--datasketch", default=os.environ.get("DATASKETCH_DIR"),
                    help="datasketch source tree to import (default $DATASKETCH_DIR)")
    ap.add_argument("--eval-jaccard", help="build/eval_jaccard (default: next to --cli)")
    ap.add_argument("--datasketch-style", default="bulk", choices=["bulk", "readme"],
                    help="bulk: shared permutations, update_batch; readme: MinHash() and update() "
                         "per shingle (bench/datasketch_peer.py)")
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
    methods = [m for m in args.methods.split(",") if m]
    if methods:
        print(f"{'method':8} {'python s':>9} {'cli s':>7} {'overhead':>9} {'MB/s (py)':>10}  removed")
    worst = float("-inf")
    with tempfile.TemporaryDirectory() as tmp:
        report = os.path.join(tmp, "dups.jsonl")
        for method in methods:
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
        if methods:
            print(f"worst overhead of docsift.dedup over the CLI: {worst:+.1%} (target < +10%)")
        bench_datasketch(ids, texts, args, tmp)


if __name__ == "__main__":
    main()
