#pragma once
// Naive dense TF-IDF straight from the formulas (std::map vocabulary, double precision), to
// check vector/tfidf.h. max_features and hashing are not modelled.

#include <string>
#include <vector>

#include "vector/tfidf.h"

namespace docsift::reference {

struct DenseTfidf {
  std::vector<std::string> terms;  // sorted
  std::vector<double> idf;
  std::vector<std::vector<double>> rows;  // n x V, L2-normalised (zero rows stay zero)
};

// docs[i] are the normalised token forms of document i, in order.
DenseTfidf dense_tfidf(const std::vector<std::vector<std::string>>& docs, const TfidfOptions& opt);

}  // namespace docsift::reference
