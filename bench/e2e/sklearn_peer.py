#!/usr/bin/python3
"""scikit-learn peer for `docsift cluster`: TF-IDF + KMeans over a JSONL corpus.

  /usr/bin/python3 bench/e2e/sklearn_peer.py corpus.jsonl --k 20 --n-init 5 [-o labels.jsonl]

The usual scikit-learn recipe for topic clustering: TfidfVectorizer (sublinear tf, l2 norm,
terms in at least 2 documents, at most half of them) and KMeans(n_clusters=k, n_init=5) on the
sparse matrix. Threads follow OMP_NUM_THREADS (bench/run sets it to the docsift thread count).
Prints one JSON line with the time of each step on stdout; with -o writes {"id", "cluster"}
per document. When the corpus has a "label" or "topic" field, also prints the adjusted Rand
index and NMI against it, so accuracy can be put next to docsift's.
"""

import argparse
import json
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("input")
    ap.add_argument("--k", type=int, default=20)
    ap.add_argument("--n-init", type=int, default=5)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output")
    a = ap.parse_args()

    t0 = time.perf_counter()
    from sklearn.cluster import KMeans
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    ids, texts, labels = [], [], []
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            ids.append(rec.get("id", len(ids)))
            texts.append(rec["text"])
            labels.append(rec.get("label", rec.get("topic")))
    t_read = time.perf_counter()
    x = TfidfVectorizer(sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(texts)
    t_tfidf = time.perf_counter()
    km = KMeans(n_clusters=a.k, n_init=a.n_init, random_state=a.seed).fit(x)
    t_kmeans = time.perf_counter()
    out = {"docs": len(texts), "terms": x.shape[1], "k": a.k, "n_init": a.n_init,
           "read_s": round(t_read - t0, 3), "tfidf_s": round(t_tfidf - t_read, 3),
           "kmeans_s": round(t_kmeans - t_tfidf, 3), "total_s": round(t_kmeans - t0, 3)}
    if all(label is not None for label in labels):
        out["ari"] = round(adjusted_rand_score(labels, km.labels_), 4)
        out["nmi"] = round(normalized_mutual_info_score(labels, km.labels_), 4)
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            for i, c in zip(ids, km.labels_):
                f.write(json.dumps({"id": i, "cluster": int(c)}) + "\n")
    json.dump(out, sys.stdout)
    print()


if __name__ == "__main__":
    main()
