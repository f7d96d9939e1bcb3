#pragma once
// Finds every pair of 64-bit SimHash fingerprints (Charikar 2002) within Hamming distance k,
// with the permuted-table scheme of Manku, Jain & Das Sarma, "Detecting Near-Duplicates for Web
// Crawling" (WWW 2007): split the 64 bits into m >= k + 1 blocks; two fingerprints within
// distance k differ in at most k blocks, so they agree on at least m - k of them (pigeonhole).
// For each of the C(m, k) choices of m - k blocks ("tables"), fingerprints are sorted by the
// chosen blocks' bits and only fingerprints in a run of equal bits are compared by popcount.
// A pair is emitted only from the first table (in lexicographic order) whose blocks it agrees
// on, so no pair is reported twice. m is chosen by a cost model (sort work versus expected run
// comparisons for n random fingerprints) unless fixed; the result never depends on m.
//
//   SimHashIndexOptions opt;  opt.max_hamming = 3;
//   std::vector<DocPair> pairs = simhash_pairs(fingerprints, opt);
//   std::vector<Edge> edges = verify_simhash(pairs, fingerprints, 3);        // group/verify.h
//
// Identical fingerprints are collapsed first so many copies cannot make a run quadratic. The
// output therefore describes all close pairs compactly:
//  * documents with identical fingerprints are linked by a chain in document order
//    (d1-d2, d2-d3, ...), and
//  * for every two distinct fingerprints within distance k, their first documents (smallest
//    index) are linked by one pair.
// Expanding this (all members of one fingerprint against all members of the other, plus all
// pairs within an identical group) gives exactly the naive all-pairs scan; the connected
// components are the same as the all-pairs graph's.
//
// Guarantees: output sorted by (a, b), unique, identical for any thread count and any m.
// Thread-safe. Memory: 32 bytes per distinct fingerprint per table being processed plus the
// output. Work is O(C(m,k) * n log n + sum of squared run sizes); fingerprints concentrated in
// a small Hamming ball (many distinct near copies) still cost their (inevitable) output.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "index/doc_pair.h"

namespace docsift {

struct SimHashIndexOptions {
  unsigned max_hamming = 3;  // k, at most 32
  unsigned num_blocks = 0;   // m in [k + 1, 64]; 0 = choose by the cost model
  unsigned threads = 0;      // 0 = all cores
};

struct SimHashStats {
  unsigned num_blocks = 0;  // m used
  size_t num_tables = 0;    // C(m, k)
  size_t distinct_fingerprints = 0;
  size_t comparisons = 0;  // popcount comparisons over all tables
};

// The m the cost model picks for n distinct fingerprints and distance k.
unsigned choose_simhash_blocks(size_t num_fingerprints, unsigned max_hamming);

// Close pairs in the compact form described above. Preconditions: fingerprints.size() < 2^32,
// max_hamming <= 32, num_blocks == 0 or max_hamming < num_blocks <= 64.
std::vector<DocPair> simhash_pairs(std::span<const uint64_t> fingerprints,
                                   const SimHashIndexOptions& options,
                                   SimHashStats* stats = nullptr);

}  // namespace docsift
