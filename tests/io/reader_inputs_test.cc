// CorpusReader on the inputs of issue 11: non-UTF-8 file names (item 5), compression by content
// and upper-case suffixes (item 6), pipes and FIFOs read twice (item 7), and the record size
// limit (item 14, reader side).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "io/corpus_reader.h"
#include "io/internal/name_escape.h"
#include "io/internal/utf8.h"
#include "reader_test_util.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;

using namespace io_testing;
using InputsTest = ReaderTest;

TEST(NameEscapeTest, PercentEncodesInvalidBytesAndPercentReversibly) {
  EXPECT_EQ(detail::escape_file_name("caf\xE9.txt"), "caf%E9.txt");
  EXPECT_EQ(detail::escape_file_name("50%.txt"), "50%25.txt");
  EXPECT_EQ(detail::escape_file_name("é/Ж.txt"), "é/Ж.txt");
  EXPECT_EQ(detail::escape_file_name("\xFF\xFE%"), "%FF%FE%25");
  EXPECT_EQ(detail::escape_file_name("\xE2\x82"), "%E2%82");         // truncated sequence
  EXPECT_EQ(detail::escape_file_name("\xED\xA0\x80"), "%ED%A0%80");  // surrogate
  // Round trip on every byte pair and random names.
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; b += 7) {
      const std::string name = {static_cast<char>(a), static_cast<char>(b), '%', 'x'};
      const std::string escaped = detail::escape_file_name(name);
      EXPECT_TRUE(detail::is_valid_utf8(escaped)) << a << " " << b;
      EXPECT_EQ(detail::unescape_file_name(escaped), name) << a << " " << b;
    }
  }
}

TEST_F(InputsTest, NonUtf8FileNamesInADirectoryArePercentEncoded) {
  // Before: the ids were the raw bytes, so outputs were not valid UTF-8 JSON.
  write("d/caf\xE9.txt", "latin-1 name");
  write("d/50%.txt", "percent");
  write("d/\xC3\xA9t\xC3\xA9.txt", "valid UTF-8 name");
  write("d/x\xFF.jsonl", "{\"text\":\"no id\"}\n");
  const ReadAll all = read_inputs({path("d")});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  const std::vector<std::string> expected = {"50%25.txt", "caf%E9.txt", "x%FF.jsonl:1",
                                             "\xC3\xA9t\xC3\xA9.txt"};
  EXPECT_EQ(ids_of(all), expected);
  for (const Record& r : all.records) {
    EXPECT_TRUE(detail::is_valid_utf8(r.id)) << r.id;
    EXPECT_TRUE(detail::is_valid_utf8(r.source)) << r.source;
  }
  EXPECT_EQ(all.records[1].source, path("d") + "/caf%E9.txt");
  EXPECT_EQ(detail::unescape_file_name(all.records[1].id), "caf\xE9.txt");
  EXPECT_EQ(all.records[1].text, "latin-1 name");
}

TEST_F(InputsTest, CompressionByMagicAndUpperCaseSuffixes) {
  // Before: ".GZ"/".ZST" were read as raw bytes (invalid UTF-8), and compressed content under
  // another name was not decompressed.
  const std::string jsonl = "{\"id\":\"a\",\"text\":\"alpha\"}\n{\"id\":\"b\",\"text\":\"beta\"}\n";
  const std::string upper = write("A.JSONL.GZ", gzip(jsonl));
  const std::string zst = write("B.NDJSON.ZST", zstd("{\"id\":\"c\",\"text\":\"gamma\"}\n"));
  const std::string named_plain = write("c.json", gzip("{\"id\":\"d\",\"text\":\"delta\"}\n"));
  const std::string text_zstd = write("notes.txt", zstd("compressed text"));
  const std::string zlib_gz = write("z.txt.gz", gzip("zlib stream", 15));
  const std::string zst_is_gzip = write("w.txt.zst", gzip("gzip under .zst"));
  const ReadAll all = read_inputs({upper, zst, named_plain, text_zstd, zlib_gz, zst_is_gzip});
  ASSERT_TRUE(all.status.ok()) << all.status.message();
  EXPECT_EQ(ids_of(all),
            (std::vector<std::string>{"a", "b", "c", "d", text_zstd, zlib_gz, zst_is_gzip}));
  EXPECT_EQ(all.records[4].text, "compressed text");
  EXPECT_EQ(all.records[5].text, "zlib stream");
  EXPECT_EQ(all.records[6].text, "gzip under .zst");
}

