// CorpusReader on every input kind, against expectations built independently of the reader:
// JSONL lines are produced with simple string code here, compressed files with zlib/zstd.
#include "io/corpus_reader.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "io/json_writer.h"
#include "io/record_writer.h"
#include "reader_test_util.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;

using namespace io_testing;

// Random text with the characters that stress JSON escaping and UTF-8 handling.
std::string random_text(std::mt19937_64& rng, size_t max_len) {
  static const std::vector<std::string> kPieces = {
      "a", "Z", " ", "\"", "\\", "\n", "\t", "\r", "\x01", "\x1f",  "/",
      "é", "Ж", "қ", "€",  "😀",  "{",  "}",  ",",  ":",    "word ", "\x7f"};
  std::string s;
  const size_t len = rng() % (max_len + 1);
  for (size_t i = 0; i < len; ++i) s += kPieces[rng() % kPieces.size()];
  return s;
}

TEST_F(ReaderTest, JsonlRoundTripKeepsExtraFieldsByteForByte) {
  const uint64_t seed = 42;
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937_64 rng(seed);
  std::vector<std::string> lines, texts;
  std::string file;
  for (int i = 0; i < 300; ++i) {
    std::string text = random_text(rng, 40);
    std::string line = "{\"meta\": {\"n\": [1, 2.5, null]}, \"id\": \"doc-" + std::to_string(i) +
                       "\",  \"text\": ";
    append_json_string(line, text);
    line += ", \"tail\": \"\\u00e9\"}";
    file += line + "\n";
    lines.push_back(line);
    texts.push_back(text);
  }
  const std::string p = write("a.jsonl", file);
  ReadAll all = read_inputs({p});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  ASSERT_EQ(all.records.size(), lines.size());
  std::string rewritten;
  for (size_t i = 0; i < lines.size(); ++i) {
    const Record& r = all.records[i];
    EXPECT_EQ(r.id, "doc-" + std::to_string(i));
    EXPECT_EQ(r.text, texts[i]);
    EXPECT_TRUE(r.has_raw);
    EXPECT_EQ(r.raw, lines[i]);
    EXPECT_EQ(r.source, p);
    EXPECT_EQ(r.line, i + 1);
    append_kept_record(rewritten, r);
  }
  EXPECT_EQ(rewritten, file);
}

TEST_F(ReaderTest, IntegerIdsCustomFieldsMissingIdsBlankLinesCrlfBom) {
  const std::string p = write("b.ndjson",
                              "\xEF\xBB\xBF{\"doc\": 7, \"body\": \"x\"}\r\n"
                              "   \n"
                              "\n"
                              "{\"doc\": -12, \"body\": \"y\"}\n"
                              "{\"doc\": 18446744073709551615, \"body\": \"z\"}\n"
                              "{\"body\": \"no id\", \"id\": \"ignored\"}");
  ReadOptions opt;
  opt.id_field = "doc";
  opt.text_field = "body";
  ReadAll all = read_inputs({p}, opt);
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  ASSERT_EQ(all.records.size(), 4u);
  EXPECT_EQ(all.records[0].id, "7");
  EXPECT_EQ(all.records[0].raw, "{\"doc\": 7, \"body\": \"x\"}");  // no BOM, no '\r'
  EXPECT_EQ(all.records[1].id, "-12");
  EXPECT_EQ(all.records[1].line, 4u);
  EXPECT_EQ(all.records[2].id, "18446744073709551615");
  EXPECT_EQ(all.records[3].id, "b.ndjson:6");
  EXPECT_EQ(all.records[3].text, "no id");
}

