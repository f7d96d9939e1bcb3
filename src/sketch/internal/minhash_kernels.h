#pragma once
// MinHash kernels behind MinHasher::sign. Each computes, for `count` slots, out[i] = min over
// the n shingles x of h_i(x) (0xFFFFFFFF when n == 0), with h_i as in sketch/minhash.h and
// coefficients a[i], b[i], c[i]. They must agree bit for bit; tests compare each with the
// reference double loop.

#include <cstddef>
#include <cstdint>

#include "sketch/minhash.h"

namespace docsift::detail {

struct MinHashKernelArgs {
  const uint64_t* a;
  const uint64_t* b;
  const uint64_t* c;
  size_t count;  // number of slots
};

// The scalar specification in fixed-trip structure-of-arrays blocks (minhash_portable.cc).
void minhash_sign_portable(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                           uint32_t* out);
// AVX2 intrinsics (minhash_avx2.cc). Call only when __builtin_cpu_supports("avx2").
void minhash_sign_avx2(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                       uint32_t* out);
// The portable loop compiled for AVX-512F/DQ (64-bit lane multiplies), where GCC vectorises it
// unaided. Call only when avx512_supported().
void minhash_sign_avx512(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                         uint32_t* out);
bool avx512_supported();

inline MinHashKernelArgs kernel_args(const MinHasher::Coefficients& c) {
  return {c.a.data(), c.b.data(), c.c.data(), c.c.size()};
}

// splitmix64 (Steele, Lea, Flood 2014): the coefficient generator; advances `state`.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace docsift::detail
