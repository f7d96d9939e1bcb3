#pragma once
// Naive references for the LSH index and grouping tests: exhaustive all-pairs band comparison,
// BFS connected components, and a tiny scalar MinHash to turn random sets into signatures.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "index/doc_pair.h"

namespace docsift::reference {

// True if documents a and b have identical values in some band (band i = slots
// [i * rows, (i + 1) * rows)).
bool shares_band(std::span<const uint32_t> signatures, unsigned num_perm, unsigned bands,
                 unsigned rows, uint32_t a, uint32_t b);

// Every pair a < b that shares a band, by comparing all pairs; sorted.
std::vector<DocPair> pairs_sharing_band(std::span<const uint32_t> signatures, size_t num_docs,
                                        unsigned num_perm, unsigned bands, unsigned rows);

// Connected-component label per node (the smallest node of its component), by BFS.
std::vector<uint32_t> bfs_components(size_t num_nodes, std::span<const DocPair> edges);

// Signature of one set: slot i = min over x of the low 32 bits of XXH64(x, seed + i).
std::vector<uint32_t> toy_minhash(std::span<const uint64_t> set, unsigned num_perm, uint64_t seed);

}  // namespace docsift::reference
