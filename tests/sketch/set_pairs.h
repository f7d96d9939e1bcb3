#pragma once
// Random shingle-set pairs with a planted Jaccard similarity, shared by the estimator tests.

#include <cstdint>
#include <random>
#include <vector>

namespace docsift::testing {

struct SetPair {
  std::vector<uint64_t> a, b;
};

// A = C u A', B = C u B' with |C| = common and |A'| = |B'| = only; J = common / (common + 2 only).
// Elements are random 64-bit values (distinct with overwhelming probability; the tests use the
// exact reference Jaccard anyway).
inline SetPair make_pair(std::mt19937_64& rng, size_t common, size_t only) {
  SetPair p;
  for (size_t i = 0; i < common; ++i) {
    const uint64_t x = rng();
    p.a.push_back(x);
    p.b.push_back(x);
  }
  for (size_t i = 0; i < only; ++i) p.a.push_back(rng());
  for (size_t i = 0; i < only; ++i) p.b.push_back(rng());
  return p;
}

}  // namespace docsift::testing
