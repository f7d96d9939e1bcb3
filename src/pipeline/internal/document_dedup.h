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

// Groups the documents of `table`; fills the cluster counters, candidate pairs, bands and rows,
// docs_kept and docs_removed.
Result<Grouping> group_features(CorpusPass& pass, const DocFeatureTable& table,
                                const DedupOptions& options, DedupSummary& summary);

// The options that shape a duplicate grouping (not threads, outputs or warnings), in a fixed
// order: the work directory's fingerprint and the stored grouping's options.
OptionsText grouping_options_text(const DedupOptions& options);

// The duplicate grouping of the corpus: loaded from `work` when an earlier run with the same
// inputs and options completed it (then one plain read fills the ids, table.lengths and the
// counters, and `each` is not called; `resumed` is set), else computed by read_features and
// group_features (`each` sees pass 1) and, with a work directory, saved there as stage "group".
// `work` may be null.
Result<Grouping> grouping_stage(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                                const DedupOptions& options, WorkDir* work, DedupSummary& summary,
                                bool& resumed, const CorpusPass::BatchFn& each = {});

}  // namespace docsift::detail
