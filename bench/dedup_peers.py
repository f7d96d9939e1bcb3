"""bench/run's datasketch comparison (issue 17 points 0 and 6): docsift's dedup methods and
datasketch MinHashLSH (bench/datasketch_peer.py) on two corpus shapes, timed end to end, each
report scored against exact Jaccard by build/eval_jaccard.

Corpora (build/gen_corpus, planted exact and near duplicates):
  - peer-skewed: 10 documents hold half of the bytes (--skew 10:0.5);
  - peer-short-posts: tens of thousands of posts of 20..60 words.
Stages: dedup exact, minhash (defaults), minhash --sketch oph, simhash, each writing its report,
and the datasketch script (same 5-word shingles, 128 permutations, threshold 0.8). dedup minhash
and datasketch run interleaved; the others `repeats` times.
"""

import json
import os

PEER = "datasketch MinHashLSH"
PAIR = ("dedup minhash", PEER)
SINGLE = ["dedup exact", "dedup minhash (oph)", "dedup simhash"]
STAGES = ["dedup exact", "dedup minhash", "dedup minhash (oph)", "dedup simhash", PEER]
PYTHON = "/usr/bin/python3"  # Debian's: python3-numpy and python3-scipy, which datasketch needs


def check(datasketch_dir, sh):
    """None when `import datasketch` works from datasketch_dir, else a note saying why not."""
    if not datasketch_dir:
        return "no --datasketch DIR (a datasketch source tree): datasketch peer skipped"
    r = sh([PYTHON, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import datasketch",
            os.path.abspath(datasketch_dir)])
    if r.returncode != 0:
        last = (r.stderr.strip().splitlines() or ["?"])[-1]
        return f"datasketch not importable from {datasketch_dir} by {PYTHON} ({last}): peer skipped"
    return None


def corpus_specs(quick, skewed_mb=None, posts=None):
    """(kind, gen_corpus arguments, file name part, size_mb or None) of the two shapes."""
    skewed_mb = skewed_mb or (4 if quick else 16)
    posts = posts or (5000 if quick else 30000)
    return [("peer-skewed", ["--bytes", f"{skewed_mb}M", "--skew", "10:0.5"], f"{skewed_mb}M",
             skewed_mb),
            ("peer-short-posts", ["--docs", str(posts), "--min-words", "20", "--max-words", "60"],
             f"{posts}docs", None)]


def report_path(work, stage):
    return os.path.join(work, "report_" + "".join(c if c.isalnum() else "_" for c in stage) + ".jsonl")


def stage_cmds(docsift, corpus, threads, work, datasketch_dir, root):
    def dedup(*flags, stage):
        return ([docsift, "dedup", *flags, corpus["path"], "--threads", str(threads), "-o",
                 os.path.join(work, "out.jsonl"), "-r", report_path(work, stage)], None)

    script = os.path.join(root, "bench", "datasketch_peer.py")
    return {
        "dedup exact": dedup("-m", "exact", stage="dedup exact"),
        "dedup minhash": dedup("-m", "minhash", stage="dedup minhash"),
        "dedup minhash (oph)": dedup("-m", "minhash", "--sketch", "oph", stage="dedup minhash (oph)"),
        "dedup simhash": dedup("-m", "simhash", stage="dedup simhash"),
        PEER: ([PYTHON, script, corpus["path"], "--datasketch", os.path.abspath(datasketch_dir),
                "-r", report_path(work, PEER)], None),
    }


def quality(eval_tool, corpus, work, sh, notes):
    """Precision and recall of each stage's last report against exact Jaccard >= 0.8: strict
    (margins 0) and with eval_jaccard's default margins."""
    out = []
    for stage in STAGES:
        report = report_path(work, stage)
        if not os.path.exists(report):
            continue
        rec = {"stage": stage, "corpus": corpus["kind"], "size_mb": corpus["size_mb"],
               "docs": corpus["docs"]}
        for key, margins in (("", []), ("strict_", ["--recall-margin", "0", "--precision-margin", "0"])):
            r = sh([eval_tool, "--corpus", corpus["path"], "--report", report, "--threshold", "0.8",
                    "--json"] + margins)
            if r.returncode != 0:
                notes.append(f"eval_jaccard on {stage}, {corpus['kind']}: {r.stderr.strip()[-200:]}")
                break
            q = json.loads(r.stdout.strip().splitlines()[-1])
            rec["removed"] = q["removed"]
            for m in ("precision", "recall", "pairs"):
                rec[key + m] = q[m]
        else:
            out.append(rec)
        os.remove(report)
    return out


