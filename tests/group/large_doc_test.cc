// Large documents featured by several threads (group/internal/doc_features.h): pieces tokenise
// to exactly the whole text's tokens, and the merged partial sketches equal the whole-document
// signature / fingerprint for MinHash, OPH and SimHash, with 1 and 2 threads.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "group/internal/doc_features.h"

namespace docsift::detail {
namespace {

// Text mixing the tokenizer's fast path (ASCII, Latin, Cyrillic) with its ICU path (CJK, Thai,
// combining marks, emoji), punctuation inside words and numbers, spaces and newlines.
std::string mixed_text(std::mt19937_64& rng, size_t bytes) {
  static const char* words[] = {"report",
                                "don't",
                                "3.5",
                                "U.S.",
                                "Привет",
                                "мир",
                                "café",
                                "e\xcc\x81t\xc3\xa9",
                                "東京大学",
                                "ภาษาไทย",
                                "\xf0\x9f\x98\x80",
                                "naïve",
                                "x1,000",
                                "ＡＢＣ",
                                "qué",
                                "\xe2\x80\x8d",
                                "a\xe2\x80\xaf"
                                "b",
                                "—",
                                "(alpha)",
                                "ﬁne"};
  static const char* seps[] = {" ", " ", " ", "  ", "\n", ", ", ". ", "\n\n", "\t", ""};
  std::string s;
  while (s.size() < bytes) {
    s += words[rng() % 20];
    s += seps[rng() % 10];
  }
  return s;
}

TEST(LargeDocTest, PiecesTokeniseToTheWholeTextsTokens) {
  DedupOptions options;
  options.method = DedupMethod::kMinHash;
  DocFeatures fx(options);
  std::mt19937_64 rng(11);
  for (int round = 0; round < 40; ++round) {
    const std::string text = mixed_text(rng, 500 + rng() % 20000);
    std::vector<uint64_t> whole, piece, joined;
    fx.piece_token_hashes(text, whole);
    const size_t target = 1 + rng() % 300;
    const std::vector<size_t> cuts = piece_cuts(text, target);
    ASSERT_GE(cuts.size(), 2u);
    EXPECT_EQ(cuts.front(), 0u);
    EXPECT_EQ(cuts.back(), text.size());
    for (size_t p = 0; p + 1 < cuts.size(); ++p) {
      ASSERT_LT(cuts[p], cuts[p + 1]);
      if (p > 0) {
        EXPECT_TRUE(text[cuts[p]] == ' ' || text[cuts[p]] == '\n');
      }
      fx.piece_token_hashes(std::string_view(text).substr(cuts[p], cuts[p + 1] - cuts[p]), piece);
      joined.insert(joined.end(), piece.begin(), piece.end());
    }
    EXPECT_GT(cuts.size(), 2u);
    EXPECT_EQ(joined, whole) << "target " << target << ", " << cuts.size() - 1 << " pieces";
  }
}

class LargeDocFeatureTest : public ::testing::TestWithParam<int> {};

TEST_P(LargeDocFeatureTest, MatchesTheWholeDocumentPath) {
  DedupOptions options;
  options.method = GetParam() == 2 ? DedupMethod::kSimHash : DedupMethod::kMinHash;
  options.sketch = GetParam() == 1 ? SketchKind::kOnePermutation : SketchKind::kClassic;
  std::vector<std::unique_ptr<DocFeatures>> workers;
  for (int w = 0; w < 2; ++w) workers.push_back(std::make_unique<DocFeatures>(options));
  std::mt19937_64 rng(12 + GetParam());
  for (size_t bytes : {size_t{1} << 20, size_t{300} << 10, size_t{70} << 10, size_t{3000}}) {
    const std::string text = mixed_text(rng, bytes + rng() % 977);
    std::vector<uint32_t> whole(options.num_perm), split(options.num_perm);
    uint64_t whole_fp = 0;
    if (options.method == DedupMethod::kSimHash) {
      whole_fp = workers[0]->fingerprint(text);
    } else {
      workers[0]->signature(text, whole);
    }
    for (unsigned threads : {1u, 2u}) {
      uint64_t fp = ~whole_fp;
      large_doc_feature(text, workers, threads, split, &fp);
      if (options.method == DedupMethod::kSimHash) {
        EXPECT_EQ(fp, whole_fp) << bytes << " bytes, " << threads << " threads";
      } else {
        EXPECT_EQ(split, whole) << bytes << " bytes, " << threads << " threads";
      }
    }
  }
  // Fewer tokens than the shingle length, and none at all: the whole-text path's answers.
  for (const std::string& text : {std::string("one two"), std::string(".. !! ??")}) {
    std::vector<uint32_t> whole(options.num_perm), split(options.num_perm);
    uint64_t fp = 0;
    large_doc_feature(text, workers, 2, split, &fp);
    if (options.method == DedupMethod::kSimHash) {
      EXPECT_EQ(fp, workers[0]->fingerprint(text));
    } else {
      workers[0]->signature(text, whole);
      EXPECT_EQ(split, whole);
    }
  }
}

INSTANTIATE_TEST_SUITE_P(MinHashOphSimHash, LargeDocFeatureTest, ::testing::Values(0, 1, 2));

}  // namespace
}  // namespace docsift::detail
