#include "vector/internal/df_communities.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <set>
#include <string>

#include "reference/toy_corpus.h"
#include "vector/tfidf.h"

namespace docsift {
namespace {

// Documents as key lists: language l has 8 function words (keys 100 l + 0..7, each in 97% of
// its documents) and 4 topics of 10 words (100 l + 10 + 10 t + 0..9, each in 30% of the
// topic's documents). Key 999, a loanword, is in 90% of the documents of languages 1 and 2.
struct KeyCorpus {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> keys;
  std::vector<uint32_t> df = std::vector<uint32_t>(1000, 0);
  std::vector<int> lang;
};

KeyCorpus key_corpus(uint64_t seed, size_t docs, const std::vector<double>& lang_share) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0, 1);
  KeyCorpus c;
  for (size_t d = 0; d < docs; ++d) {
    double r = u(rng);
    int l = 0;
    while (l + 1 < static_cast<int>(lang_share.size()) && r >= lang_share[l]) r -= lang_share[l++];
    const int topic = static_cast<int>(rng() % 4);
    auto add = [&](uint32_t k) {
      c.keys.push_back(k);
      ++c.df[k];
    };
    for (uint32_t w = 0; w < 8; ++w)
      if (u(rng) < 0.97) add(100 * l + w);
    for (uint32_t w = 0; w < 10; ++w)
      if (u(rng) < 0.3) add(100 * l + 10 + 10 * topic + w);
    if (l > 0 && u(rng) < 0.9) add(999);
    c.offsets.push_back(c.keys.size());
    c.lang.push_back(l);
  }
  return c;
}

TEST(DfCommunities, FindsEachLanguageAndIgnoresSharedWords) {
  for (uint64_t seed : {1, 2, 3}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const KeyCorpus c = key_corpus(seed, 3000, {0.34, 0.33, 0.33});
    size_t num = 0;
    const std::vector<int32_t> comm =
        detail::document_communities(c.offsets, c.keys, c.df, {}, &num);
    ASSERT_EQ(num, 3u);
    // A one-to-one map between languages and communities, and every document assigned.
    std::map<int, std::set<int32_t>> seen;
    for (size_t d = 0; d < comm.size(); ++d) seen[c.lang[d]].insert(comm[d]);
    std::set<int32_t> all;
    for (auto& [l, s] : seen) {
      ASSERT_EQ(s.size(), 1u) << "language " << l;
      EXPECT_GE(*s.begin(), 0);
      all.insert(*s.begin());
    }
    EXPECT_EQ(all.size(), 3u);
  }
}

TEST(DfCommunities, OneLanguageOrTinyLanguagesGiveNoCommunities) {
  for (uint64_t seed : {4, 5}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    size_t num = 7;
    const KeyCorpus one = key_corpus(seed, 2000, {1.0});
    auto comm = detail::document_communities(one.offsets, one.keys, one.df, {}, &num);
    EXPECT_EQ(num, 0u);
    EXPECT_EQ(std::count(comm.begin(), comm.end(), -1), static_cast<long>(comm.size()));
    // Language 1 has 10 of 2000 documents (below min_docs = 20): a single community remains.
    const KeyCorpus tiny = key_corpus(seed, 2000, {0.995, 0.005});
    comm = detail::document_communities(tiny.offsets, tiny.keys, tiny.df, {}, &num);
    EXPECT_EQ(num, 0u);
  }
  size_t num = 7;
  const std::vector<uint64_t> offsets{0};
  const std::vector<uint32_t> none;
  EXPECT_TRUE(detail::document_communities(offsets, none, none, {}, &num).empty());
  EXPECT_EQ(num, 0u);
}

// Words as text: "f<l>_<w>" function words, "t<l>_<t>_<w>" topic words. Each topic's 8 words
// are in nearly all its documents, so they form a core of their own, nested in their language's
// documents: it must not become a community (its words would then be dropped).
std::vector<std::string> text_corpus(uint64_t seed, size_t docs, size_t langs) {
  std::mt19937_64 rng(seed);
  std::vector<std::string> out;
  for (size_t d = 0; d < docs; ++d) {
    const size_t l = d % langs, topic = rng() % 4;
    std::string text;
    for (int i = 0; i < 40; ++i) {
      const bool function = rng() % 2;
      const size_t w = rng() % 8;
      text += function
                  ? "f" + std::to_string(l) + "_" + std::to_string(w)
                  : "t" + std::to_string(l) + "_" + std::to_string(topic) + "_" + std::to_string(w);
      text += ' ';
    }
    out.push_back(std::move(text));
  }
  return out;
}

TEST(DfCommunities, TfidfDropsFunctionWordsOfEachLanguage) {
  for (size_t langs : {1, 3}) {
    SCOPED_TRACE("languages " + std::to_string(langs));
    const std::vector<std::string> texts = text_corpus(langs, 900, langs);
    std::vector<std::string_view> views(texts.begin(), texts.end());
    std::vector<TokenizedText> tokens;
    for (const auto& t : texts) tokens.push_back(reference::whitespace_tokens(t));
    TfidfOptions on, off;
    off.max_df_per_community = false;
    auto a = build_tfidf(views, tokens, on);
    auto b = build_tfidf(views, tokens, off);
    ASSERT_TRUE(a.ok() && b.ok());
    size_t function_on = 0, function_off = 0;
    for (const auto& t : a->terms) function_on += t[0] == 'f';
    for (const auto& t : b->terms) function_off += t[0] == 'f';
    EXPECT_EQ(function_on, 0u);
    if (langs == 1) {
      EXPECT_EQ(a->num_communities, 0u);
      EXPECT_EQ(a->terms, b->terms);
      EXPECT_EQ(SparseRows(a->rows - b->rows).norm(), 0.0f);
    } else {
      EXPECT_EQ(a->num_communities, 3u);
      EXPECT_EQ(function_off, 8 * langs);  // each in 1/3 of the documents: under max_df
      EXPECT_EQ(a->terms.size(), b->terms.size() - function_off);  // topic words all kept
    }
  }
}

}  // namespace
}  // namespace docsift
