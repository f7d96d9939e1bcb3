#pragma once
// Naive spherical k-means (Dhillon & Modha 2001) on dense double vectors from given initial
// centroids, with the same rules as vector/spherical_kmeans.h: argmax cosine (lowest index on
// ties), stop when no assignment changes or the gain is below tol * objective, empty clusters
// take the lowest-similarity non-zero row of a cluster with more than one member, centroids are the
// normalised member sums.

#include <vector>

namespace docsift::reference {

struct DenseKMeans {
  std::vector<int> assignment;
  std::vector<double> similarity;
  std::vector<std::vector<double>> centroids;
  std::vector<double> history;
  double objective = 0;
};

DenseKMeans dense_spherical_kmeans(const std::vector<std::vector<double>>& rows,
                                   std::vector<std::vector<double>> centroids, unsigned max_iter,
                                   double tol);

}  // namespace docsift::reference
