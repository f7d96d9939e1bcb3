#include "index/internal/keyed_sort.h"

#include <algorithm>
#include <bit>

#include "core/assert.h"
#include "core/parallel.h"

namespace docsift::detail {
namespace {

bool key_doc_less(const KeyedDoc& x, const KeyedDoc& y) {
  return x.key != y.key ? x.key < y.key : x.doc < y.doc;
}

}  // namespace

unsigned radix_bits_for(size_t n, unsigned key_bits) {
  if (n < 64) return 0;
  const unsigned log2n = static_cast<unsigned>(std::bit_width(n) - 1);
  return std::min({log2n - 3, 16u, key_bits});
}

std::vector<size_t> sort_keyed(std::vector<KeyedDoc>& entries, std::vector<KeyedDoc>& scratch,
                               unsigned radix_bits, unsigned threads) {
  DOCSIFT_ASSERT(radix_bits <= 16);
  const size_t n = entries.size();
  const size_t num_buckets = size_t{1} << radix_bits;
  const unsigned shift = 64 - radix_bits;
  auto bucket_of = [&](uint64_t key) -> size_t { return radix_bits == 0 ? 0 : key >> shift; };

  // Per-chunk histograms make the scatter parallel and still stable: chunk c writes after all
  // entries of earlier chunks in each bucket. The final order does not depend on the chunking.
  if (threads == 0) threads = hardware_threads();
  const size_t num_chunks = std::max<size_t>(1, std::min<size_t>(threads, n / 4096));
  const size_t chunk = (n + num_chunks - 1) / num_chunks;
  std::vector<size_t> counts(num_chunks * num_buckets, 0);
  parallel_for(n, threads, chunk, [&](size_t begin, size_t end, unsigned) {
    size_t* hist = &counts[(begin / chunk) * num_buckets];
    for (size_t i = begin; i < end; ++i) ++hist[bucket_of(entries[i].key)];
  });
  std::vector<size_t> buckets(num_buckets + 1, 0);
  size_t pos = 0;
  for (size_t bucket = 0; bucket < num_buckets; ++bucket) {
    buckets[bucket] = pos;
    for (size_t c = 0; c < num_chunks; ++c) {
      const size_t count = counts[c * num_buckets + bucket];
      counts[c * num_buckets + bucket] = pos;  // becomes the write cursor
      pos += count;
    }
  }
  buckets[num_buckets] = pos;
  scratch.resize(n);
  parallel_for(n, threads, chunk, [&](size_t begin, size_t end, unsigned) {
    size_t* cursor = &counts[(begin / chunk) * num_buckets];
    for (size_t i = begin; i < end; ++i) scratch[cursor[bucket_of(entries[i].key)]++] = entries[i];
  });
  entries.swap(scratch);

  const size_t bucket_chunk = std::max<size_t>(1, num_buckets / 64);
  parallel_for(num_buckets, threads, bucket_chunk, [&](size_t begin, size_t end, unsigned) {
    for (size_t bucket = begin; bucket < end; ++bucket) {
      std::sort(entries.begin() + buckets[bucket], entries.begin() + buckets[bucket + 1],
                key_doc_less);
    }
  });
  return buckets;
}

void for_each_run(std::span<const KeyedDoc> sorted, std::span<const size_t> buckets,
                  unsigned threads,
                  const std::function<void(std::span<const KeyedDoc>, unsigned)>& fn) {
  DOCSIFT_ASSERT(!buckets.empty());
  const size_t num_buckets = buckets.size() - 1;
  const size_t bucket_chunk = std::max<size_t>(1, num_buckets / 64);
  parallel_for(num_buckets, threads, bucket_chunk, [&](size_t begin, size_t end, unsigned worker) {
    for (size_t bucket = begin; bucket < end; ++bucket) {
      size_t i = buckets[bucket];
      const size_t stop = buckets[bucket + 1];
      while (i < stop) {
        size_t j = i + 1;
        while (j < stop && sorted[j].key == sorted[i].key) ++j;
        if (j - i >= 2) fn(sorted.subspan(i, j - i), worker);
        i = j;
      }
    }
  });
}

}  // namespace docsift::detail
