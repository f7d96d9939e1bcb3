#include "index/lsh_params.h"

#include <cmath>
#include <string>

namespace docsift {
namespace {

// Composite Simpson rule with kLshIntegrationSteps intervals; the integrands are smooth
// polynomials, so 1000 intervals are far below any difference that could change the choice.
template <typename F>
double simpson(double lo, double hi, F f) {
  const unsigned n = kLshIntegrationSteps;
  if (hi <= lo) return 0.0;
  const double h = (hi - lo) / n;
  double sum = f(lo) + f(hi);
  for (unsigned i = 1; i < n; ++i) sum += f(lo + i * h) * ((i & 1) ? 4.0 : 2.0);
  return sum * h / 3.0;
}

}  // namespace

double lsh_collision_probability(double s, unsigned bands, unsigned rows) {
  return 1.0 - std::pow(1.0 - std::pow(s, rows), bands);
}

double lsh_false_positive_area(double threshold, unsigned bands, unsigned rows) {
  return simpson(0.0, threshold,
                 [&](double s) { return lsh_collision_probability(s, bands, rows); });
}

double lsh_false_negative_area(double threshold, unsigned bands, unsigned rows) {
  return simpson(threshold, 1.0,
                 [&](double s) { return 1.0 - lsh_collision_probability(s, bands, rows); });
}

double lsh_error(double threshold, unsigned bands, unsigned rows, const LshWeights& weights) {
  return weights.false_positive * lsh_false_positive_area(threshold, bands, rows) +
         weights.false_negative * lsh_false_negative_area(threshold, bands, rows);
}

LshParams choose_lsh_params(unsigned num_perm, double threshold, const LshWeights& weights) {
  DOCSIFT_ASSERT(num_perm >= 1);
  LshParams best{};
  double best_error = 0;
  LshParams most_recall{};
  double most_recall_p = -1;
  for (unsigned rows = 1; rows <= num_perm; ++rows) {
    if (num_perm % rows != 0) continue;
    const unsigned bands = num_perm / rows;
    const double p_at_threshold = lsh_collision_probability(threshold, bands, rows);
    if (p_at_threshold > most_recall_p) {
      most_recall_p = p_at_threshold;
      most_recall = {bands, rows};
    }
    if (p_at_threshold < weights.min_collision_at_threshold) continue;
    const double error = lsh_error(threshold, bands, rows, weights);
    if (best.num_bands == 0 || error < best_error) {
      best_error = error;
      best = {bands, rows};
    }
  }
  return best.num_bands != 0 ? best : most_recall;
}

Result<LshParams> resolve_lsh_params(unsigned num_perm, double threshold, unsigned bands,
                                     unsigned rows, const LshWeights& weights) {
  if (num_perm == 0) return Status::InvalidArgument("num_perm must be at least 1");
  if (!(threshold > 0.0 && threshold < 1.0)) {
    return Status::InvalidArgument("similarity threshold must be in (0, 1), got " +
                                   std::to_string(threshold));
  }
  if (!(weights.false_positive >= 0.0 && weights.false_negative >= 0.0)) {
    return Status::InvalidArgument("LSH error weights must be non-negative");
  }
  if (bands == 0 && rows == 0) return choose_lsh_params(num_perm, threshold, weights);
  if (bands == 0 || rows == 0) {
    const unsigned given = bands == 0 ? rows : bands;
    if (num_perm % given != 0) {
      return Status::InvalidArgument(std::string(bands == 0 ? "rows" : "bands") + " = " +
                                     std::to_string(given) +
                                     " does not divide num_perm = " + std::to_string(num_perm));
    }
    return bands == 0 ? LshParams{num_perm / rows, rows} : LshParams{bands, num_perm / bands};
  }
  if (static_cast<unsigned long long>(bands) * rows > num_perm) {
    return Status::InvalidArgument("bands * rows = " + std::to_string(bands) + " * " +
                                   std::to_string(rows) +
                                   " exceeds num_perm = " + std::to_string(num_perm));
  }
  return LshParams{bands, rows};
}

}  // namespace docsift
