#include "pipeline/passages_job.h"

#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>

#include "group/dedup_report.h"
#include "pipeline/artifacts/doc_cuts.h"
#include "pipeline/artifacts/stage_report.h"
#include "pipeline/internal/passage_stages.h"
#include "pipeline/job_io.h"
#include "pipeline/passage_count_index.h"
#include "pipeline/work_dir.h"
#include "sketch/minhash.h"

namespace docsift {

Status validate(const PassageOptions& options) {
  if (options.lines.enabled && options.lines.min_docs < 2) {
    return Status::InvalidArgument("--line-min-docs must be at least 2");
  }
  if (!options.near) return Status::Ok();
  if (options.threshold <= 0.0 || options.threshold > 1.0) {
    return Status::InvalidArgument("--threshold must be in (0, 1]");
  }
  DOCSIFT_RETURN_IF_ERROR(
      validate(MinHashOptions{.num_perm = options.num_perm, .seed = options.seed}));
  if (options.ngram == 0) return Status::InvalidArgument("--ngram must be at least 1");
  return Status::Ok();
}

std::optional<LineIndex> make_line_index(const PassageOptions& options, unsigned threads) {
  if (!options.lines.enabled) return std::nullopt;
  return std::optional<LineIndex>(std::in_place, options.lines, threads, options.read.budget);
}

OptionsText passage_options_text(const PassageOptions& o) {
  char threshold[32];
  std::snprintf(threshold, sizeof threshold, "%.17g", o.threshold);
  OptionsText t;
  t.add("stage", "passage decisions");
  add_read_options(t, o.read)
      .add("fold_digits", uint64_t{o.normalize.fold_digits})
      .add("unit", static_cast<uint64_t>(o.unit))
      .add("min_words", uint64_t{o.min_words})
      .add("near", uint64_t{o.near})
      .add("threshold", threshold)
      .add("shingle_unit", static_cast<uint64_t>(o.shingle_unit))
      .add("ngram", uint64_t{o.ngram})
      .add("num_perm", uint64_t{o.num_perm})
      .add("min_docs", uint64_t{o.min_docs})
      .add("boilerplate", static_cast<uint64_t>(o.boilerplate))
      .add("lines", uint64_t{o.lines.enabled})
      .add("line_min_docs", uint64_t{o.lines.min_docs})
      .add("seed", o.seed)
      .add("top_repeated", uint64_t{o.top_repeated});
  return t;
}

namespace {

// The counters a resumed run takes from the work directory's manifest.
WorkDir::CounterFields decision_counters(PassageSummary& s) {
  return {{"docs_read", &s.docs_read},
          {"passages", &s.passages},
          {"distinct_passages", &s.distinct_passages},
          {"duplicate_occurrences", &s.duplicate_occurrences},
          {"within_duplicates", &s.within_duplicates},
          {"across_duplicates", &s.across_duplicates},
          {"near_duplicate_groups", &s.near_duplicate_groups},
          {"passages_removed", &s.passages_removed},
          {"lines_removed", &s.lines_removed},
          {"text_bytes", &s.text_bytes},
          {"index_bytes", &s.index_bytes}};
}

Status write_skipped_lines(const CorpusPass& pass, OutputFile* report, const ReportLayout& layout) {
  if (report && layout.flat()) {
    std::string line;
    for (const SkippedRecord& s : pass.skipped()) {
      line.clear();
      append_skipped_line(line, s, layout);
      line.push_back('\n');
      report->write(line);
    }
  } else if (report) {
    write_skipped(pass.skipped(), *report);
  }
  return Status::Ok();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

Result<PassageSummary> run_passages(const PassagePaths& paths, const PassageOptions& options,
                                    const ProgressCallback& progress) {
  const auto start = std::chrono::steady_clock::now();
  DOCSIFT_RETURN_IF_ERROR(validate(options));
  if (paths.update && paths.index_dir.empty()) {
    return Status::InvalidArgument("--update needs --index DIR");
  }
  if (!paths.index_dir.empty() && !paths.work_dir.empty()) {
    return Status::InvalidArgument("--work-dir cannot be used with --index");
  }
  // The index first: a refused index (options, second writer, absent) costs no reading.
  std::unique_ptr<PassageCountIndex> counts;
  if (!paths.index_dir.empty()) {
    auto opened_counts = PassageCountIndex::open(paths.index_dir, options, paths.update);
    if (!opened_counts.ok()) return opened_counts.status();
    counts = std::move(opened_counts).value();
  }
  auto io =
      open_job(paths.inputs, {paths.report, paths.strip}, options.read, options.threads, progress);
  if (!io.ok()) return io.status();
  CorpusPass& pass = *io->pass;
  OutputFile* const report = io->files[0];
  OutputFile* const strip = io->files[1];
  PassageSummary summary;
  ReportLayout layout = paths.report_layout;
  layout.clean = false;
  // The stored report lines depend on the layout: a non-default one is part of the fingerprint
  // (the default leaves it as it was, so existing work directories still resume).
  OptionsText made_with = passage_options_text(options);
  if (layout.format == ReportFormat::kCsv) made_with.add("report_format", "csv");
  if (layout.with_text) made_with.add("report_text", uint64_t{1});
  auto opened_work = WorkDir::open_if_given(paths.work_dir, "passages", paths.inputs, made_with);
  if (!opened_work.ok()) return opened_work.status();
  std::optional<WorkDir> work = std::move(opened_work).value();
  summary.work_dir_stale = work && work->stale();
  CutWriter writer(strip, report, options.read.text_field);
  DocCuts cuts(made_with);

  if (work && work->has("report") && work->has("cuts")) {
    // Decided by an earlier run: one plain read (skipped records, bytes), then the writing pass.
    auto loaded_cuts = DocCuts::load(work->path("cuts"), &made_with);
    if (!loaded_cuts.ok()) return loaded_cuts.status();
    auto decided = load_stage_report(work->path("report"), &made_with);
    if (!decided.ok()) return decided.status();
    DOCSIFT_RETURN_IF_ERROR(
        pass.read("read", [](std::span<Record>, size_t) { return Status::Ok(); }));
    work->restore("report", decision_counters(summary));
    if (summary.docs_read != pass.docs()) {
      return Status::InvalidInput(work->path("report") + " holds " +
                                  std::to_string(summary.docs_read) + " documents, the inputs " +
                                  std::to_string(pass.docs()));
    }
    summary.bytes_read = pass.bytes_read();
    summary.docs_skipped = pass.skipped().size();
    summary.most_repeated = std::move(decided->most_repeated);
    summary.stages_resumed.push_back("read+decisions");
    if (report) report->write(report_header(layout) + decided->lines);
    cuts = std::move(loaded_cuts).value();
  } else {
    // Pass 1: index every qualifying passage.
    PassageIndex index(options, pass.threads());
    std::optional<LineIndex> lines = make_line_index(options, pass.threads());
    LineIndex* const lines_or_null = lines ? &*lines : nullptr;
    if (counts) counts->attach(index, lines_or_null);
    DOCSIFT_RETURN_IF_ERROR(
        detail::index_passages(pass, true, {}, index, summary, {}, lines_or_null));
    summary.docs_skipped = pass.skipped().size();
    if (!work) {
      // Pass 2: decide, report and strip each document.
      if (report) report->write(report_header(layout));
      DOCSIFT_RETURN_IF_ERROR(
          detail::write_passages(pass, {}, index, layout, writer, cuts, summary, lines_or_null));
      // After the outputs are committed, the batch's counts go to the index (atomically).
      if (counts) {
        DOCSIFT_RETURN_IF_ERROR(write_skipped_lines(pass, report, layout));
        DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
        DOCSIFT_RETURN_IF_ERROR(counts->update(index, lines_or_null));
        summary.index_docs_before = counts->docs_before();
        summary.index_docs_after = counts->num_docs();
        summary.index_bytes_on_disk = counts->bytes_on_disk();
        summary.seconds = seconds_since(start);
        return summary;
      }
    } else {
      // Pass 2 decides into artifacts saved as a stage, so that a run killed while writing
      // resumes there; pass 3 writes.
      StageReport decided{.options = made_with, .lines = {}, .most_repeated = {}};
      DOCSIFT_RETURN_IF_ERROR(detail::decide_passages(
          pass, "decide", {}, index, layout, cuts, summary,
          [&](std::string_view line) {
            decided.lines += line;
            decided.lines += '\n';
          },
          {}, lines_or_null));
      decided.most_repeated = summary.most_repeated;
      DOCSIFT_RETURN_IF_ERROR(cuts.save(work->path("cuts")));
      DOCSIFT_RETURN_IF_ERROR(work->complete("cuts"));
      DOCSIFT_RETURN_IF_ERROR(save_stage_report(decided, work->path("report")));
      DOCSIFT_RETURN_IF_ERROR(work->complete("report", decision_counters(summary)));
      if (report) report->write(report_header(layout) + decided.lines);
    }
  }
  if (summary.stages_resumed.size() > 0 || work) {
    DOCSIFT_RETURN_IF_ERROR(detail::apply_cuts(pass, {}, cuts, writer, summary));
  }
  DOCSIFT_RETURN_IF_ERROR(write_skipped_lines(pass, report, layout));
  DOCSIFT_RETURN_IF_ERROR(io->outputs.commit());
  summary.seconds = seconds_since(start);
  return summary;
}

}  // namespace docsift
