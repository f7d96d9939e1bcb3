#include "group/union_find.h"

#include <numeric>
#include <utility>

#include "core/assert.h"

namespace docsift {

UnionFind::UnionFind(size_t n) : parent_(n), size_(n, 1) {
  DOCSIFT_ASSERT(n <= UINT32_MAX);
  std::iota(parent_.begin(), parent_.end(), 0u);
}

bool UnionFind::unite(uint32_t a, uint32_t b) {
  DOCSIFT_ASSERT(a < parent_.size() && b < parent_.size());
  a = find(a);
  b = find(b);
  if (a == b) return false;
  if (size_[a] < size_[b] || (size_[a] == size_[b] && b < a)) std::swap(a, b);
  parent_[b] = a;
  size_[a] += size_[b];
  return true;
}

}  // namespace docsift
