#include "reference/toy_corpus.h"

#include <cctype>
#include <random>

namespace docsift::reference {

TokenizedText whitespace_tokens(std::string_view text) {
  TokenizedText t;
  t.clear();
  size_t i = 0;
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto is_punct = [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t b = i;
    while (i < text.size() && !is_space(text[i])) ++i;
    size_t e = i;
    while (b < e && is_punct(text[b])) ++b;
    while (e > b && is_punct(text[e - 1])) --e;
    if (b == e) continue;
    t.spans.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
    for (size_t k = b; k < e; ++k)
      t.norm_chars.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(text[k]))));
    t.norm_offsets.push_back(static_cast<uint32_t>(t.norm_chars.size()));
  }
  return t;
}

ToyCorpus make_toy_corpus(size_t num_topics, size_t docs_per_topic, size_t words_per_doc,
                          uint64_t seed) {
  static const char* kSyllables[] = {"ka", "lo",  "mi",  "ster", "van", "dor", "pel", "quin",
                                     "ra", "sud", "tor", "ux",   "ven", "wil", "yar", "zem"};
  std::mt19937_64 rng(seed);
  auto word = [&](size_t a, size_t b, size_t c) {
    return std::string(kSyllables[a % 16]) + kSyllables[b % 16] + kSyllables[c % 16];
  };
  ToyCorpus corpus;
  const std::vector<std::string> function_words = {"the", "of", "and", "in", "to", "a", "is"};
  std::vector<std::string> common;
  for (size_t i = 0; i < 30; ++i) common.push_back("common" + word(i, i / 4, 7));
  for (size_t t = 0; t < num_topics; ++t) {
    std::vector<std::string> words;
    for (size_t w = 0; w < 25; ++w) words.push_back(word(t, w, t + w) + "x" + std::to_string(t));
    corpus.topic_words.push_back(words);
    std::string name = word(t + 3, t + 5, t) + "ia";
    name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
    corpus.entity.push_back(name);
  }
  std::uniform_real_distribution<double> u(0, 1);
  for (size_t d = 0; d < num_topics * docs_per_topic; ++d) {
    const size_t t = d % num_topics;
    std::string text;
    for (size_t w = 0; w < words_per_doc; ++w) {
      const double r = u(rng);
      if (!text.empty()) text.push_back(' ');
      if (r < 0.4) {
        text += function_words[rng() % function_words.size()];
      } else if (r < 0.55) {
        text += common[rng() % common.size()];
      } else if (r < 0.6) {
        text += corpus.entity[t];
        if (rng() % 4 == 0) text += ",";
      } else {
        // Zipf-like: low ranks more often.
        const size_t rank = static_cast<size_t>(25 * u(rng) * u(rng));
        text += corpus.topic_words[t][rank];
      }
    }
    corpus.texts.push_back(std::move(text));
    corpus.topic.push_back(static_cast<int64_t>(t));
  }
  return corpus;
}

}  // namespace docsift::reference
