#include "vector/internal/df_communities.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>

namespace docsift::detail {
namespace {

struct UnionFind {
  explicit UnionFind(size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), size_t{0}); }
  size_t find(size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(size_t a, size_t b) {
    a = find(a);
    b = find(b);
    if (a != b) parent[std::max(a, b)] = std::min(a, b);  // root: the most frequent anchor
  }
  std::vector<size_t> parent;
};

}  // namespace

std::vector<int32_t> document_communities(std::span<const uint64_t> doc_offsets,
                                          std::span<const uint32_t> doc_keys,
                                          std::span<const uint32_t> df, const CommunityOptions& opt,
                                          size_t* num_communities) {
  const size_t n = doc_offsets.empty() ? 0 : doc_offsets.size() - 1;
  std::vector<int32_t> community(n, -1);
  *num_communities = 0;

  // Anchors: highest document frequency first, ties by key (deterministic).
  std::vector<uint32_t> order(df.size());
  std::iota(order.begin(), order.end(), 0u);
  const size_t num_anchors = std::min(opt.max_anchors, order.size());
  std::partial_sort(order.begin(), order.begin() + num_anchors, order.end(),
                    [&](uint32_t a, uint32_t b) { return df[a] != df[b] ? df[a] > df[b] : a < b; });
  order.resize(num_anchors);
  while (!order.empty() && df[order.back()] < 2) order.pop_back();
  const size_t m = order.size();
  if (m < 2 * opt.min_anchors || n == 0) return community;
  std::vector<int32_t> anchor_of(df.size(), -1);
  for (size_t a = 0; a < m; ++a) anchor_of[order[a]] = static_cast<int32_t>(a);

  // Anchor x sample-document bitsets, then containment of every anchor pair.
  const size_t cap = std::max<size_t>(opt.sample_docs, 1);
  const size_t stride = (n + cap - 1) / cap;
  const size_t samples = (n + stride - 1) / stride;
  const size_t words = (samples + 63) / 64;
  std::vector<uint64_t> bits(m * words, 0);
  for (size_t s = 0; s < samples; ++s) {
    const size_t d = s * stride;
    for (uint64_t p = doc_offsets[d]; p < doc_offsets[d + 1]; ++p) {
      const int32_t a = anchor_of[doc_keys[p]];
      if (a >= 0) bits[static_cast<size_t>(a) * words + s / 64] |= uint64_t{1} << (s % 64);
    }
  }
  std::vector<size_t> sample_df(m, 0);
  for (size_t a = 0; a < m; ++a)
    for (size_t w = 0; w < words; ++w)
      sample_df[a] += static_cast<size_t>(std::popcount(bits[a * words + w]));
  // Link anchors whose document sets nearly coincide (Jaccard >= link_jaccard): the function
  // words of one language. Jaccard, unlike containment, does not link a word shared by two
  // languages ("million" in Russian and Kazakh) to the words of either, and since 1 - Jaccard is
  // a metric, a chain of links cannot drift from one language's documents to another's quickly.
  UnionFind uf(m);
  for (size_t a = 0; a < m; ++a) {
    const uint64_t* ba = &bits[a * words];
    for (size_t b = a + 1; b < m; ++b) {
      if (uf.find(a) == uf.find(b)) continue;
      const uint64_t* bb = &bits[b * words];
      size_t both = 0;
      for (size_t w = 0; w < words; ++w) both += static_cast<size_t>(std::popcount(ba[w] & bb[w]));
      const size_t either = sample_df[a] + sample_df[b] - both;
      if (either > 0 && static_cast<double>(both) >= opt.link_jaccard * static_cast<double>(either))
        uf.unite(a, b);
    }
  }

  // Components with enough anchors, numbered by their most frequent anchor.
  std::vector<size_t> members(m, 0);
  for (size_t a = 0; a < m; ++a) ++members[uf.find(a)];
  // A core whose documents lie mostly inside a more frequent core's (a tight topic within a
  // language, a block of templated reports) is not a community: communities partition the
  // documents. Each core's documents are taken as those of its most frequent anchor.
  auto overlap = [&](size_t a, size_t b) {
    size_t both = 0;
    for (size_t w = 0; w < words; ++w)
      both += static_cast<size_t>(std::popcount(bits[a * words + w] & bits[b * words + w]));
    return both;
  };
  std::vector<int32_t> id_of_root(m, -1);
  std::vector<size_t> kept_roots;
  int32_t num = 0;
  for (size_t a = 0; a < m; ++a) {
    if (uf.find(a) != a || members[a] < opt.min_anchors) continue;
    bool nested = false;
    for (size_t r : kept_roots) nested = nested || 2 * overlap(a, r) >= sample_df[a];
    if (nested) continue;
    kept_roots.push_back(a);
    id_of_root[a] = num++;
  }
  if (num < 2) return community;
  std::vector<int32_t> comp_of_anchor(m);
  for (size_t a = 0; a < m; ++a) comp_of_anchor[a] = id_of_root[uf.find(a)];

  // Each document joins the community holding most of its distinct anchors.
  std::vector<uint32_t> votes(static_cast<size_t>(num), 0);
  std::vector<size_t> size(static_cast<size_t>(num), 0);
  for (size_t d = 0; d < n; ++d) {
    std::fill(votes.begin(), votes.end(), 0u);
    for (uint64_t p = doc_offsets[d]; p < doc_offsets[d + 1]; ++p) {
      const int32_t a = anchor_of[doc_keys[p]];
      if (a >= 0 && comp_of_anchor[a] >= 0) ++votes[static_cast<size_t>(comp_of_anchor[a])];
    }
    const auto best = std::max_element(votes.begin(), votes.end());
    if (*best > 0) {
      community[d] = static_cast<int32_t>(best - votes.begin());
      ++size[static_cast<size_t>(community[d])];
    }
  }

  // Drop small communities; renumber the rest.
  const size_t least = std::max(opt.min_docs, static_cast<size_t>(std::ceil(opt.min_share * n)));
  std::vector<int32_t> renumber(static_cast<size_t>(num), -1);
  int32_t kept = 0;
  for (size_t c = 0; c < size.size(); ++c)
    if (size[c] >= least) renumber[c] = kept++;
  if (kept < 2) {
    std::fill(community.begin(), community.end(), -1);
    return community;
  }
  for (int32_t& c : community)
    if (c >= 0) c = renumber[static_cast<size_t>(c)];
  *num_communities = static_cast<size_t>(kept);
  return community;
}

}  // namespace docsift::detail
