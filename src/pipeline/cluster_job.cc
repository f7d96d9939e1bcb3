#include "pipeline/cluster_job.h"

#include <chrono>

#include "group/dedup_report.h"
#include "group/doc_grouping.h"
#include "pipeline/corpus_pass.h"
#include "pipeline/output_set.h"
#include "vector/cluster_report.h"

namespace docsift {
namespace {

// With --dedup, the kept document of each document (exact and near duplicates by MinHash), so
// that reprints do not pull centroids; else every document is its own.
Result<std::vector<uint32_t>> kept_documents(const std::vector<std::string>& texts,
                                             const ClusterJobOptions& options, unsigned threads) {
  std::vector<uint32_t> kept_of(texts.size());
  for (size_t i = 0; i < kept_of.size(); ++i) kept_of[i] = static_cast<uint32_t>(i);
  if (!options.dedup) return kept_of;
  std::vector<std::string_view> views(texts.begin(), texts.end());
  DedupOptions d;
  d.method = DedupMethod::kMinHash;
  d.threshold = options.dedup_threshold;
  d.normalize = options.normalize;
  d.threads = threads;
  auto g = dedup_texts(views, d);
  if (!g.ok()) return g.status();
  return std::move(g->kept_of);
}

}  // namespace

Result<ClusterJobResult> run_cluster(const ClusterPaths& paths, const ClusterJobOptions& options) {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.assignments, paths.summary}));
  auto opened = CorpusPass::open(paths.inputs, options.read, options.threads);
  if (!opened.ok()) return opened.status();
  CorpusPass& pass = *opened.value();
  OutputSet outputs(paths.inputs);
  auto assign_out = outputs.add(paths.assignments);
  if (!assign_out.ok()) return assign_out.status();
  auto summary_out = outputs.add(paths.summary);
  if (!summary_out.ok()) return summary_out.status();

  // Everything in memory: k-means revisits every document on every iteration.
  std::vector<std::string> all_texts;
  MemoryCharge held(options.read.budget, MemoryUse::kTexts);
  uint64_t text_bytes = 0;
  DOCSIFT_RETURN_IF_ERROR(pass.read("read", [&](std::span<Record> batch, size_t first) {
    for (const Record& rec : batch) text_bytes += rec.text.capacity();
    DOCSIFT_RETURN_IF_ERROR(held.grow_to(
        text_bytes +
            vector_growth_bytes(all_texts.capacity(), first + batch.size(), sizeof(std::string)),
        first + batch.size()));
    for (Record& rec : batch) all_texts.push_back(std::move(rec.text));
    return Status::Ok();
  }));
  ClusterJobResult out;
  out.docs_read = pass.docs();
  out.bytes_read = pass.bytes_read();
  out.docs_skipped = pass.skipped().size();
  if (out.docs_read == 0) return Status::InvalidInput("no documents to cluster");

  auto dedup = kept_documents(all_texts, options, pass.threads());
  if (!dedup.ok()) return dedup.status();
  const std::vector<uint32_t>& kept_of = dedup.value();
  std::vector<std::string_view> texts;
  for (size_t i = 0; i < out.docs_read; ++i) {
    if (kept_of[i] != i) continue;
    texts.push_back(all_texts[i]);
    out.ids.emplace_back(pass.ids()[i]);
    out.first_lines.push_back(first_line(std::string_view(all_texts[i]).substr(0, 512)));
  }
  out.duplicates_removed = out.docs_read - texts.size();
  if (options.cluster.kmeans.k > texts.size()) {  // refuse before the costly part
    return Status::InvalidArgument("--k " + std::to_string(options.cluster.kmeans.k) +
                                   " is more than the " + std::to_string(texts.size()) +
                                   " documents to cluster");
  }
  const auto cluster_start = Clock::now();
  ClusterOptions co = options.cluster;
  co.tfidf.threads = pass.threads();
  co.kmeans.threads = pass.threads();
  auto clustered = cluster_documents(texts, options.normalize, co);
  if (!clustered.ok()) return clustered.status();
  out.result = std::move(clustered).value();
  out.cluster_seconds = std::chrono::duration<double>(Clock::now() - cluster_start).count();
  for (const ClusterSummary& s : out.result.clusters) {
    out.titles.push_back(representative_title(texts[s.representative]));
  }
  if (*assign_out) {
    write_assignments(pass.ids(), kept_of, out.result, **assign_out);
    write_skipped(pass.skipped(), **assign_out);
  }
  if (*summary_out) write_cluster_summaries(out.result, out.ids, out.titles, **summary_out);
  DOCSIFT_RETURN_IF_ERROR(outputs.commit());
  out.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return out;
}

}  // namespace docsift
