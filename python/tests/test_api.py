"""Every function of the docsift package: results, input kinds, bad and empty input, threads."""

import numpy as np
import pytest

import docsift

DOCS = [
    "The quick brown fox jumps over the lazy dog near the river bank today.",
    "The quick brown fox jumps over the lazy dog near the river bank today!",
    "Совсем другой текст о погоде в Алматы и о ценах на хлеб в этом году.",
    "The quick brown fox jumps over the lazy dog near the river bank today.",
    "An unrelated sentence about databases, indexes and query planners here.",
]


def test_dedup_exact_small():
    r = docsift.dedup(DOCS)
    # Exact dedup normalises case and punctuation: 0, 1 and 3 are one text.
    assert r.duplicate_of.dtype == np.int64 and r.similarity.dtype == np.float32
    assert r.group.dtype == np.int64 and r.kept.dtype == np.bool_
    assert r.duplicate_of.tolist()[2] == -1 and r.duplicate_of.tolist()[4] == -1
    assert r.duplicate_of[3] == 0
    assert r.kept.tolist() == [d == -1 for d in r.duplicate_of.tolist()]
    assert r.group[3] == r.group[0] and r.group[2] != r.group[0]
    assert r.removed.tolist() == np.flatnonzero(r.duplicate_of >= 0).tolist()


def test_dedup_keep_longest():
    texts = ["a b c d e f g", "A B C D E F G!!!"]
    assert docsift.dedup(texts, keep="longest").duplicate_of.tolist() == [1, -1]
    assert docsift.dedup(texts, keep="first").duplicate_of.tolist() == [-1, 0]


@pytest.mark.parametrize("method", ["exact", "minhash", "simhash"])
def test_threads_do_not_change_results(sample, method):
    _, texts = sample
    one = docsift.dedup(texts, method=method, threads=1)
    two = docsift.dedup(texts, method=method, threads=2)
    for name in ("duplicate_of", "similarity", "group", "kept"):
        assert np.array_equal(getattr(one, name), getattr(two, name)), name


def test_threads_passages_cluster_minhash(sample):
    _, texts = sample
    a, b = docsift.passages(texts, threads=1), docsift.passages(texts, threads=2)
    assert a.keys() == b.keys()
    for key in a:
        assert np.array_equal(a[key], b[key]), key
    c1, c2 = docsift.cluster(texts, k=4, threads=1), docsift.cluster(texts, k=4, threads=2)
    assert np.array_equal(c1.labels, c2.labels) and np.array_equal(c1.scores, c2.scores)
    assert np.array_equal(docsift.minhash(texts, threads=1), docsift.minhash(texts, threads=2))


def test_generator_list_tuple_agree(sample):
    _, texts = sample
    want = docsift.dedup(texts, method="minhash")
    for given in ((t for t in texts), tuple(texts), iter(texts)):
        got = docsift.dedup(given, method="minhash")
        assert np.array_equal(got.duplicate_of, want.duplicate_of)
        assert np.array_equal(got.similarity, want.similarity)
    p = docsift.passages(t for t in texts)
    assert np.array_equal(p["start"], docsift.passages(texts)["start"])


def test_generator_longer_than_a_batch():
    # 40000 documents cross many batch boundaries (2048 documents): numbering must run on.
    n = 40000
    texts = (f"document number {i % 30000} has some words" for i in range(n))
    r = docsift.dedup(texts)
    assert len(r) == n
    assert r.duplicate_of[30000:].tolist() == list(range(10000))
    assert r.kept[:30000].all()
    sig = docsift.minhash(f"doc {i} alpha beta gamma delta" for i in range(n))
    assert sig.shape == (n, 128)
    assert np.array_equal(sig[20000], docsift.minhash(["doc 20000 alpha beta gamma delta"])[0])


def test_pandas_series(sample):
    pd = pytest.importorskip("pandas")
    _, texts = sample
    series = pd.Series(texts, index=range(1000, 1000 + len(texts)))
    got = docsift.dedup(series, method="simhash")
    want = docsift.dedup(texts, method="simhash")
    assert np.array_equal(got.duplicate_of, want.duplicate_of)
    frame = pd.DataFrame(docsift.passages(series))
    assert len(frame) == len(docsift.passages(texts)["doc"])
    assert set(frame.columns) >= {"doc", "start", "end", "kind", "removed"}


