#pragma once
// run_substrings: the `docsift substrings` job, over one CorpusPass (pipeline/corpus_pass.h):
// pass 1 collects every document's text into a SubstringCorpus (substrings/substring_repeats.h),
// which finds every span of at least min_bytes bytes repeated anywhere in the corpus (suffix
// array); the spans become DocCuts (pipeline/artifacts/doc_cuts.h, CutReason::kSubstring); pass 2
// writes each document with its cuts through the shared CutWriter. Without a strip output the
// report is written from the first pass alone.
//
//   SubstringPaths paths{.inputs = {"kept.jsonl"}, .report = "substrings.jsonl", .strip =
//   "out.jsonl"}; auto summary = run_substrings(paths, SubstringJobOptions{});
//
// Report: one line per removed span, in input order, in the passage report's schema:
// {"id","start","end","kind":"within"|"across","duplicate_of":{"id","start","end"},
//  "similarity":1,"documents","removed":true}; then, under --on-error skip, the skipped records
// ({"source","line","error","action":"skipped"}, as dedup). `kind` is "within" when the place it
// duplicates is in the same document. Offsets are bytes of the original text.
// Memory: SubstringCorpus::plan (5.25 bytes per text byte under 2 GiB) plus the ids; a corpus
// whose state exceeds max_memory is split into shards, indexed two at a time, with the same
// answer (substrings/substring_repeats.h); refused (ResourceExhausted, exit 4) only when even
// that cannot fit. Threads: the corpus is cut into at least `threads` shards whose suffix arrays
// are sorted and merged concurrently (the pairwise plan under a tight budget is single-threaded).
// Output is byte-identical whatever the thread count. Every input document appears in the strip
// output, in input order.

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/progress.h"
#include "core/status.h"
#include "core/string_pool.h"
#include "io/corpus_reader.h"
#include "io/output_file.h"
#include "passages/strip.h"
#include "pipeline/passage_report.h"
#include "substrings/substring_repeats.h"

namespace docsift {

struct SubstringPaths {
  std::vector<std::string> inputs;
  std::string report;  // empty = not written
  std::string strip;   // documents with the repeated spans cut; empty = not written
  // Keeps the spans found there (pipeline/work_dir.h) as stages "cuts" (DocCuts) and "report"
  // (StageReport: the report's span lines, held in memory until saved); a rerun with the same
  // inputs and options resumes after them (one plain read, then the writing pass). Empty = none.
  std::string work_dir = {};
};

struct SubstringJobOptions {
  ReadOptions read;
  SubstringOptions substrings;
  unsigned threads = 0;     // reading, suffix sorts and merge (substrings.threads is ignored);
                            // 0 = all cores
  uint64_t max_memory = 0;  // bytes of suffix-array state; 0 = no budget
  // Repeats found on the normalised text (case, width, whitespace and punctuation folded;
  // substrings/normalized_repeats.h), reported and cut at original byte offsets.
  bool normalized = false;
};

struct SubstringSummary {
  uint64_t docs_read = 0;
  uint64_t docs_changed = 0;  // documents with at least one span removed
  uint64_t docs_skipped = 0;
  uint64_t spans = 0;  // reported spans
  uint64_t within_spans = 0;
  uint64_t across_spans = 0;
  uint64_t span_bytes = 0;  // bytes inside the spans
  uint64_t bytes_read = 0;
  uint64_t text_bytes = 0;
  uint64_t bytes_removed =
      0;                     // from the strip output (spans and the whitespace tidied beside them)
  uint64_t state_bytes = 0;  // suffix-array state held (peak)
  uint64_t shards = 1;       // shards the corpus was split into (threads, max_memory)
  bool pairwise = false;     // indexed two shards at a time (a tight max_memory)
  double seconds = 0;
  std::vector<std::string> stages_resumed;  // loaded from the work directory
  bool work_dir_stale = false;              // it held another run's artifacts (replaced)
};

// The substring step of `clean` (pipeline/clean_job.h) over the documents it keeps: add() them
// as a pass reads them, find() once all are in, then cuts_with() unites each document's spans
// with the cuts the other stages made, and report_spans() gives each document's span lines in the
// report layout of the job (pipeline/passage_report.h; ids of the input). Spans are those
// run_substrings finds on the same documents (SubstringCorpus, at original byte offsets).
//
//   SubstringStage stage({.min_bytes = 100}, max_memory, threads);
//   stage.add(doc, rec.text);  ...  stage.find();
//   writer.write_document(rec, stage.cuts_with(doc, passage_cuts));
//
// Memory: SubstringCorpus's state over the kept texts, plus 44 bytes per span. Not thread-safe.
// A span's byte offsets (SubstringSpan) in code points of the documents' texts.
struct SpanChars {
  uint32_t begin = 0, end = 0, of_begin = 0, of_end = 0;
};

struct SubstringStageSummary {
  bool ran = false;   // find() was called
  uint64_t docs = 0;  // documents added
  uint64_t spans = 0;
  uint64_t within_spans = 0;
  uint64_t across_spans = 0;
  uint64_t span_bytes = 0;
  uint64_t docs_changed = 0;  // documents with at least one span
  uint64_t state_bytes = 0;
  uint64_t shards = 0;
};

class SubstringStage {
 public:
  SubstringStage(const SubstringOptions& options, uint64_t max_memory, unsigned threads);
  // Adds input document `doc` (increasing from call to call). SubstringCorpus::add's errors.
  Status add(uint64_t doc, std::string_view text);
  // Finds the spans. SubstringCorpus::find's errors.
  Status find();
  // `cuts` (sorted, non-overlapping) united with the spans of input document `doc`, sorted and
  // non-overlapping (overlapping or touching ranges merged). Valid until the next call.
  std::span<const Cut> cuts_with(uint64_t doc, std::span<const Cut> cuts);
  // The report line (no newline) of each span of input document `doc`, whose text is `text`, in
  // `layout` (pipeline/passage_report.h: type "substring", kind "within" | "across"), each given
  // to `line`; `ids` numbers the input documents.
  void report_spans(uint64_t doc, std::string_view text, const StringPool& ids,
                    const ReportLayout& layout,
                    const std::function<void(std::string_view)>& line) const;
  const SubstringStageSummary& summary() const { return summary_; }

 private:
  SubstringOptions options_;
  SubstringCorpus corpus_;
  std::vector<uint64_t> input_doc_;   // input number of each added document
  std::vector<SubstringSpan> spans_;  // doc / of_doc: input numbers
  std::vector<SpanChars> chars_;      // the spans' offsets in code points
  std::vector<Cut> scratch_;
  SubstringStageSummary summary_;
};

// The options that shape the spans (not threads or outputs), in a fixed order: the work
// directory's fingerprint and the stored spans' options.
OptionsText substring_options_text(const SubstringJobOptions& options);

Result<SubstringSummary> run_substrings(const SubstringPaths& paths,
                                        const SubstringJobOptions& options,
                                        const ProgressCallback& progress = {});

}  // namespace docsift
