#include "vector/spherical_kmeans.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/parallel.h"
#include "vector/internal/kernels.h"
#include "vector/internal/random.h"

namespace docsift {
namespace {

using detail::kRowChunk;
constexpr size_t kTrialStride = detail::kDotBlock;  // most k-means++ candidates per centre

bool has_terms(const SparseRows& x, size_t row) {
  return x.outerIndexPtr()[row + 1] > x.outerIndexPtr()[row];
}

// Gives each empty cluster the row farthest from its centroid (lowest similarity) taken from a
// cluster that keeps at least one member. The moved row's cosine to its new centroid is 1, and
// the old cluster's recomputed centroid can only fit its remaining rows better, so the
// objective does not decrease. Returns whether anything moved.
bool reseed_empty(const SparseRows& x, size_t k, std::vector<int32_t>& assignment,
                  std::vector<float>& similarity) {
  std::vector<size_t> size(k, 0);
  for (int32_t a : assignment) ++size[static_cast<size_t>(a)];
  if (std::find(size.begin(), size.end(), 0) == size.end()) return false;
  std::vector<size_t> order;
  for (size_t i = 0; i < assignment.size(); ++i)
    if (has_terms(x, i)) order.push_back(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return similarity[a] < similarity[b]; });
  size_t next = 0;
  bool moved = false;
  for (size_t c = 0; c < k; ++c) {
    if (size[c] != 0) continue;
    while (next < order.size() && size[static_cast<size_t>(assignment[order[next]])] <= 1) ++next;
    if (next == order.size()) break;
    const size_t row = order[next++];
    --size[static_cast<size_t>(assignment[row])];
    assignment[row] = static_cast<int32_t>(c);
    similarity[row] = 1.0f;
    size[c] = 1;
    moved = true;
  }
  return moved;
}

// `size` distinct rows of [0, n) drawn uniformly (partial Fisher-Yates), in increasing order.
std::vector<size_t> random_rows(size_t n, size_t size, uint64_t seed) {
  detail::SplitMix64 rng(seed);
  std::vector<size_t> rows(n);
  std::iota(rows.begin(), rows.end(), size_t{0});
  for (size_t i = 0; i < size; ++i) std::swap(rows[i], rows[i + rng.below(n - i)]);
  rows.resize(size);
  std::sort(rows.begin(), rows.end());
  return rows;
}

Centroids centroids_from_rows(const SparseRows& x, std::span<const size_t> rows, size_t k) {
  Centroids c = Centroids::Zero(static_cast<Eigen::Index>(k), x.cols());
  for (size_t j = 0; j < rows.size(); ++j)
    for (SparseRows::InnerIterator it(x, static_cast<Eigen::Index>(rows[j])); it; ++it)
      c(static_cast<Eigen::Index>(j), it.index()) = it.value();
  c.rowwise().normalize();  // rows are unit already; this removes float drift
  return c;
}

KMeansResult lloyd(const SparseRows& x, Centroids c, const KMeansOptions& opt) {
  const size_t n = static_cast<size_t>(x.rows());
  const size_t k = static_cast<size_t>(c.rows());
  KMeansResult r;
  r.assignment.assign(n, 0);
  r.similarity.assign(n, 0.0f);
  std::vector<int32_t> previous;
  for (unsigned it = 0; it < std::max(1u, opt.max_iter); ++it) {
    previous = r.assignment;
    r.objective = detail::assign_rows(x, c, {}, opt.threads, r.assignment, r.similarity);
    r.history.push_back(r.objective);
    r.iterations = it + 1;
    if (it > 0) {
      const bool unchanged = previous == r.assignment;
      const double gain = r.objective - r.history[r.history.size() - 2];
      if (unchanged || gain < opt.tol * std::abs(r.objective)) break;
    }
    if (it + 1 == std::max(1u, opt.max_iter)) break;
    reseed_empty(x, k, r.assignment, r.similarity);
    detail::update_centroids(x, r.assignment, c, opt.threads);
  }
  r.centroids = std::move(c);
  return r;
}

KMeansResult minibatch(const SparseRows& x, const KMeansOptions& opt, uint64_t seed) {
  const size_t n = static_cast<size_t>(x.rows());
  const size_t k = opt.k;
  const size_t vocab = static_cast<size_t>(x.cols());
  const size_t batch = std::min(opt.batch_size, n);
  detail::SplitMix64 rng(seed);

  // Seed on a random sample of 3 batches (scikit-learn's init_size), at least 3k rows.
  const size_t init_size = std::min(n, std::max(3 * batch, 3 * k));
  std::vector<size_t> sample(n);
  std::iota(sample.begin(), sample.end(), size_t{0});
  for (size_t i = 0; i < init_size; ++i) std::swap(sample[i], sample[i + rng.below(n - i)]);
  sample.resize(init_size);
  std::sort(sample.begin(), sample.end());
  const std::vector<size_t> seeds =
      kmeanspp_seeds(x, k, rng.next(), opt.seeding_trials, opt.threads, sample);
  Centroids c = centroids_from_rows(x, seeds, k);

  KMeansResult r;
  std::vector<double> weight(k, 0.0);  // rows absorbed per centre: learning rate 1 / weight
  std::vector<size_t> rows(batch);
  std::vector<int32_t> assignment(batch);
  std::vector<float> similarity(batch);
  const double alpha = std::min(1.0, 2.0 * static_cast<double>(batch) / static_cast<double>(n + 1));
  const size_t steps = static_cast<size_t>(std::max(1u, opt.max_iter)) * ((n + batch - 1) / batch);
  double ewa = 0;
  double best = -std::numeric_limits<double>::infinity();
  unsigned stale = 0;
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* values = x.valuePtr();
  for (size_t step = 0; step < steps; ++step) {
    for (size_t& row : rows) row = rng.below(n);
    const double sum = detail::assign_rows(x, c, rows, opt.threads, assignment, similarity);
    std::vector<std::vector<size_t>> members(k);
    for (size_t i = 0; i < batch; ++i)
      members[static_cast<size_t>(assignment[i])].push_back(rows[i]);
    // Sculley's per-centre rate 1/v applied to the whole batch at once: the new centre is the
    // running mean of every row it absorbed, then projected back onto the sphere.
    parallel_for(k, opt.threads, 1, [&](size_t begin, size_t end, unsigned) {
      std::vector<double> acc(vocab);
      for (size_t j = begin; j < end; ++j) {
        if (members[j].empty()) continue;
        const auto jj = static_cast<Eigen::Index>(j);
        for (size_t t = 0; t < vocab; ++t)
          acc[t] = static_cast<double>(c(jj, static_cast<Eigen::Index>(t))) * weight[j];
        for (size_t row : members[j])
          for (int32_t p = outer[row]; p < outer[row + 1]; ++p) acc[inner[p]] += values[p];
        weight[j] += static_cast<double>(members[j].size());
        double norm2 = 0;
        for (double a : acc) norm2 += a * a;
        const double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 0.0;
        for (size_t t = 0; t < vocab; ++t)
          c(jj, static_cast<Eigen::Index>(t)) = static_cast<float>(acc[t] * scale);
      }
    });
    const double mean = sum / static_cast<double>(batch);
    ewa = step == 0 ? mean : ewa * (1 - alpha) + mean * alpha;
    r.history.push_back(ewa * static_cast<double>(n));
    r.iterations = static_cast<unsigned>(step + 1);
    if (ewa > best * (1 + opt.tol) || step == 0) {
      best = ewa;
      stale = 0;
    } else if (++stale >= opt.max_no_improvement) {
      break;
    }
  }

  r.assignment.assign(n, 0);
  r.similarity.assign(n, 0.0f);
  r.objective = detail::assign_rows(x, c, {}, opt.threads, r.assignment, r.similarity);
  if (reseed_empty(x, k, r.assignment, r.similarity)) {
    detail::update_centroids(x, r.assignment, c, opt.threads);
    r.objective = detail::assign_rows(x, c, {}, opt.threads, r.assignment, r.similarity);
  }
  r.centroids = std::move(c);
  return r;
}

}  // namespace

