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
#include "sketch/one_perm.h"
#include "sketch/simhash.h"
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

  const DedupOptions& options() const { return options_; }

  // Pieces of a large document (see large_doc_feature): the token hashes of one piece.
  void piece_token_hashes(std::string_view piece, std::vector<uint64_t>& out);
  // The part of the signature or fingerprint that the word-shingle windows starting at
  // [begin, end) of `token_hashes` contribute (end + ngram - 1 <= token_hashes.size()).
  struct Partial {
    std::vector<uint32_t> signature;  // MinHash
    OnePermBins bins;                 // OPH
    SimHashCounts counts;             // SimHash
  };
  void range_feature(std::span<const uint64_t> token_hashes, size_t begin, size_t end,
                     Partial& out);
  // Merges the partials of all ranges into the document's signature or fingerprint.
  void finish_signature(std::span<const Partial> parts, std::span<uint32_t> signature);
  static uint64_t finish_fingerprint(std::span<const Partial> parts);

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

// Large documents: the feature of one document computed by several threads, so that a corpus
// where a few documents hold most of the bytes still keeps every thread busy. The text is cut
// into pieces of about kLargeDocPiece bytes, each cut just before an ASCII space or newline
// between two ASCII bytes (no word, and no normalisation, crosses such a cut, so each piece
// tokenises to exactly its share of the whole text's tokens); pieces are tokenised and hashed in
// parallel, the concatenated token hashes' shingle windows split into ranges of
// kLargeDocRange, each range signed by one thread (Partial), and the partials merged: MinHash
// by element-wise minimum, OPH bins likewise then densified, SimHash counters added (each
// window in exactly one range). The result is bit-identical to signature() / fingerprint() of
// the whole text, whatever the thread count.
//
//   if (is_large_doc(text, options)) large_doc_feature(text, workers, threads, sig, &fp);
inline constexpr size_t kLargeDocBytes = size_t{512} << 10;
inline constexpr size_t kLargeDocPiece = size_t{64} << 10;
inline constexpr size_t kLargeDocRange = size_t{16} << 10;

// Whether large_doc_feature applies: MinHash or SimHash with word shingles, text of at least
// kLargeDocBytes.
bool is_large_doc(std::string_view text, const DedupOptions& options);
// Offsets where `text` is cut into pieces (see above), starting with 0 and ending with
// text.size(); a function of the text and `target` only.
std::vector<size_t> piece_cuts(std::string_view text, size_t target);
// Writes the document's signature (MinHash: options.num_perm values) or, for SimHash,
// *fingerprint, using workers[w] on worker w of up to `threads` threads (workers.size() >=
// threads).
void large_doc_feature(std::string_view text, std::span<const std::unique_ptr<DocFeatures>> workers,
                       unsigned threads, std::span<uint32_t> signature, uint64_t* fingerprint);

}  // namespace docsift::detail
