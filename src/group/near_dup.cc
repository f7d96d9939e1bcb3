#include "group/near_dup.h"

#include <algorithm>
#include <string>

#include "core/assert.h"
#include "group/union_find.h"
#include "group/verify.h"
#include "index/lsh_index.h"
#include "index/simhash_index.h"

namespace docsift {
namespace {

constexpr uint32_t kNone = UINT32_MAX;
// Slack for float rounding when comparing a similarity with the threshold it was verified at.
constexpr float kSimilaritySlack = 1e-6f;

// Kept document per union-find root among the `pending` documents.
void choose_kept(size_t n, UnionFind& uf, const std::vector<char>& pending, KeepRule rule,
                 std::span<const uint64_t> lengths, std::vector<uint32_t>& kept_of_root) {
  kept_of_root.assign(n, kNone);
  for (uint32_t d = 0; d < n; ++d) {
    if (!pending[d]) continue;
    uint32_t& kept = kept_of_root[uf.find(d)];
    if (kept == kNone || (rule == KeepRule::kLongest && lengths[d] > lengths[kept])) kept = d;
  }
}

// Preconditions; broken ones are caller bugs (asserted in debug and sanitizer builds).
void check_inputs([[maybe_unused]] size_t n, [[maybe_unused]] std::span<const Edge> edges,
                  [[maybe_unused]] KeepRule rule,
                  [[maybe_unused]] std::span<const uint64_t> lengths) {
  DOCSIFT_ASSERT(n <= UINT32_MAX);
  DOCSIFT_ASSERT(rule != KeepRule::kLongest || lengths.size() == n);
#if defined(DOCSIFT_ENABLE_ASSERTS) || !defined(NDEBUG)
  for (const Edge& e : edges) DOCSIFT_ASSERT(e.a < n && e.b < n);
#endif
}

}  // namespace

Grouping group_edges(size_t n, std::span<const Edge> edges, KeepRule rule,
                     std::span<const uint64_t> lengths) {
  check_inputs(n, edges, rule, lengths);
  UnionFind uf(n);
  for (const Edge& e : edges) uf.unite(e.a, e.b);
  std::vector<char> all(n, 1);
  std::vector<uint32_t> kept_of_root;
  choose_kept(n, uf, all, rule, lengths, kept_of_root);
  std::vector<uint32_t> kept_of(n);
  for (uint32_t d = 0; d < n; ++d) kept_of[d] = kept_of_root[uf.find(d)];

  // Lower bound by BFS from each kept document over the edge graph (CSR adjacency).
  std::vector<uint32_t> degree_start(n + 1, 0);
  for (const Edge& e : edges) {
    ++degree_start[e.a + 1];
    ++degree_start[e.b + 1];
  }
  for (size_t i = 0; i < n; ++i) degree_start[i + 1] += degree_start[i];
  std::vector<uint32_t> fill(degree_start.begin(), degree_start.end() - 1);
  std::vector<uint32_t> neighbor(degree_start[n]);
  std::vector<float> neighbor_distance(degree_start[n]);
  for (const Edge& e : edges) {
    const float distance = 1.0f - e.similarity;
    neighbor_distance[fill[e.a]] = distance;
    neighbor[fill[e.a]++] = e.b;
    neighbor_distance[fill[e.b]] = distance;
    neighbor[fill[e.b]++] = e.a;
  }
  std::vector<float> distance(n, -1.0f);
  std::vector<uint32_t> queue;
  for (uint32_t d = 0; d < n; ++d) {
    if (kept_of[d] != d) continue;
    distance[d] = 0;
    queue.assign(1, d);
    for (size_t head = 0; head < queue.size(); ++head) {
      const uint32_t u = queue[head];
      for (uint32_t i = degree_start[u]; i < degree_start[u + 1]; ++i) {
        const uint32_t v = neighbor[i];
        if (distance[v] >= 0) continue;
        distance[v] = distance[u] + neighbor_distance[i];
        queue.push_back(v);
      }
    }
  }
  std::vector<float> similarity(n);
  for (uint32_t d = 0; d < n; ++d) similarity[d] = std::max(0.0f, 1.0f - distance[d]);
  return grouping_of(std::move(kept_of), std::move(similarity));
}

Grouping group_edges(size_t n, std::span<const Edge> edges, KeepRule rule,
                     std::span<const uint64_t> lengths, const SimilarityFn& similarity_fn,
                     const ClusterCheck& check) {
  check_inputs(n, edges, rule, lengths);
  std::vector<uint32_t> kept_of(n, kNone);
  std::vector<float> similarity(n, 1.0f);
  std::vector<char> pending(n, 1);
  std::vector<uint32_t> kept_of_root;
  size_t num_pending = n;
  const unsigned rounds = std::max(1u, check.max_cluster_check);
  for (unsigned round = 0; round < rounds && num_pending > 0; ++round) {
    // Each round regroups the pending documents from the edges among them only.
    UnionFind uf(n);
    for (const Edge& e : edges) {
      if (pending[e.a] && pending[e.b]) uf.unite(e.a, e.b);
    }
    choose_kept(n, uf, pending, rule, lengths, kept_of_root);
    for (uint32_t d = 0; d < n; ++d) {
      if (!pending[d]) continue;
      const uint32_t kept = kept_of_root[uf.find(d)];
      const float s = kept == d ? 1.0f : similarity_fn(d, kept);
      if (check.min_similarity > 0 && s + kSimilaritySlack < check.min_similarity) continue;
      kept_of[d] = kept;
      similarity[d] = s;
    }
    // Kept documents are final even if their whole cluster was detached, so each round
    // finishes at least one document per cluster.
    for (uint32_t d = 0; d < n; ++d) {
      if (pending[d] && kept_of[d] != kNone) {
        pending[d] = 0;
        --num_pending;
      }
    }
  }
  for (uint32_t d = 0; d < n; ++d) {
    if (pending[d]) {  // still below the bar after the last round: keep it, alone
      kept_of[d] = d;
      similarity[d] = 1.0f;
    }
  }
  return grouping_of(std::move(kept_of), std::move(similarity));
}

std::vector<uint32_t> clusters_larger_than(const Grouping& grouping, size_t size) {
  std::vector<uint32_t> ids;
  for (uint32_t c = 0; c < grouping.cluster_size.size(); ++c) {
    if (grouping.cluster_size[c] > size) ids.push_back(c);
  }
  return ids;
}

Result<LshIndexOptions> minhash_index_options(std::span<const uint32_t> signatures, size_t num_docs,
                                              const NearDupOptions& options) {
  const unsigned num_perm = options.num_perm;
  if (num_perm == 0) return Status::InvalidArgument("num_perm must be at least 1");
  if (num_docs > UINT32_MAX) return Status::InvalidArgument("more than 2^32 - 1 documents");
  if (signatures.size() != num_docs * num_perm) {
    return Status::InvalidArgument("expected " + std::to_string(num_docs * num_perm) +
                                   " signature values (" + std::to_string(num_docs) + " x " +
                                   std::to_string(num_perm) + "), got " +
                                   std::to_string(signatures.size()));
  }
  if (options.keep == KeepRule::kLongest && options.doc_lengths.size() != num_docs) {
    return Status::InvalidArgument("keep=longest needs one length per document (" +
                                   std::to_string(num_docs) + "), got " +
                                   std::to_string(options.doc_lengths.size()));
  }
  const double lsh_threshold =
      options.lsh_threshold > 0 ? options.lsh_threshold : options.threshold;
  Result<LshParams> params = resolve_lsh_params(num_perm, lsh_threshold, options.num_bands,
                                                options.rows_per_band, options.weights);
  if (!params.ok()) return params.status();
  if (!options.exact_set_offsets.empty() && options.exact_set_offsets.size() != num_docs + 1) {
    return Status::InvalidArgument("exact verification needs num_docs + 1 set offsets");
  }
  LshIndexOptions index_options;
  index_options.num_perm = num_perm;
  index_options.params = *params;
  index_options.max_bucket_size = options.max_bucket_size;
  index_options.threads = options.threads;
  return index_options;
}

bool is_empty_signature(std::span<const uint32_t> signatures, unsigned num_perm, uint32_t d) {
  const uint32_t* s = &signatures[size_t{d} * num_perm];
  return std::all_of(s, s + num_perm, [](uint32_t v) { return v == UINT32_MAX; });
}

std::vector<Edge> verify_minhash_candidates(std::span<const uint32_t> signatures,
                                            std::span<const Edge> candidates,
                                            const NearDupOptions& options) {
  return !options.exact_set_offsets.empty()
             ? verify_exact(candidates, options.exact_set_values, options.exact_set_offsets,
                            options.threshold, options.threads)
             : verify_minhash(candidates, signatures, options.num_perm, options.threshold,
                              options.threads);
}

Grouping group_minhash_edges(std::span<const uint32_t> signatures, size_t num_docs,
                             std::span<const Edge> verified, const NearDupOptions& options) {
  const bool exact = !options.exact_set_offsets.empty();
  ClusterCheck check;
  check.min_similarity = options.check_against_kept ? static_cast<float>(options.threshold) : 0;
  check.max_cluster_check = options.max_cluster_check;
  return group_edges(
      num_docs, verified, options.keep, options.doc_lengths,
      [&](uint32_t doc, uint32_t kept) {
        if (exact) {
          return static_cast<float>(
              exact_jaccard_csr(options.exact_set_values, options.exact_set_offsets, doc, kept));
        }
        return minhash_similarity(signatures, options.num_perm, doc, kept);
      },
      check);
}

Result<Grouping> find_near_duplicates_minhash(std::span<const uint32_t> signatures, size_t num_docs,
                                              const NearDupOptions& options, NearDupStats* stats) {
  auto index_options = minhash_index_options(signatures, num_docs, options);
  if (!index_options.ok()) return index_options.status();
  const unsigned num_perm = options.num_perm;
  std::vector<DocPair> pairs = lsh_candidate_pairs(signatures, num_docs, *index_options);
  if (!options.group_empty) {
    std::erase_if(pairs, [&](const DocPair& p) {
      return is_empty_signature(signatures, num_perm, p.a) ||
             is_empty_signature(signatures, num_perm, p.b);
    });
  }
  const bool exact = !options.exact_set_offsets.empty();
  const std::vector<Edge> edges =
      exact ? verify_exact(pairs, options.exact_set_values, options.exact_set_offsets,
                           options.threshold, options.threads)
            : verify_minhash(pairs, signatures, num_perm, options.threshold, options.threads);
  if (stats) {
    stats->candidate_pairs = pairs.size();
    stats->verified_edges = edges.size();
    stats->num_bands = index_options->params.num_bands;
    stats->rows_per_band = index_options->params.rows_per_band;
  }
  return group_minhash_edges(signatures, num_docs, edges, options);
}

Result<Grouping> find_near_duplicates_simhash(std::span<const uint64_t> fingerprints,
                                              unsigned max_hamming, unsigned threads, KeepRule keep,
                                              std::span<const uint64_t> doc_lengths,
                                              NearDupStats* stats) {
  if (max_hamming > 32) {
    return Status::InvalidArgument("SimHash max Hamming distance must be at most 32, got " +
                                   std::to_string(max_hamming));
  }
  if (fingerprints.size() > UINT32_MAX) {
    return Status::InvalidArgument("more than 2^32 - 1 documents");
  }
  if (keep == KeepRule::kLongest && doc_lengths.size() != fingerprints.size()) {
    return Status::InvalidArgument("keep=longest needs one length per document (" +
                                   std::to_string(fingerprints.size()) + "), got " +
                                   std::to_string(doc_lengths.size()));
  }
  SimHashIndexOptions index_options;
  index_options.max_hamming = max_hamming;
  index_options.threads = threads;
  const std::vector<DocPair> pairs = simhash_pairs(fingerprints, index_options);
  const std::vector<Edge> edges = verify_simhash(pairs, fingerprints, max_hamming, threads);
  if (stats) {
    stats->candidate_pairs = pairs.size();
    stats->verified_edges = edges.size();
  }
  return group_simhash_edges(fingerprints, edges, max_hamming, keep, doc_lengths);
}

Grouping group_simhash_edges(std::span<const uint64_t> fingerprints, std::span<const Edge> verified,
                             unsigned max_hamming, KeepRule keep,
                             std::span<const uint64_t> doc_lengths) {
  ClusterCheck check;
  // Similarities are multiples of 1/64, so the distance bar maps to this similarity exactly.
  check.min_similarity = 1.0f - static_cast<float>(max_hamming) / 64.0f;
  return group_edges(
      fingerprints.size(), verified, keep, doc_lengths,
      [&](uint32_t doc, uint32_t kept) {
        return simhash_similarity(fingerprints[doc], fingerprints[kept]);
      },
      check);
}

Grouping grouping_of(std::vector<uint32_t> kept_of, std::vector<float> similarity) {
  const size_t n = kept_of.size();
  Grouping g;
  g.cluster_of.assign(n, kNone);
  std::vector<uint32_t> id_of_kept(n, kNone);
  for (size_t d = 0; d < n; ++d) {
    uint32_t& id = id_of_kept[kept_of[d]];
    if (id == kNone) {
      id = static_cast<uint32_t>(g.cluster_size.size());
      g.cluster_size.push_back(0);
    }
    g.cluster_of[d] = id;
    ++g.cluster_size[id];
  }
  g.kept_of = std::move(kept_of);
  g.similarity = std::move(similarity);
  return g;
}

}  // namespace docsift