def _speed(rows, q, threads=1):
    return next((r for r in rows if r["stage"] == q["stage"] and r["corpus"] == q["corpus"]
                 and r["threads"] == threads), None)


def markdown(dedup_quality, rows, ratios, fmt):
    if not dedup_quality:
        return []
    L = ["## Dedup quality and speed against datasketch (exact Jaccard, build/eval_jaccard)\n",
         "Precision: removed documents whose exact 5-word-shingle Jaccard to the document kept in "
         "their place is >= 0.65 (strict: >= 0.8); recall: pairs with Jaccard >= 0.85 (strict: "
         ">= 0.8) of which at most one document is kept. Exact Jaccard over every pair of "
         "documents sharing a shingle (docsift's tokens). Speeds at 1 thread; MB per CPU-s is "
         "steadier than MB/s on a loaded machine. datasketch: bench/datasketch_peer.py (same "
         "shingles, 128 permutations, threshold 0.8, single-threaded Python).\n",
         "| corpus | documents | stage | MB/s T=1 | MB per CPU-s T=1 | removed | precision | "
         "recall | strict precision | strict recall |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"]
    for q in dedup_quality:
        r = _speed(rows, q)
        L.append(f"| {q['corpus']} | {q['docs']:,} | {q['stage']} | {fmt(r and r['mb_per_s'])} | "
                 f"{fmt(r and r['mb_per_cpu_s'])} | {q['removed']:,} | {q['precision']:.4f} | "
                 f"{q['recall']:.4f} | {q['strict_precision']:.4f} | {q['strict_recall']:.4f} |")
    L.append("")
    heads = [x for x in ratios if x["peer"] == PEER]
    if heads:
        L.append("Headline (issue 17, target >= 100x at precision and recall >= 0.99): "
                 + "; ".join(f"{x['corpus']} T={x['threads']}: **{x['median_ratio']:.0f}x** wall, "
                             f"{fmt(x.get('median_cpu_ratio'), 0)}x CPU ({x['pairs']} pairs)"
                             for x in heads) + ".\n")
    return L


def plot(plt, out_dir, dedup_quality, rows):
    """Precision and recall against MB per CPU-second, one panel per corpus; None if no data."""
    kinds = sorted({q["corpus"] for q in dedup_quality})
    if not kinds:
        return None
    fig, axes = plt.subplots(1, len(kinds), figsize=(5.5 * len(kinds), 4.2), squeeze=False)
    for ax, kind in zip(axes[0], kinds):
        for q in (q for q in dedup_quality if q["corpus"] == kind):
            r = _speed(rows, q)
            if not r:
                continue
            x = r["mb_per_cpu_s"]
            peer = q["stage"] == PEER
            ax.scatter([x], [q["precision"]], marker="o", color="C3" if peer else "C0")
            ax.scatter([x], [q["recall"]], marker="^", color="C3" if peer else "C1")
            ax.annotate(q["stage"].replace("dedup ", ""), (x, min(q["precision"], q["recall"])),
                        textcoords="offset points", xytext=(4, -10), fontsize=7)
        ax.set_xscale("log")
        ax.set_xlabel("MB per CPU-second (1 thread)")
        ax.set_ylabel("precision / recall")
        ax.set_title(kind)
        ax.grid(True, which="both", alpha=0.3)
    from matplotlib.lines import Line2D
    key = [Line2D([], [], linestyle="", marker=m, color=c, label=t) for m, c, t in
           (("o", "C0", "docsift precision"), ("^", "C1", "docsift recall"),
            ("o", "C3", f"{PEER} precision"), ("^", "C3", f"{PEER} recall"))]
    axes[0][-1].legend(handles=key, fontsize=7, loc="upper left", bbox_to_anchor=(1.02, 1),
                       borderaxespad=0)
    fig.suptitle("Dedup precision/recall against exact Jaccard vs speed")
    fig.tight_layout()
    name = "dedup_quality_vs_speed.png"
    fig.savefig(os.path.join(out_dir, name), dpi=80)
    plt.close(fig)
    return name
