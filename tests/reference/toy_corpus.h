#pragma once
// Test-only corpora and tokens for the vector stage: a whitespace tokenizer that lowercases
// ASCII (stands in for text/tokenize.h, whose spans and forms have the same shape), and a
// planted-topic corpus generator whose truth the clustering tests recover.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenize.h"

namespace docsift::reference {

// Splits on ASCII whitespace; strips ASCII punctuation at token ends; the normalised form is the
// lowercased token.
TokenizedText whitespace_tokens(std::string_view text);

struct ToyCorpus {
  std::vector<std::string> texts;
  std::vector<int64_t> topic;                         // planted topic per document
  std::vector<std::vector<std::string>> topic_words;  // content words per topic (lowercase)
  std::vector<std::string> entity;                    // one capitalised name per topic ("Zorvia")
};

// `docs_per_topic` documents of `words_per_doc` words for each topic: ~40% shared function
// words (in every document), ~15% common words, the rest words of the document's topic, with
// the topic's capitalised entity name sprinkled in. Deterministic in `seed`.
ToyCorpus make_toy_corpus(size_t num_topics, size_t docs_per_topic, size_t words_per_doc,
                          uint64_t seed);

}  // namespace docsift::reference
