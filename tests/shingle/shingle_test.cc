// Word and character shingles against direct constructions: each window's bytes are built
// explicitly (token hashes copied out; code points split by a lead-byte decoder) and hashed
// with XXH3, over odd lengths, documents shorter than n, empty ones and multi-byte text.

#include "shingle/shingle.h"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <cstring>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace docsift {
namespace {

// Window [i, i + len) of token hashes, hashed from a fresh copy of its bytes.
uint64_t expected_word_shingle(const std::vector<uint64_t>& tokens, size_t i, size_t len,
                               uint64_t seed) {
  std::vector<unsigned char> bytes(len * 8);
  std::memcpy(bytes.data(), tokens.data() + i, len * 8);
  return XXH3_64bits_withSeed(bytes.data(), bytes.size(), seed);
}

// Splits valid UTF-8 into code points by the lead byte's length.
std::vector<std::string> code_points(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    out.push_back(text.substr(i, len));
    i += len;
  }
  return out;
}

std::vector<uint64_t> expected_char_shingles(const std::string& text, unsigned ngram,
                                             uint64_t seed) {
  const std::vector<std::string> cps = code_points(text);
  std::vector<uint64_t> out;
  if (cps.empty()) return out;
  const size_t window = std::min<size_t>(ngram, cps.size());
  for (size_t i = 0; i + window <= cps.size(); ++i) {
    std::string s;
    for (size_t j = i; j < i + window; ++j) s += cps[j];
    out.push_back(XXH3_64bits_withSeed(s.data(), s.size(), seed));
  }
  return out;
}

TEST(WordShingles, EmptyDocumentGivesNone) {
  std::vector<uint64_t> out = {42};
  word_shingles({}, 3, 0, out);
  EXPECT_TRUE(out.empty());
}

TEST(WordShingles, MatchesWindowHashesForAllLengths) {
  std::mt19937_64 rng(20240601);
  for (size_t n : {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33}) {
    std::vector<uint64_t> tokens(n);
    for (auto& t : tokens) t = rng();
    for (unsigned ngram : {1u, 2u, 3u, 5u, 8u, 13u}) {
      for (uint64_t seed : {0ull, 7ull}) {
        SCOPED_TRACE("n=" + std::to_string(n) + " ngram=" + std::to_string(ngram) +
                     " seed=" + std::to_string(seed));
        std::vector<uint64_t> out;
        word_shingles(tokens, ngram, seed, out);
        const size_t window = std::min<size_t>(ngram, n);
        const size_t expected_count = n == 0 ? 0 : n - window + 1;
        ASSERT_EQ(out.size(), expected_count);
        for (size_t i = 0; i < out.size(); ++i) {
          EXPECT_EQ(out[i], expected_word_shingle(tokens, i, window, seed)) << "window " << i;
        }
      }
    }
  }
}

TEST(WordShingles, ShortDocumentIsOneShingleOfAllTokens) {
  const std::vector<uint64_t> two = {11, 22};
  const std::vector<uint64_t> three = {11, 22, 33};
  std::vector<uint64_t> a, b;
  word_shingles(two, 5, 0, a);
  word_shingles(three, 5, 0, b);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0], b[0]);
}

TEST(WordShingles, SeedChangesValues) {
  const std::vector<uint64_t> tokens = {1, 2, 3, 4};
  std::vector<uint64_t> a, b;
  word_shingles(tokens, 2, 1, a);
  word_shingles(tokens, 2, 2, b);
  ASSERT_EQ(a.size(), 3u);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_NE(a[i], b[i]);
}

TEST(WordShingles, GoldenValues) {
  // Frozen: changing these changes every stored signature, so it must be deliberate.
  const std::vector<uint64_t> tokens = {1, 2, 3};
  std::vector<uint64_t> out;
  word_shingles(tokens, 2, 0, out);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], 0x07ee86c281446befull) << std::hex << out[0];
  EXPECT_EQ(out[1], 0x90eaca64a6019570ull) << std::hex << out[1];
}

TEST(CharShingles, EmptyTextGivesNone) {
  std::vector<uint64_t> out = {42};
  char_shingles("", 3, 0, out);
  EXPECT_TRUE(out.empty());
}

