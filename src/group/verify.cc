#include "group/verify.h"

#include <bit>

#include "core/assert.h"
#include "core/parallel.h"

namespace docsift {
namespace {

// Runs keep(pair, &similarity) over the pairs in parallel; per-chunk results are concatenated
// in chunk order, so the output is independent of the thread count.
template <typename Pair, typename Keep>
std::vector<Edge> verify_pairs(std::span<const Pair> pairs, unsigned threads, Keep keep) {
  constexpr size_t kChunk = 16384;
  const size_t num_chunks = (pairs.size() + kChunk - 1) / kChunk;
  std::vector<std::vector<Edge>> chunks(num_chunks);
  parallel_for(pairs.size(), threads, kChunk, [&](size_t begin, size_t end, unsigned) {
    std::vector<Edge>& out = chunks[begin / kChunk];
    for (size_t i = begin; i < end; ++i) {
      float similarity = 0;
      if (keep(pairs[i], similarity)) out.push_back({pairs[i].a, pairs[i].b, similarity});
    }
  });
  std::vector<Edge> edges;
  for (auto& c : chunks) edges.insert(edges.end(), c.begin(), c.end());
  return edges;
}

}  // namespace

float minhash_similarity(std::span<const uint32_t> signatures, unsigned num_perm, uint32_t a,
                         uint32_t b) {
  const uint32_t* x = &signatures[size_t{a} * num_perm];
  const uint32_t* y = &signatures[size_t{b} * num_perm];
  unsigned equal = 0;
  for (unsigned i = 0; i < num_perm; ++i) equal += x[i] == y[i];
  return static_cast<float>(equal) / static_cast<float>(num_perm);
}

double exact_jaccard(std::span<const uint64_t> a, std::span<const uint64_t> b) {
  if (a.empty() && b.empty()) return 1.0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double exact_jaccard_csr(std::span<const uint64_t> values, std::span<const uint64_t> offsets,
                         uint32_t a, uint32_t b) {
  DOCSIFT_ASSERT(size_t{a} + 1 < offsets.size() && size_t{b} + 1 < offsets.size());
  return exact_jaccard(values.subspan(offsets[a], offsets[a + 1] - offsets[a]),
                       values.subspan(offsets[b], offsets[b + 1] - offsets[b]));
}

float simhash_similarity(uint64_t a, uint64_t b) {
  return 1.0f - static_cast<float>(std::popcount(a ^ b)) / 64.0f;
}

namespace {

template <typename Pair>
std::vector<Edge> minhash_estimate_pairs(std::span<const Pair> pairs,
                                         std::span<const uint32_t> signatures, unsigned num_perm,
                                         double threshold, unsigned threads) {
  // Compare counts, not floats: equal / num_perm >= threshold.
  const double needed = threshold * num_perm;
  return verify_pairs(pairs, threads, [&](const Pair& p, float& similarity) {
    const uint32_t* x = &signatures[size_t{p.a} * num_perm];
    const uint32_t* y = &signatures[size_t{p.b} * num_perm];
    unsigned equal = 0;
    for (unsigned i = 0; i < num_perm; ++i) equal += x[i] == y[i];
    similarity = static_cast<float>(equal) / static_cast<float>(num_perm);
    return static_cast<double>(equal) >= needed;
  });
}

template <typename Pair>
std::vector<Edge> exact_jaccard_pairs(std::span<const Pair> pairs, std::span<const uint64_t> values,
                                      std::span<const uint64_t> offsets, double threshold,
                                      unsigned threads) {
  return verify_pairs(pairs, threads, [&](const Pair& p, float& similarity) {
    const double j = exact_jaccard_csr(values, offsets, p.a, p.b);
    similarity = static_cast<float>(j);
    return j >= threshold;
  });
}

template <typename Pair>
std::vector<Edge> simhash_distance_pairs(std::span<const Pair> pairs,
                                         std::span<const uint64_t> fingerprints,
                                         unsigned max_hamming, unsigned threads) {
  return verify_pairs(pairs, threads, [&](const Pair& p, float& similarity) {
    const unsigned distance =
        static_cast<unsigned>(std::popcount(fingerprints[p.a] ^ fingerprints[p.b]));
    similarity = 1.0f - static_cast<float>(distance) / 64.0f;
    return distance <= max_hamming;
  });
}

}  // namespace

std::vector<Edge> verify_minhash(std::span<const DocPair> pairs,
                                 std::span<const uint32_t> signatures, unsigned num_perm,
                                 double threshold, unsigned threads) {
  return minhash_estimate_pairs(pairs, signatures, num_perm, threshold, threads);
}
std::vector<Edge> verify_minhash(std::span<const Edge> candidates,
                                 std::span<const uint32_t> signatures, unsigned num_perm,
                                 double threshold, unsigned threads) {
  return minhash_estimate_pairs(candidates, signatures, num_perm, threshold, threads);
}

std::vector<Edge> verify_exact(std::span<const DocPair> pairs, std::span<const uint64_t> values,
                               std::span<const uint64_t> offsets, double threshold,
                               unsigned threads) {
  return exact_jaccard_pairs(pairs, values, offsets, threshold, threads);
}
std::vector<Edge> verify_exact(std::span<const Edge> candidates, std::span<const uint64_t> values,
                               std::span<const uint64_t> offsets, double threshold,
                               unsigned threads) {
  return exact_jaccard_pairs(candidates, values, offsets, threshold, threads);
}

std::vector<Edge> verify_simhash(std::span<const DocPair> pairs,
                                 std::span<const uint64_t> fingerprints, unsigned max_hamming,
                                 unsigned threads) {
  return simhash_distance_pairs(pairs, fingerprints, max_hamming, threads);
}
std::vector<Edge> verify_simhash(std::span<const Edge> candidates,
                                 std::span<const uint64_t> fingerprints, unsigned max_hamming,
                                 unsigned threads) {
  return simhash_distance_pairs(candidates, fingerprints, max_hamming, threads);
}

}  // namespace docsift