TEST_F(ReaderTest, DirectoryIsRecursiveSortedWithRelativeIds) {
  write("d/b.txt", "bee");
  write("d/a/z.txt", "zed");
  write("d/a.txt", "ay");
  write("d/.hidden", "no");
  write("d/.git/config", "no");
  write("d/c.txt.gz", gzip("compressed"));
  write("d/sub/deep/e.txt.zst", zstd("zstd text"));
  write("d/\xC3\xA9.txt", "accent");  // sorts after ASCII names byte-wise
  ReadAll all = read_inputs({path("d")});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  std::vector<std::string> ids, texts;
  for (const Record& r : all.records) {
    ids.push_back(r.id);
    texts.push_back(r.text);
    EXPECT_FALSE(r.has_raw);
    EXPECT_EQ(r.source, path("d") + "/" + r.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"a.txt", "a/z.txt", "b.txt", "c.txt.gz",
                                           "sub/deep/e.txt.zst", "\xC3\xA9.txt"}));
  EXPECT_EQ(texts,
            (std::vector<std::string>{"ay", "zed", "bee", "compressed", "zstd text", "accent"}));
  std::string kept;
  append_kept_record(kept, all.records[0]);
  EXPECT_EQ(kept, "{\"id\":\"a.txt\",\"text\":\"ay\"}\n");
}

TEST_F(ReaderTest, LinesFormatSkipsEmptyLines) {
  const std::string p = write("sub/corpus.txt", "first\n\nthird\r\n  \nlast");
  ReadOptions opt;
  opt.format = InputFormat::kLines;
  ReadAll all = read_inputs({p}, opt);
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  ASSERT_EQ(all.records.size(), 4u);
  EXPECT_EQ(all.records[0].id, "corpus.txt:1");
  EXPECT_EQ(all.records[1].id, "corpus.txt:3");
  EXPECT_EQ(all.records[1].text, "third");
  EXPECT_EQ(all.records[2].text, "  ");
  EXPECT_EQ(all.records[3].id, "corpus.txt:5");
  EXPECT_EQ(all.records[3].text, "last");
}

TEST_F(ReaderTest, SingleTextFileIsOneDocumentNamedByPath) {
  const std::string p = write("doc.md", "\xEF\xBB\xBFline one\nline two\n");
  ReadAll all = read_inputs({p});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  ASSERT_EQ(all.records.size(), 1u);
  EXPECT_EQ(all.records[0].id, p);
  EXPECT_EQ(all.records[0].text, "line one\nline two\n");
  EXPECT_EQ(all.records[0].line, 0u);
}

TEST_F(ReaderTest, MixedInputsInOrderAndByteCounts) {
  std::string jsonl = "{\"id\":\"j1\",\"text\":\"t1\"}\n{\"id\":\"j2\",\"text\":\"t2\"}\n";
  const std::string a = write("a.jsonl.gz", gzip(jsonl));
  const std::string b = write("b.txt", "whole");
  const std::string c = write("c.jsonl.zst", zstd("{\"id\":\"z\",\"text\":\"zz\"}"));
  auto reader = CorpusReader::open({b, a, c}, ReadOptions{});
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ((*reader)->bytes_total_hint(), fs::file_size(a) + fs::file_size(b) + fs::file_size(c));
  ReadAll all = read_all(**reader);
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  std::vector<std::string> ids;
  for (const Record& r : all.records) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{b, "j1", "j2", "z"}));
  EXPECT_EQ((*reader)->bytes_read(), jsonl.size() + 5 + 22);
}

TEST_F(ReaderTest, ConcatenatedGzipMembersAndLargeCompressedFiles) {
  std::mt19937_64 rng(7);
  std::string part1, part2;
  for (int i = 0; i < 2000; ++i) {
    std::string& part = i < 1000 ? part1 : part2;
    part += "{\"id\":" + std::to_string(i) + ",\"text\":";
    append_json_string(part, random_text(rng, 200));
    part += "}\n";
  }
  const std::string gz = write("m.jsonl.gz", gzip(part1) + gzip(part2));
  const std::string zs = write("m2.jsonl.zst", zstd(part1) + zstd(part2));  // two frames
  for (const std::string& p : {gz, zs}) {
    SCOPED_TRACE(p);
    ReadAll all = read_inputs({p});
    ASSERT_TRUE(all.status.ok()) << all.status.message();
    ASSERT_EQ(all.records.size(), 2000u);
    EXPECT_EQ(all.records[1999].id, "1999");
  }
}

