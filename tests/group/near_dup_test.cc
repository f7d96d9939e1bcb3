#include "group/near_dup.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <random>
#include <string>

#include "group/verify.h"
#include "reference/hamming_reference.h"
#include "reference/pairs_reference.h"

namespace docsift {
namespace {

void expect_same(const Grouping& x, const Grouping& y) {
  EXPECT_EQ(x.cluster_of, y.cluster_of);
  EXPECT_EQ(x.kept_of, y.kept_of);
  EXPECT_EQ(x.similarity, y.similarity);
  EXPECT_EQ(x.cluster_size, y.cluster_size);
}

// Structural invariants of any Grouping.
void expect_well_formed(const Grouping& g, size_t n) {
  ASSERT_EQ(g.cluster_of.size(), n);
  ASSERT_EQ(g.kept_of.size(), n);
  ASSERT_EQ(g.similarity.size(), n);
  std::vector<uint32_t> size(g.cluster_size.size(), 0);
  uint32_t next_id = 0;
  for (uint32_t d = 0; d < n; ++d) {
    const uint32_t c = g.cluster_of[d];
    ASSERT_LE(c, next_id);  // dense, numbered by first member
    if (c == next_id) ++next_id;
    ++size[c];
    EXPECT_EQ(g.kept_of[g.kept_of[d]], g.kept_of[d]);
    EXPECT_EQ(g.cluster_of[g.kept_of[d]], c);
    if (g.kept_of[d] == d) {
      EXPECT_EQ(g.similarity[d], 1.0f);
    }
  }
  EXPECT_EQ(next_id, g.cluster_size.size());
  EXPECT_EQ(size, g.cluster_size);
}

// Points on a line: similarity = 1 - |x_a - x_b| (1 - similarity is a metric).
struct LineDocs {
  std::vector<double> x;
  float similarity(uint32_t a, uint32_t b) const {
    return static_cast<float>(1.0 - std::abs(x[a] - x[b]));
  }
  std::vector<Edge> edges_within(double max_distance) const {
    std::vector<Edge> edges;
    for (uint32_t a = 0; a < x.size(); ++a) {
      for (uint32_t b = a + 1; b < x.size(); ++b) {
        if (std::abs(x[a] - x[b]) <= max_distance) edges.push_back({a, b, similarity(a, b)});
      }
    }
    return edges;
  }
};

LineDocs random_line(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  LineDocs docs;
  for (size_t i = 0; i < n; ++i) docs.x.push_back(std::uniform_real_distribution(0.0, 8.0)(rng));
  return docs;
}

std::vector<DocPair> as_pairs(const std::vector<Edge>& edges) {
  std::vector<DocPair> pairs;
  for (const Edge& e : edges) pairs.push_back(DocPair::make(e.a, e.b));
  return pairs;
}

TEST(GroupEdges, ClustersAreComponentsAndKeepRulesHold) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    std::mt19937_64 rng(seed);
    const LineDocs docs = random_line(seed, 300);
    const auto edges = docs.edges_within(0.02);
    std::vector<uint64_t> lengths(docs.x.size());
    for (auto& len : lengths) len = rng() % 5;  // many ties
    const auto label = reference::bfs_components(docs.x.size(), as_pairs(edges));
    for (KeepRule rule : {KeepRule::kFirst, KeepRule::kLongest}) {
      const Grouping g = group_edges(docs.x.size(), edges, rule, lengths);
      expect_well_formed(g, docs.x.size());
      for (uint32_t d = 0; d < docs.x.size(); ++d) {
        uint32_t want = label[d];  // BFS label = first member of the component
        if (rule == KeepRule::kLongest) {
          for (uint32_t e = 0; e < docs.x.size(); ++e) {
            if (label[e] == label[d] && lengths[e] > lengths[want]) want = e;
          }
        }
        ASSERT_EQ(g.kept_of[d], want) << d;
        // Path lower bound never exceeds the true similarity to the kept document.
        EXPECT_LE(g.similarity[d], docs.similarity(d, want) + 1e-5f);
      }
    }
  }
}

