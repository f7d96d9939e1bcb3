#pragma once
// Groups (key, doc) entries by key without hash maps: one stable MSD radix scatter on the top
// `radix_bits` of the key, then a comparison sort of each (cache-sized) bucket by (key, doc).
// Equal keys share their top bits, so runs of equal keys never cross a radix bucket and the
// buckets can be scanned in parallel. Memory: the entries plus one scratch array of equal size.
//
//   std::vector<KeyedDoc> entries = ..., scratch;
//   auto buckets = detail::sort_keyed(entries, scratch, radix_bits_for(entries.size(), 64), 4);
//   detail::for_each_run(entries, buckets, 4, [](std::span<const KeyedDoc> run, unsigned w) {});
//
// Guarantees: the sorted order depends only on the entries (not on threads).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace docsift::detail {

struct KeyedDoc {
  uint64_t key;
  uint32_t doc;
};

// Radix bits that give buckets of ~8 entries, at most 16 and at most key_bits.
unsigned radix_bits_for(size_t n, unsigned key_bits);

// Sorts `entries` by (key, doc). Returns the bucket boundaries (2^radix_bits + 1 offsets).
// `scratch` is resized and used as the scatter target; its contents afterwards are unspecified.
std::vector<size_t> sort_keyed(std::vector<KeyedDoc>& entries, std::vector<KeyedDoc>& scratch,
                               unsigned radix_bits, unsigned threads);

// Calls fn(run, worker) for every maximal run of >= 2 entries with equal keys. Runs are visited
// in parallel (any order); fn must only write to per-worker state. Workers < max(1, threads)
// or hardware_threads() when threads == 0.
void for_each_run(std::span<const KeyedDoc> sorted, std::span<const size_t> buckets,
                  unsigned threads,
                  const std::function<void(std::span<const KeyedDoc> run, unsigned worker)>& fn);

}  // namespace docsift::detail
