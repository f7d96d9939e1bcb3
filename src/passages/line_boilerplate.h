#pragma once
// Line boilerplate: lines of any length that recur in many documents — a channel's
// "Subscribe | Send us news" row, share buttons ("Поделиться", "Facebook LinkedIn Twitter VK
// OK"), hashtags — which are too short to be passages (passage_options.h: min_words). Counted
// in the passage stage's first pass (LineIndex), decided in its second (LineDecider), removed
// through the same cuts and report as passages (kind "line").
//
//   LineIndex lines(options.lines, threads, budget);
//   for each batch: DOCSIFT_RETURN_IF_ERROR(lines.add(batch));
//   lines.finish();
//   LineDecider decider(lines, keep_first);  decider.decide(d, text, rows);
//
// Rules (tests/reference/line_boilerplate_reference.h implements them by brute force):
// - A line is the text between two '\n'; its key is the line with surrounding whitespace
//   trimmed, inner whitespace runs (Unicode spaces included) made one ' ', ASCII letters
//   lower-cased and every run of ASCII digits made one '0' (line_key_text), so "news/12345" and
//   "news/678" are one line. Only lines with at least 2 letters (ICU u_isalpha) count.
// - Each counted line is also paired with the next counted line of its document (blank lines
//   and lines of fewer than 2 letters in between are skipped): a pair is a block of two lines.
// - The documents a line or pair is in are counted once per document. A line of w words
//   (whitespace-separated tokens holding a letter or digit; a pair: the words of both) is
//   boilerplate when in at least docs_needed(w, min_docs) documents (with stored counts:
//   stored_docs + docs, and an occurrence of a stored line is never the corpus's first): min_docs
//   for 4+ words, ceil(4 min_docs / w) for 2 or 3, 10 min_docs for one word. A line goes when it is
//   boilerplate or belongs to a boilerplate pair; every occurrence goes, including the corpus's
//   first unless keep_first.
// References: CCNet's exact-line deduplication (Wenzek et al. 2020, "CCNet: Extracting High
// Quality Monolingual Datasets from Web Crawl Data", the "Deduplication" step: every
// newline-separated paragraph hashed after lower-casing, replacing digits by 0 and dropping
// punctuation and accents, and removed when seen elsewhere in the shard) and datatrove's line
// filters (its line deduplication and the C4/Gopher line rules). Unlike CCNet, punctuation and
// non-ASCII case count, and short lines need more documents, so that short lines of real
// content that recur a little ("Moscow, Russia" in a dozen reports) survive. The thresholds are
// absolute document counts, not shares of the corpus.
// Pair keys are XXH3-128 (seed 1) of the two lines' keys. A line a passage cut already covers
// is not reported again (merge_line_cuts); a passage reported but not removed (a near duplicate
// in fewer than min_docs documents) may be reported a second time as a removed line.
// Memory: about 128 bytes per distinct line and pair until finish(), which keeps only those in
// two or more documents; charged to `budget` (MemoryUse::kPassages) before each batch.
// Guarantees: deterministic, identical whatever the thread count (counts do not depend on the
// order of insertion). LineIndex is not thread-safe (add() fans out itself); a finished index
// may be read by several LineDeciders at once.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/memory_budget.h"
#include "core/status.h"
#include "io/record.h"
#include "passages/passage_options.h"
#include "passages/strip.h"
#include "text/normalize.h"

