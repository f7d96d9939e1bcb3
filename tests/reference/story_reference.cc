#include "reference/story_reference.h"

#include <cstdlib>

namespace docsift::reference {
namespace {

std::vector<std::vector<double>> cosines(const SparseRows& x) {
  const size_t n = static_cast<size_t>(x.rows()), v = static_cast<size_t>(x.cols());
  std::vector<std::vector<double>> dense(n, std::vector<double>(v, 0));
  for (size_t i = 0; i < n; ++i)
    for (SparseRows::InnerIterator it(x, static_cast<int32_t>(i)); it; ++it)
      dense[i][static_cast<size_t>(it.col())] = it.value();
  std::vector<std::vector<double>> cos(n, std::vector<double>(n, 0));
  for (size_t i = 0; i < n; ++i)
    for (size_t j = 0; j < n; ++j) {
      double s = 0;
      for (size_t c = 0; c < v; ++c) s += dense[i][c] * dense[j][c];
      cos[i][j] = s;
    }
  return cos;
}

bool linked(const std::vector<std::vector<double>>& cos, double t, std::span<const int64_t> dates,
            int64_t window, size_t i, size_t j) {
  if (cos[i][j] < t) return false;
  return dates.empty() || std::llabs(dates[i] - dates[j]) <= window;
}

}  // namespace

size_t links_brute_force(const SparseRows& x, double threshold, std::span<const int64_t> dates,
                         int64_t window) {
  const auto cos = cosines(x);
  size_t count = 0;
  for (size_t i = 0; i < cos.size(); ++i)
    for (size_t j = i + 1; j < cos.size(); ++j)
      count += linked(cos, threshold, dates, window, i, j);
  return count;
}

std::vector<uint32_t> stories_brute_force(const SparseRows& x, double threshold,
                                          std::span<const int64_t> dates, int64_t window) {
  const auto cos = cosines(x);
  const size_t n = cos.size();
  std::vector<std::vector<size_t>> groups(n);  // groups[g] = members, g = smallest member
  for (size_t i = 0; i < n; ++i) groups[i] = {i};
  while (true) {
    double best = -1;
    size_t ba = 0, bb = 0;
    for (size_t a = 0; a < n; ++a) {
      if (groups[a].empty()) continue;
      for (size_t b = a + 1; b < n; ++b) {
        if (groups[b].empty()) continue;
        bool any_link = false;
        double sum = 0;
        for (size_t i : groups[a])
          for (size_t j : groups[b]) {
            sum += cos[i][j];
            any_link = any_link || linked(cos, threshold, dates, window, i, j);
          }
        if (!any_link) continue;
        const double avg = sum / (static_cast<double>(groups[a].size()) * groups[b].size());
        if (avg > best) {  // strict: the first (smallest a, b) wins ties
          best = avg;
          ba = a;
          bb = b;
        }
      }
    }
    if (best < threshold) break;
    groups[ba].insert(groups[ba].end(), groups[bb].begin(), groups[bb].end());
    groups[bb].clear();
  }
  std::vector<uint32_t> group(n);
  for (size_t g = 0; g < n; ++g)
    for (size_t i : groups[g]) group[i] = static_cast<uint32_t>(g);
  return group;
}

}  // namespace docsift::reference
