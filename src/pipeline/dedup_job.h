#pragma once
// run_dedup: the `docsift dedup` job, a composition of stages over one CorpusPass
// (pipeline/corpus_pass.h): FeatureScan (group/feature_scan.h), the grouping through the
// artifacts SignatureTable -> LshIndex -> EdgeList -> Grouping (pipeline/internal/
// document_dedup.h), DedupReport (group/dedup_report.h). Reads every input once to compute a
// per-document feature (exact: XXH3-128 of the normalised text; minhash: a MinHash signature of
// the shingle set; simhash: a 64-bit fingerprint), groups duplicates, and writes kept records
// plus a report of removed ones. With --method exact and --keep first the decision for each
// document is made as it is read and kept records stream straight to the output (memory: a
// 16-byte key per distinct document and the ids, never the texts); other modes re-read the inputs
// for the writing pass.
//
//   DedupPaths paths{.inputs = {"corpus.jsonl.zst"}, .output = "kept.jsonl", .report =
//   "dups.jsonl"}; auto summary = run_dedup(paths, DedupOptions{});
//
// Guarantees: every input document is either written to the output or reported as a duplicate
// of a written one (or, under --on-error skip, reported as skipped). The kept member of a duplicate
// group is the first in input order (or the longest with KeepPolicy::kLongest, ties to the first).
// Two outputs naming one file are refused before any work; output files are replaced
// atomically and committed together; same inputs and options give byte-identical outputs
// whatever the thread count, and whether or not a stage was resumed from a work directory.

#include <cstdint>
#include <string>
#include <vector>

#include "core/progress.h"
#include "core/status.h"
#include "group/dedup_options.h"

namespace docsift {

struct DedupPaths {
  std::vector<std::string> inputs = {};
  std::string output = {};  // kept records (JSONL); "-" = stdout; empty = not written
  std::string report = {};  // one line per removed or skipped document; empty = not written
  std::string clusters =
      {};  // one line per document: duplicate group id and size; empty = not written
  ReportFormat report_format = ReportFormat::kJsonl;
  // Kept records as one file per rank, DIR/part-NNNNN.jsonl, plus DIR/_SUCCESS once all are
  // committed (run_dedup_distributed only, any number of ranks); empty = not written.
  std::string output_parts = {};
  // Keeps each stage's artifact there as it completes (pipeline/work_dir.h): minhash
  // "signatures" (SignatureTable; with --verify estimate), "candidates" and "edges" (EdgeLists,
  // minhash and simhash), "group" (the duplicate grouping). A rerun with the same inputs and
  // options resumes after the last complete stage (one plain read for the ids, then what is
  // left). Empty = none: the artifacts pass between the stages in memory.
  std::string work_dir = {};
};

struct DedupSummary {
  uint64_t docs_read = 0;
  uint64_t docs_kept = 0;
  uint64_t docs_removed = 0;
  uint64_t docs_skipped = 0;
  uint64_t bytes_read = 0;  // uncompressed input bytes
  uint64_t text_bytes = 0;  // bytes of document text
  uint64_t text_bytes_removed = 0;
  uint64_t duplicate_groups = 0;
  uint64_t largest_group = 1;
  uint64_t large_groups = 0;     // duplicate groups above DedupOptions::large_group_warning
  uint64_t candidate_pairs = 0;  // near-duplicate methods: pairs checked by verification
  unsigned num_bands = 0;        // minhash: LSH bands and rows per band used
  unsigned rows_per_band = 0;
  double seconds = 0;
  std::string simd_path;                    // sketch kernel that ran ("avx2", "portable", ...)
  std::vector<std::string> stages_resumed;  // loaded from --work-dir instead of recomputed
  bool work_dir_stale = false;  // --work-dir held another run's artifacts (ignored, replaced)
};

Result<DedupSummary> run_dedup(const DedupPaths& paths, const DedupOptions& options,
                               const ProgressCallback& progress = {});

}  // namespace docsift
