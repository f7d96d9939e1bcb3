#include "sketch/one_perm.h"

#include <algorithm>
#include <vector>

#include "core/assert.h"
#include "core/xxh3.h"
#include "sketch/internal/minhash_kernels.h"

namespace docsift {

namespace {
constexpr uint64_t kDonorSeedSalt = 0x6F6E655065726D21ULL;  // "onePerm!"
constexpr uint32_t kEmpty = 0xFFFFFFFFu;

// Lemire's multiply-range: maps a uniform 32-bit value onto [0, range) without division.
inline uint32_t to_range(uint32_t v, uint32_t range) {
  return static_cast<uint32_t>((uint64_t{v} * range) >> 32);
}
}  // namespace

OnePermHasher::OnePermHasher(MinHashOptions options) : options_(options) {
  DOCSIFT_ASSERT(validate(options).ok());
  uint64_t state = options.seed ^ kDonorSeedSalt;
  e0_ = detail::splitmix64(state);
  e1_ = detail::splitmix64(state);
  e2_ = detail::splitmix64(state);
}

uint32_t OnePermHasher::donor_bin(uint32_t bin, uint32_t attempt) const {
  const uint64_t h = e0_ + e1_ * bin + e2_ * attempt;
  return to_range(static_cast<uint32_t>(h >> 32), options_.num_perm);
}

void OnePermHasher::bin_into(std::span<const uint64_t> shingles, uint32_t* bins,
                             uint64_t* bits) const {
  const uint32_t k = options_.num_perm;
  for (const uint64_t x : shingles) {
    const uint64_t h = XXH3_64bits_withSeed(&x, sizeof(x), options_.seed);
    const uint32_t bin = to_range(static_cast<uint32_t>(h >> 32), k);
    const uint32_t value = static_cast<uint32_t>(h);
    bins[bin] = value < bins[bin] ? value : bins[bin];
    bits[bin >> 6] |= uint64_t{1} << (bin & 63);
  }
}

void OnePermHasher::densify(const uint64_t* bits, uint32_t* bins) const {
  const uint32_t k = options_.num_perm;
  auto filled = [bits](uint32_t bin) { return (bits[bin >> 6] >> (bin & 63)) & 1; };
  // Optimal densification: donors are chosen among the originally filled bins only, so the
  // values copied in this pass never feed later copies.
  const uint64_t max_attempts = 64ull * k;
  for (uint32_t j = 0; j < k; ++j) {
    if (filled(j)) continue;
    uint32_t attempt = 1;
    uint32_t donor = donor_bin(j, attempt);
    while (!filled(donor) && attempt < max_attempts) donor = donor_bin(j, ++attempt);
    while (!filled(donor)) donor = donor + 1 == k ? 0 : donor + 1;  // guard, see header
    bins[j] = bins[donor];
  }
}

void OnePermHasher::sign(std::span<const uint64_t> shingles, std::span<uint32_t> out) const {
  const uint32_t k = options_.num_perm;
  DOCSIFT_ASSERT(out.size() == k);
  // A bin's minimum may legitimately be 0xFFFFFFFF, so emptiness is tracked separately, in a
  // bitmap on the stack for usual sizes (no allocation per document).
  constexpr uint32_t kStackWords = 64;  // k <= 4096
  const uint32_t words = (k + 63) / 64;
  uint64_t stack_bits[kStackWords];
  std::vector<uint64_t> heap_bits;
  uint64_t* bits = stack_bits;
  if (words > kStackWords) {
    heap_bits.resize(words);
    bits = heap_bits.data();
  }
  for (uint32_t w = 0; w < words; ++w) bits[w] = 0;
  uint32_t* bins = out.data();
  for (uint32_t j = 0; j < k; ++j) bins[j] = kEmpty;
  bin_into(shingles, bins, bits);
  if (shingles.empty()) return;
  densify(bits, bins);
}

void OnePermHasher::reset(OnePermBins& bins) const {
  bins.min.assign(options_.num_perm, kEmpty);
  bins.filled.assign((options_.num_perm + 63) / 64, 0);
}

void OnePermHasher::add(std::span<const uint64_t> shingles, OnePermBins& bins) const {
  DOCSIFT_ASSERT(bins.min.size() == options_.num_perm);
  bin_into(shingles, bins.min.data(), bins.filled.data());
}

void OnePermHasher::finish(const OnePermBins& bins, std::span<uint32_t> out) const {
  DOCSIFT_ASSERT(bins.min.size() == options_.num_perm && out.size() == options_.num_perm);
  std::copy(bins.min.begin(), bins.min.end(), out.begin());
  bool any = false;
  for (const uint64_t w : bins.filled) any = any || w != 0;
  if (any) densify(bins.filled.data(), out.data());
}

void merge_bins(OnePermBins& into, const OnePermBins& other) {
  DOCSIFT_ASSERT(into.min.size() == other.min.size() && into.filled.size() == other.filled.size());
  for (size_t j = 0; j < into.min.size(); ++j)
    into.min[j] = other.min[j] < into.min[j] ? other.min[j] : into.min[j];
  for (size_t w = 0; w < into.filled.size(); ++w) into.filled[w] |= other.filled[w];
}

}  // namespace docsift
