#pragma once
// Mean silhouette (Rousseeuw 1987) with cosine distance 1 - cos, computed on a fixed sample of
// rows: the criterion `k auto` maximises. For sample row i, a = mean distance to the other
// sample rows of its cluster, b = the smallest mean distance to the rows of another cluster,
// s = (b - a) / max(a, b), and s = 0 when i is alone in its cluster (scikit-learn's rule).
// The sample's similarity matrix does not depend on k, so it is computed once and reused.
//
//   std::vector<size_t> rows = silhouette_sample(x, 1500, seed);
//   Eigen::MatrixXf gram = sample_similarities(x, rows, threads);
//   double s = mean_silhouette(gram, labels_of_rows);
//
// Deterministic for a given seed, whatever the thread count. Thread-safe.

#include <Eigen/Dense>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vector/tfidf.h"

namespace docsift {

// Up to `sample_size` rows with terms, chosen uniformly with `seed`, in increasing order.
std::vector<size_t> silhouette_sample(const SparseRows& x, size_t sample_size, uint64_t seed);

// m x m cosine similarities between the listed rows (rows of x have norm 1).
Eigen::MatrixXf sample_similarities(const SparseRows& x, std::span<const size_t> rows,
                                    unsigned threads);

// Mean silhouette of labels[i] for the rows behind `gram`; 0 when fewer than 2 clusters occur.
double mean_silhouette(const Eigen::MatrixXf& gram, std::span<const int32_t> labels);

}  // namespace docsift
