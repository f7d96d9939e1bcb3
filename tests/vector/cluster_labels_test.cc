#include "vector/cluster_labels.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>
#include <random>
#include <set>

#include "reference/toy_corpus.h"
#include "vector/cluster.h"

namespace docsift {
namespace {

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  std::vector<TokenizedText> tokens;
  std::vector<int32_t> cluster;
  void finish() {
    views.assign(texts.begin(), texts.end());
    tokens.clear();
    for (const auto& t : texts) tokens.push_back(reference::whitespace_tokens(t));
  }
};

// Two topics; every document of topic 0 says "Tony Blair" three times, of topic 1 "mobile phone".
Corpus phrase_corpus() {
  const std::vector<std::vector<std::string>> topic = {
      {"labour", "election", "minister", "party", "vote", "campaign", "policy", "parliament"},
      {"network", "handset", "operators", "software", "signal", "battery", "screen", "users"}};
  const std::vector<std::string> phrase = {"Tony Blair", "mobile phone"};
  const std::vector<std::string> shared = {"said", "year", "people", "new", "also", "week"};
  std::mt19937_64 rng(5);
  Corpus c;
  for (int i = 0; i < 80; ++i) {
    const int t = i % 2;
    std::vector<std::string> words;
    for (int w = 0; w < 60; ++w)
      words.push_back(rng() % 10 < 7 ? topic[t][rng() % 8] : shared[rng() % 6]);
    for (int p = 0; p < 8; ++p) words.insert(words.begin() + rng() % words.size(), phrase[t]);
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    c.texts.push_back(text);
    c.cluster.push_back(t);
  }
  c.finish();
  return c;
}

TEST(ClusterLabels, FrequentPairReplacesItsWord) {
  const Corpus c = phrase_corpus();
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, TfidfOptions{});
  ASSERT_TRUE(m.ok()) << m.status().message();
  const auto labels = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 2);
  const std::vector<std::string> want = {"Tony Blair", "mobile phone"};
  for (size_t k = 0; k < 2; ++k) {
    SCOPED_TRACE(::testing::PrintToString(labels[k].surface));
    ASSERT_EQ(labels[k].surface.size(), 5u);
    EXPECT_EQ(std::count(labels[k].surface.begin(), labels[k].surface.end(), want[k]), 1);
    // Words followed by random words stay single; neither word of the pair is a label alone.
    for (size_t i = 0; i < labels[k].terms.size(); ++i) {
      const std::string& t = labels[k].terms[i];
      if (labels[k].surface[i] == want[k]) continue;
      EXPECT_EQ(t.find(' '), std::string::npos) << t;
      EXPECT_EQ(want[k].find(labels[k].surface[i]), std::string::npos) << t;
    }
  }
  // The same labels when the texts are tokenised inside (ICU) instead of given tokens.
  const auto again = cluster_labels(*m, c.views, {}, NormalizeOptions{}, c.cluster, 2);
  for (size_t k = 0; k < 2; ++k) EXPECT_EQ(again[k].surface, labels[k].surface);
  // Without texts there are no phrases.
  const auto plain = cluster_labels(*m, {}, {}, {}, c.cluster, 2);
  for (size_t k = 0; k < 2; ++k)
    for (const auto& t : plain[k].terms) EXPECT_EQ(t.find(' '), std::string::npos) << t;
}

TEST(ClusterLabels, PairNeedsTheShareOfItsWords) {
  // "tony blair" holds a third of the occurrences of "tony" and of "blair": no phrase.
  Corpus c = phrase_corpus();
  for (size_t i = 0; i < c.texts.size(); i += 2) {
    std::string& t = c.texts[i];
    const char* kinds[] = {"Tony labour", "vote Blair", "Tony blair"};  // lower case: not found
    size_t at = 0;
    for (int j = 0; (at = t.find("Tony Blair", at)) != std::string::npos; ++j)
      t.replace(at, 10, kinds[j % 3]);
  }
  c.finish();
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, TfidfOptions{});
  ASSERT_TRUE(m.ok()) << m.status().message();
  const auto labels = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 2);
  for (const auto& s : labels[0].surface) EXPECT_EQ(s.find(' '), std::string::npos) << s;
  EXPECT_EQ(std::count(labels[1].surface.begin(), labels[1].surface.end(), "mobile phone"), 1);
}

// Topics here share no words: per-community max_df would take each topic for a language.
TfidfOptions all_terms() {
  TfidfOptions opt;
  opt.max_df = 1.0;
  opt.max_df_per_community = false;
  return opt;
}

