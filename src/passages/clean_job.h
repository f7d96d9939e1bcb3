#pragma once
// run_clean: the `docsift clean` job, the whole corpus-cleaning run in one call: duplicate
// documents are removed first (exact, then near-duplicates with MinHash + LSH unless the method
// says otherwise), then duplicate passages are stripped from what is kept. One report holds a
// line per removed document ({"type":"document", ...}) and per duplicate passage
// ({"type":"passage", ...}), each saying what was removed and why.
//
//   CleanPaths paths{.inputs = {"corpus.jsonl"}, .output = "clean.jsonl", .report =
//   "report.jsonl"}; auto summary = run_clean(paths, DedupOptions{.method = DedupMethod::kMinHash},
//   PassageOptions{});
//
// Intermediate files live next to the output (or in TMPDIR for stdout) and are removed at the
// end; the output and report are replaced atomically. Cleaning a cleaned corpus changes nothing.

#include <string>
#include <vector>

#include "core/status.h"
#include "group/dedup_job.h"
#include "passages/passage_job.h"

namespace docsift {

struct CleanPaths {
  std::vector<std::string> inputs;
  std::string output;  // cleaned documents, JSONL ("-" = stdout)
  std::string report;  // empty = no report
};

struct CleanSummary {
  DedupSummary documents;
  PassageSummary passages;
  double seconds = 0;
};

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages,
                               const ProgressCallback& progress = {});

}  // namespace docsift
