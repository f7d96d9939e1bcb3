#pragma once
// Brute-force references for LshIndex: documents that share a band key, found by comparing
// every band of every document with every other (no sorting, no buckets). Signatures are
// document-major, num_perm values each; band i covers slots [i * rows, (i + 1) * rows).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "index/lsh_index.h"

namespace docsift::reference {

// Ids of the documents whose band keys (lsh_band_key) equal those of `query` in some band,
// ascending and unique.
std::vector<uint64_t> ids_sharing_band_key(std::span<const uint32_t> signatures,
                                           std::span<const uint64_t> ids, unsigned num_perm,
                                           unsigned bands, unsigned rows,
                                           std::span<const uint32_t> query);

// Every pair of ids (a < b) whose documents share a band key, sorted, by exhaustive comparison.
std::vector<IdPair> id_pairs_sharing_band_key(std::span<const uint32_t> signatures,
                                              std::span<const uint64_t> ids, unsigned num_perm,
                                              unsigned bands, unsigned rows);

}  // namespace docsift::reference