namespace docsift {

// Where a line was seen: document number (as added) and byte range of the trimmed line, and
// the same range in code points.
struct LineSpot {
  uint32_t doc = UINT32_MAX;
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t char_begin = 0;
  uint32_t char_end = 0;
};

struct LineStat {
  uint32_t docs = 0;         // documents holding the line (or pair)
  uint32_t stored_docs = 0;  // documents of earlier batches holding it (LineIndex::finish)
  uint32_t last_doc = UINT32_MAX;
  LineSpot first;  // first occurrence in input order
  LineSpot other;  // first occurrence in another document (doc UINT32_MAX if none)
};

// One counted line of a document, as scan_lines finds it.
struct ScannedLine {
  uint32_t begin = 0;       // trimmed line: first non-space byte
  uint32_t end = 0;         // one past its last non-space byte
  uint32_t char_begin = 0;  // the same range in code points
  uint32_t char_end = 0;
  uint32_t words = 0;  // up to 4
  Key128 key;          // of line_key_text
  Key128 pair_key;     // of this line and the previous counted line; valid when has_pair
  bool has_pair = false;
};

// The key text of a line (see the rules above); empty for a blank line.
std::string line_key_text(std::string_view line);
// Letters (u_isalpha) of a line, and its words counted up to 4 (docs_needed is flat beyond).
uint32_t line_letters(std::string_view line);
uint32_t line_words(std::string_view line);
// Documents a line (or pair) of `words` words needs to be boilerplate.
uint32_t docs_needed(uint32_t words, uint32_t min_docs);
// The counted lines of `text` (at least 2 letters), in order, appended to `out` (cleared first).
void scan_lines(std::string_view text, std::vector<ScannedLine>& out);

class LineIndex {
 public:
  LineIndex(const LineOptions& options, unsigned threads, MemoryBudget* budget = nullptr);

  // Counts the lines of `batch` (documents numbered on from docs()).
  Status add(std::span<const Record> batch);
  // Before finish(), for `passages --index` (pipeline/passage_count_index.h): finish() looks
  // every line and pair up with `stored` (may be empty): its stored_docs count with its docs,
  // and one held by earlier batches is kept; with `collect`, finish() keeps every line and pair
  // of the batch with its documents (batch_counts()).
  void use_stored_counts(StoredCountFn stored, bool collect);
  // After the last add(): drops lines and pairs seen in one document only (see above).
  void finish();
  const std::vector<std::pair<Key128, uint32_t>>& batch_counts() const { return batch_counts_; }

  const LineOptions& options() const { return options_; }
  uint32_t docs() const { return docs_; }
  uint64_t lines_counted() const { return lines_counted_; }
  // Distinct lines and pairs held (after finish(): those in 2+ documents).
  size_t distinct() const { return stats_.size(); }
  // nullptr when the line or pair was seen in one document only (after finish()) or never.
  const LineStat* find(const Key128& key) const;

 private:
  LineOptions options_;
  unsigned threads_;
  MemoryCharge charge_;
  uint32_t docs_ = 0;
  uint64_t lines_counted_ = 0;
  std::unordered_map<Key128, LineStat, Key128Hash> stats_;
  StoredCountFn stored_;
  bool collect_ = false;
  std::vector<std::pair<Key128, uint32_t>> batch_counts_;
  std::vector<std::vector<ScannedLine>> chunk_lines_;
  std::vector<std::vector<uint32_t>> chunk_counts_;
};

// A boilerplate line of one document.
struct LineRow {
  uint32_t begin = 0;  // trimmed line
  uint32_t end = 0;
  const LineStat* stat = nullptr;  // the line's own counts (never null)
  LineSpot of;                     // what it repeats: the first occurrence in another document
  uint32_t char_begin = 0;         // [begin, end) in code points
  uint32_t char_end = 0;
};

class LineDecider {
 public:
  LineDecider(const LineIndex& index, bool keep_first) : index_(index), keep_first_(keep_first) {}

  // The boilerplate lines of document `doc` (numbered as added) whose text is `text`, in text
  // order, into `rows` (cleared first).
  void decide(uint32_t doc, std::string_view text, std::vector<LineRow>& rows);

 private:
  const LineIndex& index_;
  bool keep_first_;
  std::vector<ScannedLine> lines_;
  std::vector<char> boiler_;
};

// Merges the document's boilerplate lines into its passage cuts (sorted, non-overlapping):
// overlapping ranges become one cut, marked as a line cut only when no passage cut is in it.
// `rows` keeps the lines not wholly inside a passage cut (those are reported as lines).
void merge_line_cuts(std::vector<Cut>& cuts, std::vector<LineRow>& rows,
                     std::vector<char>& is_line_cut);

}  // namespace docsift
