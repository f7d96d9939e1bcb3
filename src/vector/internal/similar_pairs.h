#pragma once
// All pairs of unit rows with cosine >= t, without comparing all pairs: prefix filtering
// (Bayardo, Ma & Srikant 2007, "Scaling up all pairs similarity search") with the L2 bounds of
// L2AP (Anastasiu & Karypis 2014). Used by story clustering (vector/stories.h).
//
//   auto links = detail::similar_pairs(x, 0.3, {}, 0, /*threads=*/2, &candidates);
//
// Index: the entries of each row are taken from its most frequent column to its rarest; the
// leading ones whose L2 norm stays below t (the row's prefix, norm p(y)) are not indexed, the
// rest are put in per-column posting lists. A pair (x, y) that shares no indexed column of y
// has cos = x . y_prefix <= p(y) < t, so it cannot match. Query: each row x visits, from its
// heaviest entry to its lightest, the postings of its columns over the rows y before it (in
// date order when dated, within the window); y becomes a candidate at entry i only if
// ||x from i on|| + p(y) >= t (Cauchy-Schwarz), a column whose postings' largest p(y) fails
// this is not walked. Candidates get the exact cosine (row_dot); those >= t are links.
// Bounds use t - 1e-6 so that float rounding never drops a true pair.
//
// Cost: memory O(nnz + links); time O(sum of posting entries walked + candidates * row length),
// output-sensitive: frequent columns, whose postings would make all-pairs quadratic, are mostly
// in prefixes and not indexed. Worst case (all rows alike) stays quadratic, as the output is.
// Deterministic; identical whatever `threads` (fixed chunks merged in order).

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vector/tfidf.h"

namespace docsift::detail {

struct Link {
  uint32_t a = 0, b = 0;  // row indices, a < b
  double cosine = 0;
};

// The cosine of two rows of x, in double, summed in column order (the canonical value every
// decision uses; the brute-force reference sums the same products in the same order).
double row_dot(const SparseRows& x, size_t i, size_t j);

// Links (a < b, cosine >= threshold) sorted by (a, b). dates empty: every pair may link; else
// dates[i] is row i's time and only pairs with |dates[a] - dates[b]| <= window link.
// *candidates (may be null) receives the number of pairs whose exact cosine was computed.
std::vector<Link> similar_pairs(const SparseRows& x, double threshold,
                                std::span<const int64_t> dates, int64_t window, unsigned threads,
                                size_t* candidates);

}  // namespace docsift::detail
