#include "reference/minhash_reference.h"

namespace docsift::reference {

namespace {
uint64_t next_splitmix64(uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}
}  // namespace

std::vector<uint32_t> minhash_signature(std::span<const uint64_t> shingles, uint32_t num_perm,
                                        uint64_t seed) {
  std::vector<uint64_t> a(num_perm), b(num_perm), c(num_perm);
  uint64_t state = seed;
  for (uint32_t i = 0; i < num_perm; ++i) {
    a[i] = next_splitmix64(state);
    b[i] = next_splitmix64(state);
    c[i] = next_splitmix64(state);
  }
  std::vector<uint32_t> sig(num_perm, 0xFFFFFFFFu);
  for (uint32_t i = 0; i < num_perm; ++i) {
    for (const uint64_t x : shingles) {
      const uint64_t lo = x & 0xFFFFFFFFu;
      const uint64_t hi = x >> 32;
      const uint32_t h = static_cast<uint32_t>((a[i] * lo + b[i] * hi + c[i]) >> 32);
      if (h < sig[i]) sig[i] = h;
    }
  }
  return sig;
}

}  // namespace docsift::reference
