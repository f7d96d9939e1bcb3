#pragma once
// LSH banding index over MinHash signatures (Indyk & Motwani 1998; Broder 1997; "Mining of
// Massive Datasets" ch. 3.4). Each signature of num_perm uint32 values (document-major:
// doc d = signatures[d * num_perm, (d + 1) * num_perm)) is cut into b bands of r rows; a band's
// key is XXH3-64 of its r values with a per-band seed. Documents whose keys agree in some band
// land in one bucket and become candidate pairs for verification.
//
//   LshIndexOptions opt;  opt.num_perm = 128;  opt.params = choose_lsh_params(128, 0.8);
//   std::vector<DocPair> pairs = lsh_candidate_pairs(signatures, num_docs, opt);
//   std::vector<Edge> edges = verify_minhash(pairs, signatures, 128, 0.8);   // group/verify.h
//
// Buckets are found by sorting (key, doc) entries of one band at a time (radix scatter + small
// sorts, internal/keyed_sort.h), never with hash maps of vectors, so memory beyond the
// signatures is bounded: 32 bytes per document for the band being processed (entries and
// scratch), 8 bytes per document for full-signature hashes (only if a bucket exceeds
// max_bucket_size), plus the candidate pairs themselves.
//
// Edges emitted per bucket of m documents:
//  * m <= max_bucket_size: every pair in the bucket, so the candidates contain every pair that
//    shares a band (a star from the bucket's first document would lose a true pair x~y whenever
//    the first document is an outlier that collided with both).
//  * m >  max_bucket_size: a chain through the members ordered by (hash of the full signature,
//    doc), so identical signatures are adjacent: m - 1 edges, linear work, and exact or
//    near copies (which meet again in other bands) stay connected after verification.
// Every candidate pair shares at least one band key (up to 64-bit hash collisions).
//
// Guarantees: output sorted by (a, b), unique, identical for any thread count. Thread-safe
// (no shared state); uses up to `threads` threads internally. Band keys assume a little-endian
// host (the key values themselves never leave the process).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "index/doc_pair.h"
#include "index/lsh_params.h"

namespace docsift {

struct LshIndexOptions {
  unsigned num_perm = 128;      // values per signature
  LshParams params{16, 8};      // bands * rows <= num_perm; see choose_lsh_params
  size_t max_bucket_size = 64;  // larger buckets are chained instead of fully paired
  unsigned threads = 0;         // 0 = all cores
};

struct LshStats {
  size_t num_candidates = 0;  // pairs returned
  size_t large_buckets = 0;   // buckets (over all bands) with more than max_bucket_size docs
  size_t largest_bucket = 0;  // most documents seen in one bucket
};

// Seeded key of one band's values (the index's bucket key).
uint64_t lsh_band_key(std::span<const uint32_t> band_values, unsigned band);

// Candidate pairs of the banding index. Preconditions: signatures.size() == num_docs *
// options.num_perm, num_docs < 2^32, params.num_bands * params.rows_per_band <= num_perm,
// both >= 1.
std::vector<DocPair> lsh_candidate_pairs(std::span<const uint32_t> signatures, size_t num_docs,
                                         const LshIndexOptions& options, LshStats* stats = nullptr);

}  // namespace docsift
