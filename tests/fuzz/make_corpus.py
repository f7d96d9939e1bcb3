#!/usr/bin/env python3
"""Writes the fuzzers' seed corpora under tests/fuzz/corpus/<harness>/ (run from the repository
root; deterministic). Seeds are small: the shortest records of datasets/sample/news.jsonl in
each language (Kazakh, Russian, English), gzip and zstd members made from them, hand-written
edge cases, and option lines for every subcommand."""
import gzip, json, os, re, shutil, subprocess, zlib

ROOT = "tests/fuzz/corpus"
MAX_SEED = 2048


def lang(text):
    if re.search("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]", text):
        return "kk"
    if re.search("[а-яёА-ЯЁ]", text):
        return "ru"
    return "en"


def write(harness, name, data):
    d = os.path.join(ROOT, harness)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    lines = [l.rstrip("\n") for l in open("datasets/sample/news.jsonl", encoding="utf-8")]
    by_lang = {}
    for l in sorted(lines, key=len):
        by_lang.setdefault(lang(json.loads(l)["text"]), []).append(l)
    picked = []  # two short records per language, cut to MAX_SEED bytes of text
    for lg in ("kk", "ru", "en"):
        for l in by_lang.get(lg, [])[:2]:
            rec = json.loads(l)
            rec["text"] = rec["text"].encode()[:MAX_SEED].decode("utf-8", "ignore")
            picked.append((lg, rec))
    texts = [(lg, r["text"]) for lg, r in picked]
    texts += [
        ("mixed", "Ｈｅｌｌｏ, world! ﬁnal\u00a0report — don't U.S. 3.14 1,000 e-mail@x.org"),
        ("mixed2", "Қазақстан Республикасы, Россия: «кавычки» ёлка ЁЛКА ß ẞ İstanbul ǅ ΐ ς"),
        ("slow", "我们是学生。 สวัสดีครับ 😀👍 שלום a\u0301b soft\u00adhyphen ｶﾀｶﾅ"),
        ("digits", "2021-12-02 ٣٤٥ ²½ 12:30 v1.2.3 1'000"),
    ]

    # jsonl: the first byte picks the field names (even: id/text).
    for i, (lg, rec) in enumerate(picked):
        write("jsonl", f"{lg}{i}", "\0" + json.dumps(rec, ensure_ascii=i % 2 == 0))
    write("jsonl", "edge", ("\0" + "\n".join([
        '{"id":1,"text":"a\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"}',
        '{"id":-9223372036854775808,"text":""}',
        '{"id":18446744073709551615,"text":"x"}',
        '{"id":1.5,"text":"x"}', '{"text":"no id"}', '{"id":"a","text":7}', '[1,2]',
        '  \t\r', '', '{"id":"dup","text":"one","text":"two"}', '{"text":"\\ud800"}',
        '{"text":"bad \udcff"}', '{"text":"x"} trailing', '{"text":"x"',
    ])).encode("utf-8", "surrogateescape"))
    write("jsonl", "short", "\1" + '{"i":"k","t":"short names"}\n{"t":"x","i":2}')

    # utf8: every language's text plus boundary sequences.
    for lg, t in texts:
        write("utf8", lg, t)
    write("utf8", "boundaries", bytes([0x7F, 0xC2, 0x80, 0xDF, 0xBF, 0xE0, 0xA0, 0x80, 0xED, 0x9F,
                                       0xBF, 0xEE, 0x80, 0x80, 0xF0, 0x90, 0x80, 0x80, 0xF4, 0x8F,
                                       0xBF, 0xBF]))
    write("utf8", "invalid", bytes([0x41, 0xC0, 0xAF, 0xE0, 0x80, 0xAF, 0xED, 0xA0, 0x80, 0xF4,
                                    0x90, 0x80, 0x80, 0xF8, 0x80, 0xC3]))

    # byte_source: plain, gzip (one and two members, zlib), zstd (one and two frames), broken.
    sample = "\n".join(json.dumps(r, ensure_ascii=False) for _, r in picked[:3]).encode()[:1500]
    write("byte_source", "plain", sample)
    gz = gzip.compress(sample, mtime=0)
    write("byte_source", "gzip", gz)
    write("byte_source", "gzip2", gzip.compress(b"first\n", mtime=0) + gzip.compress(b"second\n", mtime=0))
    write("byte_source", "zlib", zlib.compress(sample))
    write("byte_source", "gzip_truncated", gz[: len(gz) // 2])
    zst = subprocess.run(["zstd", "-q", "-c", "-3"], input=sample, capture_output=True, check=True).stdout
    write("byte_source", "zstd", zst)
    z1 = subprocess.run(["zstd", "-q", "-c"], input=b"one\n", capture_output=True, check=True).stdout
    z2 = subprocess.run(["zstd", "-q", "-c", "--no-check"], input=b"two\n", capture_output=True, check=True).stdout
    write("byte_source", "zstd2", z1 + z2)
    write("byte_source", "zstd_truncated", zst[: len(zst) // 2])

    # tokenize and segment: texts in every language, and structured documents.
    for lg, t in texts:
        write("tokenize", lg, t)
        write("segment", lg, t)
    write("segment", "bullets", "Title line\n\n• first item\n  wrapped deeper\n- second item\n"
          "1. numbered\n12) other\n(3) third\na) letter\n(b) paren\n\u2014 dash item\n\n"
          "Short line\nAnother short\nLast one\n\nA sentence. Another one! Mr. Smith went? "
          "Yes…\u3000\n\u00a0\n\n  \t\n")
    write("segment", "report", open("datasets/sample/reports/doc-000001.txt", encoding="utf-8").read()[:MAX_SEED])

    # options: argv split on NUL bytes, no '/' (the harness refuses paths outside its folder).
    opts = [
        ["dedup", "-", "-o", "out.jsonl", "-r", "rep.jsonl", "--method", "minhash", "--threshold",
         "0.8", "--num-perm", "128", "--bands", "16", "--rows", "8", "-q"],
        ["dedup", "in.jsonl", "--method", "simhash", "--hamming", "3", "--unit", "char", "-n", "5"],
        ["dedup", "-", "--threshold", "nan", "--fp-weight", "inf", "--threads", "2"],
        ["dedup", "-", "--sketch", "oph", "--verify", "exact", "--keep", "longest",
         "--report-format", "csv", "--clusters", "c.jsonl", "--seed", "7"],
        ["passages", "-", "-o", "out.jsonl", "--format", "lines", "--on-error", "skip"],
        ["clean", "-", "-o", "out.jsonl", "--text-field", "body", "--id-field", "key"],
        ["cluster", "-", "-o", "out.jsonl", "--fold-digits"],
        ["--help"], ["--version"], ["dedup", "--help"], ["cluster", "--help"], ["passages", "--help"],
        ["clean", "--help"], ["nosuch"], ["dedup"],
    ]
    for i, o in enumerate(opts):
        write("options", f"args{i:02d}", "\0".join(o))


if __name__ == "__main__":
    main()
