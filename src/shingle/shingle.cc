#include "shingle/shingle.h"

#include "core/xxh3.h"

#include <algorithm>

#include "core/assert.h"

namespace docsift {

void word_shingles(std::span<const uint64_t> token_hashes, unsigned ngram, uint64_t seed,
                   std::vector<uint64_t>& out) {
  DOCSIFT_ASSERT(ngram >= 1);
  out.clear();
  const size_t n = token_hashes.size();
  if (n == 0) return;
  // A short document still needs a fingerprint, or every short document would look alike
  // (all-empty signatures); hashing all its tokens keeps "a b" distinct from "a b c".
  const size_t window = std::min<size_t>(ngram, n);
  const size_t count = n - window + 1;
  out.resize(count);
  const uint64_t* data = token_hashes.data();
  for (size_t i = 0; i < count; ++i) {
    out[i] = XXH3_64bits_withSeed(data + i, window * sizeof(uint64_t), seed);
  }
}

namespace {
inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Byte offset of the code point after the one starting at `pos` (or text.size()).
inline size_t next_code_point(std::string_view text, size_t pos) {
  ++pos;
  while (pos < text.size() && is_continuation(text[pos])) ++pos;
  return pos;
}
}  // namespace

void char_shingles(std::string_view normalized_text, unsigned ngram, uint64_t seed,
                   std::vector<uint64_t>& out) {
  DOCSIFT_ASSERT(ngram >= 1);
  out.clear();
  const std::string_view text = normalized_text;
  if (text.empty()) return;
  // Two cursors one window apart slide forward one code point at a time, so no table of
  // code-point offsets is needed. Leading continuation bytes (invalid UTF-8) belong to the
  // first "code point".
  const size_t begin = 0;
  size_t end = 0;
  unsigned points = 0;
  while (points < ngram && end < text.size()) {
    end = next_code_point(text, end);
    ++points;
  }
  size_t start = begin;
  out.push_back(XXH3_64bits_withSeed(text.data() + start, end - start, seed));
  while (end < text.size()) {
    start = next_code_point(text, start);
    end = next_code_point(text, end);
    out.push_back(XXH3_64bits_withSeed(text.data() + start, end - start, seed));
  }
}

void make_shingle_set(std::vector<uint64_t>& shingles) {
  std::sort(shingles.begin(), shingles.end());
  shingles.erase(std::unique(shingles.begin(), shingles.end()), shingles.end());
}

}  // namespace docsift
