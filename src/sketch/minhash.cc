#include "sketch/minhash.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/assert.h"
#include "core/parallel.h"
#include "sketch/internal/minhash_kernels.h"

namespace docsift {

Status validate(const MinHashOptions& options) {
  if (options.num_perm < 1 || options.num_perm > kMaxNumPerm) {
    return Status::InvalidArgument("num_perm must be in [1, " + std::to_string(kMaxNumPerm) +
                                   "], got " + std::to_string(options.num_perm));
  }
  return Status::Ok();
}

MinHasher::MinHasher(MinHashOptions options) : options_(options) {
  DOCSIFT_ASSERT(validate(options).ok());
  const uint32_t k = options.num_perm;
  coef_.a.resize(k);
  coef_.b.resize(k);
  coef_.c.resize(k);
  uint64_t state = options.seed;
  for (uint32_t i = 0; i < k; ++i) {
    coef_.a[i] = detail::splitmix64(state);
    coef_.b[i] = detail::splitmix64(state);
    coef_.c[i] = detail::splitmix64(state);
  }
}

namespace {
using SignKernel = void (*)(const detail::MinHashKernelArgs&, const uint64_t*, size_t, uint32_t*);

struct Dispatch {
  SignKernel kernel;
  const char* name;
};

// Chosen once: every later call takes the same path, so one process never mixes kernels (they
// agree bit for bit anyway). AVX-512DQ first: GCC vectorises the portable loop there with
// native 64-bit lane multiplies, measured ~3x faster than the AVX2 intrinsics (sketch_bench).
// DOCSIFT_MINHASH_KERNEL=portable|avx2|avx512 forces a path (benchmarks compare them end to end);
// a path the CPU lacks is ignored.
const Dispatch& dispatch() {
  static const Dispatch d = [] {
    const char* forced = std::getenv("DOCSIFT_MINHASH_KERNEL");
    const bool avx512 = detail::avx512_supported();
    bool avx2 = false;
#if defined(__x86_64__) || defined(__i386__)
    avx2 = __builtin_cpu_supports("avx2");
#endif
    if (forced != nullptr) {
      if (std::strcmp(forced, "portable") == 0) {
        return Dispatch{detail::minhash_sign_portable, "portable"};
      }
      if (std::strcmp(forced, "avx2") == 0 && avx2) {
        return Dispatch{detail::minhash_sign_avx2, "avx2"};
      }
    }
    if (avx512) return Dispatch{detail::minhash_sign_avx512, "avx512"};
    if (avx2) return Dispatch{detail::minhash_sign_avx2, "avx2"};
    return Dispatch{detail::minhash_sign_portable, "portable"};
  }();
  return d;
}
}  // namespace

const char* minhash_simd_path() { return dispatch().name; }

void MinHasher::sign(std::span<const uint64_t> shingles, std::span<uint32_t> out) const {
  DOCSIFT_ASSERT(out.size() == options_.num_perm);
  dispatch().kernel(detail::kernel_args(coef_), shingles.data(), shingles.size(), out.data());
}

void MinHasher::sign_batch(std::span<const uint64_t> shingles, std::span<const uint64_t> offsets,
                           std::span<uint32_t> out, unsigned num_threads) const {
  DOCSIFT_ASSERT(!offsets.empty());
  const size_t num_docs = offsets.size() - 1;
  const size_t k = options_.num_perm;
  DOCSIFT_ASSERT(offsets.back() == shingles.size());
  DOCSIFT_ASSERT(out.size() == num_docs * k);
  // Each document's output slice is fixed, so the result is the same for any thread count.
  parallel_for(num_docs, num_threads, 64, [&](size_t begin, size_t end, unsigned) {
    for (size_t d = begin; d < end; ++d) {
      DOCSIFT_ASSERT(offsets[d] <= offsets[d + 1]);
      sign(shingles.subspan(offsets[d], offsets[d + 1] - offsets[d]), out.subspan(d * k, k));
    }
  });
}

void merge_signatures(std::span<uint32_t> into, std::span<const uint32_t> other) {
  DOCSIFT_ASSERT(into.size() == other.size());
  uint32_t* a = into.data();
  const uint32_t* b = other.data();
  for (size_t i = 0; i < into.size(); ++i) a[i] = b[i] < a[i] ? b[i] : a[i];
}

double estimate_jaccard(std::span<const uint32_t> a, std::span<const uint32_t> b) {
  DOCSIFT_ASSERT(a.size() == b.size());
  const size_t n = a.size();
  if (n == 0) return 0.0;
  const uint32_t* pa = a.data();
  const uint32_t* pb = b.data();
  // A plain counting loop: GCC turns it into compare + subtract on whole vectors.
  size_t equal = 0;
  for (size_t i = 0; i < n; ++i) equal += pa[i] == pb[i];
  return static_cast<double>(equal) / static_cast<double>(n);
}

}  // namespace docsift
