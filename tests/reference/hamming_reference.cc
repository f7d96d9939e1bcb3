#include "reference/hamming_reference.h"

#include <algorithm>
#include <bit>
#include <map>

namespace docsift::reference {

std::vector<DocPair> naive_hamming_pairs(std::span<const uint64_t> fingerprints,
                                         unsigned max_hamming) {
  std::vector<DocPair> pairs;
  for (uint32_t a = 0; a < fingerprints.size(); ++a) {
    for (uint32_t b = a + 1; b < fingerprints.size(); ++b) {
      if (static_cast<unsigned>(std::popcount(fingerprints[a] ^ fingerprints[b])) <= max_hamming) {
        pairs.push_back({a, b});
      }
    }
  }
  return pairs;
}

std::vector<DocPair> naive_compact_hamming_pairs(std::span<const uint64_t> fingerprints,
                                                 unsigned max_hamming) {
  std::map<uint64_t, std::vector<uint32_t>> docs_of;  // documents in increasing order
  for (uint32_t d = 0; d < fingerprints.size(); ++d) docs_of[fingerprints[d]].push_back(d);
  std::vector<DocPair> pairs;
  std::vector<std::pair<uint64_t, uint32_t>> distinct;  // fingerprint, first document
  for (const auto& [fp, docs] : docs_of) {
    for (size_t i = 1; i < docs.size(); ++i) pairs.push_back({docs[i - 1], docs[i]});
    distinct.push_back({fp, docs.front()});
  }
  for (size_t i = 0; i < distinct.size(); ++i) {
    for (size_t j = i + 1; j < distinct.size(); ++j) {
      if (static_cast<unsigned>(std::popcount(distinct[i].first ^ distinct[j].first)) <=
          max_hamming) {
        pairs.push_back(DocPair::make(distinct[i].second, distinct[j].second));
      }
    }
  }
  std::sort(pairs.begin(), pairs.end());
  return pairs;
}

}  // namespace docsift::reference