// Naive c-TF-IDF of the header's formula, from the documents' term counts.
std::map<std::string, double> reference_scores(const TfidfMatrix& m,
                                               std::span<const int32_t> assignment, size_t k,
                                               int32_t cluster) {
  const size_t vocab = m.terms.size();
  std::vector<double> f(vocab, 0), tf(vocab, 0), df(vocab, 0), df_in(vocab, 0);
  double total = 0;
  for (Eigen::Index r = 0; r < m.rows.rows(); ++r)
    for (int32_t p = m.rows.outerIndexPtr()[r]; p < m.rows.outerIndexPtr()[r + 1]; ++p) {
      const auto t = static_cast<size_t>(m.rows.innerIndexPtr()[p]);
      f[t] += m.counts[p];
      df[t] += 1;
      total += m.counts[p];
      if (assignment[static_cast<size_t>(r)] == cluster) {
        tf[t] += m.counts[p];
        df_in[t] += 1;
      }
    }
  const double a = total / static_cast<double>(k);
  std::map<std::string, double> w;
  double sum = 0;
  for (size_t t = 0; t < vocab; ++t) {
    if (tf[t] == 0) continue;
    const double v = std::sqrt(tf[t]) * std::log(1 + a / f[t]) * df_in[t] / df[t];
    if (v > 0) w[m.terms[t]] = v;
    sum += v;
  }
  for (auto& [term, v] : w) v /= sum;
  return w;
}

TEST(ClusterLabels, ScoresMatchNaiveFormula) {
  // Three topics plus "year" in 45% of all documents: spread evenly, so never a label.
  std::mt19937_64 rng(9);
  Corpus c;
  for (int i = 0; i < 120; ++i) {
    const int t = i % 3;
    std::string text;
    for (int w = 0; w < 40; ++w)
      text += "w" + std::to_string(t) + "x" + std::to_string(rng() % 12 * (rng() % 3)) + " ";
    if (rng() % 100 < 45)
      for (int y = 0; y < 8; ++y) text += "year ";
    c.texts.push_back(text);
    c.cluster.push_back(t);
  }
  c.finish();
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, all_terms());
  ASSERT_TRUE(m.ok()) << m.status().message();
  LabelOptions opt;
  opt.mmr_lambda = 1;     // scores alone
  opt.phrase_sample = 0;  // no phrases
  opt.num_labels = 6;
  const auto labels = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 3, opt);
  for (int32_t k = 0; k < 3; ++k) {
    const auto want = reference_scores(*m, c.cluster, 3, k);
    std::vector<std::pair<double, std::string>> ranked;
    for (const auto& [term, v] : want) ranked.emplace_back(-v, term);
    std::sort(ranked.begin(), ranked.end());
    ASSERT_EQ(labels[k].terms.size(), 6u);
    for (size_t i = 0; i < 6; ++i) {
      EXPECT_EQ(labels[k].terms[i], ranked[i].second);
      EXPECT_NEAR(labels[k].scores[i], -ranked[i].first, 1e-9);
      EXPECT_NE(labels[k].terms[i], "year");
    }
  }
}

TEST(ClusterLabels, NeverALinkPartHandleOrHash) {
  // Each cluster's most distinctive tokens are its source's signature, in every member (the
  // matrix keeps them: drop_links off); its topic words come next.
  const std::vector<std::vector<std::string>> topic = {
      {"inflation", "budget", "taxes", "exports", "deficit", "currency"},
      {"football", "coach", "goals", "league", "stadium", "referee"}};
  const std::vector<std::string> signature = {
      "mBgDVq0QTftmY2Ji moscowtop02_bot t.me mash.ru https",
      "AAAAB3NzaC1yc2E shot_news_bot www baza.com x1y2z3w4"};
  std::mt19937_64 rng(17);
  Corpus c;
  for (int i = 0; i < 60; ++i) {
    const int t = i % 2;
    std::string text = signature[t];
    for (int w = 0; w < 12; ++w) text += " " + topic[t][rng() % 6];
    c.texts.push_back(text);
    c.cluster.push_back(t);
  }
  c.finish();
  TfidfOptions keep = all_terms();
  keep.drop_links = false;
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, keep);
  ASSERT_TRUE(m.ok()) << m.status().message();
  for (const char* t : {"mbgdvq0qtftmy2ji", "moscowtop02_bot", "t.me", "https"})
    EXPECT_NE(std::find(m->terms.begin(), m->terms.end(), t), m->terms.end()) << t;
  LabelOptions opt;
  opt.num_labels = 6;
  const auto labels = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 2, opt);
  for (int t = 0; t < 2; ++t) {
    ASSERT_EQ(labels[t].terms.size(), 6u) << t;
    const std::set<std::string> got(labels[t].terms.begin(), labels[t].terms.end());
    EXPECT_EQ(got, std::set<std::string>(topic[t].begin(), topic[t].end()))
        << ::testing::PrintToString(labels[t].surface);
  }
}

