#pragma once
// The document-dedup stages that `dedup` and `clean` share: pass 1 (features of every document,
// group/feature_scan.h) and the grouping (group/doc_grouping.h), with their summary counters.

#include <span>

#include "core/status.h"
#include "group/dedup_options.h"
#include "group/doc_grouping.h"
#include "group/feature_scan.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/dedup_job.h"
#include "pipeline/work_dir.h"

namespace docsift::detail {

// First pass over `pass`: appends every document's features to `table`; `each` (may be empty)
// then sees the batch (streaming exact dedup decides there). Fills docs_read, bytes_read,
// text_bytes, docs_skipped.
Status read_features(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                     DedupSummary& summary, const CorpusPass::BatchFn& each = {});

// Fills the duplicate group counters, docs_kept and docs_removed of `summary` from `g`.
void count_groups(const Grouping& g, const DedupOptions& options, DedupSummary& summary);

// Groups the documents of `table` through the artifacts of each method: exact keys ->
// Grouping; minhash: SignatureTable (adopting table.signatures, no copy) -> LshIndex ->
// candidate EdgeList -> verified EdgeList -> Grouping; simhash: fingerprints -> SimHash index ->
// candidate and verified EdgeLists -> Grouping. With a work directory each artifact is saved as
// its stage completes ("signatures" (estimate verification only: exact verification needs the
// shingle sets too), "candidates", "edges"). Fills the duplicate group counters, candidate
// pairs, bands and rows, docs_kept and docs_removed.
Result<Grouping> group_features(CorpusPass& pass, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary);

// The options that shape a duplicate grouping (not threads, outputs or warnings), in a fixed
// order: the work directory's fingerprint and the stored grouping's options.
OptionsText grouping_options_text(const DedupOptions& options);

// What makes a MinHash signature (reading, normalisation, shingles, seed, num_perm, sketch):
// the stored SignatureTable's options.
OptionsText signature_options_text(const DedupOptions& options);

// The duplicate grouping of the corpus, resumed from the last stage an earlier run with the same
// inputs and options completed in `work` (may be null): "group" (loaded), or for minhash with
// estimate verification "edges" (grouped again from the stored signatures and edges) or
// "signatures" (LSH, verification and grouping); a resumed run reads the inputs once plainly
// for the ids, table.lengths and counters, `each` is not called and summary.stages_resumed
// says "read+group", "read+edges" or "read+signatures". Otherwise computed by read_features
// (`each` sees pass 1; `streamed` is set) and group_features. With a work directory the
// grouping is saved as stage "group".
Result<Grouping> grouping_stage(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary,
                                bool& streamed, const CorpusPass::BatchFn& each = {});

}  // namespace docsift::detail
