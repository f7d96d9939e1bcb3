#include "pipeline/dedup_job.h"

#include <chrono>
#include <optional>

#include "group/dedup_report.h"
#include "io/record_writer.h"
#include "pipeline/internal/document_dedup.h"
#include "pipeline/job_io.h"

namespace docsift {

Result<DedupSummary> run_dedup(const DedupPaths& paths, const DedupOptions& options,
                               const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  auto io = open_job(paths.inputs, {paths.output, paths.report, paths.clusters}, options.read,
                     options.threads, progress);
  if (!io.ok()) return io.status();
  CorpusPass& pass = *io->pass;
  OutputFile* const kept = io->files[0];
  OutputFile* const clusters = io->files[2];
  DedupReport report(io->files[1], paths.report_format);

  DedupSummary summary;
  FeatureScan scan(options, pass.threads());
  summary.simd_path = scan.simd_path();
  const char* method = dedup_method_name(options.method);
  auto opened_work = WorkDir::open_if_given(paths.work_dir, "dedup", paths.inputs,
                                            detail::grouping_options_text(options));
  if (!opened_work.ok()) return opened_work.status();
  std::optional<WorkDir> work = std::move(opened_work).value();
  summary.work_dir_stale = work && work->stale();
  std::string line;
  auto write_kept = [&](const Record& rec) {
    if (!kept) return;
    line.clear();
    append_kept_record(line, rec);
    kept->write(line);
  };
  // Exact dedup with keep-first decides each document as it is read: stream the output.
  // (Not when the grouping is resumed: pass 1 then only reads the ids.)
  bool streaming = options.method == DedupMethod::kExact && options.keep == KeepPolicy::kFirst &&
                   !(work && work->has("group"));
  DocFeatureTable table;
  bool streamed = false;
  auto grouped = detail::grouping_stage(
      pass, scan, table, options, work ? &*work : nullptr, summary, streamed,
      [&](std::span<Record> batch, size_t first) {
        for (size_t i = 0; streaming && i < batch.size(); ++i) {
          const auto d = static_cast<uint32_t>(first + i);
          if (scan.is_first_of_key(d, table)) {
            write_kept(batch[i]);
          } else {
            report.duplicate(batch[i].id, pass.ids()[scan.first_of_key(d, table)],
                             table.exact_cluster[d], 1.0, method);
            summary.text_bytes_removed += batch[i].text.size();
          }
        }
        return Status::Ok();
      });
  if (!grouped.ok()) return grouped.status();
  streaming = streaming && streamed;
  const Grouping& g = grouped.value();

  // Pass 2: write what pass 1 could not decide on the fly.
  if (!streaming) {
    DOCSIFT_RETURN_IF_ERROR(pass.reread("write", [&](std::span<Record> batch, size_t first) {
      for (size_t i = 0, d = first; i < batch.size(); ++i, ++d) {
        if (g.kept_of[d] == d) {
          write_kept(batch[i]);
        } else {
          report.duplicate(batch[i].id, pass.ids()[g.kept_of[d]], g.cluster_of[d], g.similarity[d],
                           method);
          summary.text_bytes_removed += batch[i].text.size();
        }
      }
      return Status::Ok();
    }));
  }
  for (const SkippedRecord& s : pass.skipped()) report.skipped(s);
  if (clusters) write_cluster_file(pass.ids(), g, *clusters);
  DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace docsift
