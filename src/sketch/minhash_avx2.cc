// AVX2 MinHash kernel (compiled with -mavx2; called only when the CPU has AVX2). Same values as
// the scalar specification in minhash_portable.cc, bit for bit.
//
// Slots are taken 8 at a time, and the 8 running minima live in one register for the whole
// shingle loop, as do the block's coefficients: the inner loop only loads the shingle.
// AVX2 has no 64x64 multiply, but h needs only 32x32->64 ones (vpmuludq), which read the low
// half of each 64-bit lane. Loading a_lo[0..8) as one vector therefore gives slots 0,2,4,6 in
// the low halves and, after a 32-bit right shift, slots 1,3,5,7. The even slots' hashes (high
// halves) are shifted down into even 32-bit positions and blended with the odd slots' high
// halves, which are already in odd positions: one vector of 8 hashes in slot order, ready for
// an unsigned 32-bit min. Avoid std:: inline helpers here: their AVX2-compiled copies could be
// picked by the linker for callers in baseline code.

#include <immintrin.h>

#include "sketch/internal/minhash_kernels.h"

namespace docsift::detail {
namespace {

struct Lanes {  // one half (even or odd slots) of a block's coefficients, 4 x 64-bit lanes
  __m256i a_lo, a_hi, b_lo, b_hi, c;
};

inline __m256i lane_hash(const Lanes& l, __m256i x_lo, __m256i x_hi) {
  const __m256i cross =
      _mm256_add_epi64(_mm256_mul_epu32(l.a_hi, x_lo), _mm256_mul_epu32(l.b_hi, x_hi));
  __m256i h = _mm256_add_epi64(_mm256_mul_epu32(l.a_lo, x_lo), _mm256_mul_epu32(l.b_lo, x_hi));
  h = _mm256_add_epi64(h, l.c);
  return _mm256_add_epi64(h, _mm256_slli_epi64(cross, 32));
}

}  // namespace

void minhash_sign_avx2(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                       uint32_t* out) {
  constexpr size_t kBlock = 8;
  size_t base = 0;
  for (; base + kBlock <= k.count; base += kBlock) {
    auto load32 = [&](const uint32_t* p) {
      return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + base));
    };
    const __m256i a_lo = load32(k.a_lo), a_hi = load32(k.a_hi);
    const __m256i b_lo = load32(k.b_lo), b_hi = load32(k.b_hi);
    const __m256i c0 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(k.c + base));
    const __m256i c1 = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(k.c + base + 4));
    // c0 = slots 0..3, c1 = slots 4..7; regroup into even (0,2,4,6) and odd (1,3,5,7) slots.
    const __m256i c_even = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(c0, c1), 0xD8);
    const __m256i c_odd = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(c0, c1), 0xD8);
    const Lanes even{a_lo, a_hi, b_lo, b_hi, c_even};
    const Lanes odd{_mm256_srli_epi64(a_lo, 32), _mm256_srli_epi64(a_hi, 32),
                    _mm256_srli_epi64(b_lo, 32), _mm256_srli_epi64(b_hi, 32), c_odd};
    __m256i mins = _mm256_set1_epi32(-1);
    for (size_t s = 0; s < n; ++s) {
      const __m256i x = _mm256_set1_epi64x(static_cast<long long>(shingles[s]));
      const __m256i x_hi = _mm256_srli_epi64(x, 32);
      const __m256i h_even = lane_hash(even, x, x_hi);
      const __m256i h_odd = lane_hash(odd, x, x_hi);
      const __m256i h = _mm256_blend_epi32(_mm256_srli_epi64(h_even, 32), h_odd, 0xAA);
      mins = _mm256_min_epu32(mins, h);
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + base), mins);
  }
  if (base < k.count) {
    const MinHashKernelArgs tail{k.a_lo + base, k.a_hi + base, k.b_lo + base,
                                 k.b_hi + base, k.c + base,    k.count - base};
    minhash_sign_portable(tail, shingles, n, out + base);
  }
}

}  // namespace docsift::detail
