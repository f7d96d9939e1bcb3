#pragma once
// TF-IDF rows of a planted-topic toy corpus, shared by the k-means and clustering tests.

#include <string>
#include <string_view>
#include <vector>

#include "reference/toy_corpus.h"
#include "vector/tfidf.h"

namespace docsift::testing {

struct ToyData {
  reference::ToyCorpus corpus;
  std::vector<std::string_view> views;
  std::vector<TokenizedText> tokens;
};

inline ToyData toy_data(size_t topics, size_t docs_per_topic, size_t words, uint64_t seed) {
  ToyData d;
  d.corpus = reference::make_toy_corpus(topics, docs_per_topic, words, seed);
  for (const auto& t : d.corpus.texts) {
    d.views.push_back(t);
    d.tokens.push_back(reference::whitespace_tokens(t));
  }
  return d;
}

}  // namespace docsift::testing
