#pragma once
// SubstringCorpus: exact substring dedup (Lee et al. 2022, ExactSubstr) over the concatenated
// texts of a corpus. Every span of at least `min_bytes` bytes that occurs twice (in two
// documents, or twice in one; no occurrence spans two documents) is found with a suffix array
// (libdivsufsort, substrings/suffix_array.h) and the PLCP array (the Φ algorithm of Kärkkäinen,
// Manzini and Puglisi 2009, a space-saving form of Kasai et al. 2001).
//
//   SubstringCorpus corpus(options.max_memory);
//   for (const Record& rec : docs) DOCSIFT_RETURN_IF_ERROR(corpus.add(rec.text));
//   auto spans = corpus.find({.min_bytes = 100, .remove = SubstringRemove::kLater});
//
// What is found. For a position p, p "repeats" when some other position q (kAll) or some
// earlier position q < p in input order (kLater) starts the same min_bytes bytes, both inside
// their documents. The removed bytes are the union of [p, p + min_bytes) over the positions
// that repeat — which equals the union of [p, p + L) over every pair (p, q) whose common
// extension L >= min_bytes (a repeat of L bytes at p makes p + k repeat for k <= L - min_bytes).
// So kAll removes every occurrence of every repeated span (as ExactSubstr), kLater all but the
// first occurrence in input order (of a run of one byte only the first byte stays: overlapping
// self-repeats are later occurrences). Each maximal union span is widened outward to UTF-8
// character boundaries (never shrunk below min_bytes), and spans that then overlap or touch are
// merged. For each span, `of` is the place it duplicates: q = the first position in input order,
// other than p0 (the span's first repeating position), that starts the same min_bytes bytes, and
// the range [q, q + min(LCE(p0, q), end - p0)) widened to character boundaries; `documents` =
// how many documents contain those min_bytes bytes.
//
// Memory and threads. The documents are cut into consecutive shards of whole documents,
// options.threads of them (fewer when there are fewer documents; more when one would exceed
// kMaxShardBytes); the shards' suffix arrays are sorted concurrently on the project's thread
// pool (Debian's libdivsufsort is single-threaded) and merged by key (the first min_bytes bytes
// of a suffix, cut after a separator), the merge cut into 4 key ranges per thread that run
// concurrently. Sorting by the full suffix refines the key order, so equal keys are adjacent in
// the merge and the blocks of positions sharing min_bytes in-document bytes are those one suffix
// array of the whole corpus gives: the answer does not depend on the shard or thread count. The
// keys are compared directly (<= min_bytes bytes a comparison, 8 at a time), no LCP array. The
// place each span duplicates comes from its block, found again by binary search of the key in
// every shard's array (no second merge). Cost: the sorts (n log n, in parallel), one k-way merge
// (k - 1 key comparisons per byte, 4 k ranges in parallel).
// State (merged_state_bytes): the text plus one separator byte per document (1 byte per byte),
// the shards' suffix arrays (4 bytes per byte; 8 with wide_index or a shard of 2 GiB or more),
// two bit sets (0.25) and 8 bytes per document per thread plus one: state_bytes_per_byte() = 5.25
// (32-bit) or 9.25 (64-bit), at most 16 (libdivsufsort adds a 256 KiB bucket table per sort).
// Pairwise fallback: when the merged state exceeds max_memory (or options.pairwise is set), the
// documents are cut into shards that fit and every pair of shards is indexed together (a copy
// of the two, their suffix array, Φ (Kärkkäinen et al. 2009) and bits: kPairBytesPerByte per
// byte of the pair, besides the whole text and its bit sets), twice (once to find the
// repeating positions, once for the place each span duplicates), one pair at a time. A repeat
// whose occurrences lie in shards a and b is found in the pair (a, b), and input order inside a
// pair is the corpus's, so the answer is again the same; the cost is k (k - 1) suffix sorts of
// 2/k of the text for k shards, about k - 1 times the merged work. There a document larger
// than a shard, or a budget below the text and its bit sets (1.375 bytes per byte), is refused
// (ResourceExhausted).
// Texts must not contain byte 0xFF (never in valid UTF-8; the separator): add() refuses it
// (InvalidInput).
// Guarantees: deterministic, independent of anything but the texts in order and the options
// that shape spans (min_bytes, remove): not of threads, shard_bytes, wide_index, pairwise or the
// budget. find() uses up to options.threads threads; a SubstringCorpus is not thread-safe.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace docsift {

