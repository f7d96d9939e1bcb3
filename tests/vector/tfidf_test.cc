#include "vector/tfidf.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "reference/tfidf_reference.h"
#include "reference/toy_corpus.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  std::vector<TokenizedText> tokens;
  std::vector<std::vector<std::string>> forms;
};

Corpus make(std::vector<std::string> texts) {
  Corpus c;
  c.texts = std::move(texts);
  for (const auto& t : c.texts) {
    c.views.push_back(t);
    c.tokens.push_back(reference::whitespace_tokens(t));
    std::vector<std::string> f;
    for (size_t i = 0; i < c.tokens.back().size(); ++i) f.emplace_back(c.tokens.back().norm(i));
    c.forms.push_back(std::move(f));
  }
  return c;
}

// Random documents over a small vocabulary (with numbers and mixed case) so every pruning rule
// is exercised.
Corpus random_corpus(uint64_t seed, size_t docs) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> vocab = {"alpha", "Beta", "gamma", "delta", "eps",   "2024",
                                          "zeta",  "ETA",  "theta", "iota",  "kappa", "7",
                                          "lam",   "mu",   "nu",    "xi",    "Alpha", "x1"};
  std::vector<std::string> texts;
  for (size_t d = 0; d < docs; ++d) {
    std::string t;
    const size_t len = rng() % 30;
    for (size_t w = 0; w < len; ++w) {
      // Skewed so that some words pass max_df and some fail min_df.
      const size_t i = static_cast<size_t>(vocab.size() * std::pow((rng() % 1000) / 1000.0, 2));
      t += vocab[i] + " ";
    }
    texts.push_back(t);
  }
  return make(texts);
}

void expect_matches_reference(const Corpus& c, const TfidfOptions& opt) {
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, opt);
  const reference::DenseTfidf ref = reference::dense_tfidf(c.forms, opt);
  if (ref.terms.empty()) {
    EXPECT_FALSE(m.ok());
    return;
  }
  ASSERT_TRUE(m.ok()) << m.status().message();
  ASSERT_EQ(m->terms, ref.terms);
  ASSERT_EQ(m->rows.rows(), static_cast<Eigen::Index>(c.texts.size()));
  for (size_t j = 0; j < ref.idf.size(); ++j) EXPECT_NEAR(m->idf[j], ref.idf[j], 1e-5);
  const Eigen::MatrixXf dense = Eigen::MatrixXf(m->rows);
  for (size_t i = 0; i < ref.rows.size(); ++i)
    for (size_t j = 0; j < ref.terms.size(); ++j)
      ASSERT_NEAR(dense(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)), ref.rows[i][j],
                  1e-5)
          << "doc " << i << " term " << ref.terms[j];
}

TEST(Tfidf, MatchesDenseReference) {
  for (uint64_t seed : {1, 2, 3}) {
    const Corpus c = random_corpus(seed, 40);
    for (unsigned ngram : {1u, 2u})
      for (bool sublinear : {true, false})
        for (bool smooth : {true, false})
          for (auto [min_df, max_df] : {std::pair{2.0, 0.5}, {1.0, 1.0}, {0.1, 0.9}, {3.0, 25.0}}) {
            TfidfOptions opt;
            opt.ngram = ngram;
            opt.sublinear_tf = sublinear;
            opt.smooth_idf = smooth;
            opt.min_df = min_df;
            opt.max_df = max_df;
            opt.threads = 2;
            SCOPED_TRACE("seed " + std::to_string(seed) + " ngram " + std::to_string(ngram) +
                         " sublinear " + std::to_string(sublinear) + " smooth " +
                         std::to_string(smooth) + " min_df " + std::to_string(min_df) + " max_df " +
                         std::to_string(max_df));
            expect_matches_reference(c, opt);
          }
  }
}

