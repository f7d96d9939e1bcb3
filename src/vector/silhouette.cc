#include "vector/silhouette.h"

#include <algorithm>
#include <limits>

#include "core/parallel.h"
#include "vector/internal/random.h"

namespace docsift {

std::vector<size_t> silhouette_sample(const SparseRows& x, size_t sample_size, uint64_t seed) {
  std::vector<size_t> rows;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    if (x.outerIndexPtr()[i + 1] > x.outerIndexPtr()[i]) rows.push_back(static_cast<size_t>(i));
  if (rows.size() > sample_size) {
    detail::SplitMix64 rng(seed);
    for (size_t i = 0; i < sample_size; ++i)
      std::swap(rows[i], rows[i + rng.below(rows.size() - i)]);
    rows.resize(sample_size);
    std::sort(rows.begin(), rows.end());
  }
  return rows;
}

Eigen::MatrixXf sample_similarities(const SparseRows& x, std::span<const size_t> rows,
                                    unsigned threads) {
  const size_t m = rows.size();
  // Inverted index of the sample (term -> (sample position, weight)): similarities come from
  // the postings of shared terms only, far fewer than m^2 full dot products on sparse text.
  std::vector<size_t> start(static_cast<size_t>(x.cols()) + 1, 0);
  for (size_t s : rows)
    for (SparseRows::InnerIterator it(x, static_cast<Eigen::Index>(s)); it; ++it)
      ++start[static_cast<size_t>(it.index()) + 1];
  for (size_t t = 0; t + 1 < start.size(); ++t) start[t + 1] += start[t];
  std::vector<std::pair<uint32_t, float>> postings(start.back());
  {
    std::vector<size_t> fill(start.begin(), start.end() - 1);
    for (size_t i = 0; i < m; ++i)
      for (SparseRows::InnerIterator it(x, static_cast<Eigen::Index>(rows[i])); it; ++it)
        postings[fill[static_cast<size_t>(it.index())]++] = {static_cast<uint32_t>(i), it.value()};
  }
  Eigen::MatrixXf gram =
      Eigen::MatrixXf::Zero(static_cast<Eigen::Index>(m), static_cast<Eigen::Index>(m));
  parallel_for(m, threads, 16, [&](size_t begin, size_t end, unsigned) {
    for (size_t i = begin; i < end; ++i) {
      float* col = gram.data() + i * m;  // column i (symmetric)
      for (SparseRows::InnerIterator it(x, static_cast<Eigen::Index>(rows[i])); it; ++it) {
        const auto t = static_cast<size_t>(it.index());
        for (size_t p = start[t]; p < start[t + 1]; ++p)
          col[postings[p].first] += it.value() * postings[p].second;
      }
    }
  });
  return gram;
}

double mean_silhouette(const Eigen::MatrixXf& gram, std::span<const int32_t> labels) {
  const size_t m = labels.size();
  DOCSIFT_ASSERT(static_cast<size_t>(gram.rows()) == m && static_cast<size_t>(gram.cols()) == m);
  int32_t max_label = -1;
  for (int32_t l : labels) max_label = std::max(max_label, l);
  const size_t k = static_cast<size_t>(max_label + 1);
  std::vector<double> size(k, 0);
  for (int32_t l : labels) size[static_cast<size_t>(l)] += 1;
  size_t present = 0;
  for (double s : size) present += s > 0;
  if (present < 2) return 0;
  double total = 0;
  std::vector<double> dist(k);
  for (size_t i = 0; i < m; ++i) {
    std::fill(dist.begin(), dist.end(), 0.0);
    const float* col = gram.data() + i * m;
    for (size_t j = 0; j < m; ++j)
      if (j != i) dist[static_cast<size_t>(labels[j])] += 1.0 - col[j];
    const size_t own = static_cast<size_t>(labels[i]);
    if (size[own] <= 1) continue;  // s = 0
    const double a = dist[own] / (size[own] - 1);
    double b = std::numeric_limits<double>::infinity();
    for (size_t c = 0; c < k; ++c)
      if (c != own && size[c] > 0) b = std::min(b, dist[c] / size[c]);
    const double denom = std::max(a, b);
    if (denom > 0) total += (b - a) / denom;
  }
  return total / static_cast<double>(m);
}

}  // namespace docsift
