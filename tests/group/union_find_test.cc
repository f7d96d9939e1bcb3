#include "group/union_find.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "reference/pairs_reference.h"

namespace docsift {
namespace {

TEST(UnionFind, ComponentsMatchBfsOnRandomGraphs) {
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    std::mt19937_64 rng(seed);
    const size_t n = 1 + rng() % 2000;
    const size_t m = rng() % (2 * n);  // from sparse to past the giant-component threshold
    std::vector<DocPair> edges;
    for (size_t i = 0; i < m; ++i) {
      edges.push_back(DocPair::make(rng() % n, rng() % n));
    }
    UnionFind uf(n);
    size_t merges = 0;
    for (const DocPair& e : edges) merges += uf.unite(e.a, e.b);
    const auto label = reference::bfs_components(n, edges);
    std::vector<uint32_t> component_size(n, 0);
    size_t num_components = 0;
    for (uint32_t d = 0; d < n; ++d) {
      ++component_size[label[d]];
      num_components += label[d] == d;
    }
    EXPECT_EQ(merges, n - num_components);
    for (uint32_t x = 0; x < n; ++x) {
      EXPECT_EQ(uf.set_size(x), component_size[label[x]]);
      const uint32_t y = static_cast<uint32_t>(rng() % n);
      ASSERT_EQ(uf.find(x) == uf.find(y), label[x] == label[y]) << x << " " << y;
    }
  }
}

TEST(UnionFind, DeterministicRoots) {
  UnionFind a(10), b(10);
  for (auto [x, y] : {std::pair{1u, 2u}, {3u, 4u}, {2u, 4u}, {9u, 0u}}) {
    a.unite(x, y);
    b.unite(x, y);
  }
  for (uint32_t i = 0; i < 10; ++i) EXPECT_EQ(a.find(i), b.find(i));
  EXPECT_EQ(a.find(4), 1u);  // equal sizes: the smaller root wins
  EXPECT_EQ(a.find(9), 0u);
  EXPECT_FALSE(a.unite(1, 3));
}

}  // namespace
}  // namespace docsift
