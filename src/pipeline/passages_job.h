#pragma once
// run_passages: the `docsift passages` job, over one CorpusPass (pipeline/corpus_pass.h):
// PassageIndex (pass 1), PassageDecider and CutWriter (pass 2). Splits every document into passages
// (text/segment.h), finds exact duplicates (XXH3-128 of the normalised passage) and near duplicates
// (MinHash over the passage's shingles, LSH, verified by estimated Jaccard) within and across
// documents, and reports every duplicate occurrence with byte and code point offsets into the
// original text. With
// a strip output it writes every document with its duplicate passages cut out: later repeats within
// a document go, and a passage found in at least `min_docs` documents (boilerplate) goes from all
// of them (or all but the first with BoilerplateMode::kKeepFirst). Passages shorter than
// `min_words` words are never reported or removed.
//
//   PassagePaths paths{.inputs = {"kept.jsonl"}, .report = "passages.jsonl", .strip =
//   "clean.jsonl"}; auto summary = run_passages(paths, PassageOptions{});
//
// Two passes over the inputs: the first builds an index of distinct passages (a 16-byte key, the
// first occurrence and a signature each, plus 32 bytes per occurrence), the second writes. Memory
// is bounded by the number of passages, checked against `max_memory`. Output is byte-identical
// whatever the thread count. Every input document appears in the strip output, in input order.
// With PassagePaths::index_dir (`passages --index DIR [--update]`, pipeline/passage_count_index.h)
// the documents of earlier batches holding a passage's exact key or a line's key count towards
// its boilerplate threshold, and with `update` this batch's counts are added to DIR after the
// outputs are committed; near-duplicate passage groups are not carried across batches.
// Under --on-error skip, skipped records are listed at the end of the report
// ({"source","line","error","action":"skipped"}, as dedup; a CSV report's flat row of kind
// "skipped", pipeline/passage_report.h) and counted in docs_skipped.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/progress.h"
#include "core/status.h"
#include "passages/line_boilerplate.h"
#include "passages/passage_index.h"
#include "passages/passage_options.h"
#include "pipeline/passage_report.h"

namespace docsift {

struct PassagePaths {
  std::vector<std::string> inputs;
  std::string report;  // one JSON line per duplicate occurrence, then per skipped record; empty =
                       // not written
  std::string strip;   // documents with duplicate passages cut; empty = not written
  // The report's layout (pipeline/passage_report.h): JSONL with duplicate_of nested, or CSV
  // (flat); with_text adds each passage's text. `clean` is ignored (clean's own schema).
  ReportLayout report_layout = {};
  // Keeps the decisions there (pipeline/work_dir.h) as stages "cuts" (DocCuts) and "report"
  // (StageReport: the report lines and most repeated passages) after a deciding pass of their
  // own; a rerun with the same inputs and options resumes after them (one plain read, then the
  // writing pass). Costs a third pass and holds the report lines in memory until saved. Empty =
  // none: decided and written in one pass.
  std::string work_dir = {};
  // A stored passage count index (pipeline/passage_count_index.h): its counts of earlier
  // batches add to this batch's when deciding boilerplate (exact passages and lines; not
  // near-duplicate groups); with `update`, this batch's counts are added after the outputs are
  // committed (creating it if absent). Not with a work directory.
  std::string index_dir = {};
  bool update = false;
};

struct PassageSummary {
  uint64_t docs_read = 0;
  uint64_t docs_changed = 0;  // documents that lost at least one passage
  uint64_t docs_skipped = 0;
  uint64_t passages = 0;  // passages with at least min_words words
  uint64_t distinct_passages = 0;
  uint64_t duplicate_occurrences = 0;  // reported lines
  uint64_t within_duplicates = 0;
  uint64_t across_duplicates = 0;
  uint64_t near_duplicate_groups = 0;  // groups joined by near (not exact) matches
  uint64_t passages_removed = 0;
  uint64_t lines_removed = 0;  // boilerplate lines (passages/line_boilerplate.h) reported and cut
  uint64_t bytes_read = 0;
  uint64_t text_bytes = 0;
  uint64_t bytes_removed = 0;
  uint64_t index_bytes = 0;  // memory the passage index took
  double seconds = 0;
  std::vector<RepeatedPassage> most_repeated;
  std::vector<std::string> stages_resumed;  // loaded from the work directory
  bool work_dir_stale = false;              // it held another run's artifacts (replaced)
  uint64_t index_docs_before = 0;           // --index: documents counted in it, before and
  uint64_t index_docs_after = 0;            // after this run
  uint64_t index_bytes_on_disk = 0;
};

// The options that shape the passage decisions (not threads, outputs or max_memory), in a
// fixed order: the work directory's fingerprint and the stored decisions' options.
OptionsText passage_options_text(const PassageOptions& options);

// Checks the near-duplicate options (threshold, num_perm, ngram) before any work.
Status validate(const PassageOptions& options);

// The line counter of a passage stage, or none when options.lines is off.
std::optional<LineIndex> make_line_index(const PassageOptions& options, unsigned threads);

Result<PassageSummary> run_passages(const PassagePaths& paths, const PassageOptions& options,
                                    const ProgressCallback& progress = {});

}  // namespace docsift
