"""docsift from Python: document and passage deduplication and topic clustering.

Every function takes ``texts``: any iterable of ``str`` (a list, a pandas Series, a generator).
The work runs in docsift's C++ library with the GIL released; results are numpy arrays indexed by
the position of each text. Options are named and defaulted as the CLI's (``docsift dedup --help``).

    >>> import docsift
    >>> r = docsift.dedup(["a b c d e", "a b c d e", "other"], method="exact")
    >>> r.duplicate_of.tolist(), r.kept.tolist()
    ([-1, 0, -1], [True, False, True])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, List, Sequence, Union

import numpy as np

from . import _docsift
from ._docsift import LshIndex, TextTypeError

__version__ = _docsift.__version__
__all__ = [
    "ClusterResult",
    "DedupResult",
    "LshIndex",
    "TextTypeError",
    "cluster",
    "dedup",
    "minhash",
    "passages",
    "run_cli",
    "strip",
]


@dataclass(frozen=True)
class DedupResult:
    """Per-document outcome of :func:`dedup`, one entry per input text."""

    duplicate_of: np.ndarray  # int64: index of the kept document it duplicates, -1 if kept
    similarity: np.ndarray  # float32: similarity to that document (1 for kept ones)
    group: np.ndarray  # int64: duplicate group (dense, numbered by first member)
    kept: np.ndarray  # bool

    def __len__(self) -> int:
        return len(self.kept)

    @property
    def removed(self) -> np.ndarray:
        """Indices of the removed documents, ascending."""
        return np.flatnonzero(~self.kept)


@dataclass(frozen=True)
class ClusterResult:
    """Topic clusters of :func:`cluster` (clusters numbered by decreasing size)."""

    labels: np.ndarray  # int64 per document: its cluster
    scores: np.ndarray  # float32 per document: cosine to its cluster's centroid
    cluster_labels: List[List[str]]  # per cluster: label terms, most distinctive first
    representatives: np.ndarray  # int64 per cluster: index of the document nearest the centroid
    sizes: np.ndarray  # int64 per cluster
    k: int  # clusters requested or chosen


def dedup(
    texts: Iterable[str],
    *,
    method: str = "exact",
    threshold: float = 0.8,
    num_perm: int = 128,
    ngram: int = 5,
    unit: str = "word",
    seed: int = 1,
    keep: str = "first",
    threads: int = 0,
) -> DedupResult:
    """Finds duplicate documents, as ``docsift dedup`` (same options, same decisions).

    A generator is read in batches and never held whole: only per-document features are kept.
    """
    r = _docsift.dedup(
        texts,
        method=method,
        threshold=threshold,
        num_perm=num_perm,
        ngram=ngram,
        unit=unit,
        seed=seed,
        keep=keep,
        threads=threads,
    )
    return DedupResult(r["duplicate_of"], r["similarity"], r["group"], r["kept"])


def minhash(
    texts: Iterable[str],
    num_perm: int = 128,
    *,
    ngram: int = 5,
    unit: str = "word",
    seed: int = 1,
    threads: int = 0,
) -> np.ndarray:
    """MinHash signatures, shape (n, num_perm) uint32: the values ``dedup(method="minhash")``
    compares (normalised text, shingles of ``ngram`` words or characters)."""
    return _docsift.minhash(
        texts, num_perm=num_perm, ngram=ngram, unit=unit, seed=seed, threads=threads
    )


def passages(
    texts: Iterable[str],
    *,
    unit: str = "block",
    min_words: int = 5,
    near: bool = True,
    threshold: float = 0.8,
    shingle_unit: str = "char",
    ngram: int = 5,
    num_perm: int = 64,
    min_docs: int = 3,
    boilerplate: str = "remove",
    seed: int = 1,
    threads: int = 0,
    max_memory: int = 0,
) -> dict:
    """The ``docsift passages`` report as columns (``pandas.DataFrame(result)`` takes it as is).

    One row per duplicate occurrence: ``doc`` (text index), ``start``/``end`` (UTF-8 byte
    offsets), ``kind`` ("within" or "across"), ``duplicate_of_doc``/``_start``/``_end``,
    ``similarity``, ``documents`` (documents the passage occurs in), ``removed``, and
    ``cut_start`` (where the removal starts: the bullet marker, if any), used by :func:`strip`,
    and ``char_start``/``char_end``/``duplicate_of_char_start``/``duplicate_of_char_end``: the
    same offsets as ``str`` indices (``texts[doc][char_start:char_end]`` is the passage).
    """
    return _docsift.passages(
        texts,
        unit=unit,
        min_words=min_words,
        near=near,
        threshold=threshold,
        shingle_unit=shingle_unit,
        ngram=ngram,
        num_perm=num_perm,
        min_docs=min_docs,
        boilerplate=boilerplate,
        seed=seed,
        threads=threads,
        max_memory=max_memory,
    )


def strip(texts: Iterable[str], passages: dict) -> List[str]:
    """The texts with the removed passages of ``passages`` (from :func:`passages` over the same
    texts) cut out, as ``docsift passages --strip`` writes them."""
    return _docsift.strip(
        texts,
        np.asarray(passages["doc"]),
        np.asarray(passages["cut_start"]),
        np.asarray(passages["end"]),
        np.asarray(passages["removed"]),
    )


def cluster(
    texts: Iterable[str],
    k: Union[int, str] = "auto",
    *,
    seed: int = 1,
    threads: int = 0,
    ngram: int = 1,
    min_df: float = 2,
    max_df: float = 0.5,
    k_max: int = 30,
    num_labels: int = 5,
    n_init: int = 10,
    max_iter: int = 100,
) -> ClusterResult:
    """Topic clusters, as ``docsift cluster`` (TF-IDF + spherical k-means, c-TF-IDF labels);
    ``k="auto"`` chooses k by silhouette."""
    if isinstance(k, str):
        if k != "auto":
            raise ValueError(f"k must be a positive number or auto, not {k}")
        kk = 0
    elif isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k > 0:
        kk = int(k)
    else:
        raise ValueError(f"k must be a positive number or auto, not {k!r}")
    r = _docsift.cluster(
        texts,
        k=kk,
        seed=seed,
        threads=threads,
        ngram=ngram,
        min_df=min_df,
        max_df=max_df,
        k_max=k_max,
        num_labels=num_labels,
        n_init=n_init,
        max_iter=max_iter,
    )
    return ClusterResult(
        r["labels"], r["scores"], r["cluster_labels"], r["representatives"], r["sizes"], r["k"]
    )


def run_cli(args: Sequence[str]) -> None:
    """Runs one docsift CLI command in-process, e.g. ``run_cli(["dedup", "in.jsonl", "-o",
    "out.jsonl"])``. Returns on exit status 0; raises ValueError (1: bad input, 2: usage),
    OSError (3) or MemoryError (4); the CLI's message is on stderr."""
    if isinstance(args, str):
        raise TypeError("args must be a list of str, not a str")
    args = [str(a) for a in args]
    code = _docsift.run_cli(args)
    if code == 0:
        return
    message = f"docsift {' '.join(args[:1])} exited with status {code} (message on stderr)"
    if code in (1, 2):
        raise ValueError(message)
    if code == 3:
        raise OSError(message)
    if code == 4:
        raise MemoryError(message)
    raise RuntimeError(message)
