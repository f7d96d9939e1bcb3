from dataclasses import dataclass
from typing import Any, Iterable, List, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

from ._docsift import LshIndex as LshIndex
from ._docsift import TextTypeError as TextTypeError

__version__: str

@dataclass(frozen=True)
class DedupResult:
    duplicate_of: npt.NDArray[np.int64]
    similarity: npt.NDArray[np.float32]
    group: npt.NDArray[np.int64]
    kept: npt.NDArray[np.bool_]
    ids: Optional[npt.NDArray[np.object_]] = ...
    method: str = ...
    def __len__(self) -> int: ...
    @property
    def removed(self) -> npt.NDArray[np.intp]: ...
    def report(self) -> dict[str, np.ndarray]: ...

@dataclass(frozen=True)
class ClusterResult:
    labels: npt.NDArray[np.int64]
    scores: npt.NDArray[np.float32]
    cluster_labels: List[List[str]]
    representatives: npt.NDArray[np.int64]
    sizes: npt.NDArray[np.int64]
    k: int
    ids: Optional[npt.NDArray[np.object_]] = ...
    def assignments(self) -> dict[str, np.ndarray]: ...
    def summary(self) -> dict[str, Any]: ...

def dedup(
    texts: Iterable[str],
    *,
    method: str = ...,
    threshold: float = ...,
    num_perm: int = ...,
    ngram: int = ...,
    unit: str = ...,
    seed: int = ...,
    keep: str = ...,
    threads: int = ...,
    ids: Optional[Iterable[Union[str, int]]] = ...,
) -> DedupResult: ...
def minhash(
    texts: Iterable[str],
    num_perm: int = ...,
    *,
    ngram: int = ...,
    unit: str = ...,
    seed: int = ...,
    threads: int = ...,
) -> npt.NDArray[np.uint32]: ...
def passages(
    texts: Iterable[str],
    *,
    unit: str = ...,
    min_words: int = ...,
    near: bool = ...,
    threshold: float = ...,
    shingle_unit: str = ...,
    ngram: int = ...,
    num_perm: int = ...,
    min_docs: int = ...,
    boilerplate: str = ...,
    seed: int = ...,
    threads: int = ...,
    max_memory: int = ...,
    ids: Optional[Iterable[Union[str, int]]] = ...,
) -> dict[str, np.ndarray]: ...
def strip(texts: Iterable[str], passages: dict[str, np.ndarray]) -> List[str]: ...
def cluster(
    texts: Iterable[str],
    k: Union[int, str] = ...,
    *,
    seed: int = ...,
    threads: int = ...,
    ngram: int = ...,
    min_df: float = ...,
    max_df: float = ...,
    k_max: int = ...,
    num_labels: int = ...,
    n_init: int = ...,
    max_iter: int = ...,
    ids: Optional[Iterable[Union[str, int]]] = ...,
) -> ClusterResult: ...
def run_cli(args: Sequence[str]) -> None: ...
