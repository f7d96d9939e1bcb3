#include "pipeline/clean_job.h"

#include <algorithm>
#include <chrono>
#include <optional>

#include "group/dedup_report.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/internal/passage_stages.h"
#include "pipeline/internal/substring_stage.h"
#include "pipeline/job_io.h"
#include "pipeline/passage_report.h"

namespace docsift {
namespace {

// The first `points` code points of `text` (UTF-8, checked by the reader).
std::string first_points(std::string_view text, size_t points) {
  size_t i = 0;
  for (size_t seen = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && seen++ == points) break;
  }
  return std::string(text.substr(0, i));
}

}  // namespace

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages, const ProgressCallback& progress) {
  return run_clean(paths, dedup, passages, CleanSubstrings{}, progress);
}

Result<CleanSummary> run_clean(const CleanPaths& paths, const DedupOptions& dedup,
                               const PassageOptions& passages, const CleanSubstrings& substrings,
                               const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  if (paths.output.empty()) return Status::InvalidArgument("clean needs --output");
  DOCSIFT_RETURN_IF_ERROR(validate(dedup));
  DOCSIFT_RETURN_IF_ERROR(validate(passages));
  // The report is added first: outputs are committed in the order added.
  auto io =
      open_job(paths.inputs, {paths.report, paths.output}, dedup.read, dedup.threads, progress);
  if (!io.ok()) return io.status();
  CorpusPass& pass = *io->pass;
  OutputFile* const report = io->files[0];
  OutputFile* const output = io->files[1];

  // Pass 1: duplicate documents. Their report lines need no second read.
  CleanSummary summary;
  DedupSummary& ds = summary.documents;
  FeatureScan scan(dedup, pass.threads());
  ds.simd_path = scan.simd_path();
  auto opened_work = WorkDir::open_if_given(paths.work_dir, "clean", paths.inputs,
                                            detail::grouping_options_text(dedup));
  if (!opened_work.ok()) return opened_work.status();
  std::optional<WorkDir> work = std::move(opened_work).value();
  ds.work_dir_stale = work && work->stale();
  DocFeatureTable table;
  bool streamed = false;
  auto grouped =
      detail::grouping_stage(pass, scan, table, dedup, work ? &*work : nullptr, ds, streamed);
  if (!grouped.ok()) return grouped.status();
  const Grouping& g = grouped.value();
  std::vector<size_t> first_removed_docs;
  ReportLayout layout = paths.report_layout;
  layout.clean = true;
  if (report) report->write(report_header(layout));
  std::string line;
  auto write_line = [&] {
    line.push_back('\n');
    if (report) report->write(line);
    line.clear();
  };
  for (size_t d = 0; d < g.kept_of.size(); ++d) {
    if (g.kept_of[d] == d) continue;
    append_document_line(line, pass.ids()[d], pass.ids()[g.kept_of[d]], g.cluster_of[d],
                         g.similarity[d], dedup_method_name(dedup.method), layout);
    write_line();
    ds.text_bytes_removed += table.lengths[d];
    if (summary.first_removed.size() < 64) {
      summary.first_removed.push_back({std::string(pass.ids()[d]),
                                       std::string(pass.ids()[g.kept_of[d]]),
                                       g.similarity[d],
                                       {},
                                       {}});
      first_removed_docs.push_back(d);
    }
  }
  for (const SkippedRecord& s : pass.skipped()) {
    append_skipped_line(line, s, layout);
    write_line();
  }
  table = {};
  // Where the texts of the first removals go, by document, filled as pass 2 reads them.
  std::vector<std::pair<size_t, std::string*>> wanted;
  for (size_t i = 0; i < first_removed_docs.size(); ++i) {
    const size_t d = first_removed_docs[i];
    wanted.emplace_back(d, &summary.first_removed[i].text);
    wanted.emplace_back(g.kept_of[d], &summary.first_removed[i].kept_text);
  }
  std::stable_sort(wanted.begin(), wanted.end(),
                   [](const auto& x, const auto& y) { return x.first < y.first; });
  size_t next_wanted = 0;
  std::optional<SubstringStage> sub;  // clean --substrings: fed by the passage pass
  if (substrings.min_bytes) {
    sub.emplace(SubstringOptions{.min_bytes = substrings.min_bytes, .remove = substrings.remove},
                substrings.max_memory, pass.threads());
  }
  const CorpusPass::BatchFn take_texts = [&](std::span<Record> batch, size_t first) {
    for (size_t i = 0; sub && i < batch.size(); ++i) {
      if (g.kept_of[first + i] == first + i)
        DOCSIFT_RETURN_IF_ERROR(sub->add(first + i, batch[i].text));
    }
    for (; next_wanted < wanted.size() && wanted[next_wanted].first < first + batch.size();
         ++next_wanted) {
      const std::string& text = batch[wanted[next_wanted].first - first].text;
      *wanted[next_wanted].second = first_points(text, kRemovalTextPoints);
    }
    return Status::Ok();
  };

  // Pass 2: passages of the kept documents; pass 3: write them stripped.
  const detail::DocFilter kept = [&](size_t d) { return g.kept_of[d] == d; };
  PassageOptions po = passages;
  po.read = dedup.read;
  po.threads = pass.threads();
  PassageIndex index(po, pass.threads());
  std::optional<LineIndex> lines = make_line_index(po, pass.threads());
  const LineIndex* const lines_or_null = lines ? &*lines : nullptr;
  DOCSIFT_RETURN_IF_ERROR(detail::index_passages(pass, false, kept, index, summary.passages,
                                                 take_texts, lines ? &*lines : nullptr));
  CutWriter writer(output, report, po.read.text_field);
  DocCuts cuts(passage_options_text(po));
  if (!sub) {
    DOCSIFT_RETURN_IF_ERROR(detail::write_passages(pass, kept, index, layout, writer, cuts,
                                                   summary.passages, lines_or_null));
  } else {
    DOCSIFT_RETURN_IF_ERROR(sub->find());
    DOCSIFT_RETURN_IF_ERROR(detail::write_passages_and_substrings(
        pass, kept, index, layout, writer, cuts, *sub, summary.passages, lines_or_null));
    summary.substrings = sub->summary();
  }
  DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
