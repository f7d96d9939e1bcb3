#pragma once
// Normalised text for exact matching: the normalised forms of the word tokens (see
// text/tokenize.h: NFKC + full case folding, punctuation and symbols ignored, optional digit
// folding) joined by single spaces. Two texts that differ only in case, compatibility forms
// (full-width letters, ligatures), whitespace (NBSP included) or punctuation give the same
// string. exact_key() is its XXH3-128, the key exact document and passage dedup compare.
//
//   Tokenizer tok;
//   std::string a = normalize_for_match(tok, "Ｔｈｅ ﬁnal\u00a0Report!");   // "the final report"
//   Key128 k = exact_key(tok, "The final report");                          // same key
//
// Deterministic and stable across versions (golden values are frozen in tests).

#include <cstdint>
#include <string>
#include <string_view>

#include "text/tokenize.h"

namespace docsift {

struct Key128 {
  uint64_t low = 0;
  uint64_t high = 0;
  friend bool operator==(const Key128&, const Key128&) = default;
  friend auto operator<=>(const Key128&, const Key128&) = default;
};

// Normalised forms of the tokens joined by ' '.
std::string normalize_for_match(Tokenizer& tokenizer, std::string_view text);
// Same, from tokens already computed for the text.
std::string join_normalized(const TokenizedText& tokens);
// XXH3-128 of join_normalized(tokens) (seed 0).
Key128 exact_key(const TokenizedText& tokens);
Key128 exact_key(Tokenizer& tokenizer, std::string_view text);

struct Key128Hash {
  size_t operator()(const Key128& k) const {
    return static_cast<size_t>(k.low ^ (k.high * 0x9E3779B97F4A7C15ULL));
  }
};

}  // namespace docsift
