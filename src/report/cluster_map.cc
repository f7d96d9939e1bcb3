#include "report/cluster_map.h"

#include <algorithm>
#include <cmath>

#include "core/assert.h"

namespace docsift {

std::vector<Point2> project_2d(const Eigen::MatrixXd& gram) {
  DOCSIFT_ASSERT(gram.rows() == gram.cols());
  const Eigen::Index k = gram.rows();
  std::vector<Point2> out(static_cast<size_t>(k));
  if (k < 2) return out;
  // Double centring of the squared distances gives B = J G J (J = I - 11'/k): the Gram matrix
  // of the items moved so that their mean is the origin.
  const Eigen::MatrixXd centred_rows = gram.rowwise() - gram.colwise().mean();
  const Eigen::MatrixXd b = centred_rows.colwise() - centred_rows.rowwise().mean();
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(0.5 * (b + b.transpose()));
  // Eigenvalues ascend: the last two are the axes.
  for (int axis = 0; axis < 2; ++axis) {
    const Eigen::Index col = k - 1 - axis;
    const double lambda = std::max(0.0, eig.eigenvalues()(col));
    Eigen::VectorXd v = eig.eigenvectors().col(col) * std::sqrt(lambda);
    Eigen::Index at = 0;
    v.cwiseAbs().maxCoeff(&at);
    if (v(at) < 0) v = -v;
    for (Eigen::Index i = 0; i < k; ++i) (axis == 0 ? out[i].x : out[i].y) = v(i);
  }
  return out;
}

}  // namespace docsift
