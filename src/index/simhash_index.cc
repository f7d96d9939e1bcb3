#include "index/simhash_index.h"

#include <algorithm>
#include <bit>
#include <cmath>

#include "core/assert.h"
#include "core/parallel.h"
#include "index/internal/keyed_sort.h"

namespace docsift {
namespace {

struct Block {
  unsigned start;
  unsigned len;
};

std::vector<Block> make_blocks(unsigned m) {
  std::vector<Block> blocks(m);
  unsigned start = 0;
  for (unsigned i = 0; i < m; ++i) {
    blocks[i] = {start, 64 / m + (i < 64 % m ? 1u : 0u)};
    start += blocks[i].len;
  }
  return blocks;
}

uint64_t low_mask(unsigned len) { return len >= 64 ? ~uint64_t{0} : (uint64_t{1} << len) - 1; }

double binomial(unsigned m, unsigned k) {
  double c = 1;
  for (unsigned i = 1; i <= k; ++i) c = c * (m - k + i) / i;
  return c;
}

// All (m - k)-subsets of {0..m-1} as bit masks, in lexicographic order of their index tuples.
std::vector<uint64_t> make_tables(unsigned m, unsigned k) {
  const unsigned pick = m - k;
  std::vector<uint64_t> tables;
  std::vector<unsigned> idx(pick);
  for (unsigned i = 0; i < pick; ++i) idx[i] = i;
  while (true) {
    uint64_t mask = 0;
    for (unsigned i : idx) mask |= uint64_t{1} << i;
    tables.push_back(mask);
    int i = static_cast<int>(pick) - 1;
    while (i >= 0 && idx[i] == m - pick + i) --i;
    if (i < 0) break;
    ++idx[i];
    for (unsigned j = i + 1; j < pick; ++j) idx[j] = idx[j - 1] + 1;
  }
  return tables;
}

// The first m - k blocks (lowest indices) of `agree`: the first table containing the pair.
uint64_t canonical_table(uint64_t agree, unsigned pick) {
  uint64_t mask = 0;
  for (unsigned i = 0; i < pick; ++i) {
    const uint64_t lowest = agree & (~agree + 1);
    mask |= lowest;
    agree ^= lowest;
  }
  return mask;
}

}  // namespace

unsigned choose_simhash_blocks(size_t n, unsigned k) {
  DOCSIFT_ASSERT(k <= 32);
  if (k == 0) return 1;
  // Cost of one table: a sort (~24 units per fingerprint) plus the expected number of
  // comparisons among n random fingerprints, n^2 / 2^(key bits + 1).
  const double dn = std::max<double>(2, static_cast<double>(n));
  unsigned best_m = k + 1;
  double best_cost = -1;
  for (unsigned m = k + 1; m <= std::min(64u, k + 12); ++m) {
    const double tables = binomial(m, k);
    if (tables > 5000) break;
    const double key_bits = static_cast<double>(64 / m) * (m - k);
    const double cost =
        tables * (24.0 * dn + dn * dn / std::ldexp(2.0, std::min(key_bits, 1000.0)));
    if (best_cost < 0 || cost < best_cost) {
      best_cost = cost;
      best_m = m;
    }
  }
  return best_m;
}

std::vector<DocPair> simhash_pairs(std::span<const uint64_t> fingerprints,
                                   const SimHashIndexOptions& options, SimHashStats* stats) {
  const unsigned k = options.max_hamming;
  DOCSIFT_ASSERT(k <= 32);
  DOCSIFT_ASSERT(fingerprints.size() <= UINT32_MAX);
  DOCSIFT_ASSERT(options.num_blocks == 0 || (options.num_blocks > k && options.num_blocks <= 64));
  const unsigned threads = options.threads == 0 ? hardware_threads() : options.threads;
  const size_t n = fingerprints.size();
  SimHashStats local_stats;
  std::vector<DocPair> out;

  // Collapse identical fingerprints: chain their documents, keep the first as representative.
  std::vector<detail::KeyedDoc> entries(n), scratch;
  for (size_t d = 0; d < n; ++d) entries[d] = {fingerprints[d], static_cast<uint32_t>(d)};
  detail::sort_keyed(entries, scratch, detail::radix_bits_for(n, 64), threads);
  std::vector<uint64_t> distinct_fp;
  std::vector<uint32_t> representative;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && entries[i].key == entries[i - 1].key) {
      out.push_back({entries[i - 1].doc, entries[i].doc});
    } else {
      distinct_fp.push_back(entries[i].key);
      representative.push_back(entries[i].doc);
    }
  }
  const size_t nd = distinct_fp.size();
  local_stats.distinct_fingerprints = nd;

  const unsigned m = options.num_blocks != 0 ? options.num_blocks : choose_simhash_blocks(nd, k);
  local_stats.num_blocks = m;
  if (k > 0 && nd >= 2) {
    const std::vector<Block> blocks = make_blocks(m);
    const std::vector<uint64_t> tables = make_tables(m, k);
    local_stats.num_tables = tables.size();
    std::vector<uint64_t> block_mask(m);
    for (unsigned i = 0; i < m; ++i) block_mask[i] = low_mask(blocks[i].len) << blocks[i].start;

    std::vector<std::vector<DocPair>> worker_pairs(threads);
    std::vector<size_t> worker_comparisons(threads, 0);
    entries.resize(nd);
    for (const uint64_t table : tables) {
      unsigned key_bits = 0;
      for (unsigned i = 0; i < m; ++i) key_bits += (table >> i & 1) ? blocks[i].len : 0;
      parallel_for(nd, threads, 8192, [&](size_t begin, size_t end, unsigned) {
        for (size_t i = begin; i < end; ++i) {
          // Concatenate the chosen blocks' bits and move them to the top of the key.
          uint64_t key = 0;
          for (unsigned b = 0; b < m; ++b) {
            if (!(table >> b & 1)) continue;
            const uint64_t bits = (distinct_fp[i] >> blocks[b].start) & low_mask(blocks[b].len);
            key = blocks[b].len >= 64 ? bits : (key << blocks[b].len) | bits;
          }
          entries[i] = {key_bits >= 64 ? key : key << (64 - key_bits), static_cast<uint32_t>(i)};
        }
      });
      const auto buckets =
          detail::sort_keyed(entries, scratch, detail::radix_bits_for(nd, key_bits), threads);
      detail::for_each_run(
          entries, buckets, threads, [&](std::span<const detail::KeyedDoc> run, unsigned worker) {
            std::vector<DocPair>& pairs = worker_pairs[worker];
            worker_comparisons[worker] += run.size() * (run.size() - 1) / 2;
            for (size_t i = 0; i < run.size(); ++i) {
              const uint64_t x = distinct_fp[run[i].doc];
              for (size_t j = i + 1; j < run.size(); ++j) {
                const uint64_t diff = x ^ distinct_fp[run[j].doc];
                if (static_cast<unsigned>(std::popcount(diff)) > k) continue;
                uint64_t agree = 0;
                for (unsigned b = 0; b < m; ++b)
                  agree |= (diff & block_mask[b]) == 0 ? uint64_t{1} << b : 0;
                if (canonical_table(agree, m - k) != table) continue;
                pairs.push_back(
                    DocPair::make(representative[run[i].doc], representative[run[j].doc]));
              }
            }
          });
    }
    for (unsigned w = 0; w < threads; ++w) {
      out.insert(out.end(), worker_pairs[w].begin(), worker_pairs[w].end());
      local_stats.comparisons += worker_comparisons[w];
    }
  }
  std::sort(out.begin(), out.end());
  DOCSIFT_ASSERT(std::adjacent_find(out.begin(), out.end()) == out.end());
  if (stats) *stats = local_stats;
  return out;
}

}  // namespace docsift
