// SimHash against the naive per-bit counter loop, and its locality: near-identical shingle
// multisets give close fingerprints, unrelated ones about 32 differing bits.

#include "sketch/simhash.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace docsift {
namespace {

uint64_t naive_simhash(const std::vector<uint64_t>& features, const std::vector<float>& weights) {
  float v[64] = {};
  for (size_t i = 0; i < features.size(); ++i) {
    const float w = weights.empty() ? 1.0f : weights[i];
    for (int bit = 0; bit < 64; ++bit) {
      if ((features[i] >> bit) & 1) {
        v[bit] += w;
      } else {
        v[bit] -= w;
      }
    }
  }
  uint64_t fp = 0;
  for (int bit = 0; bit < 64; ++bit) {
    if (v[bit] > 0) fp |= uint64_t{1} << bit;
  }
  return fp;
}

TEST(SimHash, MatchesNaiveBitLoop) {
  const uint64_t seed = 17;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> weight(0.0f, 5.0f);
  for (size_t n : {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 33, 1000}) {
    for (int rep = 0; rep < 5; ++rep) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " n=" + std::to_string(n));
      std::vector<uint64_t> f(n);
      // Few distinct values at rep 0 make ties (V[j] == 0) common: they must give 0 bits.
      for (auto& x : f) x = rep == 0 ? (rng() % 2 ? ~uint64_t{0} : 0) ^ (rng() % 4) : rng();
      std::vector<float> w(n);
      for (auto& x : w) x = rep == 1 ? 1.0f : weight(rng);
      EXPECT_EQ(simhash(f), naive_simhash(f, {}));
      EXPECT_EQ(simhash(f, w), naive_simhash(f, w));
    }
  }
  EXPECT_EQ(simhash({}), 0u);
}

TEST(SimHash, RepeatsEqualCountWeights) {
  std::mt19937_64 rng(3);
  std::vector<uint64_t> multiset;
  for (int i = 0; i < 400; ++i)
    multiset.push_back(rng() % 2          ? rng()
                       : multiset.empty() ? 1
                                          : multiset[rng() % multiset.size()]);
  std::map<uint64_t, float> counts;
  for (uint64_t x : multiset) counts[x] += 1.0f;
  std::vector<uint64_t> set;
  std::vector<float> weights;
  for (const auto& [x, c] : counts) {
    set.push_back(x);
    weights.push_back(c);
  }
  EXPECT_EQ(simhash(multiset), simhash(set, weights));
}

TEST(SimHash, NearDuplicatesCloseUnrelatedFar) {
  std::mt19937_64 rng(99);
  double near_total = 0, far_total = 0;
  const int trials = 40;
  for (int t = 0; t < trials; ++t) {
    std::vector<uint64_t> a(1000);
    for (auto& x : a) x = rng();
    std::vector<uint64_t> b = a;
    for (int i = 0; i < 20; ++i) b[rng() % b.size()] = rng();  // <= 2% edited
    std::vector<uint64_t> c(1000);
    for (auto& x : c) x = rng();
    const int near = hamming_distance(simhash(a), simhash(b));
    near_total += near;
    far_total += hamming_distance(simhash(a), simhash(c));
    // cos ~0.98 -> angle 0.2 rad -> each bit flips with p ~ 0.064 (Charikar): ~4 bits.
    EXPECT_LE(near, 14) << "trial " << t;
  }
  EXPECT_LE(near_total / trials, 7.0);
  EXPECT_GE(far_total / trials, 29.0);
  EXPECT_LE(far_total / trials, 35.0);
}

}  // namespace
}  // namespace docsift
