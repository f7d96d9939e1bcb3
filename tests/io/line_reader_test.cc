// LineReader against a naive split on '\n', with buffers small enough that lines straddle refills
// and force the buffer to grow.
#include "io/internal/line_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace docsift::detail {
namespace {

// Serves a string in pieces of random size (1..max_piece) to exercise partial reads.
class StringSource final : public ByteSource {
 public:
  StringSource(std::string data, size_t max_piece, uint64_t seed)
      : data_(std::move(data)), max_piece_(max_piece), rng_(seed) {}
  Result<size_t> read(char* dst, size_t capacity) override {
    size_t n = std::min({capacity, data_.size() - pos_, 1 + rng_() % max_piece_});
    std::copy_n(data_.data() + pos_, n, dst);
    pos_ += n;
    return n;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
  size_t max_piece_;
  std::mt19937_64 rng_;
};

std::vector<std::string> naive_lines(const std::string& data) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    size_t end = nl == std::string::npos ? data.size() : nl;
    std::string line = data.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    start = end + 1;
  }
  if (!lines.empty() && lines[0].rfind("\xEF\xBB\xBF", 0) == 0) lines[0].erase(0, 3);
  return lines;
}

TEST(LineReaderTest, MatchesNaiveSplitOnRandomInput) {
  for (uint64_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    static const char kAlphabet[] = "ab\n\r\n\xEF\xBB\xBF xyz";
    std::string data;
    const size_t len = rng() % 3000;
    if (rng() % 4 == 0) data = "\xEF\xBB\xBF";
    for (size_t i = 0; i < len; ++i) data += kAlphabet[rng() % (sizeof kAlphabet - 1)];
    if (seed % 5 == 0) data += std::string(rng() % 500, 'L');  // long last line, no newline
    for (size_t chunk : {1u, 3u, 7u, 8u, 9u, 64u, 4096u}) {
      SCOPED_TRACE("chunk " + std::to_string(chunk));
      StringSource source(data, 1 + rng() % 50, seed);
      LineReader reader(chunk);
      reader.reset(&source);
      std::vector<std::string> got;
      std::string_view line;
      while (true) {
        auto more = reader.next(line);
        ASSERT_TRUE(more.ok());
        if (!*more) break;
        got.emplace_back(line);
        EXPECT_EQ(reader.line_number(), got.size());
      }
      EXPECT_EQ(got, naive_lines(data));
      EXPECT_EQ(reader.bytes_consumed(), data.size());
    }
  }
}

// With a line limit: lines longer than it (without newline, '\r' and BOM) come back empty with
// too_long(), all others exactly as the naive split has them (issue 11, item 14).
TEST(LineReaderTest, LineLimitMatchesNaiveSplit) {
  for (uint64_t seed = 1; seed <= 40; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 rng(seed);
    static const char kAlphabet[] = "abcdefgh\n\r\xEF\xBB\xBF";
    std::string data;
    if (rng() % 3 == 0) data = "\xEF\xBB\xBF";
    const size_t len = rng() % 4000;
    for (size_t i = 0; i < len; ++i) data += kAlphabet[rng() % (sizeof kAlphabet - 1)];
    if (seed % 4 == 0) data += std::string(rng() % 300, 'L');
    const std::vector<std::string> naive = naive_lines(data);
    for (size_t max_line : {0u, 1u, 5u, 16u, 17u, 100u}) {
      for (size_t chunk : {1u, 4u, 16u, 4096u}) {
        SCOPED_TRACE("max " + std::to_string(max_line) + " chunk " + std::to_string(chunk));
        StringSource source(data, 1 + rng() % 50, seed);
        LineReader reader(chunk);
        reader.set_max_line_bytes(max_line);
        reader.reset(&source);
        std::string_view line;
        for (size_t i = 0; i < naive.size(); ++i) {
          auto more = reader.next(line);
          ASSERT_TRUE(more.ok() && *more);
          EXPECT_EQ(reader.line_number(), i + 1);
          EXPECT_EQ(reader.too_long(), naive[i].size() > max_line) << i;
          EXPECT_EQ(line, naive[i].size() > max_line ? "" : naive[i]) << i;
        }
        auto more = reader.next(line);
        ASSERT_TRUE(more.ok());
        EXPECT_FALSE(*more);
        EXPECT_EQ(reader.bytes_consumed(), data.size());
        EXPECT_LE(reader.buffer_bytes(), std::max(chunk, max_line + 6));
      }
    }
  }
}

// Serves `size` bytes of 'z' (no newline) then "\nlast\n", without holding them.
class EndlessLineSource final : public ByteSource {
 public:
  explicit EndlessLineSource(uint64_t size) : size_(size) {}
  Result<size_t> read(char* dst, size_t capacity) override {
    const std::string tail = "\nlast\n";
    size_t n = 0;
    while (n < capacity && pos_ < size_ + tail.size()) {
      dst[n++] = pos_ < size_ ? 'z' : tail[pos_ - size_];
      ++pos_;
    }
    return n;
  }

 private:
  uint64_t size_, pos_ = 0;
};

TEST(LineReaderTest, OverlongLineIsSkippedInBoundedMemory) {
  // Before the limit, the buffer doubled to hold the whole 200 MB line (256 MiB here).
  EndlessLineSource source(200u << 20);
  LineReader reader(64u << 10);
  reader.set_max_line_bytes(1u << 20);
  reader.reset(&source);
  std::string_view line;
  auto more = reader.next(line);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_TRUE(reader.too_long());
  EXPECT_EQ(reader.line_number(), 1u);
  EXPECT_LE(reader.buffer_bytes(), (1u << 20) + 8);
  more = reader.next(line);
  ASSERT_TRUE(more.ok() && *more);
  EXPECT_FALSE(reader.too_long());
  EXPECT_EQ(line, "last");
  EXPECT_EQ(reader.line_number(), 2u);
  more = reader.next(line);
  ASSERT_TRUE(more.ok());
  EXPECT_FALSE(*more);
}

}  // namespace
}  // namespace docsift::detail
