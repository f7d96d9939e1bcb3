#include "group/verify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <iterator>
#include <random>
#include <string>

namespace docsift {
namespace {

TEST(Verify, ExactJaccardMatchesSetAlgebra) {
  std::mt19937_64 rng(3);
  for (size_t len_a : {0u, 1u, 3u, 7u, 8u, 9u, 15u, 16u, 17u, 33u}) {
    for (size_t len_b : {0u, 1u, 9u, 33u}) {
      SCOPED_TRACE(std::to_string(len_a) + " " + std::to_string(len_b));
      std::vector<uint64_t> a, b;
      for (size_t i = 0; i < len_a; ++i) a.push_back(rng() % 40);
      for (size_t i = 0; i < len_b; ++i) b.push_back(rng() % 40);
      for (auto* s : {&a, &b}) {
        std::sort(s->begin(), s->end());
        s->erase(std::unique(s->begin(), s->end()), s->end());
      }
      std::vector<uint64_t> inter, uni;
      std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(inter));
      std::set_union(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(uni));
      const double want = uni.empty() ? 1.0 : double(inter.size()) / double(uni.size());
      EXPECT_DOUBLE_EQ(exact_jaccard(a, b), want);
    }
  }
}

TEST(Verify, KeepsExactlyThePairsAtOrAboveTheThreshold) {
  std::mt19937_64 rng(4);
  const unsigned num_perm = 20;
  const size_t n = 60;
  std::vector<uint32_t> signatures(n * num_perm);
  for (auto& v : signatures) v = rng() % 2;
  std::vector<uint64_t> fingerprints(n);
  for (auto& f : fingerprints) f = rng() & rng() & 0xFFFF;
  std::vector<uint64_t> values, offsets{0};
  for (size_t d = 0; d < n; ++d) {
    for (uint64_t x = 0; x < 12; ++x) {
      if (rng() % 2) values.push_back(x);
    }
    offsets.push_back(values.size());
  }
  std::vector<DocPair> pairs;
  for (uint32_t a = 0; a < n; ++a) {
    for (uint32_t b = a + 1; b < n; ++b) pairs.push_back({a, b});
  }
  for (unsigned threads : {1u, 3u}) {
    const auto mh = verify_minhash(pairs, signatures, num_perm, 0.6, threads);
    const auto ex = verify_exact(pairs, values, offsets, 0.5, threads);
    const auto sh = verify_simhash(pairs, fingerprints, 3, threads);
    size_t i_mh = 0, i_ex = 0, i_sh = 0;
    for (const DocPair& p : pairs) {
      unsigned equal = 0;
      for (unsigned i = 0; i < num_perm; ++i) {
        equal += signatures[p.a * num_perm + i] == signatures[p.b * num_perm + i];
      }
      if (equal * 10 >= 6 * num_perm) {
        ASSERT_LT(i_mh, mh.size());
        EXPECT_EQ(mh[i_mh].a, p.a);
        EXPECT_EQ(mh[i_mh].b, p.b);
        EXPECT_FLOAT_EQ(mh[i_mh].similarity, float(equal) / num_perm);
        ++i_mh;
      }
      const double j =
          exact_jaccard(std::span(values).subspan(offsets[p.a], offsets[p.a + 1] - offsets[p.a]),
                        std::span(values).subspan(offsets[p.b], offsets[p.b + 1] - offsets[p.b]));
      if (j >= 0.5) {
        ASSERT_LT(i_ex, ex.size());
        EXPECT_EQ(ex[i_ex].a, p.a);
        EXPECT_EQ(ex[i_ex].b, p.b);
        EXPECT_FLOAT_EQ(ex[i_ex].similarity, float(j));
        ++i_ex;
      }
      const int h = std::popcount(fingerprints[p.a] ^ fingerprints[p.b]);
      if (h <= 3) {
        ASSERT_LT(i_sh, sh.size());
        EXPECT_EQ(sh[i_sh].a, p.a);
        EXPECT_EQ(sh[i_sh].b, p.b);
        EXPECT_FLOAT_EQ(sh[i_sh].similarity, 1.0f - h / 64.0f);
        ++i_sh;
      }
    }
    EXPECT_EQ(i_mh, mh.size());
    EXPECT_EQ(i_ex, ex.size());
    EXPECT_EQ(i_sh, sh.size());
    EXPECT_GT(mh.size(), 0u);
    EXPECT_GT(ex.size(), 0u);
    EXPECT_GT(sh.size(), 0u);
  }
}

}  // namespace
}  // namespace docsift
