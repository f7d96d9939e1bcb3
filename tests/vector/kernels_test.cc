#include "vector/internal/kernels.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace docsift::detail {
namespace {

// sparse_dots against the obvious loop. Each output column adds its products in the same order
// (non-zeros in row order, separate multiply and add), so the floats must be identical, whichever
// clone (AVX2 or baseline) the machine runs.
TEST(SparseDots, BitIdenticalToScalarLoop) {
  std::mt19937 rng(11);
  std::uniform_real_distribution<float> weight(-1.0f, 1.0f);
  const size_t vocab = 97;
  for (size_t width : {8u, 16u, 24u, 32u, 40u, 56u, 64u, 136u}) {
    std::vector<float> dense(vocab * width);
    for (float& d : dense) d = weight(rng);
    for (size_t nnz : {0u, 1u, 2u, 7u, 33u, 97u}) {
      std::vector<int32_t> cols(nnz);
      std::vector<float> values(nnz);
      for (size_t p = 0; p < nnz; ++p) {
        cols[p] = static_cast<int32_t>(rng() % vocab);
        values[p] = weight(rng);
      }
      std::vector<float> expected(width, 0.0f);
      for (size_t j = 0; j < width; ++j)
        for (size_t p = 0; p < nnz; ++p) {
          const float product = values[p] * dense[static_cast<size_t>(cols[p]) * width + j];
          expected[j] = expected[j] + product;
        }
      std::vector<float> got(width, 123.0f);
      sparse_dots(cols.data(), values.data(), nnz, dense.data(), width, got.data());
      for (size_t j = 0; j < width; ++j)
        ASSERT_EQ(got[j], expected[j]) << "width " << width << " nnz " << nnz << " column " << j;
    }
  }
}

// The padded layout: term t's k weights first, then zeros up to the next multiple of 8.
TEST(SparseDots, PaddedCentroidsLayout) {
  for (Eigen::Index k : {1, 7, 8, 9, 20, 33}) {
    Centroids c = Centroids::Random(k, 5);
    size_t width = 0;
    const std::vector<float> dense = padded_centroids(c, width);
    EXPECT_EQ(width % kDotBlock, 0u);
    EXPECT_GE(width, static_cast<size_t>(k));
    EXPECT_LT(width, static_cast<size_t>(k) + kDotBlock);
    ASSERT_EQ(dense.size(), 5 * width);
    for (size_t t = 0; t < 5; ++t)
      for (size_t j = 0; j < width; ++j) {
        const float want = j < static_cast<size_t>(k)
                               ? c(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(t))
                               : 0.0f;
        EXPECT_EQ(dense[t * width + j], want);
      }
  }
}

}  // namespace
}  // namespace docsift::detail
