#!/usr/bin/python3
"""The datasketch peer for `docsift dedup -m minhash`: MinHash + MinHashLSH over a JSONL corpus.

    bench/datasketch_peer.py CORPUS.jsonl --datasketch DIR -r REPORT.jsonl \
        [--num-perm 128 --ngram 5 --threshold 0.8]

DIR is a datasketch source tree (the folder holding datasketch/), put on sys.path; without it
`import datasketch` must work as installed. Needs numpy and scipy (Debian python3-numpy,
python3-scipy). Nothing of datasketch is copied here: it is imported.

What it does, as a datasketch user deduplicating a corpus would:
  - words: NFKC + case folding, then runs of letters/digits joined by mid-word ' ’ . : (UAX #29
    style), with what is not a letter, mark or digit removed: docsift's normalised tokens on
    ordinary text (bench/README.md says where they can differ);
  - shingles: `ngram` consecutive words joined by a space, UTF-8 (one shingle of all the words of
    a shorter document, none for an empty one), fed to MinHash.update_batch (SHA-1, datasketch's
    default) in chunks of 8192 so a long document does not need a (shingles x num_perm) array;
  - one set of permutations shared by every MinHash (what MinHash.bulk does);
  - --style readme instead builds each MinHash as datasketch's README does (MinHash(num_perm),
    which draws its permutations again, then m.update() per shingle): the slower usage many
    scripts copy; same signatures, so the same decisions;
  - MinHashLSH(threshold, num_perm) with datasketch's own band choice; documents in input order:
    query, then the candidate with the highest estimated Jaccard >= threshold is the document
    kept in its place; a document with none is kept and inserted. So, as in docsift, a removed
    document points to a kept one.

The report has docsift's fields ({"id", "duplicate_of", "similarity", "method"}, removed
documents in input order), so build/eval_jaccard and build/eval_dedup score it as they score
docsift's. A summary goes to stderr.
"""

import argparse
import json
import os
import re
import sys
import time
import unicodedata

# Letters/digits (\w) joined by mid-word punctuation; "_" and other non-alphanumerics are cut out
# of a token afterwards, as docsift's normalised form drops what is not a letter, mark or number.
_TOKEN = re.compile(r"\w+(?:['\u2019.:\u00b7]\w+)*")
_NOT_ALNUM = re.compile(r"[\W_]+")
CHUNK = 8192


def words(text):
    folded = unicodedata.normalize("NFKC", text).casefold()
    out = []
    for tok in _TOKEN.findall(folded):
        if not tok.isalnum():
            tok = _NOT_ALNUM.sub("", tok)
        if tok:
            out.append(tok)
    return out


def shingles(text, ngram):
    w = words(text)
    if not w:
        return []
    if len(w) <= ngram:
        return [" ".join(w).encode()]
    return [" ".join(w[j : j + ngram]).encode() for j in range(len(w) - ngram + 1)]


def import_datasketch(path=None):
    """(MinHash, MinHashLSH), or None when datasketch cannot be imported."""
    if path:
        sys.path.insert(0, os.path.abspath(path))
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError as e:
        print(f"datasketch: not importable ({e})", file=sys.stderr)
        return None
    return MinHash, MinHashLSH


def dedup(texts, MinHash, MinHashLSH, num_perm=128, ngram=5, threshold=0.8, style="bulk"):
    """[(document, kept document, estimated Jaccard)] for every removed document, in order."""
    if style not in ("bulk", "readme"):
        raise ValueError(f"style must be bulk or readme, not {style}")
    perms = MinHash(num_perm=num_perm).permutations
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    kept_sketches = {}
    removed = []
    for d, text in enumerate(texts):
        sh = shingles(text, ngram)
        if style == "readme":
            m = MinHash(num_perm=num_perm)
            for x in sh:
                m.update(x)
        else:
            m = MinHash(num_perm=num_perm, permutations=perms)
            for i in range(0, len(sh), CHUNK):
                m.update_batch(sh[i : i + CHUNK])
        best, best_j = None, -1.0
        for c in lsh.query(m):
            j = m.jaccard(kept_sketches[c])
            if j > best_j or (j == best_j and c < best):
                best, best_j = c, j
        if best is not None and best_j >= threshold:
            removed.append((d, best, best_j))
        else:
            lsh.insert(d, m)
            kept_sketches[d] = m
    return removed


def read_corpus(path):
    ids, texts = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            ids.append(str(rec["id"]) if "id" in rec else f"{os.path.basename(path)}:{n}")
            texts.append(rec["text"])
    return ids, texts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("--datasketch", default=os.environ.get("DATASKETCH_DIR"),
                    help="datasketch source tree (default $DATASKETCH_DIR, else installed)")
    ap.add_argument("-r", "--report", help="report JSONL of the removed documents")
    ap.add_argument("--num-perm", type=int, default=128)
    ap.add_argument("--ngram", type=int, default=5)
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--style", default="bulk", choices=["bulk", "readme"])
    a = ap.parse_args()
    ds = import_datasketch(a.datasketch)
    if ds is None:
        sys.exit(3)
    start = time.perf_counter()
    ids, texts = read_corpus(a.corpus)
    removed = dedup(texts, *ds, num_perm=a.num_perm, ngram=a.ngram, threshold=a.threshold,
                    style=a.style)
    if a.report:
        with open(a.report, "w", encoding="utf-8") as f:
            for d, k, j in removed:
                f.write(json.dumps({"id": ids[d], "duplicate_of": ids[k], "similarity": round(j, 6),
                                    "method": "datasketch"}, ensure_ascii=False) + "\n")
    print(f"datasketch MinHashLSH: {len(texts)} documents, {len(removed)} removed, "
          f"{time.perf_counter() - start:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
