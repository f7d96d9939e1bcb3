#pragma once
// Tokenizer: splits UTF-8 text into word tokens with ICU's word-break rules (UAX #29 plus ICU's
// dictionaries for Chinese, Japanese, Thai...), so any script is split sensibly, and gives each
// token its normalised form for matching. Only "word-like" tokens are kept (letters, numbers,
// ideographs, kana); spaces, punctuation and symbols are dropped.
//
// Normalised form of a token: Unicode NFKC with full case folding (ICU "nfkc_cf"), then every
// code point that is not a letter, mark or number removed (punctuation and symbols inside the
// token: "don't" -> "dont", "U.S" -> "us"; also the spaces NFKC makes of U+202F, which ICU keeps
// inside words as ExtendNumLet), digits (Nd) mapped to '0' when fold_digits is set. A token whose
// form is empty is dropped.
//
// Speed: text made of ASCII, Latin-1/Latin Extended/Greek/Cyrillic/Armenian letters and general
// punctuation (U+2000..U+206F) takes a table-driven fast path that implements ICU's word rules
// for those characters and gives exactly the same tokens and forms as the ICU path (checked by
// differential tests); other runs of text (CJK, Thai, combining marks, emoji...) go through ICU,
// split at whitespace so a single CJK word does not slow a whole document down.
//
//   Tokenizer tok;                      // one per thread
//   TokenizedText t;
//   tok.tokenize("Ｈｅｌｌｏ, world!", t);  // t.size() == 2, t.norm(0) == "hello"
//
// Guarantees: tokens are in text order, non-overlapping, and [begin, end) are byte offsets into
// the original text that round-trip to its bytes. Deterministic. A Tokenizer is not thread-safe
// (it owns ICU break iterators); create one per thread.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace docsift {

struct NormalizeOptions {
  bool fold_digits = false;  // map every decimal digit to '0' ("2021" matches "2024")
  bool force_icu = false;    // for tests and benchmarks: skip the fast path, use ICU throughout
};

struct TokenSpan {
  uint32_t begin = 0;  // byte offset of the token's first byte in the original text
  uint32_t end = 0;    // one past its last byte
};

// Tokens of one text, in structure-of-arrays form so nothing is allocated per token.
struct TokenizedText {
  std::vector<TokenSpan> spans;        // offsets into the original text
  std::string norm_chars;              // normalised forms, concatenated
  std::vector<uint32_t> norm_offsets;  // token i's form is norm_chars[norm_offsets[i], [i+1])

  size_t size() const { return spans.size(); }
  std::string_view norm(size_t i) const {
    return std::string_view(norm_chars)
        .substr(norm_offsets[i], norm_offsets[i + 1] - norm_offsets[i]);
  }
  void clear() {
    spans.clear();
    norm_chars.clear();
    norm_offsets.assign(1, 0);
  }
};

class Tokenizer {
 public:
  explicit Tokenizer(NormalizeOptions options = {});
  ~Tokenizer();
  Tokenizer(Tokenizer&&) noexcept;
  Tokenizer& operator=(Tokenizer&&) noexcept;

  // Replaces `out` with the tokens of `text` (valid UTF-8, at most 4 GiB).
  void tokenize(std::string_view text, TokenizedText& out);

  const NormalizeOptions& options() const { return options_; }

 private:
  struct IcuState;
  NormalizeOptions options_;
  std::unique_ptr<IcuState> icu_;
};

// Seeded XXH3-64 of every normalised token form, in order (the input to shingling).
void token_hashes(const TokenizedText& tokens, uint64_t seed, std::vector<uint64_t>& out);

}  // namespace docsift
