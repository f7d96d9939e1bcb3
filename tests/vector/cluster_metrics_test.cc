#include "vector/cluster_metrics.h"

#include <gtest/gtest.h>

#include <random>

#include "reference/metrics_reference.h"

namespace docsift {
namespace {

ClusterScores scores(std::vector<int64_t> a, std::vector<int64_t> b) {
  return cluster_scores(a, b);
}

// Values from scikit-learn 1.2's documentation examples (and re-computed with it).
TEST(ClusterMetrics, ScikitLearnExamples) {
  ClusterScores s = scores({0, 0, 1, 1}, {0, 0, 1, 2});
  EXPECT_NEAR(s.v_measure, 0.8, 1e-12);
  EXPECT_NEAR(s.homogeneity, 1.0, 1e-12);
  EXPECT_NEAR(s.completeness, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(s.ari, 0.5714285714285715, 1e-12);
  s = scores({0, 0, 1, 2}, {0, 0, 1, 1});
  EXPECT_NEAR(s.v_measure, 0.8, 1e-12);
  EXPECT_NEAR(s.ari, 0.5714285714285715, 1e-12);
  s = scores({0, 1, 2, 3}, {0, 0, 1, 1});
  EXPECT_NEAR(s.v_measure, 0.6666666666666666, 1e-12);
  // Class members split across clusters: completeness and NMI are 0.
  s = scores({0, 0, 0, 0}, {0, 1, 2, 3});
  EXPECT_NEAR(s.nmi, 0.0, 1e-12);
  EXPECT_NEAR(s.ari, 0.0, 1e-12);
  EXPECT_NEAR(s.completeness, 0.0, 1e-12);
  EXPECT_NEAR(s.homogeneity, 1.0, 1e-12);  // a single class: H(C) = 0 -> defined as 1
  // Perfect labelling up to renaming.
  s = scores({0, 0, 1, 1}, {1, 1, 0, 0});
  EXPECT_DOUBLE_EQ(s.v_measure, 1.0);
  EXPECT_DOUBLE_EQ(s.nmi, 1.0);
  EXPECT_DOUBLE_EQ(s.ari, 1.0);
  // Worse than chance: negative ARI.
  s = scores({0, 0, 1, 1}, {0, 1, 0, 1});
  EXPECT_NEAR(s.ari, -0.5, 1e-12);
  EXPECT_NEAR(s.v_measure, 0.0, 1e-12);
  // sklearn: adjusted_rand_score([0,0,1,1,2,2], [0,0,1,2,2,2]) -> 0.4444...
  EXPECT_NEAR(scores({0, 0, 1, 1, 2, 2}, {0, 0, 1, 2, 2, 2}).ari, 0.4444444444444444, 1e-12);
  s = scores({7, 7, 7}, {1, 1, 1});
  EXPECT_DOUBLE_EQ(s.ari, 1.0);
  EXPECT_DOUBLE_EQ(s.nmi, 1.0);
}

TEST(ClusterMetrics, MatchNaiveDefinitionsOnRandomLabels) {
  std::mt19937_64 rng(17);
  for (int trial = 0; trial < 60; ++trial) {
    const size_t n = 1 + rng() % 80;
    const int64_t classes = 1 + static_cast<int64_t>(rng() % 6);
    const int64_t clusters = 1 + static_cast<int64_t>(rng() % 8);
    std::vector<int64_t> a(n), b(n);
    for (size_t i = 0; i < n; ++i) {
      a[i] = static_cast<int64_t>(rng() % classes) * 10 - 5;
      // Correlated with `a` half the time so scores span the range.
      b[i] = rng() % 2 ? a[i] : static_cast<int64_t>(rng() % clusters);
    }
    SCOPED_TRACE("trial " + std::to_string(trial) + " n " + std::to_string(n));
    const ClusterScores s = cluster_scores(a, b);
    EXPECT_NEAR(s.ari, reference::pairwise_ari(a, b), 1e-9);
    const double hc = reference::entropy_of(a), hk = reference::entropy_of(b);
    const double h = hc == 0 ? 1.0 : 1 - reference::conditional_entropy(a, b) / hc;
    const double c = hk == 0 ? 1.0 : 1 - reference::conditional_entropy(b, a) / hk;
    EXPECT_NEAR(s.homogeneity, h, 1e-9);
    EXPECT_NEAR(s.completeness, c, 1e-9);
    EXPECT_NEAR(s.v_measure, h + c == 0 ? 0.0 : 2 * h * c / (h + c), 1e-9);
    if (hc > 0 && hk > 0) {
      EXPECT_NEAR(s.nmi, s.v_measure, 1e-9);  // arithmetic NMI == V (beta 1)
    }
  }
}

}  // namespace
}  // namespace docsift
