#include "index/lsh_index.h"

#include "core/xxh3.h"

#include <algorithm>
#include <iterator>
#include <mutex>

#include "core/assert.h"
#include "core/parallel.h"
#include "index/internal/keyed_sort.h"

namespace docsift {
namespace {

constexpr uint64_t kBandSeed = 0x6c73685f62616e64ULL;  // "lsh_band"

void sort_unique(std::vector<DocPair>& pairs) {
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
}

// Merges a sorted unique band result into the sorted unique total.
void merge_into(std::vector<DocPair>& total, const std::vector<DocPair>& band) {
  if (band.empty()) return;
  std::vector<DocPair> merged;
  merged.reserve(total.size() + band.size());
  std::set_union(total.begin(), total.end(), band.begin(), band.end(), std::back_inserter(merged));
  total.swap(merged);
}

}  // namespace

uint64_t lsh_band_key(std::span<const uint32_t> band_values, unsigned band) {
  return XXH3_64bits_withSeed(band_values.data(), band_values.size_bytes(),
                              kBandSeed + 0x9E3779B97F4A7C15ULL * (band + 1));
}

std::vector<DocPair> lsh_candidate_pairs(std::span<const uint32_t> signatures, size_t num_docs,
                                         const LshIndexOptions& options, LshStats* stats) {
  const unsigned num_perm = options.num_perm;
  const unsigned bands = options.params.num_bands;
  const unsigned rows = options.params.rows_per_band;
  DOCSIFT_ASSERT(bands >= 1 && rows >= 1 && static_cast<uint64_t>(bands) * rows <= num_perm);
  DOCSIFT_ASSERT(signatures.size() == num_docs * num_perm);
  DOCSIFT_ASSERT(num_docs <= UINT32_MAX);
  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  const size_t max_bucket = std::max<size_t>(2, options.max_bucket_size);

  LshStats local_stats;
  std::vector<DocPair> total;
  if (num_docs < 2) {
    if (stats) *stats = local_stats;
    return total;
  }

  // Full-signature hashes order the members of oversized buckets; computed on first need.
  std::vector<uint64_t> signature_hash;
  std::once_flag signature_hash_once;
  auto ensure_signature_hashes = [&] {
    std::call_once(signature_hash_once, [&] {
      signature_hash.resize(num_docs);
      parallel_for(num_docs, threads, 4096, [&](size_t begin, size_t end, unsigned) {
        for (size_t d = begin; d < end; ++d) {
          signature_hash[d] = XXH3_64bits(&signatures[d * num_perm], num_perm * sizeof(uint32_t));
        }
      });
    });
  };

  std::vector<detail::KeyedDoc> entries(num_docs), scratch;
  std::vector<std::vector<DocPair>> worker_pairs(threads);
  std::vector<LshStats> worker_stats(threads);
  std::vector<std::vector<detail::KeyedDoc>> worker_members(threads);
  const unsigned radix_bits = detail::radix_bits_for(num_docs, 64);

  for (unsigned band = 0; band < bands; ++band) {
    parallel_for(num_docs, threads, 8192, [&](size_t begin, size_t end, unsigned) {
      for (size_t d = begin; d < end; ++d) {
        const std::span<const uint32_t> values(&signatures[d * num_perm + band * rows], rows);
        entries[d] = {lsh_band_key(values, band), static_cast<uint32_t>(d)};
      }
    });
    const std::vector<size_t> buckets = detail::sort_keyed(entries, scratch, radix_bits, threads);
    detail::for_each_run(
        entries, buckets, threads, [&](std::span<const detail::KeyedDoc> run, unsigned worker) {
          std::vector<DocPair>& out = worker_pairs[worker];
          LshStats& st = worker_stats[worker];
          st.largest_bucket = std::max(st.largest_bucket, run.size());
          if (run.size() <= max_bucket) {
            for (size_t i = 0; i < run.size(); ++i) {
              for (size_t j = i + 1; j < run.size(); ++j) out.push_back({run[i].doc, run[j].doc});
            }
            return;
          }
          ++st.large_buckets;
          ensure_signature_hashes();
          std::vector<detail::KeyedDoc>& members = worker_members[worker];
          members.clear();
          for (const auto& e : run) members.push_back({signature_hash[e.doc], e.doc});
          std::sort(members.begin(), members.end(), [](const auto& x, const auto& y) {
            return x.key != y.key ? x.key < y.key : x.doc < y.doc;
          });
          for (size_t i = 1; i < members.size(); ++i) {
            out.push_back(DocPair::make(members[i - 1].doc, members[i].doc));
          }
        });
    std::vector<DocPair> band_pairs;
    for (auto& w : worker_pairs) {
      band_pairs.insert(band_pairs.end(), w.begin(), w.end());
      w.clear();
    }
    sort_unique(band_pairs);
    merge_into(total, band_pairs);
  }
  for (const LshStats& st : worker_stats) {
    local_stats.large_buckets += st.large_buckets;
    local_stats.largest_bucket = std::max(local_stats.largest_bucket, st.largest_bucket);
  }
  local_stats.num_candidates = total.size();
  if (stats) *stats = local_stats;
  return total;
}

}  // namespace docsift
