// MappedArray grows in place of std::vector for large POD arrays: contents survive growth, new
// elements are zero, moves transfer ownership.

#include "core/mapped_array.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace docsift {
namespace {

TEST(MappedArray, MatchesAVectorThroughRandomGrowth) {
  std::mt19937_64 rng(7);
  MappedArray<uint32_t> a;
  std::vector<uint32_t> v;
  for (int step = 0; step < 200; ++step) {
    const size_t n = v.size() + rng() % 5000;
    a.resize(n);
    v.resize(n);  // zero-filled, as fresh mapped pages are
    for (size_t i = 0; i < 50 && n > 0; ++i) {
      const size_t at = rng() % n;
      a[at] = v[at] = static_cast<uint32_t>(rng());
    }
  }
  ASSERT_EQ(a.size(), v.size());
  EXPECT_TRUE(std::equal(v.begin(), v.end(), a.span().begin()));
}

TEST(MappedArray, ShrinkKeepsPrefixAndMoveTransfers) {
  MappedArray<uint64_t> a;
  a.resize(100000);
  for (size_t i = 0; i < a.size(); ++i) a[i] = i * 3;
  a.resize(10);
  EXPECT_EQ(a.size(), 10u);
  EXPECT_EQ(a[9], 27u);
  MappedArray<uint64_t> b(std::move(a));
  EXPECT_EQ(b.size(), 10u);
  EXPECT_EQ(b[9], 27u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT: moved-from is empty by contract
  EXPECT_TRUE(a.span().empty());
}

}  // namespace
}  // namespace docsift
