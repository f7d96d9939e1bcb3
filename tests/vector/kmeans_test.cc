#include <gtest/gtest.h>

#include <random>
#include <set>

#include "reference/kmeans_reference.h"
#include "test_data.h"
#include "vector/cluster_metrics.h"
#include "vector/spherical_kmeans.h"

namespace docsift {
namespace {

SparseRows toy_rows(size_t topics, size_t per_topic, size_t words, uint64_t seed,
                    std::vector<int64_t>* truth = nullptr) {
  const testing::ToyData d = testing::toy_data(topics, per_topic, words, seed);
  if (truth) *truth = d.corpus.topic;
  Result<TfidfMatrix> m = build_tfidf(d.views, d.tokens, TfidfOptions{});
  DOCSIFT_ASSERT(m.ok());
  return std::move(m->rows);
}

// Random sparse unit rows with some all-zero rows and heavy overlaps: the hard case for ties.
SparseRows random_rows(size_t n, size_t dim, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<Eigen::Triplet<float, int32_t>> cells;
  for (size_t i = 0; i < n; ++i) {
    if (rng() % 13 == 0) continue;  // zero row
    std::set<size_t> cols;
    const size_t nnz = 1 + rng() % std::min<size_t>(6, dim);
    while (cols.size() < nnz) cols.insert(rng() % dim);
    for (size_t c : cols)
      cells.emplace_back(static_cast<int32_t>(i), static_cast<int32_t>(c),
                         0.1f + static_cast<float>(rng() % 100) / 100.0f);
  }
  SparseRows x(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(dim));
  x.setFromTriplets(cells.begin(), cells.end());
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    const float norm = x.row(i).norm();
    if (norm > 0) x.row(i) /= norm;
  }
  x.makeCompressed();
  return x;
}

std::vector<std::vector<double>> dense(const SparseRows& x) {
  const Eigen::MatrixXf d = Eigen::MatrixXf(x);
  std::vector<std::vector<double>> out(static_cast<size_t>(d.rows()),
                                       std::vector<double>(static_cast<size_t>(d.cols())));
  for (Eigen::Index i = 0; i < d.rows(); ++i)
    for (Eigen::Index j = 0; j < d.cols(); ++j) out[i][j] = d(i, j);
  return out;
}

TEST(SphericalKMeans, MatchesReferenceFromSameCentroids) {
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SparseRows x = random_rows(120, 15, seed);
    const size_t k = 2 + seed % 5;
    // Start from k rows (some possibly equal) so empty clusters and reseeding happen too.
    std::mt19937_64 rng(seed);
    Centroids init = Centroids::Zero(static_cast<Eigen::Index>(k), x.cols());
    std::vector<std::vector<double>> ref_init(k, std::vector<double>(15, 0.0));
    for (size_t j = 0; j < k; ++j) {
      Eigen::Index row;
      do row = static_cast<Eigen::Index>(rng() % 120);
      while (x.row(row).nonZeros() == 0);
      if (j > 0 && seed % 2 == 0) row = 0;  // duplicate centroids: all but one go empty
      while (x.row(row).nonZeros() == 0) ++row;
      for (SparseRows::InnerIterator it(x, row); it; ++it) {
        init(static_cast<Eigen::Index>(j), it.index()) = it.value();
        ref_init[j][static_cast<size_t>(it.index())] = it.value();
      }
    }
    KMeansOptions opt;
    opt.max_iter = 50;
    opt.tol = 0;
    opt.threads = 2;
    Result<KMeansResult> got = spherical_kmeans_from(x, init, opt);
    ASSERT_TRUE(got.ok());
    const reference::DenseKMeans want =
        reference::dense_spherical_kmeans(dense(x), ref_init, 50, 0);
    ASSERT_EQ(got->history.size(), want.history.size());
    EXPECT_EQ(std::vector<int>(got->assignment.begin(), got->assignment.end()), want.assignment);
    EXPECT_NEAR(got->objective, want.objective, 1e-4);
    for (size_t j = 0; j < k; ++j)
      for (size_t t = 0; t < 15; ++t)
        EXPECT_NEAR(got->centroids(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(t)),
                    want.centroids[j][t], 1e-5);
  }
}

