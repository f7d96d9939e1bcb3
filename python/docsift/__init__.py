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

import json
import numbers
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence, Union

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
    ids: Optional[np.ndarray] = None  # the ids given (str, object array), else None
    method: str = ""  # the method that made it

    def __len__(self) -> int:
        return len(self.kept)

    @property
    def removed(self) -> np.ndarray:
        """Indices of the removed documents, ascending."""
        return np.flatnonzero(~self.kept)

    def report(self) -> dict:
        """The removed documents as ``docsift dedup -r`` reports them, as columns (in document
        order): ``id``, ``duplicate_of`` (the ids given, else the indices), ``cluster``,
        ``similarity`` (float64, rounded to 4 decimals as the CLI writes it) and ``method``."""
        d = self.removed
        names = _names(self.ids, len(self))
        return {
            "id": names[d],
            "duplicate_of": names[self.duplicate_of[d]],
            "cluster": self.group[d],
            # The CLI's 4 decimals, correctly rounded (as its std::to_chars)
            "similarity": np.array([float(f"{x:.4f}") for x in self.similarity[d].tolist()]),
            "method": np.full(len(d), self.method, dtype=object),
        }


@dataclass(frozen=True)
class ClusterResult:
    """Topic clusters of :func:`cluster` (clusters numbered by decreasing size)."""

    labels: np.ndarray  # int64 per document: its cluster
    scores: np.ndarray  # float32 per document: cosine to its cluster's centroid
    cluster_labels: List[List[str]]  # per cluster: label terms, most distinctive first
    representatives: np.ndarray  # int64 per cluster: index of the document nearest the centroid
    sizes: np.ndarray  # int64 per cluster
    k: int  # clusters requested or chosen
    ids: Optional[np.ndarray] = None  # the ids given (str, object array), else None

    def assignments(self) -> dict:
        """Every document as ``docsift cluster -o`` writes it, as columns: ``id`` (the ids
        given, else the indices), ``cluster``, ``score``."""
        return {"id": _names(self.ids, len(self.labels)), "cluster": self.labels,
                "score": self.scores}

    def summary(self) -> dict:
        """One row per cluster as in ``docsift cluster -s``: ``cluster``, ``size``, ``labels``
        and ``representative`` (its id, else its index)."""
        return {
            "cluster": np.arange(len(self.sizes), dtype=np.int64),
            "size": self.sizes,
            "labels": self.cluster_labels,
            "representative": _names(self.ids, len(self.labels))[self.representatives],
        }


def _quoted(s: str) -> str:
    # As the CLI quotes an id in a message: JSON string, cut at 200 bytes of UTF-8.
    b = s.encode("utf-8")
    if len(b) <= 200:
        return json.dumps(s, ensure_ascii=False)
    return json.dumps(b[:200].decode("utf-8", "ignore"), ensure_ascii=False) + "..."


def _check_ids(ids, texts) -> Optional[np.ndarray]:
    """ids as an object array of str: str as given, integers as their decimal text (as the CLI
    reads a JSONL integer id). ValueError for a duplicate id or a count that is not the texts'."""
    if ids is None:
        return None
    if isinstance(ids, (str, bytes)):
        raise TextTypeError("ids must be an iterable of str or int, not a single str or bytes")
    out, first = [], {}
    for i, x in enumerate(ids):
        if isinstance(x, str):
            s = str(x)
        elif isinstance(x, numbers.Integral) and not isinstance(x, (bool, np.bool_)):
            s = str(int(x))
        else:
            raise TextTypeError(f"ids[{i}] is {type(x).__name__}, not str or int")
        j = first.setdefault(s, i)
        if j != i:
            raise ValueError(f"ids[{i}]: duplicate id {_quoted(s)} (first seen at ids[{j}])")
        out.append(s)
    if hasattr(texts, "__len__") and not isinstance(texts, (str, bytes)):
        _check_count(len(out), len(texts))
    a = np.empty(len(out), dtype=object)
    a[:] = out
    return a


