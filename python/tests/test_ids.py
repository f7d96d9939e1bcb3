"""ids=: documents named as the CLI names records, in the reports of dedup, passages, cluster."""

import json

import numpy as np
import pytest

import docsift
from conftest import read_jsonl

DOCS = [
    "The quick brown fox jumps over the lazy dog near the river bank today.",
    "The quick brown fox jumps over the lazy dog near the river bank today!",
    "Совсем другой текст о погоде в Алматы и о ценах на хлеб в этом году.",
    "The quick brown fox jumps over the lazy dog near the river bank today.",
]


@pytest.mark.parametrize("method", ["exact", "minhash", "simhash"])
def test_dedup_report_is_the_cli_report(sample, sample_path, cli, tmp_path, method):
    ids, texts = sample
    report = tmp_path / "dups.jsonl"
    cli(["dedup", sample_path, "-m", method, "-r", report])
    want = read_jsonl(report)
    r = docsift.dedup(texts, method=method, ids=ids)
    assert r.ids.tolist() == ids
    got = r.report()
    assert set(got) == {"id", "duplicate_of", "cluster", "similarity", "method"}
    assert len(want) > 0 and len(got["id"]) == len(want)
    for i, row in enumerate(want):
        assert (got["id"][i], got["duplicate_of"][i], int(got["cluster"][i]), got["method"][i]) == (
            row["id"], row["duplicate_of"], row["cluster"], row["method"])
        assert got["similarity"][i] == row["similarity"]
    # ids name documents; they change no decision.
    plain = docsift.dedup(texts, method=method)
    assert np.array_equal(plain.duplicate_of, r.duplicate_of) and plain.ids is None
    assert plain.report()["id"].tolist() == r.removed.tolist()
    assert plain.report()["duplicate_of"].tolist() == r.duplicate_of[r.removed].tolist()


def test_integer_ids_read_as_the_cli_reads_them(cli, tmp_path):
    corpus, report = tmp_path / "ints.jsonl", tmp_path / "dups.jsonl"
    ids = [7, 12, 3, -5]
    with open(corpus, "w", encoding="utf-8") as f:
        for i, t in zip(ids, DOCS):
            f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\n")
    cli(["dedup", corpus, "-r", report])
    want = [(row["id"], row["duplicate_of"]) for row in read_jsonl(report)]
    got = docsift.dedup(DOCS, ids=np.array(ids)).report()
    assert want == [("12", "7"), ("-5", "7")]
    assert list(zip(got["id"], got["duplicate_of"])) == want


def test_passages_ids_match_cli(sample, sample_path, cli, tmp_path):
    ids, texts = sample
    report = tmp_path / "passages.jsonl"
    cli(["passages", sample_path, "-r", report])
    want = read_jsonl(report)
    p = docsift.passages(texts, ids=ids)
    assert len(want) > 0
    assert p["id"].tolist() == [row["id"] for row in want]
    assert p["duplicate_of_id"].tolist() == [row["duplicate_of"]["id"] for row in want]
    assert "id" not in docsift.passages(texts) and "num_texts" not in p


def test_cluster_ids_match_cli(sample, sample_path, cli, tmp_path):
    ids, texts = sample
    assign, summary = tmp_path / "assign.jsonl", tmp_path / "summary.jsonl"
    cli(["cluster", sample_path, "--k", 5, "-o", assign, "-s", summary])
    r = docsift.cluster(texts, k=5, ids=ids)
    a = r.assignments()
    rows = read_jsonl(assign)
    assert a["id"].tolist() == [row["id"] for row in rows]
    assert a["cluster"].tolist() == [row["cluster"] for row in rows]
    s = r.summary()
    clusters = read_jsonl(summary)
    assert s["representative"].tolist() == [c["representative"] for c in clusters]
    assert s["cluster"].tolist() == [c["cluster"] for c in clusters]
    assert s["labels"] == [c["labels"] for c in clusters]
    assert docsift.cluster(texts, k=5).summary()["representative"].tolist() == \
        r.representatives.tolist()


def test_ids_from_generator_series_and_numpy():
    want = docsift.dedup(DOCS, ids=["a", "b", "c", "d"]).report()
    got = docsift.dedup((t for t in DOCS), ids=(x for x in "abcd")).report()
    assert got["id"].tolist() == want["id"].tolist() == ["b", "d"]
    assert docsift.dedup(DOCS, ids=np.array(["a", "b", "c", "d"])).report()["id"].tolist() == \
        ["b", "d"]
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"id": [10, 11, 12, 13], "text": DOCS})
    r = docsift.dedup(frame["text"], ids=frame["id"])
    assert pd.DataFrame(r.report())["id"].tolist() == ["11", "13"]


def test_bad_ids():
    with pytest.raises(ValueError, match=r'ids\[3\]: duplicate id "a" \(first seen at ids\[1\]\)'):
        docsift.dedup(DOCS, ids=["x", "a", "y", "a"])
    with pytest.raises(ValueError, match=r'ids\[1\]: duplicate id "7"'):
        docsift.dedup(DOCS[:2], ids=["7", 7])  # an integer id is its decimal text, as in JSONL
    long_id = "я" * 300
    with pytest.raises(ValueError, match=r'duplicate id "я{100}"\.\.\.'):
        docsift.dedup(DOCS[:2], ids=[long_id, long_id])
    with pytest.raises(ValueError, match="ids has 3 values but texts has 4"):
        docsift.dedup(DOCS, ids=["a", "b", "c"])
    with pytest.raises(ValueError, match="ids has 5 values but texts has 4"):
        docsift.dedup((t for t in DOCS), ids=list("abcde"))  # known after reading the texts
    with pytest.raises(ValueError, match="ids has 3 values but texts has 4"):
        docsift.passages((t for t in DOCS), ids=list("abc"))
    with pytest.raises(ValueError, match="ids has 3 values but texts has 4"):
        docsift.cluster(DOCS, k=2, ids=list("abc"))
    with pytest.raises(TypeError, match=r"ids\[1\] is float, not str or int"):
        docsift.dedup(DOCS, ids=["a", 1.5, "c", "d"])
    with pytest.raises(TypeError, match=r"ids\[0\] is bool"):
        docsift.dedup(DOCS[:1], ids=[True])
    with pytest.raises(docsift.TextTypeError, match="not a single str"):
        docsift.dedup(DOCS[:1], ids="a")
    with pytest.raises(ValueError, match="ids has 1 values but texts has 0"):
        docsift.dedup([], ids=["a"])
    assert len(docsift.dedup([], ids=[]).report()["id"]) == 0
