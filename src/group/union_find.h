#pragma once
// Disjoint-set forest (Tarjan 1975) with path halving and union by size; near-constant
// amortised time per operation. Ties in size make the smaller index the root, so the structure
// (and every root) depends only on the sequence of unite calls.
//
//   UnionFind uf(num_docs);
//   for (const Edge& e : edges) uf.unite(e.a, e.b);
//   bool same = uf.find(x) == uf.find(y);
//
// Guarantees: deterministic; not thread-safe (find mutates via path halving).

#include <cstddef>
#include <cstdint>
#include <vector>

namespace docsift {

class UnionFind {
 public:
  explicit UnionFind(size_t n);

  // Root of x's set.
  uint32_t find(uint32_t x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];  // path halving
      x = parent_[x];
    }
    return x;
  }

  // Merges the sets of a and b; returns false if they were already one set.
  bool unite(uint32_t a, uint32_t b);

  // Number of elements in x's set.
  uint32_t set_size(uint32_t x) { return size_[find(x)]; }

  size_t size() const { return parent_.size(); }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint32_t> size_;
};

}  // namespace docsift