TEST_F(ReaderTest, TruncatedCompressedStreamsNameFileAndByteOffset) {
  std::string jsonl;
  for (int i = 0; i < 500; ++i)
    jsonl +=
        "{\"id\":" + std::to_string(i) + ",\"text\":\"some text " + std::to_string(i * 7) + "\"}\n";
  const std::string gz_full = gzip(jsonl), zst_full = zstd(jsonl);
  const std::string gz = write("t.jsonl.gz", gz_full.substr(0, gz_full.size() - 10));
  const std::string zs = write("t.jsonl.zst", zst_full.substr(0, zst_full.size() - 10));
  for (const std::string& p : {gz, zs}) {
    SCOPED_TRACE(p);
    ReadAll all = read_inputs({p});
    ASSERT_FALSE(all.status.ok());
    EXPECT_EQ(all.status.code(), StatusCode::kInvalidInput);
    const std::string want = p + ": byte " + std::to_string(fs::file_size(p)) + ": truncated";
    EXPECT_EQ(all.status.message().rfind(want, 0), 0u) << all.status.message();
    EXPECT_LT(all.records.size(), 500u);
  }
  // Corrupt bytes in the middle of a gzip stream.
  std::string bad = gz_full;
  for (size_t i = 20; i < 40; ++i) bad[i] = static_cast<char>(bad[i] ^ 0x5a);
  const std::string corrupt = write("c.txt.gz", bad);
  ReadAll all = read_inputs({corrupt});
  ASSERT_FALSE(all.status.ok());
  EXPECT_EQ(all.status.message().rfind(corrupt + ": byte ", 0), 0u) << all.status.message();
}

TEST_F(ReaderTest, MalformedRecordsNameFileAndLine) {
  struct Case {
    std::string line;
    std::string what;
  };
  const std::vector<Case> cases = {
      {"{\"id\": \"a\", \"text\": \"x\"", "invalid JSON"},
      {"[1, 2]", "expected a JSON object"},
      {"{\"id\": \"a\"}", "missing \"text\" field"},
      {"{\"id\": \"a\", \"text\": 5}", "\"text\" field is not a string"},
      {"{\"id\": 1.5, \"text\": \"x\"}", "\"id\" field is not a string or an integer"},
      {"{\"id\": \"a\", \"text\": \"ok \xff here\"}", "invalid UTF-8 at byte 24 of the line"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.line);
    const std::string p =
        write("bad.jsonl", "{\"id\":\"fine\",\"text\":\"ok\"}\n\n" + c.line + "\n");
    ReadAll all = read_inputs({p});
    ASSERT_FALSE(all.status.ok());
    EXPECT_EQ(all.status.code(), StatusCode::kInvalidInput);
    EXPECT_EQ(all.status.message().rfind(p + ":3: " + c.what, 0), 0u) << all.status.message();
    EXPECT_EQ(all.status.message().find('\n'), std::string::npos);
    EXPECT_EQ(all.records.size(), 1u);
  }
}

TEST_F(ReaderTest, InvalidUtf8InTextInputs) {
  const std::string whole = write("w.txt", "good \xC3\xA9 then \xED\xA0\x80 surrogate");
  ReadAll all = read_inputs({whole});
  ASSERT_FALSE(all.status.ok());
  EXPECT_EQ(all.status.message(), whole + ": byte 13: invalid UTF-8");

  const std::string lines = write("l.txt", "ok\nbad \xC0\xAF\n");
  ReadOptions opt;
  opt.format = InputFormat::kLines;
  all = read_inputs({lines}, opt);
  ASSERT_FALSE(all.status.ok());
  EXPECT_EQ(all.status.message(), lines + ":2: invalid UTF-8 at byte 4 of the line");
}

TEST_F(ReaderTest, DuplicateIdsAcrossInputs) {
  const std::string a =
      write("a.jsonl", "{\"id\":\"x\",\"text\":\"1\"}\n{\"id\":5,\"text\":\"2\"}\n");
  const std::string b =
      write("b.jsonl", "{\"id\":\"y\",\"text\":\"3\"}\n{\"id\":\"5\",\"text\":\"4\"}\n");
  ReadAll all = read_inputs({a, b});
  ASSERT_FALSE(all.status.ok());
  EXPECT_EQ(all.status.message(), b + ":2: duplicate id \"5\" (first seen in " + a + ":2)");
  EXPECT_EQ(all.records.size(), 3u);
}