std::vector<size_t> kmeanspp_seeds(const SparseRows& x, size_t k, uint64_t seed, unsigned trials,
                                   unsigned threads, std::span<const size_t> candidates) {
  std::vector<size_t> pool;
  const size_t n = candidates.empty() ? static_cast<size_t>(x.rows()) : candidates.size();
  for (size_t i = 0; i < n; ++i) {
    const size_t row = candidates.empty() ? i : candidates[i];
    if (has_terms(x, row)) pool.push_back(row);
  }
  const size_t m = pool.size();
  std::vector<size_t> chosen;
  if (m == 0 || k == 0) return chosen;
  if (trials == 0) trials = 2 + static_cast<unsigned>(std::log(static_cast<double>(k)));
  trials = std::min<unsigned>(trials, kTrialStride);
  detail::SplitMix64 rng(seed);
  const size_t vocab = static_cast<size_t>(x.cols());
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* values = x.valuePtr();

  // Candidate t's weight of term j sits at dense[j * kTrialStride + t]: fixed-size inner loops
  // that the compiler unrolls and vectorises.
  std::vector<float> dense(vocab * kTrialStride, 0.0f);
  std::vector<float> dist(m * kTrialStride);
  std::vector<float> closest(m, 0.0f);
  const size_t num_chunks = (m + kRowChunk - 1) / kRowChunk;
  std::vector<double> partial(num_chunks * kTrialStride);
  std::vector<char> taken(m, 0);

  // Distances from every pool row to up to kTrialStride candidate rows, one pass over the data.
  auto distances = [&](std::span<const size_t> cand) {
    const size_t num = cand.size();
    DOCSIFT_ASSERT(num <= kTrialStride);
    for (size_t t = 0; t < num; ++t)
      for (int32_t p = outer[pool[cand[t]]]; p < outer[pool[cand[t]] + 1]; ++p)
        dense[static_cast<size_t>(inner[p]) * kTrialStride + t] = values[p];
    parallel_for(m, threads, kRowChunk, [&](size_t begin, size_t end, unsigned) {
      double pot[kTrialStride] = {};
      for (size_t i = begin; i < end; ++i) {
        float dot[kTrialStride];
        const size_t row = pool[i];
        detail::sparse_dots(inner + outer[row], values + outer[row],
                            static_cast<size_t>(outer[row + 1] - outer[row]), dense.data(),
                            kTrialStride, dot);
        float* out = &dist[i * kTrialStride];
        for (size_t t = 0; t < kTrialStride; ++t) {
          out[t] = std::max(0.0f, 1.0f - dot[t]);
          pot[t] += std::min(closest[i], out[t]);
        }
      }
      for (size_t t = 0; t < kTrialStride; ++t)
        partial[(begin / kRowChunk) * kTrialStride + t] = pot[t];
    });
    for (size_t t = 0; t < num; ++t)
      for (int32_t p = outer[pool[cand[t]]]; p < outer[pool[cand[t]] + 1]; ++p)
        dense[static_cast<size_t>(inner[p]) * kTrialStride + t] = 0.0f;
  };

  const size_t first = rng.below(m);
  std::fill(closest.begin(), closest.end(), std::numeric_limits<float>::max());
  distances(std::span<const size_t>(&first, 1));
  for (size_t i = 0; i < m; ++i) closest[i] = dist[i * kTrialStride];
  chosen.push_back(pool[first]);
  taken[first] = 1;

  std::vector<double> cumulative(m);
  std::vector<size_t> cand;
  while (chosen.size() < std::min(k, m)) {
    double potential = 0;
    for (size_t i = 0; i < m; ++i) cumulative[i] = potential += closest[i];
    cand.clear();
    if (potential <= 0) {
      // Every remaining row duplicates a centre: take untaken rows in a seeded order.
      size_t i = rng.below(m);
      while (taken[i]) i = (i + 1) % m;
      cand.push_back(i);
    } else {
      for (unsigned t = 0; t < trials; ++t) {
        const double r = rng.uniform() * potential;
        size_t i = static_cast<size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), r) -
                                       cumulative.begin());
        cand.push_back(std::min(i, m - 1));
      }
    }
    distances(cand);
    size_t best = 0;
    double best_pot = std::numeric_limits<double>::infinity();
    for (size_t t = 0; t < cand.size(); ++t) {
      double pot = 0;
      for (size_t ch = 0; ch < num_chunks; ++ch) pot += partial[ch * kTrialStride + t];
      if (pot < best_pot && !taken[cand[t]]) {
        best_pot = pot;
        best = t;
      }
    }
    if (taken[cand[best]]) {  // all candidates were centres already (float ties): any untaken row
      size_t i = 0;
      while (taken[i]) ++i;
      cand.assign(1, i);
      distances(cand);
      best = 0;
    }
    for (size_t i = 0; i < m; ++i) closest[i] = std::min(closest[i], dist[i * kTrialStride + best]);
    chosen.push_back(pool[cand[best]]);
    taken[cand[best]] = 1;
  }
  return chosen;
}

