#pragma once
// Kernels shared by k-means, auto-k and labelling: assignment of sparse unit rows to dense
// centroids, and centroid update. Chunks are fixed (kRowChunk) so results never depend on the
// number of threads.

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "vector/spherical_kmeans.h"

namespace docsift::detail {

inline constexpr size_t kRowChunk = 512;

// For every row listed in `rows` (all rows when empty): the most similar centroid (lowest index
// on ties; 0 for an all-zero row) and that cosine, written at the row's position in the list.
// Returns the sum of the cosines, added per chunk in chunk order.
double assign_rows(const SparseRows& x, const Centroids& c, std::span<const size_t> rows,
                   unsigned threads, std::span<int32_t> assignment, std::span<float> similarity);

// Centroid of each cluster: normalised sum of its member rows (all zero for an empty cluster).
void update_centroids(const SparseRows& x, std::span<const int32_t> assignment, Centroids& c,
                      unsigned threads);

}  // namespace docsift::detail
