// The scalar specification of MinHash (sketch/minhash.h) as a structure-of-arrays loop: slots
// are taken kBlock at a time with their coefficients and running minima in local arrays, and
// the per-shingle loop over the block has a fixed trip count and no aliasing, so it vectorises
// wherever the ISA multiplies 64-bit lanes. At the x86-64 baseline (SSE2) and with AVX2 it does
// not: emulating the 64-bit multiply costs more than it saves (measured: GCC 12's AVX2
// auto-vectorisation of the equivalent split 32-bit form runs at ~1/5 of the intrinsics in
// minhash_avx2.cc), so x86 uses that kernel; with AVX-512DQ (vpmullq) GCC vectorises this very
// loop well, hence minhash_sign_avx512 below compiles it again for that target.

#include "sketch/internal/minhash_kernels.h"

namespace docsift::detail {
namespace {

constexpr size_t kBlock = 16;

template <size_t kWidth>
[[gnu::always_inline]] inline void sign_block(const MinHashKernelArgs& k, size_t base,
                                              const uint64_t* shingles, size_t n, uint32_t* out) {
  uint64_t a[kWidth], b[kWidth], c[kWidth];
  uint32_t mins[kWidth];
  for (size_t j = 0; j < kWidth; ++j) {
    a[j] = k.a[base + j];
    b[j] = k.b[base + j];
    c[j] = k.c[base + j];
    mins[j] = 0xFFFFFFFFu;
  }
  for (size_t s = 0; s < n; ++s) {
    const uint64_t x_lo = shingles[s] & 0xFFFFFFFFu;
    const uint64_t x_hi = shingles[s] >> 32;
    for (size_t j = 0; j < kWidth; ++j) {
      const uint32_t v = static_cast<uint32_t>((a[j] * x_lo + b[j] * x_hi + c[j]) >> 32);
      mins[j] = v < mins[j] ? v : mins[j];
    }
  }
  for (size_t j = 0; j < kWidth; ++j) out[base + j] = mins[j];
}

[[gnu::always_inline]] inline void sign_all(const MinHashKernelArgs& k, const uint64_t* shingles,
                                            size_t n, uint32_t* out) {
  size_t base = 0;
  for (; base + kBlock <= k.count; base += kBlock) sign_block<kBlock>(k, base, shingles, n, out);
  // Tail slots (num_perm not a multiple of kBlock), one at a time.
  for (; base < k.count; ++base) sign_block<1>(k, base, shingles, n, out);
}

}  // namespace

void minhash_sign_portable(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                           uint32_t* out) {
  sign_all(k, shingles, n, out);
}

#if defined(__x86_64__) && defined(__GNUC__)
// A function-level target (not a per-file flag) keeps every non-inlined helper, std:: ones
// included, at the baseline ISA, so nothing AVX-512 can leak into code run on other CPUs.
__attribute__((target("avx512f,avx512dq"))) void minhash_sign_avx512(const MinHashKernelArgs& k,
                                                                     const uint64_t* shingles,
                                                                     size_t n, uint32_t* out) {
  sign_all(k, shingles, n, out);
}
bool avx512_supported() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq");
}
#else
void minhash_sign_avx512(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                         uint32_t* out) {
  sign_all(k, shingles, n, out);
}
bool avx512_supported() { return false; }
#endif

}  // namespace docsift::detail
