// The scalar specification of MinHash (sketch/minhash.h), arranged so that GCC vectorises it at
// the baseline ISA: slots are processed in blocks of kBlock with the running minima in a local
// array, and the per-shingle loop over the block has a fixed trip count and no aliasing. The
// 64-bit product a * lo32(x) is split into 32x32->64 multiplies (a_lo * x_lo) plus a 32-bit
// cross term shifted up, which the compiler maps to pmuludq; the result equals the formula
// modulo 2^64 exactly.

#include "sketch/internal/minhash_kernels.h"

namespace docsift::detail {
namespace {

constexpr size_t kBlock = 16;

inline uint32_t slot_hash(uint32_t a_lo, uint32_t a_hi, uint32_t b_lo, uint32_t b_hi, uint64_t c,
                          uint32_t x_lo, uint32_t x_hi) {
  const uint32_t cross = a_hi * x_lo + b_hi * x_hi;  // only its low 32 bits reach the sum
  const uint64_t h = uint64_t{a_lo} * x_lo + uint64_t{b_lo} * x_hi + c + (uint64_t{cross} << 32);
  return static_cast<uint32_t>(h >> 32);
}

template <size_t kWidth>
void sign_block(const MinHashKernelArgs& k, size_t base, const uint64_t* shingles, size_t n,
                uint32_t* out) {
  uint32_t a_lo[kWidth], a_hi[kWidth], b_lo[kWidth], b_hi[kWidth], mins[kWidth];
  uint64_t c[kWidth];
  for (size_t j = 0; j < kWidth; ++j) {
    a_lo[j] = k.a_lo[base + j];
    a_hi[j] = k.a_hi[base + j];
    b_lo[j] = k.b_lo[base + j];
    b_hi[j] = k.b_hi[base + j];
    c[j] = k.c[base + j];
    mins[j] = 0xFFFFFFFFu;
  }
  for (size_t s = 0; s < n; ++s) {
    const uint32_t x_lo = static_cast<uint32_t>(shingles[s]);
    const uint32_t x_hi = static_cast<uint32_t>(shingles[s] >> 32);
    for (size_t j = 0; j < kWidth; ++j) {
      const uint32_t v = slot_hash(a_lo[j], a_hi[j], b_lo[j], b_hi[j], c[j], x_lo, x_hi);
      mins[j] = v < mins[j] ? v : mins[j];
    }
  }
  for (size_t j = 0; j < kWidth; ++j) out[base + j] = mins[j];
}

}  // namespace

void minhash_sign_portable(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                           uint32_t* out) {
  size_t base = 0;
  for (; base + kBlock <= k.count; base += kBlock) sign_block<kBlock>(k, base, shingles, n, out);
  // Tail slots (num_perm not a multiple of kBlock), one at a time.
  for (; base < k.count; ++base) sign_block<1>(k, base, shingles, n, out);
}

}  // namespace docsift::detail
