#pragma once
// Near-duplicate grouping: turns verified edges into clusters (union-find), picks the document
// each cluster keeps, and reports every member's similarity to that kept document. Also the
// one-call pipelines MinHash -> LSH -> verify -> group and SimHash -> tables -> verify -> group.
//
//   NearDupOptions opt;  opt.num_perm = 128;  opt.threshold = 0.8;
//   Result<Grouping> g = find_near_duplicates_minhash(signatures, num_docs, opt);
//   bool drop = g->kept_of[d] != d;   // d is a near copy of g->kept_of[d]
//
// Chaining. Union-find closes edges transitively, so A~B~C can put A and C (dissimilar) in one
// cluster. With a similarity function (the pipelines pass one: estimated Jaccard from the
// signatures, or 1 - hamming / 64) every member is scored against its kept document and,
// when ClusterCheck::min_similarity > 0, members below it are detached and regrouped among
// themselves from the edges between detached members (a new cluster with its own kept
// document), round after round. After max_cluster_check rounds, members still below are made
// singletons and kept. Result: every dropped document is at least min_similarity to the
// document kept in its place; nothing is dropped on the strength of a chain alone. A chain
// A1~A2~...~An costs about n/2 rounds, so the cap bounds the work at (rounds x (n + edges)).
// Without a similarity function, group_edges reports a lower bound instead: along a shortest
// (by hops) edge path from the kept document, 1 - sum of (1 - edge similarity), clamped at 0
// (valid because 1 - similarity is a metric for all measures used here); it equals the edge
// similarity when the member has a direct edge to the kept document.
//
// Guarantees: deterministic; the pipelines give identical output for any thread count.
// group_edges is single-threaded; all functions are thread-safe (no shared state).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "core/status.h"
#include "group/edge.h"
#include "index/lsh_index.h"
#include "index/lsh_params.h"

namespace docsift {

enum class KeepRule {
  kFirst,    // keep the first member in input order
  kLongest,  // keep the member with the largest doc_lengths value; ties -> first
};

struct Grouping {                      // result for n documents
  std::vector<uint32_t> cluster_of;    // cluster id per doc (dense, numbered by first member)
  std::vector<uint32_t> kept_of;       // the kept doc of each doc's cluster (== doc if kept)
  std::vector<float> similarity;       // similarity of each doc to its kept doc (1 for kept)
  std::vector<uint32_t> cluster_size;  // size per cluster id
};

// The Grouping of `kept_of` (each document's kept document) and `similarity`: cluster ids
// numbered by first member in document order, and their sizes.
Grouping grouping_of(std::vector<uint32_t> kept_of, std::vector<float> similarity);

// similarity(doc, kept) in [0, 1].
using SimilarityFn = std::function<float(uint32_t doc, uint32_t kept)>;

struct ClusterCheck {
  float min_similarity = 0;        // 0: only report; > 0: detach members below it (see above)
  unsigned max_cluster_check = 8;  // rounds of detach-and-regroup before leftovers go singleton
};

// Clusters from edges alone; similarity is the path lower bound described above.
// doc_lengths: num_docs values, needed only for KeepRule::kLongest.
Grouping group_edges(size_t num_docs, std::span<const Edge> edges, KeepRule rule,
                     std::span<const uint64_t> doc_lengths);

// Clusters with every member scored by `similarity` against its kept document, split by `check`.
Grouping group_edges(size_t num_docs, std::span<const Edge> edges, KeepRule rule,
                     std::span<const uint64_t> doc_lengths, const SimilarityFn& similarity,
                     const ClusterCheck& check);

// Ids of clusters with more than `size` members, ascending (for a "suspicious cluster" warning).
std::vector<uint32_t> clusters_larger_than(const Grouping& grouping, size_t size);

struct NearDupOptions {
  unsigned num_perm = 128;      // signature values per document
  double threshold = 0.8;       // estimated Jaccard needed to link two documents
  double lsh_threshold = 0;     // threshold the LSH bands are chosen for; 0 = `threshold`
  unsigned num_bands = 0;       // 0 (with rows_per_band 0) = choose_lsh_params
  unsigned rows_per_band = 0;   // see resolve_lsh_params
  LshWeights weights;           // FP / FN weights for the automatic choice (0.3 / 0.7)
  size_t max_bucket_size = 64;  // LSH buckets above this are chained, not fully paired
  unsigned threads = 0;         // 0 = all cores
  KeepRule keep = KeepRule::kFirst;
  std::span<const uint64_t> doc_lengths;  // num_docs values for KeepRule::kLongest
  bool group_empty = true;         // false: documents with all-0xFFFFFFFF signatures stay alone
  bool check_against_kept = true;  // split chained clusters at `threshold` (ClusterCheck)
  unsigned max_cluster_check = 8;  // ClusterCheck::max_cluster_check
  // --verify exact: the documents' sorted shingle sets in CSR form (offsets has num_docs + 1
  // values). When given, candidates are verified, and members checked against the kept
  // document, by exact Jaccard instead of the signature estimate.
  std::span<const uint64_t> exact_set_values;
  std::span<const uint64_t> exact_set_offsets;
};

// What a near-duplicate search did, for the run summary.
struct NearDupStats {
  size_t candidate_pairs = 0;  // pairs the index proposed
  size_t verified_edges = 0;   // pairs that passed verification
  unsigned num_bands = 0;      // LSH parameters used (MinHash only)
  unsigned rows_per_band = 0;
};

// MinHash signatures (num_docs * num_perm uint32, document-major) -> grouping.
Result<Grouping> find_near_duplicates_minhash(std::span<const uint32_t> signatures, size_t num_docs,
                                              const NearDupOptions& options,
                                              NearDupStats* stats = nullptr);

// The steps of find_near_duplicates_minhash, for pipelines that hand artifacts between them
// (pipeline/internal/document_dedup.cc): its checks of the inputs and the LSH index options
// (bands and rows resolved for lsh_threshold); whether document d's signature is the empty
// set's (all 0xFFFFFFFF; such pairs are dropped when group_empty is false); verification of
// candidate edges sorted by (a, b) (estimate, or exact Jaccard when exact sets are given, at
// `threshold`); and the grouping of the verified edges with every member checked against its
// kept document. Composed, they give find_near_duplicates_minhash's result exactly.
Result<LshIndexOptions> minhash_index_options(std::span<const uint32_t> signatures, size_t num_docs,
                                              const NearDupOptions& options);
bool is_empty_signature(std::span<const uint32_t> signatures, unsigned num_perm, uint32_t d);
std::vector<Edge> verify_minhash_candidates(std::span<const uint32_t> signatures,
                                            std::span<const Edge> candidates,
                                            const NearDupOptions& options);
Grouping group_minhash_edges(std::span<const uint32_t> signatures, size_t num_docs,
                             std::span<const Edge> verified, const NearDupOptions& options);

// SimHash fingerprints -> grouping of documents within Hamming distance max_hamming (<= 32);
// members are checked against the kept document at the same distance (8 rounds).
Result<Grouping> find_near_duplicates_simhash(std::span<const uint64_t> fingerprints,
                                              unsigned max_hamming, unsigned threads, KeepRule keep,
                                              std::span<const uint64_t> doc_lengths,
                                              NearDupStats* stats = nullptr);

// The last step of find_near_duplicates_simhash: groups verified edges (sorted by (a, b)),
// members checked against the kept document at max_hamming.
Grouping group_simhash_edges(std::span<const uint64_t> fingerprints, std::span<const Edge> verified,
                             unsigned max_hamming, KeepRule keep,
                             std::span<const uint64_t> doc_lengths);

}  // namespace docsift
