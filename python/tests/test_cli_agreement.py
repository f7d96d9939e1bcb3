"""The Python functions give the CLI's results on the sample corpus for the same options."""

import pytest

import docsift
from conftest import read_jsonl


@pytest.mark.parametrize(
    "method,extra",
    [
        ("exact", {}),
        ("minhash", {}),
        ("minhash", {"threshold": 0.6, "ngram": 3, "num_perm": 64, "seed": 7}),
        ("minhash", {"unit": "char", "ngram": 5}),
        ("simhash", {}),
    ],
)
@pytest.mark.parametrize("keep", ["first", "longest"])
def test_dedup_matches_cli(sample, sample_path, cli, tmp_path, method, extra, keep):
    ids, texts = sample
    report = tmp_path / "dups.jsonl"
    args = ["dedup", sample_path, "-m", method, "--keep", keep, "-r", report]
    flags = {"threshold": "--threshold", "ngram": "--ngram", "num_perm": "--num-perm",
             "seed": "--seed", "unit": "--unit"}
    for name, value in extra.items():
        args += [flags[name], value]
    cli(args)
    rows = read_jsonl(report)
    r = docsift.dedup(texts, method=method, keep=keep, **extra)
    assert len(r) == len(texts)
    got = {ids[d]: ids[r.duplicate_of[d]] for d in r.removed}
    want = {row["id"]: row["duplicate_of"] for row in rows}
    assert got == want
    assert len(want) > 0  # the sample has duplicates for every method
    for row in rows:
        d = ids.index(row["id"])
        assert abs(float(r.similarity[d]) - row["similarity"]) <= 5e-5
        assert r.group[d] == row["cluster"]
    assert all(r.duplicate_of[r.kept] == -1)
    assert all(r.similarity[r.kept] == 1)


@pytest.mark.parametrize("options", [[], ["--unit", "sentence", "--min-docs", "2"], ["--exact-only"],
                                     ["--no-lines"], ["--line-min-docs", "3"]])
def test_passages_and_strip_match_cli(sample, sample_path, cli, tmp_path, options):
    ids, texts = sample
    report, stripped = tmp_path / "passages.jsonl", tmp_path / "strip.jsonl"
    cli(["passages", sample_path, "-r", report, "--strip", stripped] + options)
    kwargs = {}
    if "--unit" in options:
        kwargs.update(unit="sentence", min_docs=2)
    if "--exact-only" in options:
        kwargs.update(near=False)
    if "--no-lines" in options:
        kwargs.update(lines=False)
    if "--line-min-docs" in options:
        kwargs.update(line_min_docs=3)
    p = docsift.passages(texts, **kwargs)
    want = read_jsonl(report)
    assert len(want) > 0
    assert len(p["doc"]) == len(want)
    line_rows = sum(row["kind"] == "line" for row in want)
    assert (line_rows == 0) == ("--no-lines" in options)  # the sample's datelines recur
    for i, row in enumerate(want):
        got = (ids[p["doc"][i]], int(p["start"][i]), int(p["end"][i]), str(p["kind"][i]),
               ids[p["duplicate_of_doc"][i]], int(p["duplicate_of_start"][i]),
               int(p["duplicate_of_end"][i]), int(p["documents"][i]), bool(p["removed"][i]))
        dup = row["duplicate_of"]
        assert got == (row["id"], row["start"], row["end"], row["kind"], dup["id"], dup["start"],
                       dup["end"], row["documents"], row["removed"])
        assert abs(p["similarity"][i] - row["similarity"]) <= 5e-5
    cleaned = docsift.strip(texts, p)
    assert cleaned == [r["text"] for r in read_jsonl(stripped)]


@pytest.mark.parametrize("k,seed,keep", [(5, 1, False), (8, 7, False), ("auto", 1, False),
                                         (5, 1, True)])
def test_cluster_matches_cli(sample, sample_path, cli, tmp_path, k, seed, keep):
    ids, texts = sample
    assign, summary = tmp_path / "assign.jsonl", tmp_path / "summary.jsonl"
    cli(["cluster", sample_path, "--k", k, "--seed", seed, "-o", assign, "-s", summary]
        + (["--keep-boilerplate"] if keep else []))
    r = docsift.cluster(texts, k=k, seed=seed, keep_boilerplate=keep)
    rows = read_jsonl(assign)
    assert [row["id"] for row in rows] == ids
    assert r.labels.tolist() == [row["cluster"] for row in rows]
    assert max(abs(float(r.scores[i]) - row["score"]) for i, row in enumerate(rows)) <= 5e-5
    clusters = read_jsonl(summary)
    assert r.k == len(clusters) if k == "auto" else r.k == k
    assert [c["size"] for c in clusters] == r.sizes.tolist()
    assert [c["labels"] for c in clusters] == r.cluster_labels
    assert [c["representative"] for c in clusters] == [ids[i] for i in r.representatives]