TEST(Tfidf, KeepsNumbersWhenAsked) {
  const Corpus c = random_corpus(9, 30);
  TfidfOptions opt;
  opt.drop_numbers = false;
  opt.max_df = 1.0;
  opt.min_df = 1;
  expect_matches_reference(c, opt);
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(m.ok());
  EXPECT_NE(std::find(m->terms.begin(), m->terms.end(), "2024"), m->terms.end());
  opt.drop_numbers = true;
  m = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(std::find(m->terms.begin(), m->terms.end(), "2024"), m->terms.end());
  EXPECT_NE(std::find(m->terms.begin(), m->terms.end(), "x1"), m->terms.end());
}

TEST(Tfidf, DropsLinksHandlesAndHashLikeTokens) {
  const std::vector<std::string> texts = {
      "Prices rose. Read more: https://mash.ru/news/101?ref=mBgDVq0QTftmY2Ji @mash_bot",
      "Prices fell. Subscribe t.me/mash_channel and write news@mash.ru mBgDVq0QTftmY2Ji",
      "Prices held. Read more: https://mash.ru/news/102?ref=mBgDVq0QTftmY2Ji @mash_bot"};
  const std::vector<std::string_view> views(texts.begin(), texts.end());
  TfidfOptions opt;
  opt.min_df = 1;
  opt.max_df = 1.0;
  opt.ngram = 2;
  auto has = [](const TfidfMatrix& m, const std::string& term) {
    return std::find(m.terms.begin(), m.terms.end(), term) != m.terms.end();
  };
  Result<TfidfMatrix> m = build_tfidf(views, NormalizeOptions{}, opt);
  ASSERT_TRUE(m.ok()) << m.status().message();
  // Forms keep letters and digits only: "mash.ru" is "mashru", "@mash_bot" "mashbot".
  for (const char* t : {"https", "mashru", "news", "ref", "mbgdvq0qtftmy2ji", "mashbot", "tme",
                        "mashchannel", "more https", "subscribe tme"})
    EXPECT_FALSE(has(*m, t)) << t;
  for (const char* t : {"prices", "rose", "read", "more", "read more", "subscribe", "write"})
    EXPECT_TRUE(has(*m, t)) << t;
  opt.drop_links = false;
  m = build_tfidf(views, NormalizeOptions{}, opt);
  ASSERT_TRUE(m.ok());
  for (const char* t : {"https", "mashru", "news", "mbgdvq0qtftmy2ji", "more https"})
    EXPECT_TRUE(has(*m, t)) << t;
}

TEST(Tfidf, SurfaceIsMostFrequentSpelling) {
  const Corpus c = make({"Kazakhstan signed UNIDO deal", "Kazakhstan and unido", "kazakhstan Bank",
                         "the Kazakhstan UNIDO bank", "bank bank Bank"});
  TfidfOptions opt;
  opt.min_df = 1;
  opt.max_df = 1.0;
  opt.ngram = 2;
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(m.ok());
  std::map<std::string, std::string> surface;
  for (size_t j = 0; j < m->terms.size(); ++j) surface[m->terms[j]] = m->surface[j];
  EXPECT_EQ(surface["kazakhstan"], "Kazakhstan");
  EXPECT_EQ(surface["unido"], "UNIDO");
  EXPECT_EQ(surface["bank"], "bank");  // 3 "bank" against 2 "Bank"
  EXPECT_EQ(surface["kazakhstan signed"], "Kazakhstan signed");
  EXPECT_EQ(surface["signed unido"], "signed UNIDO");
  EXPECT_EQ(surface["and unido"], "and unido");
}