TEST_F(ReaderTest, SkipModeListsBadRecordsAndContinues) {
  std::string jsonl =
      "{\"id\":\"1\",\"text\":\"a\"}\n"
      "not json\n"
      "{\"id\":\"1\",\"text\":\"dup\"}\n"
      "{\"id\":\"2\",\"text\":\"b\"}\n";
  std::string big;
  for (int i = 0; i < 300; ++i)
    big += "{\"id\":\"g" + std::to_string(i) + "\",\"text\":\"text\"}\n";
  const std::string gz_full = gzip(big);
  const std::string a = write("a.jsonl", jsonl);
  const std::string t = write("t.jsonl.gz", gz_full.substr(0, gz_full.size() / 2));
  const std::string c = write("c.txt", "bad \xff");
  const std::string d = write("d.txt", "fine");
  ReadOptions opt;
  opt.on_error = OnError::kSkip;
  auto reader = CorpusReader::open({a, t, c, d}, opt);
  ASSERT_TRUE(reader.ok());
  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE("pass " + std::to_string(pass));
    ReadAll all = read_all(**reader);
    ASSERT_TRUE(all.status.ok()) << all.status.message();
    ASSERT_GE(all.records.size(), 4u);
    EXPECT_EQ(all.records.front().id, "1");
    EXPECT_EQ(all.records[1].id, "2");
    EXPECT_EQ(all.records.back().id, d);
    const auto& skipped = (*reader)->skipped();
    ASSERT_EQ(skipped.size(), 4u);
    EXPECT_EQ(skipped[0].source, a);
    EXPECT_EQ(skipped[0].line, 2u);
    EXPECT_EQ(skipped[1].line, 3u);
    EXPECT_NE(skipped[1].message.find("duplicate id \"1\""), std::string::npos);
    EXPECT_EQ(skipped[2].source, t);
    EXPECT_EQ(skipped[2].line, 0u);
    EXPECT_EQ(skipped[2].byte_offset, fs::file_size(t));
    EXPECT_EQ(skipped[3].source, c);
    EXPECT_EQ(skipped[3].byte_offset, 4u);
    ASSERT_TRUE((*reader)->rewind().ok());
  }
}

TEST_F(ReaderTest, SkipModeOnRandomlyTruncatedLines) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    std::string file;
    std::vector<uint64_t> bad_lines;
    std::vector<std::string> good_texts;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      std::string text = random_text(rng, 30);
      std::string line = "{\"id\":" + std::to_string(i) + ",\"text\":";
      append_json_string(line, text);
      line += "}";
      if (rng() % 3 == 0) {
        line.resize(rng() % (line.size() - 1) + 1);  // an unclosed object is never valid
        bad_lines.push_back(static_cast<uint64_t>(i + 1));
      } else {
        good_texts.push_back(text);
      }
      file += line + "\n";
    }
    const std::string p = write("r.jsonl", file);
    ReadOptions opt;
    opt.on_error = OnError::kSkip;
    auto reader = CorpusReader::open({p}, opt);
    ASSERT_TRUE(reader.ok());
    ReadAll all = read_all(**reader);
    ASSERT_TRUE(all.status.ok()) << all.status.message();
    std::vector<std::string> texts;
    for (const Record& r : all.records) texts.push_back(r.text);
    EXPECT_EQ(texts, good_texts);
    std::vector<uint64_t> skipped_lines;
    for (const SkippedRecord& s : (*reader)->skipped()) {
      skipped_lines.push_back(s.line);
      EXPECT_EQ(s.message.rfind(p + ":" + std::to_string(s.line) + ": ", 0), 0u) << s.message;
    }
    EXPECT_EQ(skipped_lines, bad_lines);
  }
}

