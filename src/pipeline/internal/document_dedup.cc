#include "pipeline/internal/document_dedup.h"

#include <algorithm>

namespace docsift::detail {

Status read_features(CorpusPass& pass, FeatureScan& scan, DocFeatureTable& table,
                     DedupSummary& summary, const CorpusPass::BatchFn& each) {
  DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t first) {
    scan.add(batch, table, first);
    for (const Record& rec : batch) summary.text_bytes += rec.text.size();
    return each ? each(batch, first) : Status::Ok();
  }));
  scan.release_keys();
  summary.bytes_read = pass.bytes_read();
  summary.docs_read = pass.docs();
  summary.docs_skipped = pass.skipped().size();
  return Status::Ok();
}

Result<Grouping> group_features(CorpusPass& pass, const DocFeatureTable& table,
                                const DedupOptions& options, DedupSummary& summary) {
  pass.progress("group");
  NearDupStats stats;
  auto grouped = group_documents(table, options, pass.threads(), &stats);
  if (!grouped.ok()) return grouped.status();
  const Grouping& g = grouped.value();
  summary.candidate_pairs = stats.candidate_pairs;
  summary.bands = stats.bands;
  summary.rows = stats.rows;
  for (uint32_t size : g.cluster_size) {
    if (size > 1) ++summary.clusters_with_duplicates;
    summary.largest_cluster = std::max<uint64_t>(summary.largest_cluster, size);
    if (size > options.large_cluster_warning) ++summary.large_clusters;
  }
  for (size_t d = 0; d < g.kept_of.size(); ++d) summary.docs_kept += g.kept_of[d] == d;
  summary.docs_removed = summary.docs_read - summary.docs_kept;
  return grouped;
}

}  // namespace docsift::detail
