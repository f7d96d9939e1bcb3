#include "reference/jaccard_reference.h"

#include <set>

namespace docsift::reference {

double exact_jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  const std::set<uint64_t> set_a(a.begin(), a.end());
  const std::set<uint64_t> set_b(b.begin(), b.end());
  std::set<uint64_t> all = set_a;
  all.insert(set_b.begin(), set_b.end());
  if (all.empty()) return 1.0;
  size_t common = 0;
  for (const uint64_t x : set_a) common += set_b.count(x);
  return static_cast<double>(common) / static_cast<double>(all.size());
}

}  // namespace docsift::reference
