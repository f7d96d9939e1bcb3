#pragma once
// Per-thread scratch of the passage scan: segments a document, drops passages shorter than
// min_words, and gives each remaining passage its exact key and (optionally) a MinHash signature.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "passages/passage_options.h"
#include "sketch/minhash.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift::detail {

struct ScannedPassage {
  uint32_t marker_begin = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t char_begin = 0;  // code point offsets of begin and end (Python's str indexes)
  uint32_t char_end = 0;
  Key128 key;
  // A sentence inside a multi-sentence block, indexed only so that a later bullet repeating
  // it is found ("the lead paragraph repeated as bullet points"); never reported or removed.
  bool part = false;
  // A block of two or more sentences that all qualify (all of them follow it as parts).
  bool all_sentences_parts = false;
};

class PassageScanner {
 public:
  explicit PassageScanner(const PassageOptions& options);

  // Appends the document's qualifying passages to `out`, and their signatures (num_perm values
  // each) to `signatures` when near-duplicate search is on. In documents with bullet items, the
  // sentences of multi-sentence blocks follow their block as parts.
  void scan(std::string_view text, std::vector<ScannedPassage>& out,
            std::vector<uint32_t>& signatures);

 private:
  // Adds [begin, end) if it has at least min_words words; `char_begin` is begin's code point
  // offset.
  void add(std::string_view text, uint32_t marker_begin, uint32_t begin, uint32_t end,
           uint32_t char_begin, bool part, std::vector<ScannedPassage>& out,
           std::vector<uint32_t>& signatures);

  const PassageOptions& options_;
  Tokenizer tokenizer_;
  TokenizedText tokens_;
  std::vector<uint64_t> token_hashes_;
  std::vector<uint64_t> shingles_;
  std::string joined_;
  MinHasher hasher_;
};

}  // namespace docsift::detail