TEST(SphericalKMeans, ObjectiveNeverDecreases) {
  for (uint64_t seed : {7, 8, 9}) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const SparseRows x = random_rows(400, 40, seed);
    KMeansOptions opt;
    opt.k = 12;
    opt.tol = 0;
    opt.n_init = 2;
    opt.seed = seed;
    Result<KMeansResult> r = spherical_kmeans(x, opt);
    ASSERT_TRUE(r.ok());
    ASSERT_GE(r->history.size(), 2u);
    for (size_t i = 1; i < r->history.size(); ++i)
      EXPECT_GE(r->history[i], r->history[i - 1] - 1e-4) << "iteration " << i;
    // The reported objective is the sum of the reported similarities.
    double sum = 0;
    for (float s : r->similarity) sum += s;
    EXPECT_NEAR(sum, r->objective, 1e-3);
    std::vector<size_t> size(12, 0);
    for (int32_t a : r->assignment) ++size[a];
    for (size_t s : size) EXPECT_GT(s, 0u);
  }
}

TEST(SphericalKMeans, RecoversPlantedTopics) {
  std::vector<int64_t> truth;
  const SparseRows x = toy_rows(6, 60, 80, 21, &truth);
  for (size_t batch : {size_t{0}, size_t{64}}) {
    SCOPED_TRACE("batch " + std::to_string(batch));
    KMeansOptions opt;
    opt.k = 6;
    opt.batch_size = batch;
    opt.seed = 3;
    Result<KMeansResult> r = spherical_kmeans(x, opt);
    ASSERT_TRUE(r.ok());
    std::vector<int64_t> pred(r->assignment.begin(), r->assignment.end());
    EXPECT_GE(cluster_scores(truth, pred).v_measure, 0.9);
  }
}

TEST(SphericalKMeans, DeterministicAndThreadIndependent) {
  const SparseRows x = toy_rows(5, 250, 40, 5);  // > 1 chunk of rows
  for (size_t batch : {size_t{0}, size_t{100}}) {
    SCOPED_TRACE("batch " + std::to_string(batch));
    KMeansOptions opt;
    opt.k = 7;
    opt.batch_size = batch;
    opt.seed = 42;
    opt.threads = 1;
    Result<KMeansResult> a = spherical_kmeans(x, opt);
    ASSERT_TRUE(a.ok());
    for (unsigned threads : {1u, 2u, 5u}) {
      opt.threads = threads;
      Result<KMeansResult> b = spherical_kmeans(x, opt);
      ASSERT_TRUE(b.ok());
      EXPECT_EQ(a->assignment, b->assignment);
      EXPECT_EQ(a->similarity, b->similarity);
      EXPECT_EQ(a->history, b->history);
      EXPECT_EQ(a->objective, b->objective);
      EXPECT_TRUE(a->centroids == b->centroids);
    }
    opt.seed = 43;
    Result<KMeansResult> c = spherical_kmeans(x, opt);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->assignment.size(), a->assignment.size());
  }
}

TEST(SphericalKMeans, SeedsAreDistinctRowsWithTerms) {
  const SparseRows x = random_rows(200, 30, 3);
  for (size_t k : {1, 5, 30}) {
    const std::vector<size_t> seeds = kmeanspp_seeds(x, k, 9, 0, 2);
    ASSERT_EQ(seeds.size(), k);
    EXPECT_EQ(std::set<size_t>(seeds.begin(), seeds.end()).size(), k);
    for (size_t s : seeds) EXPECT_GT(x.row(static_cast<Eigen::Index>(s)).nonZeros(), 0);
  }
  // Many duplicate rows: seeding falls back to untaken rows instead of looping.
  SparseRows same(10, 3);
  for (int i = 0; i < 10; ++i) same.insert(i, 1) = 1.0f;
  same.makeCompressed();
  const std::vector<size_t> seeds = kmeanspp_seeds(same, 4, 1, 0, 1);
  EXPECT_EQ(std::set<size_t>(seeds.begin(), seeds.end()).size(), 4u);
}

TEST(SphericalKMeans, RejectsBadK) {
  const SparseRows x = random_rows(20, 5, 1);
  KMeansOptions opt;
  opt.k = 0;
  EXPECT_FALSE(spherical_kmeans(x, opt).ok());
  opt.k = 50;
  EXPECT_FALSE(spherical_kmeans(x, opt).ok());
  EXPECT_FALSE(spherical_kmeans_from(x, Centroids::Zero(3, 4), opt).ok());
}

}  // namespace
}  // namespace docsift
