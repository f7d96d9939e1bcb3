#include "vector/cluster.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "test_data.h"
#include "vector/cluster_labels.h"
#include "vector/cluster_metrics.h"
#include "vector/silhouette.h"

namespace docsift {
namespace {

std::vector<int64_t> clusters_of(const ClusterResult& r) {
  std::vector<int64_t> out;
  for (const auto& d : r.docs) out.push_back(d.cluster);
  return out;
}

TEST(ClusterDocuments, RecoversPlantedTopicsWithLabels) {
  const testing::ToyData d = testing::toy_data(8, 40, 100, 5);
  ClusterOptions opt;
  opt.kmeans.k = 8;
  opt.tfidf.ngram = 2;
  Result<ClusterResult> r = cluster_documents(d.views, d.tokens, opt);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_GE(cluster_scores(d.corpus.topic, clusters_of(*r)).v_measure, 0.9);
  ASSERT_EQ(r->clusters.size(), 8u);
  std::set<std::string> all_labels;
  size_t total = 0;
  for (size_t c = 0; c < r->clusters.size(); ++c) {
    const ClusterSummary& s = r->clusters[c];
    SCOPED_TRACE("cluster " + std::to_string(c));
    total += s.size;
    if (c > 0) {
      EXPECT_LE(s.size, r->clusters[c - 1].size);
    }
    ASSERT_EQ(s.labels.size(), 5u);
    // The majority topic of the cluster supplies its labels (its words or its entity name).
    std::vector<size_t> votes(8, 0);
    for (size_t i = 0; i < d.views.size(); ++i)
      if (r->docs[i].cluster == static_cast<int32_t>(c)) ++votes[d.corpus.topic[i]];
    const size_t topic = std::max_element(votes.begin(), votes.end()) - votes.begin();
    const auto& words = d.corpus.topic_words[topic];
    for (const std::string& label : s.labels) {
      all_labels.insert(label);
      bool planted = label.find(d.corpus.entity[topic]) != std::string::npos;
      for (const auto& w : words) planted = planted || label.find(w) != std::string::npos;
      EXPECT_TRUE(planted) << label;
    }
    // Representative: the member closest to the centroid.
    EXPECT_EQ(r->docs[s.representative].cluster, static_cast<int32_t>(c));
    for (const auto& doc : r->docs)
      if (doc.cluster == static_cast<int32_t>(c)) {
        EXPECT_LE(doc.score, s.representative_score);
      }
  }
  EXPECT_EQ(total, d.views.size());
  EXPECT_EQ(all_labels.size(), 8u * 5u);  // no label repeated across clusters
  // The capitalised entity names keep their spelling.
  bool has_entity = false;
  for (const auto& c : r->clusters)
    for (const auto& l : c.labels)
      has_entity = has_entity || std::find(d.corpus.entity.begin(), d.corpus.entity.end(), l) !=
                                     d.corpus.entity.end();
  EXPECT_TRUE(has_entity);
}

TEST(ClusterDocuments, ChoosesPlantedKAutomatically) {
  const testing::ToyData d = testing::toy_data(4, 50, 80, 8);
  ClusterOptions opt;
  opt.kmeans.k = 0;
  opt.k_max = 10;
  Result<ClusterResult> r = cluster_documents(d.views, d.tokens, opt);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->k, 4u);
  ASSERT_EQ(r->k_curve.size(), 9u);  // k = 2..10
  EXPECT_EQ(r->k_curve.front().first, 2u);
  for (const auto& [k, score] : r->k_curve) {
    EXPECT_GE(score, -1.0);
    EXPECT_LE(score, 1.0);
  }
  EXPECT_GE(cluster_scores(d.corpus.topic, clusters_of(*r)).v_measure, 0.9);
}

TEST(ClusterDocuments, DeterministicAcrossThreads) {
  const testing::ToyData d = testing::toy_data(5, 120, 60, 13);
  ClusterOptions opt;
  opt.kmeans.k = 5;
  opt.kmeans.threads = opt.tfidf.threads = 1;
  Result<ClusterResult> a = cluster_documents(d.views, d.tokens, opt);
  opt.kmeans.threads = opt.tfidf.threads = 3;
  Result<ClusterResult> b = cluster_documents(d.views, d.tokens, opt);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_EQ(a->clusters.size(), b->clusters.size());
  for (size_t i = 0; i < a->docs.size(); ++i) {
    EXPECT_EQ(a->docs[i].cluster, b->docs[i].cluster);
    EXPECT_EQ(a->docs[i].score, b->docs[i].score);
  }
  for (size_t c = 0; c < a->clusters.size(); ++c) {
    EXPECT_EQ(a->clusters[c].labels, b->clusters[c].labels);
    EXPECT_EQ(a->clusters[c].representative, b->clusters[c].representative);
  }
}

TEST(ClusterDocuments, DocumentWithoutTermsGetsMinusOne) {
  // Twenty English documents on two topics and one Russian one: its words are all hapaxes.
  std::vector<std::string> texts;
  for (int i = 0; i < 20; ++i)
    texts.push_back(i % 2 ? "wheat harvest farm rain wheat field"
                          : "solar panel grid storage volt");
  texts.insert(texts.begin() + 7, "Отчёт о совещании по бюджету");
  std::vector<std::string_view> views(texts.begin(), texts.end());
  ClusterOptions opt;
  opt.kmeans.k = 2;
  Result<ClusterResult> r = cluster_documents(views, NormalizeOptions{}, opt);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->docs_without_terms, 1u);
  EXPECT_EQ(r->docs[7].cluster, -1);
  EXPECT_EQ(r->docs[7].score, 0.0f);
  ASSERT_EQ(r->clusters.size(), 2u);
  EXPECT_EQ(r->clusters[0].size + r->clusters[1].size, 20u);
  for (size_t i = 0; i < views.size(); ++i)
    if (i != 7) {
      EXPECT_GE(r->docs[i].cluster, 0);
    }
  for (const auto& c : r->clusters) EXPECT_NE(c.representative, 7u);
  // k larger than the documents with terms is refused, naming them.
  opt.kmeans.k = 21;
  Result<ClusterResult> too_many = cluster_documents(views, NormalizeOptions{}, opt);
  ASSERT_FALSE(too_many.ok());
  EXPECT_NE(too_many.status().message().find("only 20 of 21 documents have terms"),
            std::string::npos)
      << too_many.status().message();
}

