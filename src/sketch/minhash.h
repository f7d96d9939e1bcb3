#pragma once
// MinHash (Broder 1997): a signature of `num_perm` 32-bit values per shingle set such that, for
// two sets A and B, each slot is equal with probability ~J(A, B) = |A n B| / |A u B|. The
// fraction of equal slots (estimate_jaccard) is an unbiased estimate of J with standard error
// sqrt(J (1 - J) / num_perm).
//
// Hash family. Slot i of the signature of set S is
//     sig[i] = min over x in S of h_i(x),
//     h_i(x) = ((a_i * lo32(x) + b_i * hi32(x) + c_i) mod 2^64) >> 32,
// where lo32/hi32 are the low/high 32-bit halves of the 64-bit shingle hash x, and a_i, b_i,
// c_i are 64-bit words drawn from splitmix64 started at `seed`, in the order
// a_0, b_0, c_0, a_1, b_1, c_1, ... (splitmix64: state += 0x9E3779B97F4A7C15, then the
// 30/27/31 xor-shift-multiply finaliser). This is Dietzfelbinger's vector multiply-shift
// ("Universal hashing and k-wise independent random variables via integer arithmetic without
// primes", STACS 1996), shown strongly universal (2-independent) from [2^32]^2 to [2^32] with
// 64-bit coefficients in Thorup, "High Speed Hashing for Integers and Strings" (2015, arXiv
// 1504.06804, "strongly universal hashing of vectors"). The shingles are themselves XXH3 hashes, so
// the family's limited independence sees random keys. It needs only 32x32->64 multiplies, which
// SIMD has (vpmuludq): a_i * lo32(x) mod 2^64 = alo*xlo + ((ahi*xlo) << 32).
//
// Layout. Signatures are uint32_t, num_perm per document, document-major: document d of a batch
// occupies sig[d * num_perm, (d + 1) * num_perm). The empty set signs as all 0xFFFFFFFF.
//
//   MinHasher hasher({.num_perm = 128, .seed = 1});
//   std::vector<uint32_t> sig(hasher.num_perm());
//   hasher.sign(shingle_set, sig);  // shingle_set from make_shingle_set()
//
// Guarantees: the signature depends only on the set of shingles (order and repeats don't
// matter), num_perm and seed; every SIMD path (chosen once at run time, see minhash_simd_path)
// is bit-identical to the scalar specification above, so signatures are stable across machines
// and versions (golden values are frozen in tests). Any num_perm >= 1 works; multiples of 16 use
// the vector kernels fully. A MinHasher is immutable after construction: sign() may be called
// from many threads at once.

#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace docsift {

struct MinHashOptions {
  uint32_t num_perm = 128;  // signature length (slots); for OnePermHasher the number of bins
  uint64_t seed = 1;        // picks the hash functions; only equal seeds give comparable sigs
};

// Ok when num_perm is in [1, kMaxNumPerm]; an InvalidArgument naming the value otherwise.
inline constexpr uint32_t kMaxNumPerm = 1u << 16;
Status validate(const MinHashOptions& options);

class MinHasher {
 public:
  // Precondition: validate(options).ok().
  explicit MinHasher(MinHashOptions options = {});

  uint32_t num_perm() const { return options_.num_perm; }
  const MinHashOptions& options() const { return options_; }

  // Writes the signature of `shingles` (any order, repeats allowed) into `out`, which holds
  // num_perm() values.
  void sign(std::span<const uint64_t> shingles, std::span<uint32_t> out) const;

  // Signs documents stored back to back: document d's shingles are
  // shingles[offsets[d], offsets[d + 1]), so offsets holds num_docs + 1 nondecreasing values
  // ending at shingles.size(); `out` holds num_docs * num_perm() values (document-major).
  // num_threads == 0 uses all cores; the output does not depend on it.
  void sign_batch(std::span<const uint64_t> shingles, std::span<const uint64_t> offsets,
                  std::span<uint32_t> out, unsigned num_threads = 1) const;

  // The coefficients a_i, b_i, c_i of h_i, in structure-of-arrays form.
  struct Coefficients {
    std::vector<uint64_t> a, b, c;
  };
  const Coefficients& coefficients() const { return coef_; }

 private:
  MinHashOptions options_;
  Coefficients coef_;
};

// Name of the kernel MinHasher::sign uses on this CPU, picked once per process, fastest first:
// "avx512" (the portable loop auto-vectorised for AVX-512F/DQ), "avx2" (intrinsics) or
// "portable" (the scalar specification, blocked structure-of-arrays).
const char* minhash_simd_path();

// Merges the signature of another part of the same set: into[i] = min(into[i], other[i]), so the
// signature of A u B is the merge of those of A and B (for either hasher's classic signatures;
// OnePermHasher merges its bins before densifying instead). The empty set's signature (all
// 0xFFFFFFFF) is the identity. Lets one large document be signed in shingle ranges by several
// threads:
//   hasher.sign(first_half, sig); hasher.sign(second_half, part); merge_signatures(sig, part);
void merge_signatures(std::span<uint32_t> into, std::span<const uint32_t> other);

// Fraction of equal slots of two signatures of the same length (0 for empty signatures): the
// Jaccard estimate for MinHash and one-permutation-hashing signatures alike.
double estimate_jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b);

}  // namespace docsift
