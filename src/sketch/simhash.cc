#include "sketch/simhash.h"

#include "core/assert.h"

namespace docsift {

namespace {

alignas(64) constexpr uint32_t kBit[32] = {
    1u << 0,  1u << 1,  1u << 2,  1u << 3,  1u << 4,  1u << 5,  1u << 6,  1u << 7,
    1u << 8,  1u << 9,  1u << 10, 1u << 11, 1u << 12, 1u << 13, 1u << 14, 1u << 15,
    1u << 16, 1u << 17, 1u << 18, 1u << 19, 1u << 20, 1u << 21, 1u << 22, 1u << 23,
    1u << 24, 1u << 25, 1u << 26, 1u << 27, 1u << 28, 1u << 29, 1u << 30, 1u << 31};

// Unweighted: count the set bits per position (V[j] = 2 * ones[j] - n) with 32-bit lanes and
// a mask table instead of variable shifts, which baseline SSE2 lacks; GCC vectorises it as
// and + compare + subtract. Runs of at most 2^32 - 1 features go through the 32-bit lanes.
void count_unweighted(const uint64_t* features, size_t n, SimHashCounts& counts) {
  constexpr size_t kRun = 0xFFFFFFFFu;  // per-bit counts of a run fit 32 bits
  for (size_t start = 0; start < n; start += kRun) {
    const size_t end = n - start > kRun ? start + kRun : n;
    alignas(64) uint32_t ones[64] = {};
    for (size_t i = start; i < end; ++i) {
      const uint32_t lo = static_cast<uint32_t>(features[i]);
      const uint32_t hi = static_cast<uint32_t>(features[i] >> 32);
      for (int j = 0; j < 32; ++j) ones[j] += (lo & kBit[j]) != 0;
      for (int j = 0; j < 32; ++j) ones[32 + j] += (hi & kBit[j]) != 0;
    }
    for (int j = 0; j < 64; ++j) counts.ones[j] += ones[j];
    counts.n += end - start;
  }
}

// Weighted: float counters, selected +w / -w per bit with the same mask table, so the loop
// vectorises as and + compare + blend + add. Each counter still adds its terms in feature
// order, so the sums round exactly as the naive loop's do.
uint64_t simhash_weighted(const uint64_t* features, const float* weights, size_t n) {
  alignas(64) float v[64] = {};
  for (size_t i = 0; i < n; ++i) {
    const uint32_t lo = static_cast<uint32_t>(features[i]);
    const uint32_t hi = static_cast<uint32_t>(features[i] >> 32);
    const float w = weights[i];
    const float minus_w = -w;
    for (int j = 0; j < 32; ++j) v[j] += (lo & kBit[j]) != 0 ? w : minus_w;
    for (int j = 0; j < 32; ++j) v[32 + j] += (hi & kBit[j]) != 0 ? w : minus_w;
  }
  uint64_t fp = 0;
  for (int j = 0; j < 64; ++j) fp |= static_cast<uint64_t>(v[j] > 0.0f) << j;
  return fp;
}

}  // namespace

SimHashCounts& SimHashCounts::operator+=(const SimHashCounts& other) {
  n += other.n;
  for (int j = 0; j < 64; ++j) ones[j] += other.ones[j];
  return *this;
}

void simhash_count(std::span<const uint64_t> feature_hashes, SimHashCounts& counts) {
  count_unweighted(feature_hashes.data(), feature_hashes.size(), counts);
}

uint64_t simhash_of(const SimHashCounts& counts) {
  uint64_t fp = 0;
  for (int j = 0; j < 64; ++j) fp |= static_cast<uint64_t>(2 * counts.ones[j] > counts.n) << j;
  return fp;  // bit j set when V[j] > 0
}

uint64_t simhash(std::span<const uint64_t> feature_hashes, std::span<const float> weights) {
  if (weights.empty()) {
    SimHashCounts counts;
    count_unweighted(feature_hashes.data(), feature_hashes.size(), counts);
    return simhash_of(counts);
  }
  DOCSIFT_ASSERT(weights.size() == feature_hashes.size());
  return simhash_weighted(feature_hashes.data(), weights.data(), feature_hashes.size());
}

}  // namespace docsift
