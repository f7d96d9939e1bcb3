// AVX2 MinHash kernel (compiled with -mavx2; called only when the CPU has AVX2). Same values as
// the scalar specification in minhash_portable.cc, bit for bit.
//
// Slots are taken 8 at a time, and the 8 running minima live in one register for the whole
// shingle loop, as do the block's coefficients: the inner loop only loads the shingle.
// AVX2 has no 64x64 multiply, but h needs only 32x32->64 ones (vpmuludq, which reads the low
// half of each 64-bit lane): a * x_lo mod 2^64 = a_lo * x_lo + ((a_hi * x_lo) << 32), likewise
// for b, and the two cross terms share one shift. Even slots (0,2,4,6) and odd slots (1,3,5,7)
// are computed in separate 4-lane vectors; the even hashes (high halves) are shifted down into
// even 32-bit positions and blended with the odd ones, already in odd positions: one vector of
// 8 hashes in slot order, ready for an unsigned 32-bit min. Avoid std:: inline helpers here: their
// AVX2-compiled copies could be picked by the linker for callers in baseline code.

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
    // Slots 0..3 and 4..7 of a 64-bit coefficient array, regrouped into even (0,2,4,6) and
    // odd (1,3,5,7) slots; vpmuludq reads the low halves, a 32-bit shift exposes the high ones.
    auto split = [&](const uint64_t* p, __m256i& even_slots, __m256i& odd_slots) {
      const __m256i lo = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + base));
      const __m256i hi = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + base + 4));
      even_slots = _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(lo, hi), 0xD8);
      odd_slots = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(lo, hi), 0xD8);
    };
    __m256i a_even, a_odd, b_even, b_odd, c_even, c_odd;
    split(k.a, a_even, a_odd);
    split(k.b, b_even, b_odd);
    split(k.c, c_even, c_odd);
    const Lanes even{a_even, _mm256_srli_epi64(a_even, 32), b_even, _mm256_srli_epi64(b_even, 32),
                     c_even};
    const Lanes odd{a_odd, _mm256_srli_epi64(a_odd, 32), b_odd, _mm256_srli_epi64(b_odd, 32),
                    c_odd};
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
    const MinHashKernelArgs tail{k.a + base, k.b + base, k.c + base, k.count - base};
    minhash_sign_portable(tail, shingles, n, out + base);
  }
}

}  // namespace docsift::detail
