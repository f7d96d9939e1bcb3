#include "reference/kmeans_reference.h"

#include <algorithm>
#include <cmath>

namespace docsift::reference {

DenseKMeans dense_spherical_kmeans(const std::vector<std::vector<double>>& rows,
                                   std::vector<std::vector<double>> c, unsigned max_iter,
                                   double tol) {
  const size_t n = rows.size(), k = c.size(), dim = c.empty() ? 0 : c[0].size();
  DenseKMeans r;
  r.assignment.assign(n, 0);
  r.similarity.assign(n, 0);
  for (unsigned it = 0; it < max_iter; ++it) {
    const std::vector<int> previous = r.assignment;
    r.objective = 0;
    for (size_t i = 0; i < n; ++i) {
      int best = 0;
      double best_sim = -1e300;
      for (size_t j = 0; j < k; ++j) {
        double s = 0;
        for (size_t t = 0; t < dim; ++t) s += rows[i][t] * c[j][t];
        if (s > best_sim) {
          best_sim = s;
          best = static_cast<int>(j);
        }
      }
      r.assignment[i] = best;
      r.similarity[i] = best_sim;
      r.objective += best_sim;
    }
    r.history.push_back(r.objective);
    if (it > 0 && (previous == r.assignment ||
                   r.objective - r.history[r.history.size() - 2] < tol * std::abs(r.objective)))
      break;
    if (it + 1 == max_iter) break;
    // Empty clusters take the farthest rows.
    std::vector<size_t> size(k, 0);
    for (int a : r.assignment) ++size[static_cast<size_t>(a)];
    std::vector<size_t> order;  // rows with terms only: a zero row cannot define a centroid
    for (size_t i = 0; i < n; ++i)
      if (std::any_of(rows[i].begin(), rows[i].end(), [](double v) { return v != 0; }))
        order.push_back(i);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return r.similarity[a] < r.similarity[b]; });
    size_t next = 0;
    for (size_t j = 0; j < k; ++j) {
      if (size[j] != 0) continue;
      while (next < order.size() && size[static_cast<size_t>(r.assignment[order[next]])] <= 1)
        ++next;
      if (next == order.size()) break;
      const size_t row = order[next++];
      --size[static_cast<size_t>(r.assignment[row])];
      r.assignment[row] = static_cast<int>(j);
      size[j] = 1;
    }
    for (size_t j = 0; j < k; ++j) {
      std::vector<double> sum(dim, 0.0);
      for (size_t i = 0; i < n; ++i)
        if (r.assignment[i] == static_cast<int>(j))
          for (size_t t = 0; t < dim; ++t) sum[t] += rows[i][t];
      double norm = 0;
      for (double v : sum) norm += v * v;
      norm = std::sqrt(norm);
      for (size_t t = 0; t < dim; ++t) c[j][t] = norm > 0 ? sum[t] / norm : 0;
    }
  }
  r.centroids = c;
  return r;
}

}  // namespace docsift::reference
