#pragma once
// SimHash (Charikar 2002, "Similarity estimation techniques from rounding algorithms"; used for
// web near-duplicates by Manku, Jain, Das Sarma 2007): a 64-bit fingerprint whose Hamming
// distance to another reflects the cosine similarity of the two weighted feature vectors.
//
// Each feature's 64-bit hash f (a shingle hash, already uniformly mixed) serves as its random
// hyperplane signs: bit j of f set means +w, clear means -w. With 64 signed counters
//     V[j] = sum over features of (bit j of f ? +w : -w),
// bit j of the fingerprint is 1 exactly when V[j] > 0 (ties give 0). Unweighted, w = 1 for
// every entry of the span, so passing shingles *with* their repeats weights each distinct
// shingle by its count, and passing make_shingle_set() output gives the set version.
//
//   std::vector<uint64_t> shingles;
//   word_shingles(token_hashes, 3, 0, shingles);      // repeats kept: count-weighted
//   uint64_t fp = simhash(shingles);                  // hamming_distance(fp, other) <= 3: near-dup
//
// Guarantees: deterministic; the vectorised loops give exactly the naive per-bit result (each
// counter sums its terms in feature order, so even float weights round identically); pure
// functions, thread-safe.

#include <array>
#include <bit>
#include <cstdint>
#include <span>

namespace docsift {

// Fingerprint of the features. `weights` is empty (every feature weighs 1) or holds one finite
// weight per feature.
uint64_t simhash(std::span<const uint64_t> feature_hashes, std::span<const float> weights = {});

// Partial, unweighted: the counters of some of the features (n features, ones[j] of them with
// bit j set; V[j] = 2 ones[j] - n). Counters of disjoint parts of a feature multiset add, and the
// fingerprint of the sum is exactly simhash() of the whole multiset, so one large document's
// shingles may be counted in ranges by several threads, each shingle in exactly one range:
//   SimHashCounts all, part;
//   simhash_count(range_a, all); simhash_count(range_b, part); all += part;
//   uint64_t fp = simhash_of(all);   // == simhash(range_a + range_b)
struct SimHashCounts {
  uint64_t n = 0;
  std::array<uint64_t, 64> ones{};
  SimHashCounts& operator+=(const SimHashCounts& other);
};
// Adds the features to `counts`.
void simhash_count(std::span<const uint64_t> feature_hashes, SimHashCounts& counts);
uint64_t simhash_of(const SimHashCounts& counts);

inline int hamming_distance(uint64_t a, uint64_t b) { return std::popcount(a ^ b); }

}  // namespace docsift
