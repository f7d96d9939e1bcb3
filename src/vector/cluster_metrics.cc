#include "vector/cluster_metrics.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/assert.h"

namespace docsift {
namespace {

// Maps labels to 0..m-1 in order of first appearance.
std::vector<size_t> dense_labels(std::span<const int64_t> labels, size_t& num) {
  std::unordered_map<int64_t, size_t> ids;
  std::vector<size_t> out(labels.size());
  for (size_t i = 0; i < labels.size(); ++i)
    out[i] = ids.emplace(labels[i], ids.size()).first->second;
  num = ids.size();
  return out;
}

double entropy(const std::vector<double>& counts, double n) {
  double h = 0;
  for (double c : counts)
    if (c > 0) h -= (c / n) * std::log(c / n);
  return h;
}

double choose2(double x) { return x * (x - 1) / 2; }

}  // namespace

ClusterScores cluster_scores(std::span<const int64_t> truth, std::span<const int64_t> predicted) {
  DOCSIFT_ASSERT(truth.size() == predicted.size());
  ClusterScores s;
  const size_t size = truth.size();
  size_t num_classes = 0, num_clusters = 0;
  const std::vector<size_t> c = dense_labels(truth, num_classes);
  const std::vector<size_t> k = dense_labels(predicted, num_clusters);
  if (size == 0 || (num_classes == 1 && num_clusters == 1)) {
    s.homogeneity = s.completeness = s.v_measure = s.nmi = s.ari = 1.0;
    return s;
  }
  const double n = static_cast<double>(size);
  std::map<std::pair<size_t, size_t>, double> table;  // sparse contingency table
  std::vector<double> class_size(num_classes, 0), cluster_size(num_clusters, 0);
  for (size_t i = 0; i < size; ++i) {
    table[{c[i], k[i]}] += 1;
    class_size[c[i]] += 1;
    cluster_size[k[i]] += 1;
  }
  const double h_c = entropy(class_size, n);
  const double h_k = entropy(cluster_size, n);
  double mi = 0;
  for (const auto& [ij, nij] : table)
    mi += (nij / n) * std::log(nij * n / (class_size[ij.first] * cluster_size[ij.second]));
  mi = std::max(mi, 0.0);
  // H(C|K) = H(C) - I(C;K) and H(K|C) = H(K) - I(C;K).
  s.homogeneity = h_c == 0 ? 1.0 : mi / h_c;
  s.completeness = h_k == 0 ? 1.0 : mi / h_k;
  s.v_measure = s.homogeneity + s.completeness == 0
                    ? 0.0
                    : 2 * s.homogeneity * s.completeness / (s.homogeneity + s.completeness);
  s.nmi = mi < 1e-15 ? 0.0 : mi / ((h_c + h_k) / 2);

  // ARI from pair counts: (index - expected) / (max - expected).
  double sum_cells = 0, sum_classes = 0, sum_clusters = 0;
  for (const auto& [ij, nij] : table) sum_cells += choose2(nij);
  for (double a : class_size) sum_classes += choose2(a);
  for (double b : cluster_size) sum_clusters += choose2(b);
  const double expected = sum_classes * sum_clusters / choose2(n);
  const double max_index = (sum_classes + sum_clusters) / 2;
  s.ari = max_index == expected ? 1.0 : (sum_cells - expected) / (max_index - expected);
  return s;
}

}  // namespace docsift