def test_minhash_matches_dedup_signatures(sample):
    _, texts = sample
    sig = docsift.minhash(texts, num_perm=64, seed=3)
    assert sig.shape == (len(texts), 64) and sig.dtype == np.uint32
    assert np.array_equal(sig, docsift.minhash(texts, num_perm=64, seed=3))
    assert not np.array_equal(sig, docsift.minhash(texts, num_perm=64, seed=4))
    r = docsift.dedup(texts, method="minhash", num_perm=64, seed=3)
    # The similarity dedup reports for a removed document is the Jaccard estimate from these
    # signatures against its kept document.
    assert len(r.removed) > 0
    for d in r.removed:
        estimate = float(np.mean(sig[d] == sig[r.duplicate_of[d]]))
        assert abs(estimate - float(r.similarity[d])) < 1e-6


def test_lsh_index(tmp_path, sample):
    _, texts = sample
    sig = docsift.minhash(texts)
    index = docsift.LshIndex(num_perm=128, threshold=0.8)
    assert (index.bands, index.rows) == (16, 8)
    index.add(sig)
    assert len(index) == len(texts)
    for d in (0, 5, 17):
        assert d in index.query(sig[d]).tolist()
    pairs = index.candidate_pairs()
    assert pairs.shape[1] == 2 and (pairs[:, 0] < pairs[:, 1]).all()
    r = docsift.dedup(texts, method="minhash")
    candidates = set(map(tuple, pairs.tolist()))
    for d in r.removed:
        a, b = sorted((int(d), int(r.duplicate_of[d])))
        # A removed document shares a band with its kept one, or reaches it through its group.
        assert (a, b) in candidates or r.group[a] == r.group[b]
    path = tmp_path / "index.bin"
    index.save(str(path))
    loaded = docsift.LshIndex.load(str(path))
    assert len(loaded) == len(index)
    assert np.array_equal(loaded.candidate_pairs(), pairs)
    assert np.array_equal(loaded.query(sig[3]), index.query(sig[3]))
    with pytest.raises(ValueError, match="already|repeat|present"):
        index.add(sig[:1], ids=np.array([0], dtype=np.uint64))
    with pytest.raises(ValueError, match="shape"):
        index.add(sig[:, :64])
    with pytest.raises(OSError):
        docsift.LshIndex.load(str(tmp_path / "missing.bin"))
    with pytest.raises(ValueError):
        docsift.LshIndex(num_perm=128, bands=20, rows=8)


def test_strip_small():
    boiler = "Subscribe to our newsletter for the latest news and offers every week."
    texts = [f"Story {i} begins here with its own words number {i}.\n\n{boiler}\n" for i in range(4)]
    p = docsift.passages(texts)
    assert p["removed"].sum() == 4  # in 4 >= min_docs documents: removed from all
    cleaned = docsift.strip(texts, p)
    assert all(boiler not in c and c.startswith(f"Story {i}") for i, c in enumerate(cleaned))
    assert docsift.strip(texts, docsift.passages(texts, min_docs=5)) == texts


def test_cluster_api(sample):
    _, texts = sample
    r = docsift.cluster(texts, k=3, num_labels=4)
    assert r.labels.shape == (len(texts),) and r.k == 3
    assert len(r.cluster_labels) == len(r.sizes) == len(r.representatives)
    assert all(len(labels) <= 4 for labels in r.cluster_labels)
    assert r.sizes.sum() == len(texts)
    assert sorted(r.sizes.tolist(), reverse=True) == r.sizes.tolist()
    assert all(r.labels[rep] == c for c, rep in enumerate(r.representatives))


