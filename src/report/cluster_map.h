#pragma once
// project_2d: classical multidimensional scaling (Torgerson) of a Gram matrix, for drawing
// clusters on a page. `gram` is k x k, symmetric, with gram(i, j) the inner product of items i
// and j (cosine similarities of unit-norm centroids are one); the squared distance between i and
// j is gram(i,i) + gram(j,j) - 2 gram(i,j). Returns k points (x, y) whose pairwise distances are
// those distances as nearly as two dimensions allow (exactly when the items span a plane).
//
//   Eigen::MatrixXd s = centroids * centroids.transpose();   // k x k cosines
//   std::vector<Point2> xy = project_2d(s);                   // xy[c] = where cluster c goes
//
// Guarantees: deterministic (each axis's sign is fixed so its largest-magnitude coordinate is
// positive); centred on (0, 0); k = 0 gives no points, k = 1 the origin. Thread-safe.

#include <Eigen/Dense>
#include <vector>

namespace docsift {

struct Point2 {
  double x = 0;
  double y = 0;
};

// Precondition: gram is square and symmetric.
std::vector<Point2> project_2d(const Eigen::MatrixXd& gram);

}  // namespace docsift
