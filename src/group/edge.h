#pragma once
// Edge: a verified near-duplicate pair with its similarity, as verification hands it to
// grouping. Similarities are Jaccard (estimated or exact) or 1 - hamming / 64 for SimHash; in
// all three cases 1 - similarity is a metric, which grouping relies on for its lower bounds.
//
//   std::vector<Edge> edges = verify_minhash(pairs, signatures, 128, 0.8);
//   Grouping g = group_edges(num_docs, edges, KeepRule::kFirst, {});
//
// Guarantees: plain value type.

#include <cstdint>

namespace docsift {

struct Edge {
  uint32_t a = 0;
  uint32_t b = 0;
  float similarity = 0;
};

}  // namespace docsift
