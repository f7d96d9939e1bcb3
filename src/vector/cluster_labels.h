#pragma once
// Cluster labels by class-based TF-IDF (c-TF-IDF, Grootendorst 2022, BERTopic): all documents
// of a cluster are treated as one document. For term t and cluster c,
//   W(t, c) = sqrt(tf(t, c)) * ln(1 + A / f(t)),
// where tf(t, c) is the count of t in cluster c, f(t) its count in the corpus and A the average
// number of (kept) tokens per cluster; each cluster's weights are then L1-normalised so that
// scores compare across clusters. The square root is BERTopic's reduce_frequent_words option:
// without a stop-word list, function words of a language that fill a third of a multilingual
// corpus pass max_df, and raw tf lets them outrank the topic's words. Labels are chosen
// greedily by score over all clusters so that
// a term labels only the cluster where it scores best while another candidate serves the rest,
// and a word pair is skipped when one of its words is already a label of that cluster (and vice
// versa).
//
//   std::vector<ClusterTerms> labels = ctfidf_labels(tfidf, assignment, k, 5);
//   tfidf.surface[labels[0].columns[0]]   // "Kazakhstan", as most often written
//
// Deterministic, whatever the thread count. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vector/tfidf.h"

namespace docsift {

struct ClusterTerms {
  std::vector<int32_t> columns;  // TF-IDF columns of the labels, best first
  std::vector<double> scores;    // their c-TF-IDF weights
};

// One entry per cluster id in [0, k). assignment.size() == tfidf.rows.rows().
std::vector<ClusterTerms> ctfidf_labels(const TfidfMatrix& tfidf,
                                        std::span<const int32_t> assignment, size_t k,
                                        size_t num_labels, unsigned threads = 0);

}  // namespace docsift
