#pragma once
// NormalizedSubstringCorpus: exact substring dedup (substrings/substring_repeats.h) on the
// normalised text of each document (text/normalize.h: the word tokens' NFKC + case-folded
// forms joined by single spaces, so case, width, whitespace and punctuation are folded), with
// every span mapped back to byte offsets of the original text.
//
//   NormalizedSubstringCorpus corpus;
//   for (const Record& rec : docs) DOCSIFT_RETURN_IF_ERROR(corpus.add(rec.text));
//   auto spans = corpus.find({.min_bytes = 100});   // offsets into the original texts
//
// Offset map (norm_to_orig). Normalised byte x of a document lies in token i's form or in the
// space joining token i to token i + 1. A space maps to the original gap between the two tokens
// ([end_i, begin_{i+1}): the whitespace and punctuation there). A byte of a form maps to one
// original character when the form has as many code points as the token's original text (case
// and width folding, the common case: code point k of the form to code point k of the token),
// else to the whole token (ligatures, ß -> ss, dropped apostrophes). A normalised span [a, b)
// becomes [lo(a), hi(b - 1)) of the original: the start of what byte a maps to, the end of what
// byte b - 1 maps to, so it is widened outward to whole characters (or tokens) and never
// shrunk. Spans of one document that then overlap or touch are merged (the first's `of` and
// `documents` kept); `of` is mapped likewise. min_bytes counts normalised bytes.
// Memory: the normalised corpus's state (SubstringCorpus, 5.25 bytes per normalised byte), the
// original texts (1 byte per byte) and 12 bytes per token (about 2 per byte in Latin text).
// Guarantees: deterministic; the same for any thread or shard count. Not thread-safe.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "substrings/substring_repeats.h"
#include "text/tokenize.h"

namespace docsift {

class NormalizedSubstringCorpus {
 public:
  explicit NormalizedSubstringCorpus(uint64_t max_memory = 0) : corpus_(max_memory) {}

  // Appends one document (valid UTF-8). add()'s errors of SubstringCorpus.
  Status add(std::string_view text);
  uint64_t docs() const { return corpus_.docs(); }
  uint64_t text_bytes() const { return original_bytes_; }
  const SubstringCorpus& normalized() const { return corpus_; }
  // The normalised text of document `doc`.
  std::string_view normalized_text(uint32_t doc) const { return corpus_.text(doc); }
  // The original text of document `doc`, as added.
  std::string_view original_text(uint32_t doc) const {
    const uint64_t end =
        doc + 1 < original_start_.size() ? original_start_[doc + 1] : original_.size();
    return {original_.data() + original_start_[doc], end - original_start_[doc]};
  }
  // [lo(a), hi(b - 1)) for the normalised span [a, b) of `doc` (a < b).
  std::pair<uint32_t, uint32_t> to_original(uint32_t doc, uint32_t a, uint32_t b) const;

  Result<SubstringPlan> plan(const SubstringOptions& options) const {
    return corpus_.plan(options);
  }
  // Spans in original offsets, sorted by (doc, begin), non-overlapping.
  Result<std::vector<SubstringSpan>> find(const SubstringOptions& options) const;

 private:
  uint32_t original_begin(uint32_t doc, uint32_t x) const;  // lo(x)
  uint32_t original_end(uint32_t doc, uint32_t x) const;    // hi(x)
  // Token t's original code point holding normalised byte x of its form, as [begin, end), or
  // the whole token.
  std::pair<uint32_t, uint32_t> char_of(uint32_t doc, uint64_t t, uint32_t x) const;

  SubstringCorpus corpus_;
  Tokenizer tokenizer_;
  TokenizedText tokens_scratch_;
  std::vector<char> original_;              // the original texts, concatenated
  std::vector<uint64_t> original_start_;    // offset of each document in original_
  std::vector<uint64_t> first_token_;       // per document + 1: its first token
  std::vector<TokenSpan> token_span_;       // original [begin, end) per token
  std::vector<uint32_t> token_norm_begin_;  // its form's offset in the normalised text
  uint64_t original_bytes_ = 0;
};

}  // namespace docsift