enum class SubstringRemove : uint8_t {
  kLater,  // every occurrence but the first in input order
  kAll,    // every occurrence (ExactSubstr)
};

struct SubstringOptions {
  uint32_t min_bytes = 100;  // >= 1
  SubstringRemove remove = SubstringRemove::kLater;
  bool wide_index = false;   // 64-bit suffix arrays even under 2 GiB (tests)
  uint64_t shard_bytes = 0;  // > 0: shards of at most this many bytes (tests); 0 = from threads
                             // (merged) or max_memory (pairwise)
  unsigned threads = 1;      // threads sorting and merging the shards; 0 = all cores
  bool pairwise = false;     // the pairwise plan even when the merged state fits (tests)
};

// How find() splits the corpus: shard s = bytes [shard_bounds[s], shard_bounds[s + 1]) of the
// concatenated text (whole documents), and the peak bytes of state it holds.
struct SubstringPlan {
  std::vector<uint64_t> shard_bounds;
  uint64_t state_bytes = 0;
  bool pairwise = false;  // shards indexed two at a time (the budget is under the merged state)
  bool wide = false;      // 64-bit suffix arrays
};

// One removed span [begin, end) of document `doc` (byte offsets into its text) and the place it
// duplicates, [of_begin, of_end) of document `of_doc`. Documents are numbered in add() order.
struct SubstringSpan {
  uint32_t doc = 0;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t of_doc = 0;
  uint32_t of_begin = 0;
  uint32_t of_end = 0;
  uint32_t documents = 0;  // documents containing the span's first min_bytes repeated bytes

  friend bool operator==(const SubstringSpan&, const SubstringSpan&) = default;
};

class SubstringCorpus {
 public:
  static constexpr uint8_t kSeparator = 0xFF;
  static constexpr double kStateBytesPerByte32 = 5.25;
  static constexpr double kStateBytesPerByte64 = 9.25;
  static constexpr double kPairBytesPerByte = 9.125;
  static constexpr uint64_t kMaxShardBytes = uint64_t{1} << 30;

  // max_memory = 0: no budget.
  explicit SubstringCorpus(uint64_t max_memory = 0) : max_memory_(max_memory) {}

  // Hint: about how many text bytes will be added (avoids regrowing the buffer).
  void reserve(uint64_t bytes) { text_.reserve(bytes); }
  // Appends one document. InvalidInput on byte 0xFF or a text of 4 GiB or more;
  // ResourceExhausted when the text and its bit sets alone would exceed max_memory.
  Status add(std::string_view text);

  uint64_t docs() const { return starts_.size(); }
  uint64_t text_bytes() const { return text_.size() - starts_.size(); }
  std::string_view text(uint32_t doc) const;
  static double state_bytes_per_byte(bool wide) {
    return wide ? kStateBytesPerByte64 : kStateBytesPerByte32;
  }
  // Bytes the merged plan holds for `n` concatenated bytes (text and separators), besides the
  // per-document terms; merged_state_bytes adds them.
  static uint64_t state_bytes(uint64_t n, bool wide);
  static uint64_t merged_state_bytes(uint64_t n, uint64_t docs, unsigned threads, bool wide);
  // Bytes the pairwise plan holds unsharded.
  static uint64_t pairwise_state_bytes(uint64_t n, bool wide);

  // The shards find() will use and its peak state; ResourceExhausted when no sharding fits.
  Result<SubstringPlan> plan(const SubstringOptions& options) const;

  // The removed spans, sorted by (doc, begin), non-overlapping. InvalidArgument for
  // min_bytes == 0; plan()'s errors.
  Result<std::vector<SubstringSpan>> find(const SubstringOptions& options) const;

 private:
  // The two scans of find() over the blocks for_each_block(fn) gives (fn(i, j, at)).
  template <typename ForEachBlock>
  Result<std::vector<SubstringSpan>> solve(const SubstringOptions& options,
                                           const std::vector<uint64_t>& bounds,
                                           const ForEachBlock& for_each_block) const;

  template <typename Index>
  Result<std::vector<SubstringSpan>> find_merged(const SubstringOptions& options,
                                                 const std::vector<uint64_t>& bounds,
                                                 unsigned threads) const;

  uint64_t max_memory_;
  std::vector<uint8_t> text_;     // each document's text followed by kSeparator
  std::vector<uint64_t> starts_;  // offset of each document in text_
};

}  // namespace docsift