Result<KMeansResult> spherical_kmeans_from(const SparseRows& x, Centroids initial,
                                           const KMeansOptions& options) {
  if (initial.rows() < 1 || initial.cols() != x.cols())
    return Status::InvalidArgument("kmeans: initial centroids must be k x " +
                                   std::to_string(x.cols()));
  if (x.rows() == 0) return Status::InvalidArgument("kmeans: no rows to cluster");
  return lloyd(x, std::move(initial), options);
}

Result<KMeansResult> spherical_kmeans(const SparseRows& x, const KMeansOptions& opt) {
  const size_t n = static_cast<size_t>(x.rows());
  size_t with_terms = 0;
  for (size_t i = 0; i < n; ++i) with_terms += has_terms(x, i);
  if (opt.k == 0) return Status::InvalidArgument("kmeans: k must be at least 1");
  if (opt.k > with_terms)
    return Status::InvalidArgument("kmeans: k = " + std::to_string(opt.k) + " but only " +
                                   std::to_string(with_terms) + " of " + std::to_string(n) +
                                   " rows have terms");
  KMeansResult best;
  bool have = false;
  for (unsigned init = 0; init < std::max(1u, opt.n_init); ++init) {
    const uint64_t seed = detail::derive_seed(opt.seed, init);
    KMeansResult r;
    if (opt.batch_size > 0) {
      r = minibatch(x, opt, seed);
    } else {
      std::vector<size_t> sample;
      if (opt.seeding_sample > 0) {
        const size_t size = std::max(opt.seeding_sample, 64 * opt.k);
        if (size < n) sample = random_rows(n, size, detail::derive_seed(seed, 7));
      }
      std::vector<size_t> seeds =
          kmeanspp_seeds(x, opt.k, seed, opt.seeding_trials, opt.threads, sample);
      if (seeds.size() < opt.k)  // the sample held too few rows with terms
        seeds = kmeanspp_seeds(x, opt.k, seed, opt.seeding_trials, opt.threads);
      r = lloyd(x, centroids_from_rows(x, seeds, opt.k), opt);
    }
    r.best_init = init;
    if (!have || r.objective > best.objective) {
      best = std::move(r);
      have = true;
    }
  }
  return best;
}

}  // namespace docsift