TEST(ClusterDocuments, AutoKOnSmallInputSaysWhatToPass) {
  const testing::ToyData d = testing::toy_data(2, 4, 30, 3);  // 8 documents
  ClusterOptions opt;
  opt.kmeans.k = 0;
  Result<ClusterResult> r = cluster_documents(d.views, d.tokens, opt);
  ASSERT_FALSE(r.ok());
  const std::string& msg = r.status().message();
  EXPECT_NE(msg.find("needs at least 10 documents with terms"), std::string::npos) << msg;
  EXPECT_NE(msg.find("the input has 8 documents"), std::string::npos) << msg;
  EXPECT_NE(msg.find("--k N with 2 <= N <= 8"), std::string::npos) << msg;
  // With ten documents it runs (k = 2 is the only candidate).
  const testing::ToyData ten = testing::toy_data(2, 5, 30, 3);
  Result<ClusterResult> ok = cluster_documents(ten.views, ten.tokens, opt);
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->k, 2u);
}

TEST(Silhouette, MatchesDirectComputation) {
  const testing::ToyData d = testing::toy_data(3, 30, 40, 2);
  Result<TfidfMatrix> m = build_tfidf(d.views, d.tokens, TfidfOptions{});
  ASSERT_TRUE(m.ok());
  const std::vector<size_t> rows = silhouette_sample(m->rows, 50, 7);
  ASSERT_EQ(rows.size(), 50u);
  const Eigen::MatrixXf gram = sample_similarities(m->rows, rows, 2);
  std::vector<int32_t> labels;
  for (size_t r : rows) labels.push_back(static_cast<int32_t>(d.corpus.topic[r] % 2));
  // Direct definition with dense dot products.
  const Eigen::MatrixXf x = Eigen::MatrixXf(m->rows);
  double total = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    double own = 0, other = 0, n_own = 0, n_other = 0;
    for (size_t j = 0; j < rows.size(); ++j) {
      if (i == j) continue;
      const double dist = 1 - x.row(rows[i]).dot(x.row(rows[j]));
      if (labels[i] == labels[j])
        own += dist, ++n_own;
      else
        other += dist, ++n_other;
    }
    const double a = own / n_own, b = other / n_other;
    total += (b - a) / std::max(a, b);
  }
  EXPECT_NEAR(mean_silhouette(gram, labels), total / rows.size(), 1e-5);
}

TEST(Labels, NoTwoLabelsShareAWord) {
  // One cluster whose strongest terms are "solar", "panel" and the pair "solar panel".
  std::vector<std::string> texts;
  for (int i = 0; i < 6; ++i) texts.push_back("solar panel solar panel grid storage the and");
  for (int i = 0; i < 6; ++i) texts.push_back("wheat harvest wheat harvest farm rain the and");
  std::vector<std::string_view> views(texts.begin(), texts.end());
  std::vector<TokenizedText> tokens;
  for (const auto& t : texts) tokens.push_back(reference::whitespace_tokens(t));
  TfidfOptions topt;
  topt.ngram = 2;
  topt.max_df = 0.6;
  Result<TfidfMatrix> m = build_tfidf(views, tokens, topt);
  ASSERT_TRUE(m.ok());
  std::vector<int32_t> assignment(12);
  for (int i = 6; i < 12; ++i) assignment[i] = 1;
  LabelOptions lopt;
  lopt.num_labels = 3;
  const auto labels = cluster_labels(*m, views, tokens, {}, assignment, 2, lopt);
  for (const auto& cluster : labels) {
    const std::vector<std::string>& terms = cluster.terms;
    SCOPED_TRACE(::testing::PrintToString(terms));
    // Four words: two or three labels without a shared word ("panel", "solar", "grid storage").
    ASSERT_GE(terms.size(), 2u);
    ASSERT_LE(terms.size(), 3u);
    std::set<std::string> words;
    for (const std::string& t : terms) {
      const size_t space = t.find(' ');
      EXPECT_TRUE(words.insert(t.substr(0, space)).second);
      if (space != std::string::npos) {
        EXPECT_TRUE(words.insert(t.substr(space + 1)).second);
      }
    }
    for (size_t i = 1; i < cluster.scores.size(); ++i)
      EXPECT_LE(cluster.scores[i], cluster.scores[i - 1]);
  }
}

}  // namespace
}  // namespace docsift
