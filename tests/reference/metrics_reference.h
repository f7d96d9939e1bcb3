#pragma once
// Naive clustering metrics by definition, to check vector/cluster_metrics.h: ARI from pair
// counts over all O(n^2) pairs (scikit-learn's pair-confusion form), homogeneity and
// completeness from conditional entropies computed per cell.

#include <cstdint>
#include <vector>

namespace docsift::reference {

double pairwise_ari(const std::vector<int64_t>& truth, const std::vector<int64_t>& pred);
// H(A|B) - natural log.
double conditional_entropy(const std::vector<int64_t>& a, const std::vector<int64_t>& b);
double entropy_of(const std::vector<int64_t>& a);

}  // namespace docsift::reference