TEST(GroupEdges, LowerBoundAlongAChain) {
  const std::vector<Edge> edges{{0, 1, 0.9f}, {1, 2, 0.9f}, {3, 2, 0.7f}, {0, 4, 0.95f}};
  const Grouping g = group_edges(6, edges, KeepRule::kFirst, {});
  EXPECT_EQ(g.cluster_size, (std::vector<uint32_t>{5, 1}));
  EXPECT_FLOAT_EQ(g.similarity[1], 0.9f);  // direct edge: exact
  EXPECT_NEAR(g.similarity[2], 0.8f, 1e-6);
  EXPECT_NEAR(g.similarity[3], 0.5f, 1e-6);
  EXPECT_FLOAT_EQ(g.similarity[4], 0.95f);
  EXPECT_EQ(g.kept_of[5], 5u);
  EXPECT_EQ(clusters_larger_than(g, 1), (std::vector<uint32_t>{0}));
  EXPECT_TRUE(clusters_larger_than(g, 5).empty());
  const std::vector<uint64_t> lengths{1, 1, 9, 1, 9, 100};
  const Grouping longest = group_edges(6, edges, KeepRule::kLongest, lengths);
  EXPECT_EQ(longest.kept_of[0], 2u);  // 2 and 4 tie at 9: the first wins
  EXPECT_EQ(longest.kept_of[5], 5u);
}

TEST(GroupEdges, CheckSplitsChains) {
  // x = 0, 0.08, 0.16, ...: neighbours are 0.92 similar, next-but-one 0.84.
  LineDocs docs;
  for (int i = 0; i < 10; ++i) docs.x.push_back(0.08 * i);
  std::vector<Edge> edges;
  for (uint32_t i = 0; i + 1 < 10; ++i) edges.push_back({i, i + 1, docs.similarity(i, i + 1)});
  auto sim = [&](uint32_t a, uint32_t b) { return docs.similarity(a, b); };
  ClusterCheck check{0.9f, 100};
  const Grouping g = group_edges(10, edges, KeepRule::kFirst, {}, sim, check);
  expect_well_formed(g, 10);
  EXPECT_EQ(g.kept_of, (std::vector<uint32_t>{0, 0, 2, 2, 4, 4, 6, 6, 8, 8}));
  check.max_cluster_check = 1;  // leftovers after one round stay alone
  const Grouping one = group_edges(10, edges, KeepRule::kFirst, {}, sim, check);
  EXPECT_EQ(one.kept_of, (std::vector<uint32_t>{0, 0, 2, 3, 4, 5, 6, 7, 8, 9}));
  check.min_similarity = 0;  // report only: one cluster, honest similarities
  const Grouping report = group_edges(10, edges, KeepRule::kFirst, {}, sim, check);
  EXPECT_EQ(report.cluster_size, (std::vector<uint32_t>{10}));
  EXPECT_NEAR(report.similarity[9], 1 - 0.72, 1e-6);
}

TEST(GroupEdges, CheckedClustersHonourTheBar) {
  for (uint64_t seed = 10; seed <= 14; ++seed) {
    SCOPED_TRACE("seed=" + std::to_string(seed));
    const LineDocs docs = random_line(seed, 400);
    const auto edges = docs.edges_within(0.05);
    const auto label = reference::bfs_components(docs.x.size(), as_pairs(edges));
    auto sim = [&](uint32_t a, uint32_t b) { return docs.similarity(a, b); };
    const Grouping g =
        group_edges(docs.x.size(), edges, KeepRule::kFirst, {}, sim, ClusterCheck{0.95f, 50});
    expect_well_formed(g, docs.x.size());
    for (uint32_t d = 0; d < docs.x.size(); ++d) {
      EXPECT_EQ(label[g.kept_of[d]], label[d]);  // never merges across components
      if (g.kept_of[d] != d) {
        EXPECT_GE(g.similarity[d], 0.95f - 1e-6f);
        EXPECT_EQ(g.similarity[d], docs.similarity(d, g.kept_of[d]));
      }
    }
  }
}

