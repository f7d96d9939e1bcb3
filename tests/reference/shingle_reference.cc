#include "reference/shingle_reference.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "text/tokenize.h"

namespace docsift::reference {

std::set<std::string> word_shingle_strings(std::string_view text, unsigned n) {
  Tokenizer tokenizer;
  TokenizedText tokens;
  tokenizer.tokenize(text, tokens);
  std::vector<std::string> forms;
  for (size_t i = 0; i < tokens.size(); ++i) forms.emplace_back(tokens.norm(i));
  std::set<std::string> out;
  if (forms.empty()) return out;
  const size_t w = std::min<size_t>(n, forms.size());
  for (size_t i = 0; i + w <= forms.size(); ++i) {
    std::string s;
    for (size_t j = i; j < i + w; ++j) {
      if (j > i) s += ' ';
      s += forms[j];
    }
    out.insert(std::move(s));
  }
  return out;
}

double exact_jaccard(const std::set<std::string>& a, const std::set<std::string>& b) {
  if (a.empty() && b.empty()) return 1.0;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  return static_cast<double>(common.size()) / static_cast<double>(a.size() + b.size() - common.size());
}

}  // namespace docsift::reference
