"""The passage reports read as an analyst reads them (issue 12, points 4 and 5): pandas gives
every column of clean's report one type, and char_start/char_end index Python str."""

import json

import pytest

from conftest import read_jsonl

INT_COLUMNS = ["start", "end", "char_start", "char_end", "duplicate_of_start", "duplicate_of_end",
               "duplicate_of_char_start", "duplicate_of_char_end", "documents", "cluster", "line",
               "byte_offset"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_clean_report_reads_with_one_type_per_column(sample, sample_path, cli, tmp_path, fmt):
    pd = pytest.importorskip("pandas")
    ids, texts = sample
    text_of = dict(zip(ids, texts))
    report = tmp_path / f"report.{fmt}"
    cli(["clean", sample_path, "-o", tmp_path / "clean.jsonl", "-r", report,
         "--report-format", fmt, "--with-text"])
    if fmt == "jsonl":
        df = pd.read_json(report, lines=True, dtype=False)
    else:
        df = pd.read_csv(report, keep_default_na=False)
    assert len(df) > 10
    assert set(df["type"]) == {"document", "passage"}
    for column in INT_COLUMNS:
        assert df[column].dtype == "int64", column
    assert df["similarity"].dtype == "float64"
    assert df["removed"].dtype == "bool"
    passages = df[df["type"] == "passage"]
    for row in passages.itertuples():
        text = text_of[row.id]
        span = text[row.char_start:row.char_end]
        if fmt == "csv" and span[:1] in ("=", "+", "-", "@"):
            span = "'" + span  # the CSV's formula guard
        assert span == row.text
        assert text.encode()[row.start:row.end].decode() == text[row.char_start:row.char_end]
        of = text_of[row.duplicate_of_id]
        assert of.encode()[row.duplicate_of_start:row.duplicate_of_end].decode() == \
            of[row.duplicate_of_char_start:row.duplicate_of_char_end]
    documents = df[df["type"] == "document"]
    assert (documents["kind"] == "duplicate").all()
    assert (documents["start"] == -1).all()


def test_passages_report_char_offsets_match_the_module(sample, sample_path, cli, tmp_path):
    import docsift
    ids, texts = sample
    report = tmp_path / "passages.jsonl"
    cli(["passages", sample_path, "-r", report, "--with-text"])
    rows = read_jsonl(report)
    p = docsift.passages(texts)
    assert len(rows) == len(p["doc"]) > 0
    for i, row in enumerate(rows):
        text = texts[p["doc"][i]]
        assert (row["char_start"], row["char_end"]) == (int(p["char_start"][i]),
                                                        int(p["char_end"][i]))
        dup = row["duplicate_of"]
        assert (dup["char_start"], dup["char_end"]) == (int(p["duplicate_of_char_start"][i]),
                                                        int(p["duplicate_of_char_end"][i]))
        assert text[row["char_start"]:row["char_end"]] == row["text"]
        assert abs(p["similarity"][i] - row["similarity"]) <= 5e-5
        if row["text"] == texts[p["duplicate_of_doc"][i]][dup["char_start"]:dup["char_end"]]:
            assert row["similarity"] == 1
    json.dumps(rows)  # plain JSON values only