// Random sets with planted near copies; returns signatures and (copy, base) pairs.
std::vector<uint32_t> planted_corpus(uint64_t seed, size_t num_base, unsigned num_perm,
                                     size_t* num_docs,
                                     std::vector<std::pair<uint32_t, uint32_t>>* copies) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> signatures;
  *num_docs = 0;
  for (size_t i = 0; i < num_base; ++i) {
    std::vector<uint64_t> set(40 + rng() % 40);
    for (auto& x : set) x = rng();
    const uint32_t base = static_cast<uint32_t>(*num_docs);
    const size_t num_copies = rng() % 3;
    for (size_t c = 0; c <= num_copies; ++c) {
      std::vector<uint64_t> copy = set;
      if (c > 0) {
        for (size_t k = 0, changes = rng() % 6; k < changes; ++k) copy[rng() % copy.size()] = rng();
        copies->push_back({static_cast<uint32_t>(*num_docs), base});
      }
      std::sort(copy.begin(), copy.end());
      const auto sig = reference::toy_minhash(copy, num_perm, 7);
      signatures.insert(signatures.end(), sig.begin(), sig.end());
      ++*num_docs;
    }
  }
  return signatures;
}

TEST(FindNearDuplicatesMinHash, PlantedCopiesAreFoundAndDropsAreHonest) {
  const unsigned num_perm = 128;
  size_t n = 0;
  std::vector<std::pair<uint32_t, uint32_t>> copies;
  const auto signatures = planted_corpus(21, 150, num_perm, &n, &copies);
  NearDupOptions opt;
  opt.num_perm = num_perm;
  opt.threshold = 0.8;
  opt.threads = 1;
  auto g = find_near_duplicates_minhash(signatures, n, opt);
  ASSERT_TRUE(g.ok()) << g.status().message();
  expect_well_formed(*g, n);
  for (uint32_t d = 0; d < n; ++d) {
    if (g->kept_of[d] == d) continue;
    const float s = minhash_similarity(signatures, num_perm, d, g->kept_of[d]);
    EXPECT_EQ(g->similarity[d], s);
    EXPECT_GE(s, 0.8f);
  }
  size_t eligible = 0, dropped = 0;
  for (auto [copy, base] : copies) {
    if (minhash_similarity(signatures, num_perm, copy, base) < 0.85f) continue;
    ++eligible;
    dropped += g->kept_of[copy] != copy;
  }
  ASSERT_GT(eligible, 50u);
  EXPECT_GE(static_cast<double>(dropped) / eligible, 0.95);

  for (unsigned threads : {2u, 4u}) {
    opt.threads = threads;
    auto other = find_near_duplicates_minhash(signatures, n, opt);
    ASSERT_TRUE(other.ok());
    expect_same(*g, *other);
  }

  std::vector<uint64_t> lengths(n);
  for (uint32_t d = 0; d < n; ++d) lengths[d] = (d * 7919) % 13;
  opt.keep = KeepRule::kLongest;
  opt.doc_lengths = lengths;
  auto longest = find_near_duplicates_minhash(signatures, n, opt);
  ASSERT_TRUE(longest.ok());
  expect_well_formed(*longest, n);
  for (uint32_t d = 0; d < n; ++d) {
    const uint32_t kept = longest->kept_of[d];
    if (kept != d) {
      EXPECT_GE(minhash_similarity(signatures, num_perm, d, kept), 0.8f);
    }
  }
}

