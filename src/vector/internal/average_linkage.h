#pragma once
// Average-linkage agglomerative clustering (UPGMA, Sokal & Michener 1958) of unit rows with a
// stopping threshold, over a sparse link graph. Used by story clustering (vector/stories.h).
//
//   std::vector<uint32_t> group = detail::average_linkage(x, links, 0.3);
//
// Rule: while two groups A, B are joined by at least one link and their average cosine
//   avg(A, B) = (1 / |A||B|) sum over a in A, b in B of cos(a, b)
// is at least t, merge the pair with the largest average (ties: the pair of smallest first
// members, in order). The average is over every pair of members, linked or not, computed
// exactly as sum(A) . sum(B) / (|A| |B|) from the groups' summed rows, so no pair outside the
// links is ever visited. Without a date window every pair with avg >= t is joined by a link
// (some member pair has cos >= avg >= t), so this is exactly thresholded UPGMA over all pairs.
//
// Cost: each merge recomputes the averages with the merged group's neighbours (a sparse dot of
// summed rows each): O(links * summed-row length) overall in the usual case; memory O(nnz +
// links). Deterministic (a heap ordered by average, then ids).

#include <cstdint>
#include <span>
#include <vector>

#include "vector/internal/similar_pairs.h"
#include "vector/tfidf.h"

namespace docsift::detail {

// group[i] = the smallest row index of row i's group (rows in no link are their own group).
// *merges (may be null) receives the number of merges made.
std::vector<uint32_t> average_linkage(const SparseRows& x, std::span<const Link> links,
                                      double threshold, size_t* merges);

}  // namespace docsift::detail
