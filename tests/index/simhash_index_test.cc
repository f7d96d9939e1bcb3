#include "index/simhash_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>

#include "reference/hamming_reference.h"

namespace docsift {
namespace {

uint64_t flip_bits(uint64_t x, unsigned count, std::mt19937_64& rng) {
  for (unsigned i = 0; i < count; ++i) x ^= uint64_t{1} << (rng() % 64);
  return x;
}

// Random fingerprints, some planted within 0..k+1 bit flips of an earlier one, some repeated.
std::vector<uint64_t> planted_fingerprints(uint64_t seed, size_t n, unsigned k) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> fps;
  for (size_t i = 0; i < n; ++i) {
    const unsigned kind = rng() % 4;
    if (fps.empty() || kind == 0) {
      fps.push_back(rng());
    } else if (kind == 3) {
      fps.push_back(fps[rng() % fps.size()]);
    } else {
      fps.push_back(flip_bits(fps[rng() % fps.size()], rng() % (k + 2), rng));
    }
  }
  return fps;
}

// All document pairs the compact output stands for.
std::vector<DocPair> expand(std::span<const uint64_t> fps, const std::vector<DocPair>& compact) {
  std::vector<std::vector<uint32_t>> group(fps.size());
  for (uint32_t d = 0; d < fps.size(); ++d) {
    for (uint32_t e = 0; e <= d; ++e) {
      if (fps[e] == fps[d]) {
        group[e].push_back(d);  // group[first] collects the documents sharing its fingerprint
        break;
      }
    }
  }
  std::set<DocPair> all;
  for (const auto& members : group) {
    for (size_t i = 0; i < members.size(); ++i) {
      for (size_t j = i + 1; j < members.size(); ++j) all.insert({members[i], members[j]});
    }
  }
  for (const DocPair& p : compact) {
    if (fps[p.a] == fps[p.b]) continue;  // chain edge, covered above
    for (uint32_t x : group[p.a]) {
      for (uint32_t y : group[p.b]) all.insert(DocPair::make(x, y));
    }
  }
  return {all.begin(), all.end()};
}

TEST(SimHashIndex, EqualsNaiveScanForEveryDistance) {
  for (unsigned k = 0; k <= 7; ++k) {
    for (uint64_t seed : {1u, 2u}) {
      SCOPED_TRACE("k=" + std::to_string(k) + " seed=" + std::to_string(seed));
      const auto fps = planted_fingerprints(seed * 100 + k, 700, k);
      SimHashIndexOptions opt;
      opt.max_hamming = k;
      opt.threads = 2;
      SimHashStats stats;
      const auto got = simhash_pairs(fps, opt, &stats);
      EXPECT_EQ(got, reference::naive_compact_hamming_pairs(fps, k));
      EXPECT_EQ(expand(fps, got), reference::naive_hamming_pairs(fps, k));
      EXPECT_LT(stats.distinct_fingerprints, fps.size());
    }
  }
}

TEST(SimHashIndex, AnyBlockCountGivesTheSameAnswer) {
  for (unsigned k : {1u, 3u, 5u}) {
    const auto fps = planted_fingerprints(77 + k, 500, k);
    const auto want = reference::naive_compact_hamming_pairs(fps, k);
    for (unsigned m = k + 1; m <= k + 4; ++m) {
      SCOPED_TRACE("k=" + std::to_string(k) + " m=" + std::to_string(m));
      SimHashIndexOptions opt;
      opt.max_hamming = k;
      opt.num_blocks = m;
      SimHashStats stats;
      EXPECT_EQ(simhash_pairs(fps, opt, &stats), want);
      EXPECT_EQ(stats.num_blocks, m);
      double tables = 1;  // C(m, k)
      for (unsigned i = 1; i <= k; ++i) tables = tables * (m - k + i) / i;
      EXPECT_EQ(stats.num_tables, static_cast<size_t>(tables));
    }
  }
}

TEST(SimHashIndex, ManyIdenticalFingerprintsStayLinear) {
  std::mt19937_64 rng(9);
  const uint64_t base = rng();
  std::vector<uint64_t> fps;
  for (int i = 0; i < 6000; ++i) {
    const unsigned kind = rng() % 3;
    fps.push_back(kind == 0 ? base : kind == 1 ? base ^ 0x11 : rng());
  }
  SimHashIndexOptions opt;
  opt.max_hamming = 3;
  SimHashStats stats;
  const auto got = simhash_pairs(fps, opt, &stats);
  EXPECT_EQ(got, reference::naive_compact_hamming_pairs(fps, 3));
  EXPECT_LT(got.size(), fps.size());      // chains, not the ~8e6 expanded pairs
  EXPECT_LT(stats.comparisons, 100000u);  // identical copies never meet in a run
}

TEST(SimHashIndex, BlockChoiceGrowsWithInputSize) {
  EXPECT_EQ(choose_simhash_blocks(1000000, 0), 1u);
  EXPECT_EQ(choose_simhash_blocks(1000000, 3), 4u);
  EXPECT_GT(choose_simhash_blocks(10000000, 7), 8u);  // 8-bit keys would make huge runs
  for (unsigned k = 1; k <= 10; ++k) EXPECT_GT(choose_simhash_blocks(1000, k), k);
}

TEST(SimHashIndex, SameOutputForAnyThreadCount) {
  const auto fps = planted_fingerprints(5, 5000, 4);
  SimHashIndexOptions opt;
  opt.max_hamming = 4;
  opt.threads = 1;
  const auto one = simhash_pairs(fps, opt);
  for (unsigned threads : {2u, 4u}) {
    opt.threads = threads;
    EXPECT_EQ(simhash_pairs(fps, opt), one) << "threads=" << threads;
  }
  EXPECT_TRUE(simhash_pairs({}, opt).empty());
}

}  // namespace
}  // namespace docsift
