// Documents without letters or digits (emoji only, symbols only, whitespace only, empty) all
// normalise to the empty text. They must be compared by their raw bytes: byte-identical ones are
// duplicates, different ones are not, and none is grouped with a document that has words
// (issue 11, item 13). Checked for exact, MinHash (estimated and exact verification, classic and
// one-permutation sketches) and SimHash.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "group/doc_grouping.h"
#include "group/internal/doc_features.h"

namespace docsift {
namespace {

// Texts and the document each must be kept in place of (its first byte-identical or, for texts
// with words, normalised-identical copy).
struct Case {
  std::vector<std::string> texts;
  std::vector<uint32_t> kept_of;
};

Case empty_key_case() {
  const std::string words = "the central bank raised interest rates again this week";
  return Case{
      {
          "\xF0\x9F\x98\x80\xF0\x9F\x98\x80",                          // 0: two grinning faces
          "\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85",                      // 1: three stars
          "\xF0\x9F\x98\x80\xF0\x9F\x98\x80",                          // 2: same bytes as 0
          "!!! ??? ...",                                               // 3: punctuation only
          "   ",                                                       // 4: spaces
          "\n\n",                                                      // 5: newlines
          "",                                                          // 6: empty
          words,                                                       // 7
          "",                                                          // 8: same as 6
          "The Central Bank raised interest rates again, this week!",  // 9: normalises like 7
          "!!! ??? ...",                                               // 10: same as 3
          "\xF0\x9F\x98\x80",                                          // 11: one face
          "\xE2\x98\x85\xE2\x98\x85\xE2\x98\x85",                      // 12: same as 1
          "   ",                                                       // 13: same as 4
      },
      {0, 1, 0, 3, 4, 5, 6, 7, 6, 7, 3, 11, 1, 4},
  };
}

DedupOptions options_for(DedupMethod method) {
  DedupOptions o;
  o.method = method;
  return o;
}

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
  return {texts.begin(), texts.end()};
}

void expect_kept_of(const Case& c, const DedupOptions& options) {
  const std::vector<std::string_view> texts = views(c.texts);
  for (unsigned threads : {1u, 3u}) {
    DedupOptions o = options;
    o.threads = threads;
    auto g = dedup_texts(texts, o);
    ASSERT_TRUE(g.ok()) << g.status().message();
    EXPECT_EQ(g->kept_of, c.kept_of) << dedup_method_name(o.method) << " threads=" << threads;
  }
}

TEST(EmptyKey, ExactComparesTextsWithoutWordsByTheirBytes) {
  expect_kept_of(empty_key_case(), options_for(DedupMethod::kExact));
}

TEST(EmptyKey, ExactKeyOfATextWithoutWordsDiffersFromEveryNormalisedKey) {
  const DedupOptions options;
  detail::DocFeatures features(options);
  const Key128 empty_normalised = features.exact_key("a");  // some key of normalised text
  EXPECT_NE(features.exact_key(""), features.exact_key(" "));
  EXPECT_NE(features.exact_key("\xE2\x98\x85"), features.exact_key("\xE2\x98\x86"));
  EXPECT_EQ(features.exact_key("\xE2\x98\x85"), features.exact_key("\xE2\x98\x85"));
  EXPECT_NE(features.exact_key(""), empty_normalised);
  // Texts with words still compare by their normalised form.
  EXPECT_EQ(features.exact_key("Hello, World"), features.exact_key("hello world!"));
}

TEST(EmptyKey, MinHashComparesTextsWithoutWordsByTheirBytes) {
  const Case c = empty_key_case();
  for (ShingleUnit unit : {ShingleUnit::kWord, ShingleUnit::kChar}) {
    for (SketchKind sketch : {SketchKind::kClassic, SketchKind::kOnePermutation}) {
      for (VerifyMode verify : {VerifyMode::kEstimate, VerifyMode::kExact}) {
        SCOPED_TRACE(testing::Message()
                     << "unit=" << static_cast<int>(unit) << " sketch=" << static_cast<int>(sketch)
                     << " verify=" << static_cast<int>(verify));
        DedupOptions o = options_for(DedupMethod::kMinHash);
        o.unit = unit;
        o.num_perm = 64;
        o.sketch = sketch;
        o.verify = verify;
        expect_kept_of(c, o);
      }
    }
  }
}

TEST(EmptyKey, SimHashComparesTextsWithoutWordsByTheirBytes) {
  const Case c = empty_key_case();
  for (ShingleUnit unit : {ShingleUnit::kWord, ShingleUnit::kChar}) {
    DedupOptions o = options_for(DedupMethod::kSimHash);
    o.unit = unit;
    expect_kept_of(c, o);
  }
}

TEST(EmptyKey, ShingleSetOfATextWithoutWordsIsOneHashOfItsBytes) {
  const DedupOptions options = options_for(DedupMethod::kMinHash);
  detail::DocFeatures features(options);
  const std::vector<uint64_t> star(features.shingle_set("\xE2\x98\x85").begin(),
                                   features.shingle_set("\xE2\x98\x85").end());
  ASSERT_EQ(star.size(), 1u);
  const auto again = features.shingle_set("\xE2\x98\x85");
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0], star[0]);
  const auto other = features.shingle_set("\xE2\x98\x86");
  ASSERT_EQ(other.size(), 1u);
  EXPECT_NE(other[0], star[0]);
  EXPECT_EQ(features.shingle_set("").size(), 1u);
}

TEST(EmptyKey, ManyDifferentSymbolDocumentsStaySeparate) {
  // 200 distinct symbol-only documents and 200 byte-identical copies of them, interleaved: every
  // copy goes to its original, nothing else is grouped.
  Case c;
  const std::vector<std::string> symbols = {
      "\xE2\x98\x85", "\xE2\x98\x86", "#", "@", "~", "\xF0\x9F\x98\x80", " ", "-", "+", "="};
  for (uint32_t i = 0; i < 200; ++i) {
    std::string t;
    for (uint32_t k = i; k > 0 || t.empty(); k /= 10) t += symbols[k % 10];
    t += std::string(i / 100, '*');
    c.texts.push_back(t);
    c.kept_of.push_back(2 * i);
    c.texts.push_back(t);
    c.kept_of.push_back(2 * i);
  }
  for (DedupMethod method : {DedupMethod::kExact, DedupMethod::kMinHash, DedupMethod::kSimHash}) {
    expect_kept_of(c, options_for(method));
  }
}

}  // namespace
}  // namespace docsift
