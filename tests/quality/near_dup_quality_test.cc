// Quality of near-duplicate document detection against brute force: every pair of documents is
// scored by the exact Jaccard of its word 5-shingle sets (strings, no hashing), and docsift's
// clusters must find the pairs well above the threshold and report almost nothing far below it.
//   recall    >= 0.95 over pairs with exact Jaccard >= t + 0.05 (in the same cluster)
//   precision >= 0.95 of reported duplicates have exact Jaccard >= t - 0.15 to their kept doc

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "group/doc_grouping.h"
#include "reference/shingle_reference.h"

namespace docsift {
namespace {

struct Corpus {
  std::vector<std::string> texts;
};

// Random documents over a vocabulary (English and Russian words), plus near copies of earlier
// documents with a random number of word substitutions, insertions and deletions, so that the
// pairs' Jaccard spreads over the whole range; some copies of copies make chains.
Corpus planted_corpus(uint64_t seed, size_t num_originals, size_t num_copies,
                      size_t min_words = 80, size_t max_words = 300) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> vocab;
  const char* syll[] = {"ka", "zo", "ri", "men", "tu", "la", "po", "vi", "dra", "sel",
                        "ми", "ро", "ка", "ста", "но", "ве", "ли", "за", "те", "гу"};
  for (int i = 0; i < 3000; ++i) {
    std::string w;
    const int base = (i % 2) * 10;
    for (int s = 0, len = 2 + rng() % 3; s < len; ++s) w += syll[base + rng() % 10];
    vocab.push_back(w);
  }
  // Zipf-like word choice, so documents share frequent words as real text does.
  std::vector<double> weights;
  for (size_t i = 0; i < vocab.size(); ++i) weights.push_back(1.0 / (i + 10.0));
  std::discrete_distribution<size_t> pick(weights.begin(), weights.end());
  Corpus c;
  std::vector<std::vector<std::string>> words;
  for (size_t d = 0; d < num_originals; ++d) {
    std::vector<std::string> doc;
    for (size_t w = 0, n = min_words + rng() % (max_words - min_words); w < n; ++w) {
      doc.push_back(vocab[pick(rng)]);
    }
    words.push_back(doc);
  }
  for (size_t d = 0; d < num_copies; ++d) {
    std::vector<std::string> doc = words[rng() % words.size()];
    // Edit rates in three bands so pairs land near every threshold tested (0.7 to 0.9).
    const double lo[] = {0.0, 0.01, 0.04}, hi[] = {0.01, 0.04, 0.1};
    const int band = static_cast<int>(rng() % 3);
    const double rate = std::uniform_real_distribution<double>(lo[band], hi[band])(rng);
    const size_t edits = static_cast<size_t>(rate * doc.size());
    for (size_t e = 0; e < edits && doc.size() > 10; ++e) {
      const size_t at = rng() % doc.size();
      switch (rng() % 3) {
        case 0: doc[at] = vocab[pick(rng)]; break;
        case 1: doc.insert(doc.begin() + at, vocab[pick(rng)]); break;
        default: doc.erase(doc.begin() + at); break;
      }
    }
    // Case and punctuation changes must not matter.
    if (rng() % 4 == 0) doc[0][0] = static_cast<char>(std::toupper(doc[0][0]));
    words.push_back(doc);
  }
  // Shuffle so copies are not all at the end.
  std::shuffle(words.begin(), words.end(), rng);
  for (const auto& doc : words) {
    std::string t;
    for (size_t i = 0; i < doc.size(); ++i) {
      if (i) t += (i % 17 == 0) ? ". " : " ";
      t += doc[i];
    }
    c.texts.push_back(t);
  }
  return c;
}

// recall: pairs that must be found and end in one cluster. resolved: pairs of which at most
// one document is kept, the dedup outcome that matters (a copy split off from its cluster
// because it is below the threshold to the kept document still has its twin removed).
struct Scores {
  double recall = 1;
  double resolved = 1;
  double precision = 1;
  size_t must_find = 0;
  size_t reported = 0;
};

Scores score(const Corpus& c, const Grouping& g, double t) {
  std::vector<std::set<std::string>> sets;
  for (const auto& text : c.texts) sets.push_back(reference::word_shingle_strings(text, 5));
  Scores s;
  size_t found = 0, resolved = 0;
  for (size_t i = 0; i < sets.size(); ++i) {
    for (size_t j = i + 1; j < sets.size(); ++j) {
      if (reference::exact_jaccard(sets[i], sets[j]) < t + 0.05) continue;
      ++s.must_find;
      found += g.cluster_of[i] == g.cluster_of[j];
      resolved += g.kept_of[i] != i || g.kept_of[j] != j;
    }
  }
  size_t good = 0;
  for (size_t d = 0; d < sets.size(); ++d) {
    if (g.kept_of[d] == d) continue;
    ++s.reported;
    good += reference::exact_jaccard(sets[d], sets[g.kept_of[d]]) >= t - 0.15;
  }
  s.recall = s.must_find ? static_cast<double>(found) / s.must_find : 1.0;
  s.resolved = s.must_find ? static_cast<double>(resolved) / s.must_find : 1.0;
  s.precision = s.reported ? static_cast<double>(good) / s.reported : 1.0;
  return s;
}

Grouping run(const Corpus& c, const DedupOptions& options) {
  std::vector<std::string_view> views(c.texts.begin(), c.texts.end());
  auto g = dedup_texts(views, options);
  EXPECT_TRUE(g.ok()) << g.status().message();
  return std::move(g).value();
}

struct Case {
  const char* name;
  DedupMethod method;
  SketchKind sketch;
  VerifyMode verify;
  double threshold;
};

class NearDupQuality : public ::testing::TestWithParam<Case> {};

TEST_P(NearDupQuality, RecallAndPrecisionAgainstBruteForce) {
  const Case& k = GetParam();
  for (uint64_t seed : {11u, 12u}) {
    SCOPED_TRACE(std::string(k.name) + " seed " + std::to_string(seed));
    const Corpus c = planted_corpus(seed, 150, 150);
    DedupOptions o;
    o.method = k.method;
    o.sketch = k.sketch;
    o.verify = k.verify;
    o.threshold = k.threshold;
    o.ngram = 5;
    o.seed = seed;
    const Scores s = score(c, run(c, o), k.threshold);
    RecordProperty("recall", std::to_string(s.recall));
    EXPECT_GE(s.must_find, 30u) << "the corpus must plant enough pairs to measure";
    EXPECT_GE(s.resolved, 0.95) << s.must_find << " pairs must be found";
    EXPECT_GE(s.recall, 0.9) << s.must_find << " pairs must be found";
    EXPECT_GE(s.precision, 0.95) << s.reported << " documents reported";
    EXPECT_GT(s.reported, 0u);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Methods, NearDupQuality,
    ::testing::Values(
        Case{"minhash_08", DedupMethod::kMinHash, SketchKind::kClassic, VerifyMode::kEstimate, 0.8},
        Case{"minhash_07", DedupMethod::kMinHash, SketchKind::kClassic, VerifyMode::kEstimate, 0.7},
        Case{"minhash_09", DedupMethod::kMinHash, SketchKind::kClassic, VerifyMode::kEstimate, 0.9},
        Case{"minhash_exact_verify", DedupMethod::kMinHash, SketchKind::kClassic, VerifyMode::kExact, 0.8},
        Case{"oph_08", DedupMethod::kMinHash, SketchKind::kOnePermutation, VerifyMode::kEstimate, 0.8}),
    [](const auto& info) { return std::string(info.param.name); });

// SimHash approximates cosine, not Jaccard, and is noisier on short texts: checked at its
// default (k = 10, 5-word shingles) on news-length documents (300-600 words) against pairs with
// 5-shingle Jaccard >= 0.85, with the precision bar at 0.8 - 0.15.
TEST(NearDupQualitySimHash, DefaultsFindClosePairs) {
  const Corpus c = planted_corpus(21, 150, 150, 300, 600);
  DedupOptions o;
  o.method = DedupMethod::kSimHash;
  const Scores s = score(c, run(c, o), 0.8);
  EXPECT_GE(s.must_find, 30u);
  EXPECT_GE(s.resolved, 0.9) << s.must_find;
  EXPECT_GE(s.precision, 0.95) << s.reported;
}

// Exact dedup must group exactly the documents with equal normalised text.
TEST(NearDupQualityExact, GroupsExactlyEqualNormalisedTexts) {
  Corpus c = planted_corpus(31, 100, 0);
  c.texts.push_back(c.texts[3]);
  c.texts.push_back("  " + c.texts[5] + "!!");
  DedupOptions o;
  const Grouping g = run(c, o);
  for (size_t i = 0; i < c.texts.size(); ++i) {
    for (size_t j = i + 1; j < c.texts.size(); ++j) {
      const bool same = reference::word_shingle_strings(c.texts[i], 1000) ==
                        reference::word_shingle_strings(c.texts[j], 1000);
      EXPECT_EQ(g.cluster_of[i] == g.cluster_of[j], same) << i << " " << j;
    }
  }
  EXPECT_EQ(g.kept_of[100], 3u);
  EXPECT_EQ(g.kept_of[101], 5u);
}

// Output does not depend on the thread count.
TEST(NearDupQualityThreads, SameGroupingForAnyThreadCount) {
  const Corpus c = planted_corpus(41, 100, 100);
  for (DedupMethod m : {DedupMethod::kExact, DedupMethod::kMinHash, DedupMethod::kSimHash}) {
    DedupOptions o;
    o.method = m;
    o.threads = 1;
    const Grouping one = run(c, o);
    o.threads = 3;
    const Grouping three = run(c, o);
    EXPECT_EQ(one.cluster_of, three.cluster_of);
    EXPECT_EQ(one.kept_of, three.kept_of);
    EXPECT_EQ(one.similarity, three.similarity);
  }
}

}  // namespace
}  // namespace docsift
