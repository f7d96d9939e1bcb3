// detail::ByteSource on zstd input: the result (bytes, error message, error offset) does not
// depend on the read sizes, and legacy v0.x frames are refused before any byte is delivered.
// Regression inputs from the fuzzer: tests/fuzz/corpus/byte_source/regress-zstd-*.
#include "io/internal/byte_source.h"

#include <gtest/gtest.h>
#include <unistd.h>
#include <zstd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace docsift::detail {
namespace {
namespace fs = std::filesystem;

struct Outcome {
  std::string bytes;
  bool failed = false;
  std::string message;
  uint64_t error_offset = 0;
};

Outcome read_all(const std::string& path, size_t read_size) {
  Outcome o;
  auto src = open_byte_source(path, "in.zst", Compression::kZstd);
  if (!src.ok()) {
    o.failed = true;
    o.message = src.status().message();
    return o;
  }
  std::vector<char> buf(read_size);
  while (true) {
    auto n = (*src)->read(buf.data(), buf.size());
    if (!n.ok()) {
      o.failed = true;
      o.message = n.status().message();
      o.error_offset = (*src)->error_offset();
      return o;
    }
    if (*n == 0) return o;
    EXPECT_LE(*n, read_size);
    o.bytes.append(buf.data(), *n);
  }
}

class ByteSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (fs::path(::testing::TempDir()) /
             ("docsift_byte_source_" + std::to_string(::getpid()) + ".zst"))
                .string();
  }
  void TearDown() override { fs::remove(path_); }
  const std::string& write(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary) << bytes;
    return path_;
  }
  std::string path_;
};

const size_t kReadSizes[] = {1, 2, 7, 97, 4096, 64 * 1024, 1 << 20};

