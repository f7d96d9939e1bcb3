#include "reference/pairs_reference.h"

#include <xxhash.h>

#include <algorithm>
#include <deque>

namespace docsift::reference {

bool shares_band(std::span<const uint32_t> signatures, unsigned num_perm, unsigned bands,
                 unsigned rows, uint32_t a, uint32_t b) {
  for (unsigned band = 0; band < bands; ++band) {
    bool equal = true;
    for (unsigned r = 0; r < rows; ++r) {
      const size_t slot = size_t{band} * rows + r;
      if (signatures[size_t{a} * num_perm + slot] != signatures[size_t{b} * num_perm + slot]) {
        equal = false;
        break;
      }
    }
    if (equal) return true;
  }
  return false;
}

std::vector<DocPair> pairs_sharing_band(std::span<const uint32_t> signatures, size_t num_docs,
                                        unsigned num_perm, unsigned bands, unsigned rows) {
  std::vector<DocPair> pairs;
  for (uint32_t a = 0; a < num_docs; ++a) {
    for (uint32_t b = a + 1; b < num_docs; ++b) {
      if (shares_band(signatures, num_perm, bands, rows, a, b)) pairs.push_back({a, b});
    }
  }
  return pairs;
}

std::vector<uint32_t> bfs_components(size_t num_nodes, std::span<const DocPair> edges) {
  std::vector<std::vector<uint32_t>> adjacent(num_nodes);
  for (const DocPair& e : edges) {
    adjacent[e.a].push_back(e.b);
    adjacent[e.b].push_back(e.a);
  }
  std::vector<uint32_t> label(num_nodes, UINT32_MAX);
  for (uint32_t start = 0; start < num_nodes; ++start) {
    if (label[start] != UINT32_MAX) continue;
    std::deque<uint32_t> queue{start};
    label[start] = start;
    while (!queue.empty()) {
      const uint32_t u = queue.front();
      queue.pop_front();
      for (uint32_t v : adjacent[u]) {
        if (label[v] == UINT32_MAX) {
          label[v] = start;
          queue.push_back(v);
        }
      }
    }
  }
  return label;
}

std::vector<uint32_t> toy_minhash(std::span<const uint64_t> set, unsigned num_perm, uint64_t seed) {
  std::vector<uint32_t> signature(num_perm, UINT32_MAX);
  for (unsigned i = 0; i < num_perm; ++i) {
    for (uint64_t x : set) {
      const auto h = static_cast<uint32_t>(XXH64(&x, sizeof(x), seed + i));
      signature[i] = std::min(signature[i], h);
    }
  }
  return signature;
}

}  // namespace docsift::reference
