#include "vector/internal/kernels.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "core/parallel.h"

namespace docsift::detail {
namespace {

// Eight floats, one AVX register (two SSE registers in the baseline build).
using Vec8 = float __attribute__((vector_size(32)));
static_assert(kDotBlock == 8);

// acc[0, 8 kBlocks) for one slab of columns, `stride` floats per term: the accumulators stay in
// registers. Inlined into each clone of sparse_dots.
template <size_t kBlocks>
[[gnu::always_inline]] inline void dots_slab(const int32_t* cols, const float* values, size_t nnz,
                                             const float* dense, size_t stride, float* acc) {
  Vec8 sum[kBlocks] = {};
  for (size_t p = 0; p < nnz; ++p) {
    const Vec8 v = Vec8{} + values[p];
    const float* d = dense + static_cast<size_t>(cols[p]) * stride;
    for (size_t b = 0; b < kBlocks; ++b) {
      Vec8 x;
      std::memcpy(&x, d + b * kDotBlock, sizeof x);
      sum[b] += v * x;
    }
  }
  std::memcpy(acc, sum, sizeof sum);
}

}  // namespace

[[gnu::target_clones("avx2", "default")]] void sparse_dots(const int32_t* cols, const float* values,
                                                           size_t nnz, const float* dense,
                                                           size_t width, float* acc) {
  // Slabs of up to 32 columns: the row is re-read per slab, the sums never leave registers.
  for (size_t j = 0; j < width; j += 4 * kDotBlock) {
    switch (std::min(width - j, 4 * kDotBlock) / kDotBlock) {
      case 1:
        dots_slab<1>(cols, values, nnz, dense + j, width, acc + j);
        break;
      case 2:
        dots_slab<2>(cols, values, nnz, dense + j, width, acc + j);
        break;
      case 3:
        dots_slab<3>(cols, values, nnz, dense + j, width, acc + j);
        break;
      default:
        dots_slab<4>(cols, values, nnz, dense + j, width, acc + j);
        break;
    }
  }
}

std::vector<float> padded_centroids(const Centroids& c, size_t& width) {
  const size_t k = static_cast<size_t>(c.rows());
  const size_t vocab = static_cast<size_t>(c.cols());
  width = (k + kDotBlock - 1) / kDotBlock * kDotBlock;
  std::vector<float> dense(vocab * width, 0.0f);
  for (size_t t = 0; t < vocab; ++t)
    for (size_t j = 0; j < k; ++j)
      dense[t * width + j] = c(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(t));
  return dense;
}

double assign_rows(const SparseRows& x, const Centroids& c, std::span<const size_t> rows,
                   unsigned threads, std::span<int32_t> assignment, std::span<float> similarity) {
  const size_t n = rows.empty() ? static_cast<size_t>(x.rows()) : rows.size();
  const size_t k = static_cast<size_t>(c.rows());
  DOCSIFT_ASSERT(assignment.size() == n && similarity.size() == n && k > 0);
  DOCSIFT_ASSERT(c.cols() == x.cols());
  const size_t num_chunks = (n + kRowChunk - 1) / kRowChunk;
  std::vector<double> partial(num_chunks, 0.0);
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* values = x.valuePtr();
  size_t width = 0;
  const std::vector<float> dense = padded_centroids(c, width);
  parallel_for(n, threads, kRowChunk, [&](size_t begin, size_t end, unsigned) {
    std::vector<float> acc(width);
    double sum = 0;
    for (size_t i = begin; i < end; ++i) {
      const size_t row = rows.empty() ? i : rows[i];
      sparse_dots(inner + outer[row], values + outer[row],
                  static_cast<size_t>(outer[row + 1] - outer[row]), dense.data(), width,
                  acc.data());
      size_t best = 0;
      for (size_t j = 1; j < k; ++j)
        if (acc[j] > acc[best]) best = j;
      assignment[i] = static_cast<int32_t>(best);
      similarity[i] = acc[best];
      sum += acc[best];
    }
    partial[begin / kRowChunk] = sum;
  });
  double total = 0;
  for (double p : partial) total += p;
  return total;
}

void update_centroids(const SparseRows& x, std::span<const int32_t> assignment, Centroids& c,
                      unsigned threads) {
  const size_t n = static_cast<size_t>(x.rows());
  const size_t k = static_cast<size_t>(c.rows());
  const size_t vocab = static_cast<size_t>(x.cols());
  DOCSIFT_ASSERT(assignment.size() == n);
  // Members of each cluster in row order (counting sort), so each sum runs in a fixed order.
  std::vector<size_t> offset(k + 1, 0);
  for (int32_t a : assignment) ++offset[static_cast<size_t>(a) + 1];
  for (size_t j = 0; j < k; ++j) offset[j + 1] += offset[j];
  std::vector<size_t> members(n);
  {
    std::vector<size_t> fill(offset.begin(), offset.end() - 1);
    for (size_t i = 0; i < n; ++i) members[fill[static_cast<size_t>(assignment[i])]++] = i;
  }
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* values = x.valuePtr();
  parallel_for(k, threads, 1, [&](size_t begin, size_t end, unsigned) {
    std::vector<double> sum(vocab);
    for (size_t j = begin; j < end; ++j) {
      std::fill(sum.begin(), sum.end(), 0.0);
      for (size_t m = offset[j]; m < offset[j + 1]; ++m) {
        const size_t row = members[m];
        for (int32_t p = outer[row]; p < outer[row + 1]; ++p) sum[inner[p]] += values[p];
      }
      double norm2 = 0;
      for (double s : sum) norm2 += s * s;
      const double scale = norm2 > 0 ? 1 / std::sqrt(norm2) : 0.0;
      for (size_t t = 0; t < vocab; ++t)
        c(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(t)) =
            static_cast<float>(sum[t] * scale);
    }
  });
}

}  // namespace docsift::detail
