#pragma once
// LSH banding parameters for MinHash: split a signature of num_perm values into b bands of r
// rows. Two documents with Jaccard similarity s share at least one identical band with
// probability P(s) = 1 - (1 - s^r)^b (Leskovec, Rajaraman, Ullman, "Mining of Massive Datasets",
// ch. 3.4). choose_lsh_params picks the (b, r) with b * r == num_perm that minimises
//   w_fp * FP + w_fn * FN,  FP = integral_0^t P(s) ds,  FN = integral_t^1 (1 - P(s)) ds,
// the same objective as datasketch's _optimal_param, but using every signature slot (r divides
// num_perm), a fixed composite Simpson rule so the choice is reproducible, and a recall floor:
// among the (b, r) with P(t) >= LshWeights::min_collision_at_threshold (if any), the least error
// wins; otherwise the largest P(t) does.
//
//   LshParams p = choose_lsh_params(128, 0.8);          // {num_bands = 16, rows_per_band = 8}
//   double miss = 1 - lsh_collision_probability(0.8, p.num_bands, p.rows_per_band);
//   Result<LshParams> q = resolve_lsh_params(128, 0.8, /*bands=*/32, /*rows=*/4);
//
// Guarantees: pure functions, deterministic, thread-safe.

#include <cstddef>

#include "core/status.h"

namespace docsift {

struct LshParams {
  unsigned num_bands = 0;      // b
  unsigned rows_per_band = 0;  // r; the index uses the first b * r signature slots
};

// Weights of the two error areas. The defaults lean to recall: a pair just above the threshold
// that never meets in a band is lost for good, while a false candidate only costs one
// verification (signatures are compared exactly afterwards).
struct LshWeights {
  double false_positive = 0.3;  // w_fp
  double false_negative = 0.7;  // w_fn
  // Only (b, r) that make a pair exactly at the threshold meet in a band with at least this
  // probability are considered (when any does). The weights alone cannot guarantee it: with
  // b * r == num_perm there are few choices, and at t = 0.7, num_perm = 128 they pick 16 x 8,
  // which finds a pair at the threshold only 61% of the time.
  double min_collision_at_threshold = 0.9;
};

// Number of Simpson intervals used for both integrals (even).
inline constexpr unsigned kLshIntegrationSteps = 1000;

// P(s) = 1 - (1 - s^rows)^bands: probability that two documents of Jaccard s share a band.
double lsh_collision_probability(double s, unsigned bands, unsigned rows);

// FP = integral over [0, threshold] of P(s); FN = integral over [threshold, 1] of 1 - P(s).
double lsh_false_positive_area(double threshold, unsigned bands, unsigned rows);
double lsh_false_negative_area(double threshold, unsigned bands, unsigned rows);

// Weighted error of (bands, rows) at `threshold`.
double lsh_error(double threshold, unsigned bands, unsigned rows, const LshWeights& weights = {});

// Best (b, r) with b * r == num_perm (r runs over the divisors of num_perm; ties go to the
// smaller r). Preconditions: num_perm >= 1, 0 < threshold < 1.
LshParams choose_lsh_params(unsigned num_perm, double threshold, const LshWeights& weights = {});

// Validates user choices: bands == rows == 0 chooses automatically; one of them 0 derives it
// from num_perm (must divide); both set requires bands * rows <= num_perm. Rejects thresholds
// outside (0, 1) and num_perm == 0.
Result<LshParams> resolve_lsh_params(unsigned num_perm, double threshold, unsigned bands,
                                     unsigned rows, const LshWeights& weights = {});

}  // namespace docsift