def _check_count(num_ids: int, num_texts: int) -> None:
    if num_ids != num_texts:
        raise ValueError(f"ids has {num_ids} values but texts has {num_texts}")


def _names(ids: Optional[np.ndarray], n: int) -> np.ndarray:
    return ids if ids is not None else np.arange(n, dtype=np.int64)


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
    ids: Optional[Iterable[Union[str, int]]] = None,
) -> DedupResult:
    """Finds duplicate documents, as ``docsift dedup`` (same options, same decisions).

    A generator is read in batches and never held whole: only per-document features are kept.
    ``ids`` (str or int, one per text, unique: the CLI's id field) name the documents in
    :meth:`DedupResult.report`; they do not change any decision.
    """
    id_array = _check_ids(ids, texts)
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
    if id_array is not None:
        _check_count(len(id_array), len(r["kept"]))
    return DedupResult(r["duplicate_of"], r["similarity"], r["group"], r["kept"], id_array, method)


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
    lines: bool = True,
    line_min_docs: int = 10,
    seed: int = 1,
    threads: int = 0,
    max_memory: int = 0,
    ids: Optional[Iterable[Union[str, int]]] = None,
) -> dict:
    """The ``docsift passages`` report as columns (``pandas.DataFrame(result)`` takes it as is).

    One row per duplicate occurrence: ``doc`` (text index), ``start``/``end`` (UTF-8 byte
    offsets), ``kind`` ("within" or "across"), ``duplicate_of_doc``/``_start``/``_end``,
    ``similarity``, ``documents`` (documents the passage occurs in), ``removed``, and
    ``cut_start`` (where the removal starts: the bullet marker, if any), used by :func:`strip`,
    and ``char_start``/``char_end``/``duplicate_of_char_start``/``duplicate_of_char_end``: the
    same offsets as ``str`` indices (``texts[doc][char_start:char_end]`` is the passage).
    With ``ids`` (as for :func:`dedup`), also ``id`` and ``duplicate_of_id``: the ids of ``doc``
    and ``duplicate_of_doc``, the report's ``id`` and ``duplicate_of.id``.
    Boilerplate lines (kind "line": short lines recurring in many documents, as ``--no-lines``
    and ``--line-min-docs`` of the CLI set them) are found unless ``lines=False``; a line of 4+
    words needs ``line_min_docs`` documents, shorter lines more.
    """
    id_array = _check_ids(ids, texts)
    p = _docsift.passages(
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
        lines=lines,
        line_min_docs=line_min_docs,
        seed=seed,
        threads=threads,
        max_memory=max_memory,
    )
    if id_array is not None:
        _check_count(len(id_array), int(p.pop("num_texts")))
        p["id"] = id_array[p["doc"]]
        p["duplicate_of_id"] = id_array[p["duplicate_of_doc"]]
    else:
        p.pop("num_texts")
    return p


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
    keep_boilerplate: bool = False,
    ids: Optional[Iterable[Union[str, int]]] = None,
) -> ClusterResult:
    """Topic clusters, as ``docsift cluster`` (TF-IDF + spherical k-means, c-TF-IDF labels) on
    the texts without their boilerplate passages (those :func:`passages` removes; pass
    ``keep_boilerplate=True`` to cluster the texts as they are); ``k="auto"`` chooses k by
    silhouette. ``ids`` (as for :func:`dedup`) name the documents in
    :meth:`ClusterResult.assignments` and :meth:`ClusterResult.summary`."""
    id_array = _check_ids(ids, texts)
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
        keep_boilerplate=keep_boilerplate,
    )
    if id_array is not None:
        _check_count(len(id_array), len(r["labels"]))
    return ClusterResult(
        r["labels"], r["scores"], r["cluster_labels"], r["representatives"], r["sizes"], r["k"],
        id_array,
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
