#include "text/normalize.h"

#include "core/xxh3.h"

namespace docsift {

std::string join_normalized(const TokenizedText& tokens) {
  std::string joined;
  if (tokens.size() == 0) return joined;
  joined.reserve(tokens.norm_chars.size() + tokens.size() - 1);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) joined.push_back(' ');
    joined.append(tokens.norm(i));
  }
  return joined;
}

std::string normalize_for_match(Tokenizer& tokenizer, std::string_view text) {
  TokenizedText tokens;
  tokenizer.tokenize(text, tokens);
  return join_normalized(tokens);
}

Key128 exact_key(const TokenizedText& tokens) {
  // Reuses one buffer per thread: exact keys are computed for every document and passage.
  thread_local std::string joined;
  joined.clear();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (i > 0) joined.push_back(' ');
    joined.append(tokens.norm(i));
  }
  const XXH128_hash_t h = XXH3_128bits(joined.data(), joined.size());
  return Key128{h.low64, h.high64};
}

Key128 exact_key(Tokenizer& tokenizer, std::string_view text) {
  thread_local TokenizedText tokens;
  tokenizer.tokenize(text, tokens);
  return exact_key(tokens);
}

}  // namespace docsift