TEST(CharShingles, AsciiWindows) {
  std::vector<uint64_t> out;
  char_shingles("abcde", 3, 5, out);
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], XXH3_64bits_withSeed("abc", 3, 5));
  EXPECT_EQ(out[1], XXH3_64bits_withSeed("bcd", 3, 5));
  EXPECT_EQ(out[2], XXH3_64bits_withSeed("cde", 3, 5));
}

TEST(CharShingles, WindowsCountCodePointsNotBytes) {
  // Cyrillic: 2 bytes per letter; 6 letters, ngram 2 -> 5 shingles of 4 bytes.
  const std::string privet = "\xD0\xBF\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82";
  std::vector<uint64_t> out;
  char_shingles(privet, 2, 0, out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], XXH3_64bits_withSeed(privet.data(), 4, 0));
  EXPECT_EQ(out[4], XXH3_64bits_withSeed(privet.data() + 8, 4, 0));
  // 1-, 2-, 3- and 4-byte code points mixed: "a", "é", "€", "😀", "b" (Kazakh "ә" too).
  const std::string mixed =
      "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
      "b\xD3\x99";
  char_shingles(mixed, 3, 9, out);
  EXPECT_EQ(out, expected_char_shingles(mixed, 3, 9));
  ASSERT_EQ(out.size(), 4u);
  EXPECT_EQ(out[1], XXH3_64bits_withSeed(mixed.data() + 1, 9, 9));  // "é€😀"
}

TEST(CharShingles, ShortTextIsOneShingle) {
  const std::string zhe = "\xD0\xB6";  // one code point, two bytes
  std::vector<uint64_t> out;
  char_shingles(zhe, 5, 0, out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0], XXH3_64bits_withSeed(zhe.data(), zhe.size(), 0));
}

TEST(CharShingles, RandomMultiByteTextMatchesReference) {
  const std::vector<std::string> alphabet = {"a",
                                             " ",
                                             "z",
                                             "\xC3\xA9",
                                             "\xD0\xB6",
                                             "\xD2\x9B",
                                             "\xE2\x82\xAC",
                                             "\xE4\xB8\xAD",
                                             "\xF0\x9F\x98\x80",
                                             "\xF0\x90\x8D\x88"};
  const uint64_t seed = 77;
  std::mt19937_64 rng(seed);
  for (size_t len : {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 200}) {
    for (unsigned ngram : {1u, 2u, 3u, 4u, 5u, 9u}) {
      std::string text;
      for (size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
      SCOPED_TRACE("rng seed=" + std::to_string(seed) + " len=" + std::to_string(len) +
                   " ngram=" + std::to_string(ngram));
      std::vector<uint64_t> out;
      char_shingles(text, ngram, seed, out);
      EXPECT_EQ(out, expected_char_shingles(text, ngram, seed));
    }
  }
}

TEST(CharShingles, InvalidUtf8DoesNotCrashAndIsDeterministic) {
  const std::string bad =
      "\x80\x80"
      "ab\xC3"
      "c\xFF\xBF\xBF";
  for (unsigned ngram = 1; ngram <= 9; ++ngram) {
    std::vector<uint64_t> a, b;
    char_shingles(bad, ngram, 3, a);
    char_shingles(bad, ngram, 3, b);
    EXPECT_FALSE(a.empty());
    EXPECT_EQ(a, b);
  }
}

TEST(CharShingles, GoldenValues) {
  std::vector<uint64_t> out;
  char_shingles("\xD0\xB0\xD0\xB1\xD0\xB2", 2, 0, out);  // "абв"
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], 0xbc6cd0b545be8804ull) << std::hex << out[0];
  EXPECT_EQ(out[1], 0xd77811053d5a1cceull) << std::hex << out[1];
}

TEST(MakeShingleSet, SortsAndDedupes) {
  std::mt19937_64 rng(5);
  for (size_t n : {0, 1, 3, 7, 8, 9, 33, 1000}) {
    std::vector<uint64_t> v(n);
    for (auto& x : v) x = rng() % (n / 2 + 1);  // many repeats
    const std::set<uint64_t> expected(v.begin(), v.end());
    make_shingle_set(v);
    EXPECT_EQ(v, std::vector<uint64_t>(expected.begin(), expected.end())) << "n=" << n;
  }
}

}  // namespace
}  // namespace docsift