// Every read size gives what 64 KiB reads give.
void expect_same_for_all_read_sizes(const std::string& path, const Outcome& ref) {
  for (size_t r : kReadSizes) {
    const Outcome o = read_all(path, r);
    EXPECT_EQ(o.failed, ref.failed) << "read size " << r;
    EXPECT_EQ(o.message, ref.message) << "read size " << r;
    EXPECT_EQ(o.error_offset, ref.error_offset) << "read size " << r;
    EXPECT_TRUE(o.bytes == ref.bytes)
        << "read size " << r << ": " << o.bytes.size() << " vs " << ref.bytes.size() << " bytes";
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string fixture(const std::string& name) {
  return std::string(DOCSIFT_SOURCE_DIR) + "/tests/fuzz/corpus/byte_source/" + name;
}

TEST_F(ByteSourceTest, ChecksumErrorOffsetDoesNotDependOnReadSize) {
  const std::string path = fixture("regress-zstd-checksum-error-offset");
  const Outcome ref = read_all(path, 64 * 1024);
  ASSERT_TRUE(ref.failed);
  // The frame's last 4 bytes are its checksum: the error names where they start.
  const uint64_t size = fs::file_size(path);
  EXPECT_EQ(ref.error_offset, size - 4);
  EXPECT_EQ(ref.message, "in.zst: byte " + std::to_string(size - 4) +
                             ": corrupt zstd stream (Restored data doesn't match checksum)");
  expect_same_for_all_read_sizes(path, ref);
}

std::string compress(const std::string& data, bool checksum) {
  ZSTD_CCtx* cctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, 3);
  ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, checksum ? 1 : 0);
  std::string out(ZSTD_compressBound(data.size()), '\0');
  const size_t n = ZSTD_compress2(cctx, out.data(), out.size(), data.data(), data.size());
  ZSTD_freeCCtx(cctx);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

std::string text(std::mt19937& rng, size_t n) {
  static const char* words[] = {"alpha ", "beta ", "gamma\n", "delta ", "x", "yz "};
  std::string s;
  while (s.size() < n) {
    s += words[rng() % 6];
    if (rng() % 5 == 0) s += static_cast<char>('a' + rng() % 26);
  }
  s.resize(n);
  return s;
}

// A legacy frame first: refused at open (its magic is not zstd's). After a v1 frame: the v1
// frame's bytes, then an error naming the legacy frame's offset, whatever the read size.
TEST_F(ByteSourceTest, LegacyFrameIsRefusedBeforeAnyOfItsBytes) {
  const std::string legacy = slurp(fixture("regress-zstd-legacy-frame"));
  write(legacy);
  for (size_t r : kReadSizes) {
    const Outcome o = read_all(path_, r);
    EXPECT_TRUE(o.failed);
    EXPECT_EQ(o.bytes.size(), 0u) << "read size " << r;
    EXPECT_EQ(o.message, "in.zst: named as compressed (.gz/.zst) but not gzip or zstd data");
  }
  std::mt19937 rng(3);
  const std::string plain = text(rng, 70000);
  const std::string v1 = compress(plain, true);
  write(v1 + legacy);
  const Outcome ref = read_all(path_, 64 * 1024);
  EXPECT_TRUE(ref.failed);
  EXPECT_TRUE(ref.bytes == plain) << ref.bytes.size() << " bytes";
  EXPECT_EQ(ref.error_offset, v1.size());
  EXPECT_EQ(ref.message, "in.zst: byte " + std::to_string(v1.size()) +
                             ": not a zstd frame (only v1 and skippable frames are read, not "
                             "legacy v0.x)");
  expect_same_for_all_read_sizes(path_, ref);
}

// Several frames (one of them skippable) round-trip; corrupting any byte fails the same way
// for every read size, after the same bytes.
TEST_F(ByteSourceTest, MultiFrameStreamsAndCorruptionsAgreeAcrossReadSizes) {
  std::mt19937 rng(17);
  for (int round = 0; round < 6; ++round) {
    std::string plain, file;
    for (int f = 0; f < 3; ++f) {
      const std::string part = text(rng, 1 + rng() % (300 * 1024));
      plain += part;
      file += compress(part, f != 1);
      if (f == 0) {  // a skippable frame (magic 0x184D2A53, 5 bytes of payload)
        file += std::string("\x53\x2a\x4d\x18\x05\x00\x00\x00hello", 13);
      }
    }
    write(file);
    const Outcome ok = read_all(path_, 64 * 1024);
    ASSERT_FALSE(ok.failed) << ok.message;
    ASSERT_TRUE(ok.bytes == plain);
    expect_same_for_all_read_sizes(path_, ok);

    for (int c = 0; c < 4; ++c) {
      std::string bad = file;
      const size_t at = rng() % bad.size();
      bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
      write(bad);
      const Outcome ref = read_all(path_, 64 * 1024);
      if (ref.failed) {
        EXPECT_LE(ref.error_offset, bad.size());
      }
      expect_same_for_all_read_sizes(path_, ref);
    }
  }
}

TEST_F(ByteSourceTest, TruncatedStreamAndTrailingGarbage) {
  std::mt19937 rng(5);
  const std::string plain = text(rng, 50000);
  const std::string file = compress(plain, true);
  write(file.substr(0, file.size() - 10));
  Outcome o = read_all(path_, 64 * 1024);
  EXPECT_TRUE(o.failed);
  EXPECT_EQ(o.message,
            "in.zst: byte " + std::to_string(file.size() - 10) + ": truncated zstd stream");
  expect_same_for_all_read_sizes(path_, o);

  write(file + "ab");
  o = read_all(path_, 64 * 1024);
  EXPECT_TRUE(o.failed);
  EXPECT_TRUE(o.bytes == plain);
  EXPECT_EQ(o.message,
            "in.zst: byte " + std::to_string(file.size() + 2) + ": truncated zstd stream");

  write(file + std::string(8, '\0'));
  o = read_all(path_, 64 * 1024);
  EXPECT_TRUE(o.failed);
  EXPECT_EQ(o.error_offset, file.size());
  expect_same_for_all_read_sizes(path_, o);
}

}  // namespace
}  // namespace docsift::detail
