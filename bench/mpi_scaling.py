#!/usr/bin/python3
"""Scaling section of bench/run: `docsift dedup` serial vs mpirun -np N at --threads 1.

  bench/mpi_scaling.py --size-mb 512 --out bench/results/latest/mpi_scaling.md

Generates a corpus with build/gen_corpus (--bytes SIZE, planted duplicates), cuts it into 8
JSONL files (ranks take whole files: docs/distributed.md), then for each method runs
  docsift dedup -m M FILES --threads 1 -o OUT            (np 1: no launcher, no MPI_Init)
  mpirun -np 2 ... docsift dedup -m M FILES --threads 1 -o OUT
interleaved (np1, np2, np1, np2 ...), each under /usr/bin/time (wall, user+sys of mpirun and
its ranks, peak RSS of the largest process), checks that both outputs are byte-identical, and
reads the "ranks" row of the summary (per-rank time, peak memory and bytes sent, max and mean).
Writes a Markdown table and the raw figures as JSON next to it.

--parts: np 2 writes --output-parts DIR (each rank its own kept records, concatenated they must
equal np 1's output), so "sent" is the dedup exchange itself (ids, lengths, band records,
candidate pairs, signatures for verification, edges) rather than the kept text streamed to
rank 0.

--np 2,4: the distributed sizes to run (default 2); each is compared with np 1. Every rank of a
distributed run runs under its own /usr/bin/time -v (a sh wrapper reading OMPI_COMM_WORLD_RANK),
so rank 0's peak RSS and CPU time are reported apart from the other ranks'.
"""

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MPI_ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1",
           "OMPI_MCA_btl_vader_single_copy_mechanism": "none",
           # Waiting ranks yield the core instead of spinning (this machine is shared).
           "OMPI_MCA_mpi_yield_when_idle": "1"}
MPIRUN = ["mpirun", "--oversubscribe", "--bind-to", "none", "--mca", "btl", "self,vader"]
UNITS = {"B": 1, "KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12}


def log(msg):
    print(f"[mpi_scaling {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def timed(cmd, env):
    """Runs cmd under /usr/bin/time -v; returns (wall s, user+sys s, peak RSS bytes, stderr)."""
    full = ["/usr/bin/time", "-v"] + cmd
    t0 = time.perf_counter()
    r = subprocess.run(full, env={**os.environ, **env}, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True, timeout=7200)
    wall = time.perf_counter() - t0
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr[-800:]}")
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", r.stderr).group(1))
    sys_ = float(re.search(r"System time \(seconds\): ([\d.]+)", r.stderr).group(1))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", r.stderr).group(1)) * 1024
    return wall, user + sys_, rss, r.stderr


def rank_times(prefix, np_):
    """Per-rank (user+sys s, peak RSS bytes) from the files /usr/bin/time -o PREFIX.RANK wrote."""
    out = []
    for r in range(np_):
        with open(f"{prefix}.{r}") as f:
            t = f.read()
        cpu = sum(float(re.search(rf"{k} time \(seconds\): ([\d.]+)", t).group(1)) for k in ("User", "System"))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) * 1024
        out.append({"cpu_s": cpu, "peak_rss": rss})
        os.remove(f"{prefix}.{r}")
    return out


def human_to_bytes(text):
    num, unit = text.split()
    return float(num) * UNITS[unit]


