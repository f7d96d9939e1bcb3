#pragma once
// MinHash kernels behind MinHasher::sign. Each computes, for `count` slots starting at slot 0
// of the given coefficient arrays, out[i] = min_x h_i(x) (0xFFFFFFFF when n == 0), with h_i as
// in sketch/minhash.h. They must agree bit for bit.

#include <cstddef>
#include <cstdint>

#include "sketch/minhash.h"

namespace docsift::detail {

struct MinHashKernelArgs {
  const uint32_t* a_lo;
  const uint32_t* a_hi;
  const uint32_t* b_lo;
  const uint32_t* b_hi;
  const uint64_t* c;
  size_t count;  // number of slots
};

// The scalar specification, blocked so GCC vectorises the per-shingle loop over slots.
void minhash_sign_portable(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                           uint32_t* out);
// AVX2 intrinsics (minhash_avx2.cc). Call only when __builtin_cpu_supports("avx2").
void minhash_sign_avx2(const MinHashKernelArgs& k, const uint64_t* shingles, size_t n,
                       uint32_t* out);

inline MinHashKernelArgs kernel_args(const MinHasher::Coefficients& c) {
  return {c.a_lo.data(), c.a_hi.data(), c.b_lo.data(), c.b_hi.data(), c.c.data(), c.c.size()};
}

// splitmix64 (Steele, Lea, Flood 2014): the coefficient generator; advances `state`.
inline uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace docsift::detail
