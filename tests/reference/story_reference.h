#pragma once
// Brute-force story clustering, the reference for vector/stories.h: the cosine of every pair of
// rows (dense, summed in column order), links = pairs with cosine >= t within the window, then
// average linkage by scanning every pair of groups at every step: among the pairs of groups
// joined by at least one link, merge the one with the largest mean pairwise cosine (sum of all
// member-pair cosines over |A||B|; ties: smallest first members) while it is >= t.
// O(n^2) memory and O(n^3)-ish time: small corpora only.

#include <cstdint>
#include <span>
#include <vector>

#include "vector/tfidf.h"

namespace docsift::reference {

// group[i] = smallest member of row i's story.
std::vector<uint32_t> stories_brute_force(const SparseRows& x, double threshold,
                                          std::span<const int64_t> dates, int64_t window);

// Number of pairs with cosine >= t within the window.
size_t links_brute_force(const SparseRows& x, double threshold, std::span<const int64_t> dates,
                         int64_t window);

}  // namespace docsift::reference
