#include "vector/internal/similar_pairs.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/parallel.h"

namespace docsift::detail {

double row_dot(const SparseRows& x, size_t i, size_t j) {
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* value = x.valuePtr();
  int32_t p = outer[i], q = outer[j];
  const int32_t pe = outer[i + 1], qe = outer[j + 1];
  double dot = 0;
  while (p < pe && q < qe) {
    if (inner[p] < inner[q]) {
      ++p;
    } else if (inner[q] < inner[p]) {
      ++q;
    } else {
      dot += static_cast<double>(value[p++]) * static_cast<double>(value[q++]);
    }
  }
  return dot;
}

std::vector<Link> similar_pairs(const SparseRows& x, double threshold,
                                std::span<const int64_t> dates, int64_t window, unsigned threads,
                                size_t* candidates) {
  const size_t n = static_cast<size_t>(x.rows());
  const size_t vocab = static_cast<size_t>(x.cols());
  const int32_t* outer = x.outerIndexPtr();
  const int32_t* inner = x.innerIndexPtr();
  const float* value = x.valuePtr();
  const double bound = threshold - 1e-6;

  // Processing order: by date (ties by row), so that a window is a contiguous range.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  if (!dates.empty())
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return dates[a] < dates[b]; });

  // Column rank: most frequent first (ties by column), the order prefixes are taken in.
  std::vector<uint32_t> df(vocab, 0);
  for (size_t p = 0; p < static_cast<size_t>(outer[n]); ++p) ++df[static_cast<size_t>(inner[p])];

  // Postings of indexed entries, by position in `order` (so by date), built in two passes.
  std::vector<double> prefix_norm(n, 0);
  std::vector<uint32_t> posting_start(vocab + 1, 0);
  std::vector<std::vector<int32_t>> indexed(n);
  parallel_for(n, threads, 512, [&](size_t begin, size_t end, unsigned) {
    std::vector<int32_t> entries;
    for (size_t r = begin; r < end; ++r) {
      entries.clear();
      for (int32_t p = outer[r]; p < outer[r + 1]; ++p) entries.push_back(p);
      std::sort(entries.begin(), entries.end(), [&](int32_t a, int32_t b) {
        const uint32_t da = df[static_cast<size_t>(inner[a])],
                       db = df[static_cast<size_t>(inner[b])];
        return da != db ? da > db : inner[a] < inner[b];
      });
      double sq = 0;
      size_t k = 0;
      for (; k < entries.size(); ++k) {
        const double v = value[entries[k]];
        if (std::sqrt(sq + v * v) >= bound) break;
        sq += v * v;
      }
      prefix_norm[r] = std::sqrt(sq);
      indexed[r].assign(entries.begin() + static_cast<std::ptrdiff_t>(k), entries.end());
    }
  });
  for (size_t r = 0; r < n; ++r)
    for (int32_t p : indexed[r]) ++posting_start[static_cast<size_t>(inner[p]) + 1];
  for (size_t c = 0; c < vocab; ++c) posting_start[c + 1] += posting_start[c];
  std::vector<uint32_t> postings(posting_start[vocab]);
  std::vector<double> max_prefix(vocab, 0);
  {
    std::vector<uint32_t> fill(posting_start.begin(), posting_start.end() - 1);
    for (uint32_t pos = 0; pos < n; ++pos) {
      const uint32_t r = order[pos];
      for (int32_t p : indexed[r]) {
        const auto c = static_cast<size_t>(inner[p]);
        postings[fill[c]++] = pos;
        max_prefix[c] = std::max(max_prefix[c], prefix_norm[r]);
      }
      std::vector<int32_t>().swap(indexed[r]);
    }
  }

  constexpr size_t kChunk = 256;
  const size_t num_chunks = (n + kChunk - 1) / kChunk;
  std::vector<std::vector<Link>> found(num_chunks);
  std::vector<size_t> checked(num_chunks, 0);
  const unsigned workers = threads ? threads : hardware_threads();
  std::vector<std::vector<uint32_t>> stamp(workers);
  parallel_for(n, threads, kChunk, [&](size_t begin, size_t end, unsigned worker) {
    std::vector<uint32_t>& seen = stamp[worker];
    if (seen.empty()) seen.assign(n, UINT32_MAX);
    std::vector<int32_t> entries;
    std::vector<double> rest;
    std::vector<uint32_t> cands;
    std::vector<Link>& out = found[begin / kChunk];
    for (size_t pos = begin; pos < end; ++pos) {
      const uint32_t r = order[pos];
      if (outer[r] == outer[r + 1]) continue;
      size_t lo = 0;
      if (!dates.empty()) {
        const int64_t start = dates[r] - window;
        lo = static_cast<size_t>(
            std::partition_point(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(pos),
                                 [&](uint32_t o) { return dates[o] < start; }) -
            order.begin());
      }
      entries.clear();
      for (int32_t p = outer[r]; p < outer[r + 1]; ++p) entries.push_back(p);
      std::sort(entries.begin(), entries.end(), [&](int32_t a, int32_t b) {
        return value[a] != value[b] ? value[a] > value[b] : inner[a] < inner[b];
      });
      rest.assign(entries.size() + 1, 0);
      for (size_t k = entries.size(); k-- > 0;)
        rest[k] = rest[k + 1] + static_cast<double>(value[entries[k]]) * value[entries[k]];
      cands.clear();
      for (size_t k = 0; k < entries.size(); ++k) {
        const double rem = std::sqrt(rest[k]);
        const auto c = static_cast<size_t>(inner[entries[k]]);
        if (rem + max_prefix[c] < bound) continue;
        const uint32_t* b = postings.data() + posting_start[c];
        const uint32_t* e = postings.data() + posting_start[c + 1];
        b = std::lower_bound(b, e, static_cast<uint32_t>(lo));
        for (; b != e && *b < pos; ++b) {
          const uint32_t q = order[*b];
          if (seen[q] == pos || rem + prefix_norm[q] < bound) continue;
          seen[q] = static_cast<uint32_t>(pos);
          cands.push_back(q);
        }
      }
      checked[begin / kChunk] += cands.size();
      for (uint32_t q : cands) {
        const double cos = row_dot(x, r, q);
        if (cos >= threshold) out.push_back({std::min(r, q), std::max(r, q), cos});
      }
    }
  });
  std::vector<Link> links;
  size_t total = 0;
  for (size_t c = 0; c < num_chunks; ++c) {
    links.insert(links.end(), found[c].begin(), found[c].end());
    total += checked[c];
  }
  std::sort(links.begin(), links.end(),
            [](const Link& a, const Link& b) { return a.a != b.a ? a.a < b.a : a.b < b.b; });
  if (candidates) *candidates = total;
  return links;
}

}  // namespace docsift::detail
