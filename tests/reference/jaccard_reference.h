#pragma once
// Exact Jaccard similarity |A n B| / |A u B| of two shingle collections, treated as sets (order
// and repeats ignored), via std::set. Two empty sets have Jaccard 1 by convention here. Tests only.

#include <cstdint>
#include <span>

namespace docsift::reference {

double exact_jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b);

}  // namespace docsift::reference