void expect_same_matrix(const TfidfMatrix& a, const TfidfMatrix& b) {
  EXPECT_EQ(a.terms, b.terms);
  EXPECT_EQ(a.surface, b.surface);
  EXPECT_EQ(a.df, b.df);
  EXPECT_EQ(a.idf, b.idf);
  EXPECT_EQ(a.counts, b.counts);
  ASSERT_EQ(a.rows.rows(), b.rows.rows());
  ASSERT_EQ(a.rows.nonZeros(), b.rows.nonZeros());
  EXPECT_TRUE(std::equal(a.rows.outerIndexPtr(), a.rows.outerIndexPtr() + a.rows.rows() + 1,
                         b.rows.outerIndexPtr()));
  EXPECT_TRUE(std::equal(a.rows.innerIndexPtr(), a.rows.innerIndexPtr() + a.rows.nonZeros(),
                         b.rows.innerIndexPtr()));
  EXPECT_TRUE(
      std::equal(a.rows.valuePtr(), a.rows.valuePtr() + a.rows.nonZeros(), b.rows.valuePtr()));
}

TEST(Tfidf, IndependentOfThreadCount) {
  const reference::ToyCorpus toy = reference::make_toy_corpus(5, 200, 60, 11);
  const Corpus c = make(toy.texts);
  TfidfOptions opt;
  opt.ngram = 2;
  opt.threads = 1;
  Result<TfidfMatrix> a = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(a.ok());
  for (unsigned threads : {2u, 3u, 8u}) {
    opt.threads = threads;
    Result<TfidfMatrix> b = build_tfidf(c.views, c.tokens, opt);
    ASSERT_TRUE(b.ok());
    expect_same_matrix(*a, *b);
  }
}

TEST(Tfidf, HashingMatchesExactWithoutCollisions) {
  const Corpus c = random_corpus(5, 60);
  TfidfOptions opt;
  opt.ngram = 2;
  Result<TfidfMatrix> exact = build_tfidf(c.views, c.tokens, opt);
  opt.hash_bits = 24;  // ~100 terms in 16M buckets: a collision has probability < 1e-3
  Result<TfidfMatrix> hashed = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(exact.ok());
  ASSERT_TRUE(hashed.ok());
  ASSERT_EQ(exact->terms.size(), hashed->terms.size());
  for (Eigen::Index i = 0; i < exact->rows.rows(); ++i) {
    std::map<std::string, float> e, h;
    for (SparseRows::InnerIterator it(exact->rows, i); it; ++it)
      e[exact->terms[it.index()]] = it.value();
    for (SparseRows::InnerIterator it(hashed->rows, i); it; ++it)
      h[hashed->terms[it.index()]] = it.value();
    EXPECT_EQ(e, h) << "doc " << i;
  }
  // A tiny table forces collisions: counts merge, every row stays unit-norm.
  opt.hash_bits = 3;
  opt.max_df = 1.0;
  hashed = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(hashed.ok());
  EXPECT_LE(hashed->terms.size(), 8u);
  for (Eigen::Index i = 0; i < hashed->rows.rows(); ++i) {
    const float norm = hashed->rows.row(i).norm();
    if (hashed->rows.row(i).nonZeros() > 0) {
      EXPECT_NEAR(norm, 1.0f, 1e-5);
    }
  }
}

TEST(Tfidf, MaxFeaturesKeepsMostFrequent) {
  const Corpus c = random_corpus(4, 50);
  TfidfOptions opt;
  opt.min_df = 1;
  opt.max_df = 1.0;
  Result<TfidfMatrix> all = build_tfidf(c.views, c.tokens, opt);
  opt.max_features = 5;
  Result<TfidfMatrix> top = build_tfidf(c.views, c.tokens, opt);
  ASSERT_TRUE(all.ok() && top.ok());
  ASSERT_EQ(top->terms.size(), 5u);
  std::map<std::string, double> total;
  for (Eigen::Index p = 0; p < all->rows.nonZeros(); ++p)
    total[all->terms[all->rows.innerIndexPtr()[p]]] += all->counts[p];
  double min_kept = 1e300;
  for (const auto& t : top->terms) min_kept = std::min(min_kept, total[t]);
  for (const auto& [term, count] : total)
    if (std::find(top->terms.begin(), top->terms.end(), term) == top->terms.end()) {
      EXPECT_LE(count, min_kept) << term;
    }
}

