#!/usr/bin/python3
"""Peer for bench/cluster_vs_sklearn.sh: scikit-learn's TF-IDF + k-means on a JSONL corpus.

TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5) on the "text" field, then L2-normalised
rows clustered by KMeans(n_clusters=k, n_init=5): on unit rows Euclidean k-means ranks like
cosine, the usual scikit-learn recipe for document clustering. Writes {"id","cluster"} JSON
Lines and prints the seconds spent (read excluded) on stderr.

    /usr/bin/python3 bench/sklearn_cluster.py INPUT.jsonl --k 20 --output OUT.jsonl --seed 1
"""
import argparse
import json
import sys
import time

from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("input")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--n-init", type=int, default=5)
    ap.add_argument("--output", required=True)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    ids, texts = [], []
    with open(args.input, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                ids.append(str(rec["id"]))
                texts.append(rec["text"])
    start = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
    km = KMeans(n_clusters=args.k, n_init=args.n_init, random_state=args.seed).fit(x)
    seconds = time.perf_counter() - start
    with open(args.output, "w", encoding="utf-8") as out:
        for doc_id, c in zip(ids, km.labels_):
            out.write(json.dumps({"id": doc_id, "cluster": int(c)}) + "\n")
    print(f"sklearn_seconds {seconds:.3f} vocab {x.shape[1]}", file=sys.stderr)


if __name__ == "__main__":
    main()
