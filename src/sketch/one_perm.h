#pragma once
// One-permutation hashing (Li, Owen, Zhang 2012) with optimal densification (Shrivastava 2017,
// "Optimal Densification for Fast and Accurate Minwise Hashing", ICML): a MinHash-compatible
// signature from a single hash per shingle instead of num_perm, so signing costs O(|S| + k)
// rather than O(|S| k).
//
// Each shingle x gets H(x) = XXH3_64bits_withSeed(&x, 8, seed) (x as 8 little-endian bytes).
// Its bin is ((H >> 32) * k) >> 32 (k = num_perm bins, Lemire's multiply-range) and its value
// lo32(H); bin j keeps the minimum value that fell into it. An empty bin j then copies the value
// of the first originally non-empty bin among d(j, 1), d(j, 2), ..., where
//     d(j, t) = (((e0 + e1 * j + e2 * t) mod 2^64) >> 32) * k >> 32
// is a 2-universal hash of the pair (j, t) (vector multiply-shift as in sketch/minhash.h, with
// e0, e1, e2 drawn by splitmix64 from seed ^ 0x6F6E655065726D21). Shrivastava shows this keeps
// the estimator's variance close to that of k independent permutations even when most bins are
// empty (sets much smaller than k). As a guard against pathological coefficients, after 64 * k
// unsuccessful attempts the next non-empty bin after d(j, t) (cyclically) is used; both sets
// of a pair make the same choices for the same emptiness pattern, as the scheme requires.
//
//   OnePermHasher oph({.num_perm = 256, .seed = 1});
//   std::vector<uint32_t> sig(oph.num_perm());
//   oph.sign(shingle_set, sig);   // compare with estimate_jaccard (sketch/minhash.h)
//
// Layout and guarantees as MinHasher: num_perm uint32_t per document, document-major; the empty
// set gives all 0xFFFFFFFF; depends only on the shingle set, num_perm and seed; stable across
// versions; immutable, so sign() is thread-safe. OPH and MinHash signatures are not comparable
// with each other.

#include <cstdint>
#include <span>
#include <vector>

#include "sketch/minhash.h"

namespace docsift {

// Bins of a part of a set before densification: each bin's minimum value and whether any shingle
// fell into it (a minimum may itself be 0xFFFFFFFF). Bins of parts merge by element-wise minimum
// (and union of `filled`); densifying the merged bins gives exactly sign() of the whole set:
//   OnePermBins all, part;
//   oph.reset(all); oph.add(range_a, all); oph.reset(part); oph.add(range_b, part);
//   merge_bins(all, part); oph.finish(all, sig);   // == oph.sign(range_a + range_b, sig)
struct OnePermBins {
  std::vector<uint32_t> min;     // num_perm values
  std::vector<uint64_t> filled;  // bitmap, (num_perm + 63) / 64 words
};
void merge_bins(OnePermBins& into, const OnePermBins& other);

class OnePermHasher {
 public:
  // Precondition: validate(options).ok(). options.num_perm is the number of bins.
  explicit OnePermHasher(MinHashOptions options = {});

  uint32_t num_perm() const { return options_.num_perm; }
  const MinHashOptions& options() const { return options_; }

  // Writes the densified signature of `shingles` (any order, repeats allowed) into `out`, which
  // holds num_perm() values.
  void sign(std::span<const uint64_t> shingles, std::span<uint32_t> out) const;

  // Partial sketches (see OnePermBins): empties `bins`; adds `shingles` to them; writes the
  // densified signature of everything added (all 0xFFFFFFFF when nothing was) into `out`.
  void reset(OnePermBins& bins) const;
  void add(std::span<const uint64_t> shingles, OnePermBins& bins) const;
  void finish(const OnePermBins& bins, std::span<uint32_t> out) const;

 private:
  uint32_t donor_bin(uint32_t bin, uint32_t attempt) const;
  void bin_into(std::span<const uint64_t> shingles, uint32_t* bins, uint64_t* bits) const;
  // Fills the empty bins of `bins` from the filled ones (at least one bin is filled).
  void densify(const uint64_t* bits, uint32_t* bins) const;

  MinHashOptions options_;
  uint64_t e0_ = 0, e1_ = 0, e2_ = 0;  // coefficients of the donor-bin hash d(j, t)
};

}  // namespace docsift
