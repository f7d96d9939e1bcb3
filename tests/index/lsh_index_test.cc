#include "index/lsh_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

#include "reference/pairs_reference.h"

namespace docsift {
namespace {

// Random sets, each followed by 0-3 near copies (a few elements replaced), turned into
// signatures with the reference MinHash.
std::vector<uint32_t> planted_signatures(uint64_t seed, size_t num_base, unsigned num_perm,
                                         size_t* num_docs) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> signatures;
  *num_docs = 0;
  for (size_t i = 0; i < num_base; ++i) {
    std::vector<uint64_t> set(20 + rng() % 60);
    for (auto& x : set) x = rng();
    const size_t copies = rng() % 4;
    for (size_t c = 0; c <= copies; ++c) {
      std::vector<uint64_t> copy = set;
      if (c > 0) {
        const size_t changes = rng() % (copy.size() / 4 + 1);
        for (size_t k = 0; k < changes; ++k) copy[rng() % copy.size()] = rng();
      }
      std::sort(copy.begin(), copy.end());
      copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
      const auto sig = reference::toy_minhash(copy, num_perm, 42);
      signatures.insert(signatures.end(), sig.begin(), sig.end());
      ++*num_docs;
    }
  }
  return signatures;
}

// Signature values from a tiny alphabet: many collisions and large buckets.
std::vector<uint32_t> crowded_signatures(uint64_t seed, size_t num_docs, unsigned num_perm,
                                         uint32_t alphabet) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> signatures(num_docs * num_perm);
  for (auto& v : signatures) v = static_cast<uint32_t>(rng() % alphabet);
  return signatures;
}

void expect_subset_of_band_sharing(const std::vector<DocPair>& pairs,
                                   const std::vector<uint32_t>& signatures, unsigned num_perm,
                                   LshParams p) {
  for (const DocPair& e : pairs) {
    ASSERT_LT(e.a, e.b);
    ASSERT_TRUE(
        reference::shares_band(signatures, num_perm, p.num_bands, p.rows_per_band, e.a, e.b))
        << e.a << "," << e.b;
  }
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
  EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
}

TEST(LshIndex, SmallBucketsGiveExactlyThePairsSharingABand) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    for (LshParams p : {LshParams{16, 4}, LshParams{8, 8}, LshParams{10, 6}, LshParams{64, 1}}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " b=" + std::to_string(p.num_bands) +
                   " r=" + std::to_string(p.rows_per_band));
      const unsigned num_perm = 64;
      size_t n = 0;
      const auto signatures = planted_signatures(seed, 120, num_perm, &n);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = p;
      opt.max_bucket_size = 1u << 30;
      opt.threads = 2;
      LshStats stats;
      const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
      const auto want =
          reference::pairs_sharing_band(signatures, n, num_perm, p.num_bands, p.rows_per_band);
      EXPECT_EQ(got, want);
      EXPECT_EQ(stats.num_candidates, got.size());
      EXPECT_EQ(stats.large_buckets, 0u);
      EXPECT_FALSE(want.empty());  // the planted copies do collide
    }
  }
}

TEST(LshIndex, LargeBucketsAreChainedButKeepComponents) {
  for (uint64_t seed : {7u, 8u}) {
    for (size_t max_bucket : {2u, 3u, 6u}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " max_bucket=" + std::to_string(max_bucket));
      const unsigned num_perm = 24;
      const LshParams p{6, 3};
      const size_t n = 400;
      const auto signatures = crowded_signatures(seed, n, num_perm, 4);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = p;
      opt.max_bucket_size = max_bucket;
      opt.threads = 3;
      LshStats stats;
      const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
      expect_subset_of_band_sharing(got, signatures, num_perm, p);
      const auto sharing =
          reference::pairs_sharing_band(signatures, n, num_perm, p.num_bands, p.rows_per_band);
      EXPECT_GT(stats.large_buckets, 0u);
      EXPECT_LT(got.size(), sharing.size());
      EXPECT_EQ(reference::bfs_components(n, got), reference::bfs_components(n, sharing));
      // Chaining keeps work linear: at most (bucket - 1) edges for each large bucket.
      EXPECT_LE(got.size(), n * p.num_bands * max_bucket);
    }
  }
}

TEST(LshIndex, AllIdenticalSignaturesFormOneChain) {
  const unsigned num_perm = 32;
  const size_t n = 20000;  // all pairs would be 2e8: only a chain is affordable
  std::vector<uint32_t> signatures(n * num_perm);
  for (unsigned i = 0; i < num_perm; ++i) signatures[i] = 1000 + i;
  for (size_t d = 1; d < n; ++d) {
    std::copy_n(signatures.begin(), num_perm, signatures.begin() + d * num_perm);
  }
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {8, 4};
  opt.threads = 2;
  LshStats stats;
  const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
  ASSERT_EQ(got.size(), n - 1);
  for (size_t i = 0; i + 1 < n; ++i) {
    EXPECT_EQ(got[i], (DocPair{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)}));
  }
  EXPECT_EQ(stats.largest_bucket, n);
  EXPECT_EQ(stats.large_buckets, 8u);
}

TEST(LshIndex, EmptyDocumentsShareEveryBand) {
  const unsigned num_perm = 16;
  size_t n = 0;
  auto signatures = planted_signatures(11, 40, num_perm, &n);
  std::vector<uint32_t> empties;
  for (size_t d = 0; d < n; d += 5) {
    std::fill_n(signatures.begin() + d * num_perm, num_perm, UINT32_MAX);
    empties.push_back(static_cast<uint32_t>(d));
  }
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {4, 4};
  const auto got = lsh_candidate_pairs(signatures, n, opt);
  EXPECT_EQ(got, reference::pairs_sharing_band(signatures, n, num_perm, 4, 4));
  for (size_t i = 0; i + 1 < empties.size(); ++i) {
    EXPECT_TRUE(std::binary_search(got.begin(), got.end(), DocPair{empties[i], empties[i + 1]}));
  }
}

TEST(LshIndex, TinyInputs) {
  LshIndexOptions opt;
  opt.num_perm = 8;
  opt.params = {4, 2};
  EXPECT_TRUE(lsh_candidate_pairs({}, 0, opt).empty());
  std::vector<uint32_t> one(8, 3);
  EXPECT_TRUE(lsh_candidate_pairs(one, 1, opt).empty());
  std::vector<uint32_t> two(16, 3);
  EXPECT_EQ(lsh_candidate_pairs(two, 2, opt), (std::vector<DocPair>{{0, 1}}));
}

TEST(LshIndex, SameOutputForAnyThreadCount) {
  const unsigned num_perm = 32;
  const size_t n = 3000;
  const auto signatures = crowded_signatures(5, n, num_perm, 3);
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {16, 2};
  opt.max_bucket_size = 8;
  opt.threads = 1;
  const auto one = lsh_candidate_pairs(signatures, n, opt);
  for (unsigned threads : {2u, 4u, 7u}) {
    opt.threads = threads;
    EXPECT_EQ(lsh_candidate_pairs(signatures, n, opt), one) << "threads=" << threads;
  }
}

}  // namespace
}  // namespace docsift
