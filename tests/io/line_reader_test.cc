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

}  // namespace
}  // namespace docsift::detail
