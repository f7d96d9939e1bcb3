// Partial sketches of a shingle sequence cut into ranges, merged, equal the whole-sequence
// sketch exactly: MinHash (merge_signatures), OPH (bins merged, then densified), SimHash
// (counters added). Random inputs, odd lengths, empty ranges, repeats.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "sketch/minhash.h"
#include "sketch/one_perm.h"
#include "sketch/simhash.h"

namespace docsift {
namespace {

// Random shingles with some repeats, and sorted cut points 0 = c0 <= c1 <= ... <= n.
struct Case {
  std::vector<uint64_t> shingles;
  std::vector<size_t> cuts;
};

Case random_case(std::mt19937_64& rng) {
  Case c;
  const size_t n = rng() % 3 == 0 ? rng() % 8 : rng() % 5000;
  for (size_t i = 0; i < n; ++i)
    c.shingles.push_back(i > 0 && rng() % 4 == 0 ? c.shingles[rng() % i] : rng());
  const size_t parts = 1 + rng() % 7;
  c.cuts.push_back(0);
  for (size_t p = 1; p < parts; ++p) c.cuts.push_back(n == 0 ? 0 : rng() % (n + 1));
  c.cuts.push_back(n);
  std::sort(c.cuts.begin(), c.cuts.end());
  return c;
}

std::span<const uint64_t> part(const Case& c, size_t p) {
  return std::span<const uint64_t>(c.shingles).subspan(c.cuts[p], c.cuts[p + 1] - c.cuts[p]);
}

TEST(PartialSketchTest, MinHashRangesMergeToTheWholeSignature) {
  std::mt19937_64 rng(1);
  for (uint32_t num_perm : {1u, 7u, 16u, 128u, 129u}) {
    MinHasher hasher({.num_perm = num_perm, .seed = 3});
    for (int round = 0; round < 40; ++round) {
      const Case c = random_case(rng);
      std::vector<uint32_t> whole(num_perm), merged(num_perm, 0xFFFFFFFFu), piece(num_perm);
      hasher.sign(c.shingles, whole);
      for (size_t p = 0; p + 1 < c.cuts.size(); ++p) {
        hasher.sign(part(c, p), piece);
        merge_signatures(merged, piece);
      }
      EXPECT_EQ(merged, whole) << "num_perm " << num_perm << ", " << c.shingles.size();
    }
  }
}

TEST(PartialSketchTest, OnePermBinsMergeThenDensifyToTheWholeSignature) {
  std::mt19937_64 rng(2);
  for (uint32_t num_perm : {1u, 5u, 64u, 128u, 200u, 5000u}) {
    OnePermHasher oph({.num_perm = num_perm, .seed = 9});
    for (int round = 0; round < 30; ++round) {
      const Case c = random_case(rng);
      std::vector<uint32_t> whole(num_perm), merged(num_perm);
      oph.sign(c.shingles, whole);
      OnePermBins all, bins;
      oph.reset(all);
      for (size_t p = 0; p + 1 < c.cuts.size(); ++p) {
        oph.reset(bins);
        oph.add(part(c, p), bins);
        merge_bins(all, bins);
      }
      oph.finish(all, merged);
      EXPECT_EQ(merged, whole) << "num_perm " << num_perm << ", " << c.shingles.size();
      // Adding the ranges one after another into the same bins is the same.
      oph.reset(bins);
      for (size_t p = 0; p + 1 < c.cuts.size(); ++p) oph.add(part(c, p), bins);
      oph.finish(bins, merged);
      EXPECT_EQ(merged, whole);
    }
  }
}

TEST(PartialSketchTest, SimHashCountersAddToTheWholeFingerprint) {
  std::mt19937_64 rng(3);
  for (int round = 0; round < 200; ++round) {
    const Case c = random_case(rng);
    SimHashCounts all;
    for (size_t p = 0; p + 1 < c.cuts.size(); ++p) {
      SimHashCounts counts;
      simhash_count(part(c, p), counts);
      all += counts;
    }
    EXPECT_EQ(all.n, c.shingles.size());
    EXPECT_EQ(simhash_of(all), simhash(c.shingles)) << c.shingles.size();
    // Counters against a naive per-bit count.
    for (int j = 0; j < 64; j += 13) {
      uint64_t ones = 0;
      for (uint64_t x : c.shingles) ones += (x >> j) & 1;
      EXPECT_EQ(all.ones[j], ones);
    }
  }
}

}  // namespace
}  // namespace docsift
