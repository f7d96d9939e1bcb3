#pragma once
// Brute-force reference for exact substring dedup (substrings/substring_repeats.h): for every
// pair of positions the longest common extension inside both documents, compared byte by byte.
// O(n^2 * length); for inputs of a few hundred bytes.
//
//   auto spans = reference_substrings({"abcabc", "xabc"}, 3, SubstringRemove::kLater);
//
// Definition (the stage's header, stated directly): a byte is removed when it lies in [p, p + L)
// for some pair (p, q), q != p (kAll) or q < p (kLater), whose common extension L >= min_bytes.
// Maximal runs of removed bytes are widened outward to UTF-8 character boundaries and merged
// when they then overlap or touch; p0 = the run's first byte. `of` = the smallest position q != p0
// whose extension with p0 is >= min_bytes, over [q, q + min(L, end - p0)) widened likewise;
// documents = the documents holding such a q, or p0.

#include <cstdint>
#include <string>
#include <vector>

#include "substrings/substring_repeats.h"

namespace docsift {

std::vector<SubstringSpan> reference_substrings(const std::vector<std::string>& docs,
                                                uint32_t min_bytes, SubstringRemove remove);

}  // namespace docsift
