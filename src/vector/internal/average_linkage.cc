#include "vector/internal/average_linkage.h"

#include <algorithm>
#include <queue>
#include <utility>

namespace docsift::detail {
namespace {

// A group's summed rows, sorted by column. Double sums, so that averages of large groups keep
// the precision of the single cosines.
using SumRow = std::vector<std::pair<int32_t, double>>;

double dot(const SumRow& a, const SumRow& b) {
  size_t i = 0, j = 0;
  double s = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i].first < b[j].first) {
      ++i;
    } else if (b[j].first < a[i].first) {
      ++j;
    } else {
      s += a[i++].second * b[j++].second;
    }
  }
  return s;
}

SumRow add(const SumRow& a, const SumRow& b) {
  SumRow out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    if (j == b.size() || (i < a.size() && a[i].first < b[j].first)) {
      out.push_back(a[i++]);
    } else if (i == a.size() || b[j].first < a[i].first) {
      out.push_back(b[j++]);
    } else {
      out.emplace_back(a[i].first, a[i].second + b[j].second);
      ++i, ++j;
    }
  }
  return out;
}

struct Candidate {
  double avg;
  uint32_t a, b;  // group ids, a < b
  uint32_t version_a, version_b;
};

// Largest average first; ties: smallest (a, b).
struct Lower {
  bool operator()(const Candidate& x, const Candidate& y) const {
    if (x.avg != y.avg) return x.avg < y.avg;
    return x.a != y.a ? x.a > y.a : x.b > y.b;
  }
};

}  // namespace

std::vector<uint32_t> average_linkage(const SparseRows& x, std::span<const Link> links,
                                      double threshold, size_t* merges) {
  const size_t n = static_cast<size_t>(x.rows());
  std::vector<uint32_t> parent(n);
  for (size_t i = 0; i < n; ++i) parent[i] = static_cast<uint32_t>(i);
  std::vector<std::vector<uint32_t>> neighbours(n);
  for (const Link& l : links) {
    neighbours[l.a].push_back(l.b);
    neighbours[l.b].push_back(l.a);
  }
  std::vector<SumRow> sum(n);
  std::vector<uint32_t> size(n, 1), version(n, 0);
  std::priority_queue<Candidate, std::vector<Candidate>, Lower> heap;
  for (size_t i = 0; i < n; ++i) {
    if (neighbours[i].empty()) continue;
    std::sort(neighbours[i].begin(), neighbours[i].end());
    for (int32_t p = x.outerIndexPtr()[i]; p < x.outerIndexPtr()[i + 1]; ++p)
      sum[i].emplace_back(x.innerIndexPtr()[p], x.valuePtr()[p]);
  }
  // A link's cosine is row_dot, the same products in the same order as dot() of two rows.
  for (const Link& l : links) heap.push({l.cosine, l.a, l.b, 0, 0});

  size_t merged = 0;
  std::vector<uint32_t> joined;
  while (!heap.empty()) {
    const Candidate top = heap.top();
    heap.pop();
    if (parent[top.a] != top.a || parent[top.b] != top.b || version[top.a] != top.version_a ||
        version[top.b] != top.version_b)
      continue;  // stale: one side has merged since
    if (top.avg < threshold) break;
    const uint32_t a = top.a, b = top.b;
    ++merged;
    parent[b] = a;
    sum[a] = add(sum[a], sum[b]);
    SumRow().swap(sum[b]);
    size[a] += size[b];
    ++version[a];
    joined.clear();
    std::set_union(neighbours[a].begin(), neighbours[a].end(), neighbours[b].begin(),
                   neighbours[b].end(), std::back_inserter(joined));
    joined.erase(
        std::remove_if(joined.begin(), joined.end(), [&](uint32_t g) { return g == a || g == b; }),
        joined.end());
    neighbours[a] = joined;
    std::vector<uint32_t>().swap(neighbours[b]);
    for (uint32_t c : joined) {
      std::vector<uint32_t>& nc = neighbours[c];
      nc.erase(std::remove(nc.begin(), nc.end(), b), nc.end());
      auto at = std::lower_bound(nc.begin(), nc.end(), a);
      if (at == nc.end() || *at != a) nc.insert(at, a);
      const double avg = dot(sum[a], sum[c]) / (static_cast<double>(size[a]) * size[c]);
      if (avg < threshold) continue;
      const uint32_t lo = std::min(a, c), hi = std::max(a, c);
      heap.push({avg, lo, hi, version[lo], version[hi]});
    }
  }
  if (merges) *merges = merged;
  // Roots are the smallest members: a merge keeps the smaller id, and ids are first members.
  std::vector<uint32_t> group(n);
  for (size_t i = 0; i < n; ++i) {
    uint32_t r = static_cast<uint32_t>(i);
    while (parent[r] != r) r = parent[r];
    group[i] = r;
  }
  return group;
}

}  // namespace docsift::detail
