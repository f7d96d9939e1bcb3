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
#include <string>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/progress.h"
#include "core/status.h"
#include "io/corpus_reader.h"
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

// The options that shape the spans (not threads or outputs), in a fixed order: the work
// directory's fingerprint and the stored spans' options.
OptionsText substring_options_text(const SubstringJobOptions& options);

Result<SubstringSummary> run_substrings(const SubstringPaths& paths,
                                        const SubstringJobOptions& options,
                                        const ProgressCallback& progress = {});

}  // namespace docsift
