#include "pipeline/clean_job.h"

#include <chrono>
#include <optional>

#include "group/dedup_report.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/internal/passage_stages.h"
#include "pipeline/output_set.h"

namespace docsift {

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages, const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (paths.output.empty()) return Status::InvalidArgument("clean needs --output");
  DOCSIFT_RETURN_IF_ERROR(validate(dedup));
  DOCSIFT_RETURN_IF_ERROR(validate(passages));
  DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.output, paths.report}));
  auto opened = CorpusPass::open(paths.inputs, dedup.read, dedup.threads, progress);
  if (!opened.ok()) return opened.status();
  CorpusPass& pass = *opened.value();
  OutputSet outputs(paths.inputs);
  auto report = outputs.add(paths.report);
  if (!report.ok()) return report.status();
  auto output = outputs.add(paths.output);
  if (!output.ok()) return output.status();

  // Pass 1: duplicate documents. Their report lines need no second read.
  CleanSummary summary;
  DedupSummary& ds = summary.documents;
  FeatureScan scan(dedup, pass.threads());
  ds.simd_path = scan.simd_path();
  std::optional<WorkDir> work;
  if (!paths.work_dir.empty()) {
    auto opened_work =
        WorkDir::open(paths.work_dir, "clean", paths.inputs, detail::grouping_options_text(dedup));
    if (!opened_work.ok()) return opened_work.status();
    work = std::move(opened_work).value();
    ds.work_dir_stale = work->stale();
  }
  DocFeatureTable table;
  bool resumed = false;
  auto grouped =
      detail::grouping_stage(pass, scan, table, dedup, work ? &*work : nullptr, ds, resumed);
  if (!grouped.ok()) return grouped.status();
  if (resumed) ds.stages_resumed.push_back("read+group");
  const Grouping& g = grouped.value();
  DedupReport doc_report(*report, ReportFormat::kJsonl, /*tagged=*/true);
  for (size_t d = 0; d < g.kept_of.size(); ++d) {
    if (g.kept_of[d] == d) continue;
    doc_report.duplicate(pass.ids()[d], pass.ids()[g.kept_of[d]], g.cluster_of[d], g.similarity[d],
                         dedup_method_name(dedup.method));
    ds.text_bytes_removed += table.lengths[d];
    if (summary.first_removed.size() < 64) {
      summary.first_removed.push_back(
          {std::string(pass.ids()[d]), std::string(pass.ids()[g.kept_of[d]]), g.similarity[d]});
    }
  }
  for (const SkippedRecord& s : pass.skipped()) doc_report.skipped(s);
  table = {};

  // Pass 2: passages of the kept documents; pass 3: write them stripped.
  const detail::DocFilter kept = [&](size_t d) { return g.kept_of[d] == d; };
  PassageOptions po = passages;
  po.read = dedup.read;
  po.threads = pass.threads();
  PassageIndex index(po, pass.threads());
  DOCSIFT_RETURN_IF_ERROR(detail::index_passages(pass, false, kept, index, summary.passages));
  CutWriter writer(*output, *report, po.read.text_field, "passage");
  DOCSIFT_RETURN_IF_ERROR(detail::write_passages(pass, kept, index, writer, summary.passages));
  DOCSIFT_RETURN_IF_ERROR(outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
