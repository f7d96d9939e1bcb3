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
inline constexpr size_t kDotBlock = 8;  // dense widths are multiples of this (one AVX register)

// acc[0, width) = sum over p < nnz of values[p] * dense[cols[p] * width + (0, width)]: one sparse
// row against `width` dense vectors stored term-major (the weights of one term contiguous).
// width % kDotBlock == 0. Compiled for AVX2 and for baseline x86-64 and picked at load time;
// both give the same floats (no FMA contraction), so results do not depend on the machine.
void sparse_dots(const int32_t* cols, const float* values, size_t nnz, const float* dense,
                 size_t width, float* acc);

// Centroids copied term-major with each term's k weights padded with zeros to `width` (the
// next multiple of kDotBlock), the layout sparse_dots reads.
std::vector<float> padded_centroids(const Centroids& c, size_t& width);

// For every row listed in `rows` (all rows when empty): the most similar centroid (lowest index
// on ties; 0 for an all-zero row) and that cosine, written at the row's position in the list.
// Returns the sum of the cosines, added per chunk in chunk order.
double assign_rows(const SparseRows& x, const Centroids& c, std::span<const size_t> rows,
                   unsigned threads, std::span<int32_t> assignment, std::span<float> similarity);

// Centroid of each cluster: normalised sum of its member rows (all zero for an empty cluster).
void update_centroids(const SparseRows& x, std::span<const int32_t> assignment, Centroids& c,
                      unsigned threads);

}  // namespace docsift::detail
