#pragma once
// Small seeded generator for clustering: SplitMix64 (Steele et al. 2014). Chosen over <random>
// distributions, whose output differs between standard libraries, so that a seed gives the same
// clusters everywhere.

#include <cstdint>

namespace docsift::detail {

class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n), n > 0 (53-bit float scaling; bias below n / 2^53).
  uint64_t below(uint64_t n) {
    const auto i = static_cast<uint64_t>(uniform() * static_cast<double>(n));
    return i < n ? i : n - 1;
  }

 private:
  uint64_t state_;
};

// Derives the seed of restart `i` from a user seed.
inline uint64_t derive_seed(uint64_t seed, uint64_t i) {
  SplitMix64 g(seed ^ (0xD1B54A32D192ED03ULL * (i + 1)));
  return g.next();
}

}  // namespace docsift::detail
