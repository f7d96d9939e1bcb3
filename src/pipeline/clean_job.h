#pragma once
// run_clean: the `docsift clean` job, the whole corpus-cleaning run in one call: duplicate
// documents are removed first (exact, then near-duplicates with MinHash + LSH unless the method
// says otherwise), then duplicate passages are stripped from what is kept. One report holds a
// line per removed document ({"type":"document","kind":"duplicate", ...}), per skipped record
// ({"type":"document","kind":"skipped", ...}) and per duplicate passage ({"type":"passage", ...}),
// each saying what was removed and why, all in one flat schema (the same columns on every line,
// pipeline/passage_report.h), as JSONL or CSV.
//
//   CleanPaths paths{.inputs = {"corpus.jsonl"}, .output = "clean.jsonl", .report =
//   "report.jsonl"}; auto summary = run_clean(paths, DedupOptions{.method = DedupMethod::kMinHash},
//   PassageOptions{});
//
// Three passes over the inputs, no intermediate files: (1) document features and grouping
// (pipeline/dedup_job.h), (2) the passage index over the kept documents only, (3) the kept
// documents written with their duplicate passages cut (pipeline/cut_writer.h). The report holds
// the document lines (removed, then skipped records), then the passage lines. Ids are always the
// input's ids (a JSONL record without an id field is "<file>:<line>" of the input). The output and
// report are refused when they name one file, and replaced atomically together. Cleaning a
// cleaned corpus changes nothing.

#include <string>
#include <vector>

#include "core/status.h"
#include "pipeline/dedup_job.h"
#include "pipeline/passages_job.h"
#include "pipeline/substrings_job.h"

namespace docsift {

struct CleanPaths {
  std::vector<std::string> inputs = {};
  std::string output = {};  // cleaned documents, JSONL ("-" = stdout)
  std::string report = {};  // empty = no report
  // JSONL or CSV, with or without the passages' text; always clean's flat schema.
  ReportLayout report_layout = {};
  // Keeps the document dedup's artifacts there, as DedupPaths::work_dir (summary: documents.
  // stages_resumed); the passage stage is recomputed. Empty = none.
  std::string work_dir = {};
};

// Code points of each text CleanSummary::first_removed keeps.
inline constexpr size_t kRemovalTextPoints = 1024;

struct CleanRemoval {
  std::string id, kept_id;
  double similarity = 1;
  // The first kRemovalTextPoints code points of the removed and of the kept document's text
  // (whole when shorter), taken during the passage pass (for --html).
  std::string text, kept_text;
};

struct CleanSummary {
  DedupSummary documents;
  PassageSummary passages;  // with --substrings, bytes_removed and docs_changed count both cuts
  SubstringStageSummary substrings;         // clean --substrings
  std::vector<CleanRemoval> first_removed;  // the first 64 removed documents, in input order
  double seconds = 0;
};

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages,
                               const ProgressCallback& progress = {});

// clean --substrings N: spans of at least N bytes repeated among the kept documents (anywhere,
// SubstringStage in pipeline/substrings_job.h) are cut as well as the duplicate passages; their
// report lines ({"type":"substring", ...}) follow the passage lines. min_bytes 0 = off.
struct CleanSubstrings {
  uint32_t min_bytes = 0;
  SubstringRemove remove = SubstringRemove::kLater;
  uint64_t max_memory = 0;  // bytes of suffix-array state; 0 = no budget
};
Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages, const CleanSubstrings& substrings,
                               const ProgressCallback& progress = {});

}  // namespace docsift
