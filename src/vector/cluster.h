#pragma once
// Topic clustering in one call: TF-IDF (vector/tfidf.h) -> spherical k-means
// (vector/spherical_kmeans.h) -> labels (c-TF-IDF, phrases, MMR: vector/cluster_labels.h) and a
// representative document per cluster (the one most similar to its centroid). With k = 0, k is
// chosen over [k_min, min(k_max, n / 5)] by the mean cosine silhouette on a fixed random sample of
// documents (vector/silhouette.h): each candidate k is clustered with auto_k_n_init restarts,
// the best-scoring k (smallest on ties) is then clustered again with kmeans.n_init restarts.
//
//   ClusterOptions opt;  opt.kmeans.k = 0;            // choose k
//   Result<ClusterResult> r = cluster_documents(texts, NormalizeOptions{}, opt);
//   for (auto& c : r->clusters) print(c.size, c.labels, c.representative);
//
// Clusters are numbered by decreasing size (ties: earliest first member); empty clusters are
// dropped. A document with no term left after pruning (min_df/max_df: say the only Russian report
// among English ones) has nothing to compare: it gets cluster -1 and score 0, takes no part in
// labels or representatives, and is counted in docs_without_terms. Guarantees: deterministic for a
// given seed, whatever the thread count. Thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/memory_budget.h"
#include "core/status.h"
#include "text/tokenize.h"
#include "vector/cluster_labels.h"
#include "vector/spherical_kmeans.h"
#include "vector/tfidf.h"

namespace docsift {

struct ClusterOptions {
  TfidfOptions tfidf;
  KMeansOptions kmeans;             // kmeans.k == 0 chooses k automatically
  size_t k_min = 2;                 // auto: smallest k tried
  size_t k_max = 30;                // auto: largest k tried (also at most n / 5)
  unsigned auto_k_n_init = 1;       // auto: restarts per candidate k
  size_t silhouette_sample = 1500;  // auto: documents in the silhouette sample
  LabelOptions labels;              // labels per cluster, phrases, MMR (vector/cluster_labels.h)
  // The run's memory budget (core/memory_budget.h), or null: the TF-IDF matrix is charged from
  // the texts before it is built (kVectors), k-means from the matrix before it runs
  // (kClusters); over the budget cluster_documents returns ResourceExhausted.
  MemoryBudget* budget = nullptr;
};

struct DocAssignment {
  int32_t cluster = 0;  // -1: the document has no kept term (see docs_without_terms)
  float score = 0;      // cosine to the cluster centroid (0 for a document without kept terms)
};

struct ClusterSummary {
  size_t size = 0;
  std::vector<std::string> labels;       // as most often written ("ЮНИДО", "Tony Blair")
  std::vector<std::string> label_terms;  // normalised forms (a phrase: "tony blair")
  std::vector<double> label_scores;      // c-TF-IDF weights
  size_t representative = 0;             // document index closest to the centroid
  float representative_score = 0;
};

struct ClusterResult {
  std::vector<DocAssignment> docs;                 // one per input document
  std::vector<ClusterSummary> clusters;            // indexed by cluster id
  size_t k = 0;                                    // clusters requested / chosen
  std::vector<std::pair<size_t, double>> k_curve;  // auto: (k, mean silhouette) per k tried
  double objective = 0;                            // sum of document scores
  std::vector<double> history;                     // objective per k-means iteration
  size_t vocabulary_size = 0;
  size_t num_communities = 0;     // language-like communities max_df was applied in (0: one)
  size_t docs_without_terms = 0;  // documents with cluster -1 (no term left after pruning)
  std::vector<double> centroid_similarity;  // clusters x clusters, row-major: centroid cosines
};

// texts[i] is the text tokens[i] was made from (used for label spellings; may be empty).
Result<ClusterResult> cluster_documents(std::span<const std::string_view> texts,
                                        std::span<const TokenizedText> tokens,
                                        const ClusterOptions& options = {});

// The same, tokenising the texts inside TF-IDF (build_tfidf with NormalizeOptions): no
// document's tokens are kept, so it needs less memory and time.
Result<ClusterResult> cluster_documents(std::span<const std::string_view> texts,
                                        const NormalizeOptions& normalize,
                                        const ClusterOptions& options = {});

}  // namespace docsift
