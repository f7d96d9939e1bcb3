#pragma once
// DocPair: an unordered pair of document indices, stored with a < b, as the index stages hand
// candidate pairs to verification. Lists of pairs are kept sorted and unique so that output is
// identical whatever the thread count.
//
//   std::vector<DocPair> pairs = lsh_candidate_pairs(signatures, num_docs, options);
//   for (const DocPair& p : pairs) verify(p.a, p.b);   // p.a < p.b, sorted, no repeats
//
// Guarantees: plain value type.

#include <compare>
#include <cstdint>
#include <utility>

namespace docsift {

struct DocPair {
  uint32_t a = 0;  // smaller document index
  uint32_t b = 0;  // larger document index

  static DocPair make(uint32_t x, uint32_t y) { return x < y ? DocPair{x, y} : DocPair{y, x}; }
  friend auto operator<=>(const DocPair&, const DocPair&) = default;
};

}  // namespace docsift
