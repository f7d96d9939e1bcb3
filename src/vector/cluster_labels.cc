#include "vector/cluster_labels.h"

#include <algorithm>
#include <cmath>
#include <string_view>
#include <tuple>

#include "core/parallel.h"

namespace docsift {
namespace {

// Words of a term (a word pair's form is "w1 w2").
std::vector<std::string_view> words(std::string_view term) {
  std::vector<std::string_view> out;
  size_t space = term.find(' ');
  if (space == std::string_view::npos) {
    out.push_back(term);
  } else {
    out.push_back(term.substr(0, space));
    out.push_back(term.substr(space + 1));
  }
  return out;
}

// A pair overlaps a single word label (or the reverse) when they share a word.
bool overlaps(std::string_view a, std::string_view b) {
  const auto wa = words(a), wb = words(b);
  if (wa.size() == wb.size()) return a == b;
  for (auto x : wa)
    for (auto y : wb)
      if (x == y) return true;
  return false;
}

}  // namespace

std::vector<ClusterTerms> ctfidf_labels(const TfidfMatrix& m, std::span<const int32_t> assignment,
                                        size_t k, size_t num_labels, unsigned threads) {
  const size_t n = static_cast<size_t>(m.rows.rows());
  const size_t vocab = static_cast<size_t>(m.rows.cols());
  DOCSIFT_ASSERT(assignment.size() == n);
  const int32_t* outer = m.rows.outerIndexPtr();
  const int32_t* inner = m.rows.innerIndexPtr();

  std::vector<double> corpus_count(vocab, 0);
  double total = 0;
  for (size_t p = 0; p < m.counts.size(); ++p) {
    corpus_count[static_cast<size_t>(inner[p])] += m.counts[p];
    total += m.counts[p];
  }
  const double avg_per_cluster = total / static_cast<double>(std::max<size_t>(k, 1));

  std::vector<std::vector<size_t>> members(k);
  for (size_t i = 0; i < n; ++i) members[static_cast<size_t>(assignment[i])].push_back(i);

  // Candidates per cluster, best first: a few more than needed so that greedy de-duplication
  // can fall back on them.
  const size_t num_candidates = num_labels * 4 + 8;
  std::vector<ClusterTerms> candidates(k);
  parallel_for(k, threads, 1, [&](size_t begin, size_t end, unsigned) {
    std::vector<double> tf(vocab);
    std::vector<int32_t> touched;
    for (size_t c = begin; c < end; ++c) {
      touched.clear();
      for (size_t row : members[c])
        for (int32_t p = outer[row]; p < outer[row + 1]; ++p) {
          if (tf[inner[p]] == 0) touched.push_back(inner[p]);
          tf[inner[p]] += m.counts[p];
        }
      std::vector<std::pair<double, int32_t>> scored;
      double sum = 0;
      for (int32_t t : touched) {
        const double w = std::sqrt(tf[t]) * std::log(1 + avg_per_cluster / corpus_count[t]);
        scored.emplace_back(w, t);
        sum += w;
        tf[t] = 0;
      }
      auto better = [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : a.second < b.second;
      };
      const size_t keep = std::min(num_candidates, scored.size());
      std::partial_sort(scored.begin(), scored.begin() + keep, scored.end(), better);
      for (size_t i = 0; i < keep; ++i) {
        candidates[c].columns.push_back(scored[i].second);
        candidates[c].scores.push_back(sum > 0 ? scored[i].first / sum : 0);
      }
    }
  });

  std::vector<ClusterTerms> labels(k);
  auto fits = [&](size_t c, int32_t col) {
    if (labels[c].columns.size() >= num_labels) return false;
    for (int32_t other : labels[c].columns)
      if (overlaps(m.terms[other], m.terms[col])) return false;
    return true;
  };
  // Greedy over all clusters by score: each term goes to the cluster it describes best.
  std::vector<std::tuple<double, size_t, size_t>> order;  // (score, cluster, rank)
  for (size_t c = 0; c < k; ++c)
    for (size_t r = 0; r < candidates[c].columns.size(); ++r)
      order.emplace_back(candidates[c].scores[r], c, r);
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) <
           std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  std::vector<char> used(vocab, 0);
  for (const auto& [score, c, r] : order) {
    const int32_t col = candidates[c].columns[r];
    if (used[col] || !fits(c, col)) continue;
    used[col] = 1;
    labels[c].columns.push_back(col);
    labels[c].scores.push_back(score);
  }
  // A cluster whose candidates all went elsewhere may repeat another cluster's label.
  for (size_t c = 0; c < k; ++c)
    for (size_t r = 0; r < candidates[c].columns.size(); ++r) {
      const int32_t col = candidates[c].columns[r];
      if (fits(c, col)) {
        labels[c].columns.push_back(col);
        labels[c].scores.push_back(candidates[c].scores[r]);
      }
    }
  // Best first within each cluster (the fill-in pass may have appended higher scores).
  for (ClusterTerms& t : labels) {
    std::vector<size_t> idx(t.columns.size());
    for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
    std::stable_sort(idx.begin(), idx.end(),
                     [&](size_t a, size_t b) { return t.scores[a] > t.scores[b]; });
    ClusterTerms sorted;
    for (size_t i : idx) {
      sorted.columns.push_back(t.columns[i]);
      sorted.scores.push_back(t.scores[i]);
    }
    t = std::move(sorted);
  }
  return labels;
}

}  // namespace docsift
