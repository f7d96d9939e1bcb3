#pragma once
// External clustering metrics against reference labels, as defined by scikit-learn 1.2 (so the
// numbers compare): homogeneity, completeness and V-measure (Rosenberg & Hirschberg 2007, beta
// = 1), normalised mutual information with the arithmetic-mean normaliser (equal to V-measure),
// and the adjusted Rand index (Hubert & Arabie 1985). Entropies use natural logarithms. Labels
// are arbitrary integers; only which items share a label matters.
//
//   std::vector<int64_t> truth = {0, 0, 1, 1}, pred = {0, 0, 1, 2};
//   ClusterScores s = cluster_scores(truth, pred);   // s.v_measure == 0.8, s.ari == 0.5714...
//
// Edge cases follow scikit-learn: a labelling with a single class has homogeneity (resp.
// completeness) 1; NMI is 1 when both labellings are a single class; ARI is 1 when both
// labellings agree on every pair. Deterministic; thread-safe.

#include <cstdint>
#include <span>

namespace docsift {

struct ClusterScores {
  double homogeneity = 0;   // each cluster holds one class: 1 - H(C|K) / H(C)
  double completeness = 0;  // each class is in one cluster: 1 - H(K|C) / H(K)
  double v_measure = 0;     // harmonic mean of the two
  double nmi = 0;           // I(C;K) / ((H(C) + H(K)) / 2)
  double ari = 0;           // adjusted Rand index, 1 = identical partitions, ~0 = chance
};

// truth.size() == predicted.size().
ClusterScores cluster_scores(std::span<const int64_t> truth, std::span<const int64_t> predicted);

}  // namespace docsift