TEST(Tfidf, RejectsBadInput) {
  const Corpus c = random_corpus(1, 10);
  TfidfOptions opt;
  opt.ngram = 3;
  EXPECT_EQ(build_tfidf(c.views, c.tokens, opt).status().code(), StatusCode::kInvalidArgument);
  opt.ngram = 1;
  opt.min_df = 8;
  opt.max_df = 0.5;  // 5 documents < 8
  EXPECT_EQ(build_tfidf(c.views, c.tokens, opt).status().code(), StatusCode::kInvalidArgument);
  std::vector<std::string_view> short_texts(c.views.begin(), c.views.begin() + 3);
  EXPECT_FALSE(build_tfidf(short_texts, c.tokens, TfidfOptions{}).ok());
  const Corpus empty = make(std::vector<std::string>(10, " 12 , "));  // no words
  EXPECT_EQ(build_tfidf(empty.views, empty.tokens, TfidfOptions{}).status().code(),
            StatusCode::kInvalidInput);
}

// build_tfidf(texts, NormalizeOptions) tokenises on the fly and re-tokenises the documents that
// name terms: it must give exactly the matrix of tokenising everything first, spellings included.
TEST(Tfidf, TokenisingItselfMatchesGivenTokens) {
  std::mt19937_64 rng(3);
  const std::vector<std::string> words = {
      "Bank",     "Bank", "bank", "BANK",  "Central", "central", "Банк",  "банк",  "Ұлттық",
      "ұлттық",   "қала", "Қала", "river", "Astana",  "астана",  "2024",  "don't", "U.S.",
      "ｆｕｌｌ", "full", "ﬁle",  "file",  "рынок",   "Рынок",   "market"};
  std::vector<std::string> texts;
  for (size_t d = 0; d < 300; ++d) {
    std::string t;
    const size_t len = 5 + rng() % 40;
    for (size_t w = 0; w < len; ++w) t += words[rng() % words.size()] + (w % 7 == 6 ? ". " : " ");
    texts.push_back(t);
  }
  texts.push_back("");  // a document without tokens
  std::vector<std::string_view> views(texts.begin(), texts.end());
  Tokenizer tokenizer;
  std::vector<TokenizedText> tokens(texts.size());
  for (size_t i = 0; i < texts.size(); ++i) tokenizer.tokenize(texts[i], tokens[i]);
  for (unsigned ngram : {1u, 2u})
    for (unsigned hash_bits : {0u, 6u})
      for (unsigned threads : {1u, 2u}) {
        SCOPED_TRACE(testing::Message()
                     << "ngram " << ngram << " hash_bits " << hash_bits << " threads " << threads);
        TfidfOptions opt;
        opt.ngram = ngram;
        opt.hash_bits = hash_bits;
        opt.threads = threads;
        opt.max_df = 0.9;
        Result<TfidfMatrix> given = build_tfidf(views, tokens, opt);
        Result<TfidfMatrix> own = build_tfidf(views, NormalizeOptions{}, opt);
        ASSERT_TRUE(given.ok());
        ASSERT_TRUE(own.ok());
        expect_same_matrix(*given, *own);
      }
  // The spellings are real: "Bank" (drawn twice as often as "bank" or "BANK") names the column.
  TfidfOptions opt;
  opt.max_df = 1.0;
  Result<TfidfMatrix> own = build_tfidf(views, NormalizeOptions{}, opt);
  ASSERT_TRUE(own.ok());
  const auto it = std::find(own->terms.begin(), own->terms.end(), "bank");
  ASSERT_NE(it, own->terms.end());
  EXPECT_EQ(own->surface[static_cast<size_t>(it - own->terms.begin())], "Bank");
}

}  // namespace
}  // namespace docsift
