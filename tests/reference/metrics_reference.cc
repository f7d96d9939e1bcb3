#include "reference/metrics_reference.h"

#include <cmath>
#include <map>

namespace docsift::reference {

double pairwise_ari(const std::vector<int64_t>& truth, const std::vector<int64_t>& pred) {
  double tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < truth.size(); ++i)
    for (size_t j = 0; j < truth.size(); ++j) {
      if (i == j) continue;
      const bool same_t = truth[i] == truth[j], same_p = pred[i] == pred[j];
      if (same_t && same_p)
        ++tp;
      else if (same_p)
        ++fp;
      else if (same_t)
        ++fn;
      else
        ++tn;
    }
  if (fn == 0 && fp == 0) return 1.0;
  return 2 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

double conditional_entropy(const std::vector<int64_t>& a, const std::vector<int64_t>& b) {
  std::map<std::pair<int64_t, int64_t>, double> joint;
  std::map<int64_t, double> marginal_b;
  for (size_t i = 0; i < a.size(); ++i) {
    joint[{a[i], b[i]}] += 1;
    marginal_b[b[i]] += 1;
  }
  const double n = static_cast<double>(a.size());
  double h = 0;
  for (const auto& [ab, nab] : joint) h -= nab / n * std::log(nab / marginal_b[ab.second]);
  return h;
}

double entropy_of(const std::vector<int64_t>& a) {
  std::map<int64_t, double> count;
  for (int64_t x : a) count[x] += 1;
  double h = 0;
  for (const auto& [x, c] : count) h -= c / a.size() * std::log(c / a.size());
  return h;
}

}  // namespace docsift::reference