TEST_F(ReaderTest, RewindGivesIdenticalRecords) {
  std::mt19937_64 rng(3);
  std::string jsonl;
  for (int i = 0; i < 200; ++i) {
    jsonl += "{\"id\":\"r" + std::to_string(i) + "\",\"text\":";
    append_json_string(jsonl, random_text(rng, 100));
    jsonl += "}\n";
  }
  write("d/x.txt", "x");
  const std::vector<std::string> inputs = {write("a.jsonl.zst", zstd(jsonl)), path("d")};
  auto reader = CorpusReader::open(inputs, ReadOptions{});
  ASSERT_TRUE(reader.ok());
  ReadAll first = read_all(**reader);
  ASSERT_TRUE(first.status.ok()) << first.status.message();
  const uint64_t bytes = (*reader)->bytes_read();
  ASSERT_TRUE((*reader)->rewind().ok());
  EXPECT_EQ((*reader)->bytes_read(), 0u);
  ReadAll second = read_all(**reader);
  ASSERT_TRUE(second.status.ok()) << second.status.message();
  ASSERT_EQ(first.records.size(), second.records.size());
  for (size_t i = 0; i < first.records.size(); ++i) {
    EXPECT_EQ(first.records[i].id, second.records[i].id);
    EXPECT_EQ(first.records[i].text, second.records[i].text);
    EXPECT_EQ(first.records[i].raw, second.records[i].raw);
  }
  EXPECT_EQ((*reader)->bytes_read(), bytes);
}

TEST_F(ReaderTest, RecordsLargerThanTheReadBuffer) {
  std::string text(3u << 20, 'q');  // 3 MiB: the 1 MiB line buffer must grow
  text[12345] = '\n';
  std::string line = "{\"id\":\"big\",\"text\":";
  append_json_string(line, text);
  line += "}";
  const std::string p = write("big.jsonl", line + "\n{\"id\":\"small\",\"text\":\"s\"}\n");
  ReadAll all = read_inputs({p});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  ASSERT_EQ(all.records.size(), 2u);
  EXPECT_EQ(all.records[0].text, text);
  EXPECT_EQ(all.records[1].line, 2u);
}

TEST_F(ReaderTest, StdinIsSpooledSniffedAndRemoved) {
  for (bool compressed : {false, true}) {
    SCOPED_TRACE(compressed ? "zstd stdin" : "plain stdin");
    const std::string jsonl = "\n  {\"id\":\"s1\",\"text\":\"from stdin\"}\n";
    const std::string p = write("stdin.bin", compressed ? zstd(jsonl) : jsonl);
    const std::string spool_dir = path("spool");
    fs::create_directories(spool_dir);
    const char* old_tmpdir = std::getenv("TMPDIR");
    const std::string saved_tmpdir = old_tmpdir ? old_tmpdir : "";
    ::setenv("TMPDIR", spool_dir.c_str(), 1);
    const int saved_stdin = ::dup(STDIN_FILENO);
    FILE* in = std::fopen(p.c_str(), "rb");
    ASSERT_NE(in, nullptr);
    ::dup2(::fileno(in), STDIN_FILENO);
    auto reader = CorpusReader::open({"-"}, ReadOptions{});
    ::dup2(saved_stdin, STDIN_FILENO);
    ::close(saved_stdin);
    std::fclose(in);
    if (old_tmpdir)
      ::setenv("TMPDIR", saved_tmpdir.c_str(), 1);
    else
      ::unsetenv("TMPDIR");
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    EXPECT_TRUE(fs::is_empty(spool_dir));  // the spool is unnamed: nothing to leave behind
    for (int pass = 0; pass < 2; ++pass) {
      ReadAll all = read_all(**reader);
      ASSERT_TRUE(all.status.ok()) << all.status.message();
      ASSERT_EQ(all.records.size(), 1u);
      EXPECT_EQ(all.records[0].id, "s1");
      EXPECT_EQ(all.records[0].source, "-");
      EXPECT_EQ(all.records[0].line, 2u);
      ASSERT_TRUE((*reader)->rewind().ok());
    }
    reader = Status::IoError("closed");
    EXPECT_TRUE(fs::is_empty(spool_dir));
  }
}

TEST_F(ReaderTest, OpenFailsOnMissingInput) {
  auto reader = CorpusReader::open({path("nope.jsonl")}, ReadOptions{});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().code(), StatusCode::kIoError);
  EXPECT_EQ(reader.status().message(), path("nope.jsonl") + ": No such file or directory");
}

}  // namespace
}  // namespace docsift