def test_bad_input():
    with pytest.raises(ValueError, match=r"texts\[1\] is int, not str"):
        docsift.dedup(["a", 1])
    with pytest.raises(TypeError, match=r"texts\[0\] is bytes"):
        docsift.minhash([b"a"])
    with pytest.raises(TypeError, match="not a single str"):
        docsift.dedup("a text, not a list")
    with pytest.raises(TypeError):
        docsift.dedup(42)
    with pytest.raises(UnicodeEncodeError):
        docsift.dedup(["bad \ud800 surrogate"])
    with pytest.raises(ValueError, match="method must be exact, minhash or simhash, not md5"):
        docsift.dedup(DOCS, method="md5")
    with pytest.raises(ValueError, match="threshold"):
        docsift.dedup(DOCS, method="minhash", threshold=1.5)
    with pytest.raises(ValueError, match="num_perm|num-perm"):
        docsift.minhash(DOCS, num_perm=0)
    with pytest.raises(ValueError, match="unit must be word or char"):
        docsift.dedup(DOCS, unit="line")
    with pytest.raises(ValueError, match="keep must be first or longest"):
        docsift.dedup(DOCS, keep="last")
    with pytest.raises(ValueError, match="boilerplate must be"):
        docsift.passages(DOCS, boilerplate="drop")
    with pytest.raises(ValueError, match="k must be a positive number or auto"):
        docsift.cluster(DOCS, k="many")
    with pytest.raises(ValueError, match="more than the 5 documents"):
        docsift.cluster(DOCS, k=6)
    with pytest.raises(ValueError, match="outside its text"):
        docsift.strip(["short"], {"doc": [0], "cut_start": [0], "end": [100], "removed": [True]})

    def failing():
        yield "one text"
        raise RuntimeError("generator broke")

    with pytest.raises(RuntimeError, match="generator broke"):
        docsift.dedup(failing())


def test_empty_input():
    r = docsift.dedup([])
    assert len(r) == 0 and r.duplicate_of.dtype == np.int64
    assert docsift.dedup([], method="minhash").kept.shape == (0,)
    assert docsift.minhash([]).shape == (0, 128)
    p = docsift.passages([])
    assert all(len(v) == 0 for v in p.values())
    assert docsift.strip([], p) == []
    with pytest.raises(ValueError, match="no documents to cluster"):
        docsift.cluster([])
    # Empty and symbol-only texts are documents too.
    r = docsift.dedup(["", "", "!!", "!!"])
    assert r.duplicate_of.tolist() == [-1, 0, -1, 2]


def test_run_cli(tmp_path, sample_path, capsys):
    assert docsift.run_cli(["--version"]) is None
    out = tmp_path / "kept.jsonl"
    docsift.run_cli(["dedup", sample_path, "-q", "-o", str(out)])
    assert out.stat().st_size > 0
    with pytest.raises(ValueError, match="status 2"):
        docsift.run_cli(["dedup", "--no-such-option", sample_path])
    with pytest.raises(OSError, match="status 3"):
        docsift.run_cli(["dedup", "-q", str(tmp_path / "missing.jsonl")])
    with pytest.raises(ValueError, match="status [12]"):
        docsift.run_cli(["dedup", sample_path, "-q", "--threshold", "3", "-m", "minhash"])
    with pytest.raises(TypeError):
        docsift.run_cli("dedup x")


def test_version():
    assert docsift.__version__.count(".") == 2


def test_ctrl_c_interrupts_a_long_call():
    import os
    import signal
    import threading
    import time

    texts = [f"text {i} " + "alpha beta gamma delta epsilon zeta eta theta " * 20
             for i in range(200000)]
    timer = threading.Timer(0.3, lambda: os.kill(os.getpid(), signal.SIGINT))
    start = time.perf_counter()
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            docsift.dedup(texts, method="minhash", threads=1)
    finally:
        timer.cancel()
    # Interrupted between batches, long before the whole corpus (seconds) is done.
    assert time.perf_counter() - start < 3.0


def test_passages_char_offsets(sample):
    _, texts = sample
    p = docsift.passages(texts)
    assert len(p["doc"]) > 0
    for i in range(len(p["doc"])):
        text, of = texts[p["doc"][i]], texts[p["duplicate_of_doc"][i]]
        assert text[p["char_start"][i]:p["char_end"][i]].encode() == \
            text.encode()[p["start"][i]:p["end"][i]]
        assert of[p["duplicate_of_char_start"][i]:p["duplicate_of_char_end"][i]].encode() == \
            of.encode()[p["duplicate_of_start"][i]:p["duplicate_of_end"][i]]
