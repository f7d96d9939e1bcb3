#include "reference/tfidf_reference.h"

#include <cmath>
#include <map>

namespace docsift::reference {

DenseTfidf dense_tfidf(const std::vector<std::vector<std::string>>& docs, const TfidfOptions& opt) {
  const double n = static_cast<double>(docs.size());
  std::vector<std::map<std::string, int>> counts(docs.size());
  for (size_t d = 0; d < docs.size(); ++d) {
    std::string prev;
    for (const std::string& w : docs[d]) {
      bool number = !w.empty();
      for (char c : w) number = number && c >= '0' && c <= '9';
      if (w.empty() || (opt.drop_numbers && number)) {
        prev.clear();
        continue;
      }
      ++counts[d][w];
      if (opt.ngram == 2 && !prev.empty()) ++counts[d][prev + " " + w];
      prev = w;
    }
  }
  std::map<std::string, int> df;
  for (const auto& c : counts)
    for (const auto& [term, count] : c) ++df[term];
  const double min_count = opt.min_df >= 1 ? opt.min_df : opt.min_df * n;
  const double max_count = opt.max_df <= 1 ? opt.max_df * n : opt.max_df;
  DenseTfidf out;
  std::map<std::string, size_t> column;
  for (const auto& [term, f] : df) {
    if (f < min_count || f > max_count) continue;
    column[term] = out.terms.size();
    out.terms.push_back(term);
    out.idf.push_back(opt.smooth_idf ? std::log((1 + n) / (1 + f)) + 1 : std::log(n / f) + 1);
  }
  for (const auto& c : counts) {
    std::vector<double> row(out.terms.size(), 0.0);
    for (const auto& [term, count] : c) {
      auto it = column.find(term);
      if (it == column.end()) continue;
      const double tf = opt.sublinear_tf ? 1 + std::log(count) : count;
      row[it->second] = tf * out.idf[it->second];
    }
    double norm = 0;
    for (double v : row) norm += v * v;
    norm = std::sqrt(norm);
    if (norm > 0)
      for (double& v : row) v /= norm;
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace docsift::reference