TEST(FindNearDuplicatesMinHash, IdenticalAndEmptySignatures) {
  const unsigned num_perm = 64;
  const size_t n = 20000;
  std::vector<uint32_t> signatures(n * num_perm);
  for (size_t i = 0; i < signatures.size(); ++i) signatures[i] = 5 + i % num_perm;
  NearDupOptions opt;
  opt.num_perm = num_perm;
  opt.threads = 2;
  auto g = find_near_duplicates_minhash(signatures, n, opt);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->cluster_size, (std::vector<uint32_t>{static_cast<uint32_t>(n)}));
  EXPECT_EQ(clusters_larger_than(*g, 1000), (std::vector<uint32_t>{0}));

  // Every third document empty (all 0xFFFFFFFF), the rest unrelated random signatures.
  std::mt19937_64 rng(2);
  const size_t m = 300;
  std::vector<uint32_t> mixed(m * num_perm);
  for (size_t d = 0; d < m; ++d) {
    for (unsigned i = 0; i < num_perm; ++i) {
      mixed[d * num_perm + i] = d % 3 == 0 ? UINT32_MAX : static_cast<uint32_t>(rng());
    }
  }
  auto grouped = find_near_duplicates_minhash(mixed, m, opt);
  ASSERT_TRUE(grouped.ok());
  for (uint32_t d = 0; d < m; ++d) EXPECT_EQ(grouped->kept_of[d], d % 3 == 0 ? 0u : d);
  opt.group_empty = false;
  auto alone = find_near_duplicates_minhash(mixed, m, opt);
  ASSERT_TRUE(alone.ok());
  for (uint32_t d = 0; d < m; ++d) EXPECT_EQ(alone->kept_of[d], d);
}

TEST(FindNearDuplicatesMinHash, RejectsBadOptions) {
  std::vector<uint32_t> signatures(10 * 16, 1);
  NearDupOptions opt;
  opt.num_perm = 16;
  EXPECT_FALSE(find_near_duplicates_minhash(signatures, 11, opt).ok());
  opt.num_bands = 5;
  opt.rows_per_band = 4;
  EXPECT_FALSE(find_near_duplicates_minhash(signatures, 10, opt).ok());
  opt.num_bands = 0;
  opt.rows_per_band = 0;
  opt.threshold = 1.5;
  EXPECT_FALSE(find_near_duplicates_minhash(signatures, 10, opt).ok());
  opt.threshold = 0.8;
  opt.keep = KeepRule::kLongest;
  EXPECT_FALSE(find_near_duplicates_minhash(signatures, 10, opt).ok());
  EXPECT_FALSE(find_near_duplicates_simhash({}, 40, 1, KeepRule::kFirst, {}).ok());
}

TEST(FindNearDuplicatesSimHash, DropsOnlyWithinDistanceAndIsThreadIndependent) {
  std::mt19937_64 rng(31);
  std::vector<uint64_t> fps;
  std::vector<std::pair<uint32_t, uint32_t>> exact_copies;
  for (int i = 0; i < 3000; ++i) {
    const unsigned kind = fps.empty() ? 0 : rng() % 3;
    if (kind == 0) {
      fps.push_back(rng());
    } else {
      const uint32_t base = static_cast<uint32_t>(rng() % fps.size());
      uint64_t f = fps[base];
      for (unsigned k = 0, flips = rng() % 6; k < flips; ++k) f ^= uint64_t{1} << (rng() % 64);
      if (f == fps[base]) exact_copies.push_back({static_cast<uint32_t>(fps.size()), base});
      fps.push_back(f);
    }
  }
  auto g = find_near_duplicates_simhash(fps, 3, 1, KeepRule::kFirst, {});
  ASSERT_TRUE(g.ok());
  expect_well_formed(*g, fps.size());
  size_t dropped = 0;
  for (uint32_t d = 0; d < fps.size(); ++d) {
    if (g->kept_of[d] == d) continue;
    ++dropped;
    EXPECT_LE(std::popcount(fps[d] ^ fps[g->kept_of[d]]), 3);
    EXPECT_EQ(g->similarity[d], simhash_similarity(fps[d], fps[g->kept_of[d]]));
  }
  EXPECT_GT(dropped, 500u);
  for (auto [copy, base] : exact_copies) EXPECT_NE(g->kept_of[copy], copy);
  auto four = find_near_duplicates_simhash(fps, 3, 4, KeepRule::kFirst, {});
  ASSERT_TRUE(four.ok());
  expect_same(*g, *four);
}

}  // namespace
}  // namespace docsift
