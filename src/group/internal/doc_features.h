#pragma once
// Per-thread scratch that turns one document's text into the feature a dedup method compares:
// the exact key, a MinHash/OPH signature, or a SimHash fingerprint. Owning the tokenizer and
// buffers per worker means nothing is allocated per document once buffers have grown.
//
// Documents without a single letter or digit (emoji only, symbols only, whitespace only, empty)
// have no tokens, so their normalised text is empty. They are compared by their raw bytes
// instead, never as "the empty text": their exact key is the XXH3-128 of the raw bytes (another
// seed than normalised keys, so it never equals the key of a document with words), and their
// shingle set is one shingle, a seeded hash of the raw bytes. Two byte-identical such documents
// are then still duplicates (equal keys, equal signatures and fingerprints) while different ones
// are unrelated to each other and to every document with words: as unrelated as two random
// documents are to the method (SimHash fingerprints of one random shingle each lie within the
// default Hamming distance 10 with probability 1e-8 per pair, the method's usual false-positive
// rate; MinHash signatures agree in a slot with probability 2^-32).

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "group/dedup_options.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift::detail {

class DocFeatures {
 public:
  explicit DocFeatures(const DedupOptions& options);
  ~DocFeatures();

  // Key of the normalised text; of the raw bytes when the text has no tokens (see above).
  Key128 exact_key(std::string_view text);
  // Sorted, unique shingle hashes of the text (word or character n-grams per the options); one
  // hash of the raw bytes when the text has no tokens. Never empty.
  std::span<const uint64_t> shingle_set(std::string_view text);
  // Writes options.num_perm values into `signature`.
  void signature(std::string_view text, std::span<uint32_t> signature);
  uint64_t fingerprint(std::string_view text);
  // Name of the signature kernel in use ("avx512", "avx2" or "portable"; sketch/minhash.h).
  static const char* simd_path();

 private:
  // Shingles with repeats (what SimHash weights) of the text: never empty (see above).
  void shingles_with_repeats(std::string_view text);

  const DedupOptions& options_;
  unsigned ngram_;
  Tokenizer tokenizer_;
  TokenizedText tokens_;
  std::vector<uint64_t> token_hashes_;
  std::vector<uint64_t> shingles_;
  std::string joined_;
  struct Sketchers;
  std::unique_ptr<Sketchers> sketchers_;
};

}  // namespace docsift::detail
