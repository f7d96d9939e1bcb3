#pragma once
// The io tests' shared helpers (corpus_reader_test, reader_inputs_test, jsonl_objects_test): a
// fresh directory per test (ReaderTest), gzip/zstd compression by zlib and libzstd (independent
// of the reader's own decoders), and reading every record of an input list.

#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "io/corpus_reader.h"

namespace docsift::io_testing {

// A fresh directory per test under GoogleTest's temporary directory.
class ReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("docsift_io_" + std::to_string(::getpid()) + "_" + info->test_suite_name() + "_" +
            info->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::string write(const std::string& name, const std::string& bytes) const {
    const std::string p = path(name);
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
  }

  std::filesystem::path dir_;
};

// gzip (window_bits 15 + 16; 15 gives a zlib stream).
inline std::string gzip(const std::string& data, int window_bits = 15 + 16) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, data.size()) + 64, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline std::string zstd(const std::string& data) {
  std::string out(ZSTD_compressBound(data.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), data.data(), data.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

struct ReadAll {
  std::vector<Record> records;
  Status status;
};

inline ReadAll read_all(CorpusReader& reader) {
  ReadAll all;
  Record rec;
  while (true) {
    auto more = reader.next(rec);
    if (!more.ok()) {
      all.status = more.status();
      break;
    }
    if (!*more) break;
    all.records.push_back(rec);
  }
  return all;
}

inline ReadAll read_inputs(const std::vector<std::string>& inputs, ReadOptions options = {}) {
  auto reader = CorpusReader::open(inputs, options);
  if (!reader.ok()) return ReadAll{{}, reader.status()};
  return read_all(**reader);
}

inline std::vector<std::string> ids_of(const ReadAll& all) {
  std::vector<std::string> ids;
  for (const Record& r : all.records) ids.push_back(r.id);
  return ids;
}

}  // namespace docsift::io_testing
