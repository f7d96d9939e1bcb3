#pragma once
// Verification of candidate pairs: keeps the pairs whose similarity reaches the threshold and
// attaches that similarity. Three measures:
//  * MinHash estimate (Broder 1997): fraction of equal slots of two signatures (uint32,
//    num_perm values per document, document-major). Two empty documents (all 0xFFFFFFFF)
//    estimate 1.
//  * Exact Jaccard |A n B| / |A u B| of sorted unique uint64 shingle sets in CSR layout
//    (document d = values[offsets[d], offsets[d + 1])), by a linear merge. J(empty, empty) = 1.
//  * SimHash (Charikar 2002): similarity 1 - hamming / 64, kept if hamming <= max_hamming.
//
//   std::vector<Edge> edges = verify_minhash(pairs, signatures, 128, 0.8, /*threads=*/4);
//   std::vector<Edge> exact = verify_exact(pairs, values, offsets, 0.8);
//   double j = exact_jaccard(set_a, set_b);
//
// Guarantees: output keeps the input pair order (sorted input -> sorted output), identical for
// any thread count; thread-safe.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "group/edge.h"
#include "index/doc_pair.h"

namespace docsift {

// Fraction of equal slots of documents a and b.
float minhash_similarity(std::span<const uint32_t> signatures, unsigned num_perm, uint32_t a,
                         uint32_t b);

// Exact Jaccard of two sorted, unique sets.
double exact_jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

// Exact Jaccard of documents a and b in CSR layout (offsets has num_docs + 1 entries).
double exact_jaccard_csr(std::span<const uint64_t> values, std::span<const uint64_t> offsets,
                         uint32_t a, uint32_t b);

// 1 - popcount(a ^ b) / 64.
float simhash_similarity(uint64_t a, uint64_t b);

std::vector<Edge> verify_minhash(std::span<const DocPair> pairs,
                                 std::span<const uint32_t> signatures, unsigned num_perm,
                                 double threshold, unsigned threads = 1);

std::vector<Edge> verify_exact(std::span<const DocPair> pairs, std::span<const uint64_t> values,
                               std::span<const uint64_t> offsets, double threshold,
                               unsigned threads = 1);

std::vector<Edge> verify_simhash(std::span<const DocPair> pairs,
                                 std::span<const uint64_t> fingerprints, unsigned max_hamming,
                                 unsigned threads = 1);

// The same over candidate edges (an EdgeList's, pipeline/artifacts/edge_list.h): their
// similarity is ignored and replaced by the measured one.
std::vector<Edge> verify_minhash(std::span<const Edge> candidates,
                                 std::span<const uint32_t> signatures, unsigned num_perm,
                                 double threshold, unsigned threads = 1);
std::vector<Edge> verify_exact(std::span<const Edge> candidates, std::span<const uint64_t> values,
                               std::span<const uint64_t> offsets, double threshold,
                               unsigned threads = 1);
std::vector<Edge> verify_simhash(std::span<const Edge> candidates,
                                 std::span<const uint64_t> fingerprints, unsigned max_hamming,
                                 unsigned threads = 1);

}  // namespace docsift
