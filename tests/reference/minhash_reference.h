#pragma once
// Obviously correct MinHash, straight from the formula in sketch/minhash.h: a double loop over
// slots and shingles with a full 64-bit multiply, coefficients regenerated from the seed with
// its own splitmix64. Tests only.

#include <cstdint>
#include <span>
#include <vector>

namespace docsift::reference {

// sig[i] = min over x of ((a_i * lo32(x) + b_i * hi32(x) + c_i) mod 2^64) >> 32.
std::vector<uint32_t> minhash_signature(std::span<const uint64_t> shingles, uint32_t num_perm,
                                        uint64_t seed);

}  // namespace docsift::reference