TEST_F(InputsTest, NamedCompressedButPlainIsAnError) {
  const std::string fake = write("fake.jsonl.gz", "{\"id\":\"a\",\"text\":\"plain\"}\n");
  const ReadAll all = read_inputs({fake});
  ASSERT_FALSE(all.status.ok());
  EXPECT_EQ(all.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(all.status.message(),
            fake + ": named as compressed (.gz/.zst) but not gzip or zstd data");
  // An empty file is empty, whatever its name.
  const ReadAll empty = read_inputs({write("empty.jsonl.zst", "")});
  EXPECT_TRUE(empty.status.ok()) << empty.status.message();
  EXPECT_TRUE(empty.records.empty());
}

// Writes `data` to `fd` from another thread, then closes it.
std::thread feed(int fd, std::string data) {
  return std::thread([fd, data = std::move(data)] {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd, data.data() + done, data.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  });
}

TEST_F(InputsTest, PipesAndFifosAreSpooledAndSniffed) {
  // Before: a pipe given as a path was read once, then re-read empty; and its name decided the
  // format (kText for /dev/fd/N), so JSONL came out as one document.
  std::string jsonl;
  for (int i = 0; i < 3000; ++i)  // ~150 KB: more than a pipe buffer
    jsonl += "{\"id\":\"p" + std::to_string(i) + "\",\"text\":\"pipe record " + std::to_string(i) +
             " padding padding\"}\n";
  const std::string fifo = path("fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  const std::string dev_fd = "/dev/fd/" + std::to_string(fds[0]);
  std::thread fifo_writer([&] {
    const int fd = ::open(fifo.c_str(), O_WRONLY);
    feed(fd, "  \nplain text through a fifo").join();
  });
  std::thread pipe_writer = feed(fds[1], gzip(jsonl));
  const std::string spool_dir = path("spool");
  fs::create_directories(spool_dir);
  ::setenv("TMPDIR", spool_dir.c_str(), 1);
  auto reader = CorpusReader::open({dev_fd, fifo}, ReadOptions{});
  ::unsetenv("TMPDIR");
  fifo_writer.join();
  pipe_writer.join();
  ::close(fds[0]);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_TRUE(fs::is_empty(spool_dir));
  for (int pass = 0; pass < 2; ++pass) {
    SCOPED_TRACE("pass " + std::to_string(pass));
    const ReadAll all = read_all(**reader);
    ASSERT_TRUE(all.status.ok()) << all.status.message();
    ASSERT_EQ(all.records.size(), 3001u);
    EXPECT_EQ(all.records[0].id, "p0");
    EXPECT_EQ(all.records[2999].text, "pipe record 2999 padding padding");
    EXPECT_EQ(all.records[2999].source, dev_fd);
    EXPECT_EQ(all.records[3000].id, fifo);  // whole document, named by the path
    EXPECT_EQ(all.records[3000].text, "  \nplain text through a fifo");
    ASSERT_TRUE((*reader)->rewind().ok());
  }
}

TEST_F(InputsTest, RecordLongerThanMaxDocBytesIsAnErrorOrSkipped) {
  ReadOptions options;
  options.max_doc_bytes = 100;
  const std::string ok_line = "{\"id\":\"ok\",\"text\":\"" + std::string(100 - 21, 'o') + "\"}";
  ASSERT_EQ(ok_line.size(), 100u);
  const std::string long_line = "{\"id\":\"long\",\"text\":\"" + std::string(200, 'x') + "\"}";
  const std::string j =
      write("a.jsonl", ok_line + "\r\n" + long_line + "\n{\"id\":\"after\",\"text\":\"t\"}\n");
  const std::string lines = write("l.txt", "short\n" + std::string(101, 'y') + "\nend\n");
  const std::string doc = write("doc.txt", "\xEF\xBB\xBF" + std::string(100, 'd'));  // BOM free
  const std::string big_doc = write("big.txt.gz", gzip(std::string(50u << 20, 'z')));

  const ReadAll fail_j = read_inputs({j}, options);
  ASSERT_FALSE(fail_j.status.ok());
  EXPECT_EQ(fail_j.status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(fail_j.status.message(), j + ":2: record longer than --max-doc-bytes (100 bytes)");
  EXPECT_EQ(ids_of(fail_j), std::vector<std::string>{"ok"});

  ReadOptions as_lines = options;
  as_lines.format = InputFormat::kLines;
  const ReadAll fail_l = read_inputs({lines}, as_lines);
  EXPECT_EQ(fail_l.status.message(), lines + ":2: record longer than --max-doc-bytes (100 bytes)");

  // A whole-file document: found after reading about the limit, not the 50 MB.
  auto reader = CorpusReader::open({doc, big_doc}, options);
  ASSERT_TRUE(reader.ok());
  ReadAll docs = read_all(**reader);
  ASSERT_EQ(docs.records.size(), 1u);
  EXPECT_EQ(docs.records[0].text, std::string(100, 'd'));
  EXPECT_EQ(docs.status.message(), big_doc + ": record longer than --max-doc-bytes (100 bytes)");
  EXPECT_LT((*reader)->bytes_read(), 2u << 20);

  options.on_error = OnError::kSkip;
  reader = CorpusReader::open({j, doc, big_doc}, options);
  ASSERT_TRUE(reader.ok());
  const ReadAll skipped = read_all(**reader);
  ASSERT_TRUE(skipped.status.ok()) << skipped.status.message();
  EXPECT_EQ(ids_of(skipped), (std::vector<std::string>{"ok", "after", doc}));
  const auto& list = (*reader)->skipped();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].line, 2u);
  EXPECT_EQ(list[0].message, j + ":2: record longer than --max-doc-bytes (100 bytes)");
  EXPECT_EQ(list[1].line, 0u);
  EXPECT_EQ(list[1].message, big_doc + ": record longer than --max-doc-bytes (100 bytes)");

  options.max_doc_bytes = 0;
  EXPECT_EQ(CorpusReader::open({j}, options).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace docsift
