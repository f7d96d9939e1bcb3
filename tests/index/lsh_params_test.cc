#include "index/lsh_params.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace docsift {
namespace {

// Independent brute force: every (b, r) with b * r == num_perm, scored with its own Simpson
// rule over the same number of intervals.
double brute_area(double lo, double hi, unsigned b, unsigned r, bool complement) {
  const unsigned n = kLshIntegrationSteps;
  const double h = (hi - lo) / n;
  double sum = 0;
  for (unsigned i = 0; i <= n; ++i) {
    const double s = lo + i * h;
    double p = 1.0;
    for (unsigned k = 0; k < b; ++k) p *= 1.0 - std::pow(s, r);  // (1 - s^r)^b
    const double value = complement ? p : 1.0 - p;
    const double weight = (i == 0 || i == n) ? 1.0 : (i % 2 ? 4.0 : 2.0);
    sum += weight * value;
  }
  return sum * h / 3.0;
}

TEST(LshParams, CollisionProbabilityFormula) {
  for (unsigned b : {1u, 2u, 5u, 16u, 32u}) {
    for (unsigned r : {1u, 3u, 4u, 8u}) {
      for (double s = 0; s <= 1.0; s += 0.05) {
        SCOPED_TRACE("b=" + std::to_string(b) + " r=" + std::to_string(r) +
                     " s=" + std::to_string(s));
        double miss = 1;
        for (unsigned i = 0; i < b; ++i) {
          double band_equal = 1;
          for (unsigned j = 0; j < r; ++j) band_equal *= s;
          miss *= 1 - band_equal;
        }
        EXPECT_NEAR(lsh_collision_probability(s, b, r), 1 - miss, 1e-12);
      }
      EXPECT_EQ(lsh_collision_probability(0, b, r), 0.0);
      EXPECT_EQ(lsh_collision_probability(1, b, r), 1.0);
    }
  }
}

TEST(LshParams, AreasMatchClosedForm) {
  // For small b, integral_0^t (1 - (1 - s^r)^b) ds expands binomially:
  // t - sum_j C(b, j) (-1)^j t^(rj+1) / (rj+1).
  for (unsigned b : {1u, 2u, 4u, 6u}) {
    for (unsigned r : {1u, 2u, 5u}) {
      for (double t : {0.3, 0.5, 0.8, 0.95}) {
        SCOPED_TRACE("b=" + std::to_string(b) + " r=" + std::to_string(r) +
                     " t=" + std::to_string(t));
        auto primitive = [&](double x) {
          double sum = 0, binom = 1;
          for (unsigned j = 0; j <= b; ++j) {
            sum += binom * ((j % 2) ? -1.0 : 1.0) * std::pow(x, r * j + 1) / (r * j + 1);
            binom = binom * (b - j) / (j + 1);
          }
          return x - sum;  // integral_0^x P(s) ds
        };
        EXPECT_NEAR(lsh_false_positive_area(t, b, r), primitive(t), 1e-9);
        EXPECT_NEAR(lsh_false_negative_area(t, b, r), (1 - t) - (primitive(1) - primitive(t)),
                    1e-9);
      }
    }
  }
}

TEST(LshParams, ChoiceMatchesBruteForceOverDivisors) {
  for (unsigned num_perm : {1u, 2u, 7u, 12u, 64u, 100u, 128u, 256u}) {
    for (double t : {0.3, 0.5, 0.7, 0.8, 0.9, 0.95}) {
      for (LshWeights w : {LshWeights{}, LshWeights{0.5, 0.5, 0.0}, LshWeights{0.9, 0.1, 0.5}}) {
        SCOPED_TRACE("num_perm=" + std::to_string(num_perm) + " t=" + std::to_string(t) +
                     " w_fp=" + std::to_string(w.false_positive));
        LshParams best{}, most_recall{};
        double best_error = 0, most_recall_p = -1;
        for (unsigned r = 1; r <= num_perm; ++r) {
          if (num_perm % r) continue;
          const unsigned b = num_perm / r;
          // Recall floor: P(t) = 1 - (1 - t^r)^b, written out directly.
          const double p_t = 1 - std::pow(1 - std::pow(t, r), b);
          if (p_t > most_recall_p) {
            most_recall_p = p_t;
            most_recall = {b, r};
          }
          if (p_t < w.min_collision_at_threshold) continue;
          const double error = w.false_positive * brute_area(0, t, b, r, false) +
                               w.false_negative * brute_area(t, 1, b, r, true);
          if (best.num_bands == 0 || error < best_error - 1e-12) {
            best = {b, r};
            best_error = error;
          }
        }
        if (best.num_bands == 0) best = most_recall;
        const LshParams got = choose_lsh_params(num_perm, t, w);
        EXPECT_EQ(got.num_bands * got.rows_per_band, num_perm);
        EXPECT_EQ(got.num_bands, best.num_bands);
        EXPECT_EQ(got.rows_per_band, best.rows_per_band);
      }
    }
  }
}

TEST(LshParams, DefaultsForCommonSettings) {
  // Recall-leaning defaults: a pair at the threshold is found with good probability.
  const LshParams p = choose_lsh_params(128, 0.8);
  EXPECT_EQ(p.num_bands * p.rows_per_band, 128u);
  EXPECT_GT(lsh_collision_probability(0.8, p.num_bands, p.rows_per_band), 0.9);
  EXPECT_LT(lsh_collision_probability(0.4, p.num_bands, p.rows_per_band), 0.2);
}

TEST(LshParams, DefaultFindsPairsAtTheThresholdWhereverPossible) {
  for (unsigned num_perm : {64u, 128u, 256u}) {
    for (double t : {0.5, 0.6, 0.7, 0.8, 0.9}) {
      SCOPED_TRACE("num_perm=" + std::to_string(num_perm) + " t=" + std::to_string(t));
      const LshParams p = choose_lsh_params(num_perm, t);
      EXPECT_EQ(p.num_bands * p.rows_per_band, num_perm);
      EXPECT_GE(lsh_collision_probability(t, p.num_bands, p.rows_per_band), 0.9);
      EXPECT_GE(lsh_collision_probability(std::min(1.0, t + 0.05), p.num_bands, p.rows_per_band),
                0.95);
    }
  }
}

TEST(LshParams, ResolveValidatesUserChoices) {
  EXPECT_FALSE(resolve_lsh_params(0, 0.8, 0, 0).ok());
  EXPECT_FALSE(resolve_lsh_params(128, 0.0, 0, 0).ok());
  EXPECT_FALSE(resolve_lsh_params(128, 1.0, 0, 0).ok());
  EXPECT_FALSE(resolve_lsh_params(128, 0.8, 20, 7).ok());  // 140 > 128
  EXPECT_FALSE(resolve_lsh_params(128, 0.8, 0, 3).ok());   // 3 does not divide 128
  EXPECT_FALSE(resolve_lsh_params(128, 0.8, 0, 0, LshWeights{-1, 1}).ok());
  auto both = resolve_lsh_params(128, 0.8, 20, 6);  // 120 <= 128: allowed, 8 slots unused
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->num_bands, 20u);
  EXPECT_EQ(both->rows_per_band, 6u);
  auto rows_only = resolve_lsh_params(128, 0.8, 0, 4);
  ASSERT_TRUE(rows_only.ok());
  EXPECT_EQ(rows_only->num_bands, 32u);
  auto bands_only = resolve_lsh_params(128, 0.8, 8, 0);
  ASSERT_TRUE(bands_only.ok());
  EXPECT_EQ(bands_only->rows_per_band, 16u);
  auto automatic = resolve_lsh_params(128, 0.8, 0, 0);
  ASSERT_TRUE(automatic.ok());
  EXPECT_EQ(automatic->num_bands, choose_lsh_params(128, 0.8).num_bands);
}

}  // namespace
}  // namespace docsift