def ranks_row(stderr):
    m = re.search(r"(\d+) ranks: time max ([\d.]+) s, mean ([\d.]+) s; peak memory max ([\d.]+ \w+), "
                  r"mean ([\d.]+ \w+); sent max ([\d.]+ \w+), mean ([\d.]+ \w+)", stderr)
    if not m:
        return None
    return {"ranks": int(m.group(1)), "rank_s_max": float(m.group(2)), "rank_s_mean": float(m.group(3)),
            "rank_rss_max": human_to_bytes(m.group(4)), "rank_rss_mean": human_to_bytes(m.group(5)),
            "sent_max": human_to_bytes(m.group(6)), "sent_mean": human_to_bytes(m.group(7))}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--work", help="corpus and outputs (default BUILD/bench-work/mpi)")
    ap.add_argument("--size-mb", type=int, default=512)
    ap.add_argument("--methods", default="minhash,exact,simhash")
    ap.add_argument("--pairs", type=int, default=1, help="interleaved np1/np2 pairs per method")
    ap.add_argument("--parts", action="store_true", help="np 2 writes --output-parts (see above)")
    ap.add_argument("--np", default="2", help="comma-separated distributed sizes (see above)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results", "latest", "mpi_scaling.md"))
    a = ap.parse_args()
    docsift = os.path.join(a.build, "docsift")
    work = a.work or os.path.join(a.build, "bench-work", "mpi")
    os.makedirs(work, exist_ok=True)
    corpus = os.path.join(work, f"corpus_{a.size_mb}mb.jsonl")
    if not os.path.exists(corpus):
        log(f"generating {corpus}")
        subprocess.run([os.path.join(a.build, "gen_corpus"), "--bytes", f"{a.size_mb}M", "--seed", "1",
                        "-o", corpus], check=True, stderr=subprocess.DEVNULL)
    parts_dir = os.path.join(work, f"parts_{a.size_mb}mb")
    if not os.path.isdir(parts_dir):
        os.makedirs(parts_dir)
        subprocess.run(["split", "-n", "l/8", "-d", "--additional-suffix=.jsonl", corpus,
                        os.path.join(parts_dir, "part")], check=True)
    parts = sorted(os.path.join(parts_dir, f) for f in os.listdir(parts_dir))
    size = sum(os.path.getsize(p) for p in parts)
    docs = sum(1 for p in parts for _ in open(p, "rb"))
    sizes = [int(x) for x in a.np.split(",")]
    rows = []
    for method in a.methods.split(","):
        runs = {n: [] for n in [1] + sizes}
        for _ in range(a.pairs):
            for np_ in [1] + sizes:  # np 1 once per pair, then each distributed size
                out = os.path.join(work, f"out_np{np_}.jsonl")
                parts_out = os.path.join(work, f"out_np{np_}_parts")
                dest = ["--output-parts", parts_out] if a.parts and np_ > 1 else ["-o", out]
                cmd = [docsift, "dedup", "-m", method] + parts + ["--threads", "1"] + dest
                prefix = os.path.join(work, "rank_time")
                if np_ > 1:
                    wrap = ["sh", "-c", '/usr/bin/time -v -o "$0.$OMPI_COMM_WORLD_RANK" "$@"', prefix]
                    cmd = MPIRUN + ["-np", str(np_)] + wrap + cmd
                log(f"{method} np {np_}")
                wall, cpu, rss, err = timed(cmd, MPI_ENV)
                row = {"wall_s": wall, "cpu_s": cpu, "peak_rss": rss, **(ranks_row(err) or {})}
                if np_ == 1:
                    runs[1].append(row)
                    continue
                row["per_rank"] = rank_times(prefix, np_)
                # user+sys of the ranks themselves (the sh and mpirun around them are excluded)
                row["ranks_cpu_s"] = sum(r["cpu_s"] for r in row["per_rank"])
                runs[np_].append(row)
                if a.parts:
                    with open(out, "wb") as joined:
                        for name in sorted(os.listdir(parts_out)):
                            if name.startswith("part-"):
                                with open(os.path.join(parts_out, name), "rb") as f:
                                    joined.write(f.read())
                same = subprocess.run(["cmp", "-s", os.path.join(work, "out_np1.jsonl"), out]).returncode == 0
                if not same:
                    raise RuntimeError(f"{method}: np {np_} output differs from np 1")
        w1 = statistics.median(r["wall_s"] for r in runs[1])
        for np_ in sizes:
            last = runs[np_][-1]
            rows.append({"method": method, "np": np_, "np1": runs[1], "npN": runs[np_],
                         "speedup": w1 / statistics.median(r["wall_s"] for r in runs[np_]),
                         "sent_per_doc": last.get("sent_mean", 0) * np_ / docs,
                         "sent_per_mb": last.get("sent_mean", 0) * np_ / (size / 1e6)})
    load = os.getloadavg()
    mode = ", distributed runs with --output-parts" if a.parts else ""
    lines = [f"## Scaling: dedup on {size / 1e6:.0f} MB ({docs:,} documents, 8 files), --threads 1{mode}",
             "", f"Load average at the end {load[0]:.1f} on {os.cpu_count()} cores (other jobs share "
             "the machine: wall times are only comparable within a pair).", "",
             "| method | np | np 1 wall s | np N wall s | speed-up | np 1 CPU s | np N ranks CPU s "
             "| rank 0 CPU s | rank 0 peak RSS MB | other ranks peak RSS max MB "
             "| sent per rank max / mean MB | sent per document B |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        a1 = r["np1"][-1]
        a2 = r["npN"][-1]
        pr = a2["per_rank"]
        others = max((x["peak_rss"] for x in pr[1:]), default=0)
        lines.append(f"| {r['method']} | {r['np']} | {a1['wall_s']:.1f} | {a2['wall_s']:.1f} | {r['speedup']:.2f}x | "
                     f"{a1['cpu_s']:.1f} | {a2['ranks_cpu_s']:.1f} | {pr[0]['cpu_s']:.1f} | "
                     f"{pr[0]['peak_rss'] / 1e6:.0f} | {others / 1e6:.0f} | "
                     f"{a2.get('sent_max', 0) / 1e6:.1f} / {a2.get('sent_mean', 0) / 1e6:.1f} | "
                     f"{r['sent_per_doc']:.0f} |")
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.splitext(a.out)[0] + ".json", "w") as f:
        json.dump({"bytes": size, "docs": docs, "rows": rows, "loadavg": load}, f, indent=1)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