TEST(ClusterLabels, MmrSkipsATermAlwaysFoundWithAChosenOne) {
  // "alpha" and "alphas" are in the same half of the documents of cluster 0, more often than
  // anything else;
  // eight of a0..a29 in each.
  std::mt19937_64 rng(3);
  Corpus c;
  for (int i = 0; i < 80; ++i) {
    const int t = i % 2;
    std::string text = t == 1 ? "omega omegas " : i % 4 == 0 ? "alpha alphas alpha alphas " : "";
    std::vector<int> words(30);
    std::iota(words.begin(), words.end(), 0);
    std::shuffle(words.begin(), words.end(), rng);
    for (int w = 0; w < 8; ++w) text += (t ? "o" : "a") + std::to_string(words[w]) + " ";
    c.texts.push_back(text);
    c.cluster.push_back(t);
  }
  c.finish();
  Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, all_terms());
  ASSERT_TRUE(m.ok()) << m.status().message();
  LabelOptions opt;
  opt.num_labels = 3;
  opt.phrase_sample = 0;  // "alpha alphas" would be a phrase
  opt.mmr_lambda = 1;
  const auto plain = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 2, opt);
  const std::set<std::string> top2(plain[0].terms.begin(), plain[0].terms.begin() + 2);
  EXPECT_EQ(top2, (std::set<std::string>{"alpha", "alphas"}));
  opt.mmr_lambda = 0.5;
  const auto diverse = cluster_labels(*m, c.views, c.tokens, {}, c.cluster, 2, opt);
  ASSERT_EQ(diverse[0].terms.size(), 3u);
  const std::set<std::string> chosen(diverse[0].terms.begin(), diverse[0].terms.end());
  EXPECT_EQ(chosen.count("alpha") + chosen.count("alphas"), 1u);
}

// A corpus written by tools/programs/gen_topics (built with the tests).
Corpus generated_corpus(const std::string& flags, std::vector<std::string>* langs) {
  const std::string cmd = std::string(DOCSIFT_BINARY_DIR) + "/gen_topics " + flags;
  Corpus c;
  std::FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return c;
  std::string line;
  char buf[1 << 16];
  while (std::fgets(buf, sizeof buf, pipe)) {
    line += buf;
    if (line.back() != '\n') continue;
    // {"id":"..","text":"..","topic":"..","lang":".."}: texts hold no quotes or escapes.
    auto field = [&](const std::string& name) {
      const size_t b = line.find("\"" + name + "\":\"") + name.size() + 4;
      return line.substr(b, line.find('"', b) - b);
    };
    c.texts.push_back(field("text"));
    langs->push_back(field("lang"));
    line.clear();
  }
  pclose(pipe);
  c.finish();
  return c;
}

TEST(ClusterLabels, NoLabelAmongALanguagesMostFrequentWords) {
  std::vector<std::string> langs;
  Corpus c = generated_corpus("--docs 2400 --seed 11", &langs);
  ASSERT_EQ(c.texts.size(), 2400u) << "build gen_topics (tools/programs) first";
  // The 20 words of highest document frequency in each language.
  Tokenizer tokenizer;
  TokenizedText t;
  std::map<std::string, std::map<std::string, size_t>> df;
  for (size_t d = 0; d < c.texts.size(); ++d) {
    tokenizer.tokenize(c.texts[d], t);
    std::set<std::string> seen;
    for (size_t i = 0; i < t.size(); ++i) seen.emplace(t.norm(i));
    for (const auto& w : seen) ++df[langs[d]][w];
  }
  ASSERT_EQ(df.size(), 3u);
  std::set<std::string> frequent;
  for (const auto& [lang, counts] : df) {
    std::vector<std::pair<size_t, std::string>> by_df;
    for (const auto& [w, n] : counts) by_df.emplace_back(n, w);
    std::sort(by_df.rbegin(), by_df.rend());
    for (size_t i = 0; i < 20; ++i) frequent.insert(by_df[i].second);
  }
  // Topics (k = 8: clusters mix languages) and topics per language (k = 24). Not with
  // --global-max-df: function words of a language then stay in the vocabulary, and when
  // k-means splits by language (k = 8) they describe the cluster well ("және").
  for (size_t k : {8, 24}) {
    SCOPED_TRACE("k " + std::to_string(k));
    ClusterOptions opt;
    opt.kmeans.k = k;
    opt.tfidf.threads = opt.kmeans.threads = 2;
    Result<ClusterResult> r = cluster_documents(c.views, NormalizeOptions{}, opt);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->clusters.size(), k);
    for (const auto& s : r->clusters)
      for (const auto& term : s.label_terms) {
        EXPECT_EQ(frequent.count(term.substr(0, term.find(' '))), 0u)
            << term << " in " << ::testing::PrintToString(s.label_terms);
        if (term.find(' ') != std::string::npos) {
          EXPECT_EQ(frequent.count(term.substr(term.find(' ') + 1)), 0u) << term;
        }
      }
    // Same labels on one thread.
    opt.tfidf.threads = opt.kmeans.threads = 1;
    Result<ClusterResult> one = cluster_documents(c.views, NormalizeOptions{}, opt);
    ASSERT_TRUE(one.ok());
    for (size_t i = 0; i < k; ++i) EXPECT_EQ(one->clusters[i].labels, r->clusters[i].labels);
  }
}

}  // namespace
}  // namespace docsift
