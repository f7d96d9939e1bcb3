#pragma once
// run_indexed_dedup: `docsift dedup --index DIR [--update]`, dedup of a new batch against a
// stored index of every earlier batch's kept documents (store/stored_index.h), composed of the
// dedup stages (pipeline/internal/document_dedup.h) over one CorpusPass:
//   1. features of every document (FeatureScan), as run_dedup;
//   2. each document is looked up in the index (exact key; MinHash band keys verified against
//      the stored signature at the run's verification threshold; SimHash tables): a match is
//      removed, reported {"duplicate_of": the indexed document's id, "source": "index"};
//   3. the remaining documents are grouped among themselves as run_dedup groups a corpus
//      (keep-first), so duplicates within the batch are handled as today;
//   4. kept records and the report are written and committed; then, with `update`, the kept
//      documents are added to the index as one atomic batch (creating it if absent).
//
//   IndexedDedupPaths paths{.dedup = {.inputs = {"day2.jsonl"}, .output = "kept.jsonl"},
//                           .index_dir = "idx", .update = true};
//   auto summary = run_indexed_dedup(paths, DedupOptions{.method = DedupMethod::kMinHash});
//
// Guarantees: batches 1..n run in turn with `update` remove the same documents as one run_dedup
// over their concatenation with keep-first, up to what an index of kept documents cannot know:
// a document removed by an earlier batch is not in the index, so a chain through it is not
// followed (one run links c to a through a removed b; batch by batch c is compared with a
// alone), and a later batch never undoes an earlier keep. Exact dedup has no chains: identical.
// Outputs are committed before the index is updated, so a crash between the two leaves the
// index as before and rerunning the batch gives the same outputs. Same inputs and index give
// byte-identical outputs whatever the thread count.
// Refused: --keep longest (a later batch cannot undo an earlier keep), --verify exact (the index
// stores signatures, not shingle sets), --clusters and --work-dir (not implemented with an
// index), an index made with other shaping options (message names each difference), an absent
// index without `update`, a second concurrent writer.

#include <cstdint>
#include <string>

#include "core/options_fingerprint.h"
#include "core/progress.h"
#include "core/status.h"
#include "group/dedup_options.h"
#include "pipeline/dedup_job.h"

namespace docsift {

struct IndexedDedupPaths {
  DedupPaths dedup;
  std::string index_dir = {};
  bool update = false;  // add the kept documents to the index (create it if absent)
};

struct IndexedDedupSummary {
  DedupSummary dedup;              // docs_removed counts both kinds
  uint64_t removed_by_index = 0;   // duplicates of an indexed document
  uint64_t index_docs_before = 0;  // documents in the index when the run started
  uint64_t index_docs_after = 0;
  uint64_t index_segments = 0;  // after the run
  uint64_t index_bytes = 0;     // on disk, after the run
  double lookup_seconds = 0;    // step 2, wall time
};

// The options that shape a stored index for `options` (method, normalisation and, per method,
// shingles, seed, num_perm, resolved bands/rows, sketch, or the Hamming distance). Fails on
// options that cannot resolve LSH parameters.
Result<OptionsText> stored_index_options_text(const DedupOptions& options);

Result<IndexedDedupSummary> run_indexed_dedup(const IndexedDedupPaths& paths,
                                              const DedupOptions& options,
                                              const ProgressCallback& progress = {});

}  // namespace docsift
