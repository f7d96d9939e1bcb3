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

namespace docsift::detail {

// First pass over `pass`: appends every document's features to `table`; `each` (may be empty)
// then sees the batch (streaming exact dedup decides there). Fills docs_read, bytes_read,
// text_bytes, docs_skipped.
Status read_features(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                     DedupSummary& summary, const CorpusPass::BatchFn& each = {});

// Groups the documents of `table`; fills the cluster counters, candidate pairs, bands and rows,
// docs_kept and docs_removed.
Result<Grouping> group_features(CorpusPass& pass, const DocFeatureTable& table,
                                const DedupOptions& options, DedupSummary& summary);

}  // namespace docsift::detail
