#pragma once
// Naive references for the SimHash index: all-pairs Hamming scan, and the compact form the
// index returns (identical fingerprints chained, distinct close fingerprints linked through
// their first documents) built from an all-pairs scan of the distinct fingerprints.

#include <cstdint>
#include <span>
#include <vector>

#include "index/doc_pair.h"

namespace docsift::reference {

// Every pair a < b with popcount(f[a] ^ f[b]) <= max_hamming; sorted.
std::vector<DocPair> naive_hamming_pairs(std::span<const uint64_t> fingerprints,
                                         unsigned max_hamming);

// The compact pair list described in index/simhash_index.h; sorted.
std::vector<DocPair> naive_compact_hamming_pairs(std::span<const uint64_t> fingerprints,
                                                 unsigned max_hamming);

}  // namespace docsift::reference
