// docsift dedup: duplicate documents, exact or near (MinHash + LSH, SimHash).

#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_run.h"
#include "commands.h"
#include "dist/launcher.h"
#include "distributed.h"
#include "options_check.h"
#include "options_dedup.h"
#include "options_outputs.h"
#include "options_run.h"
#include "pipeline/dedup_job.h"
#include "pipeline/indexed_dedup_job.h"
#include "progress.h"
#include "stats.h"

namespace docsift::cli {
namespace {

struct DedupArgs {
  InputArgs in;
  RunArgs run;
  OutputArgs outputs;
  DocDedupArgs dedup{"exact", "--unit"};
  DedupPaths paths;
  std::string report_format = "jsonl";
  std::string index_dir;  // --index: dedup against a stored index (pipeline/indexed_dedup_job.h)
  bool update = false;
  DedupOptions options;  // filled by run()
};

void print_summary(const DedupArgs& a, const DedupSummary& s) {
  std::cerr << "docsift dedup: " << a.dedup.method;
  if (a.options.method == DedupMethod::kMinHash) {
    std::cerr << ", threshold " << a.options.threshold << ", " << a.options.ngram << "-"
              << a.dedup.unit << " shingles, " << a.options.num_perm << " perms (" << s.num_bands
              << " bands x " << s.rows_per_band << " rows), " << a.dedup.sketch << " sketch ["
              << s.simd_path << "]";
  } else if (a.options.method == DedupMethod::kSimHash) {
    std::cerr << ", hamming <= " << a.options.max_hamming << ", " << a.options.ngram << "-"
              << a.dedup.unit << " shingles";
  }
  std::cerr << "\n";
  print_row("documents read", with_commas(s.docs_read));
  print_row("kept", with_commas(s.docs_kept));
  char pct[64];
  std::snprintf(pct, sizeof pct, " (%.1f%%)",
                s.docs_read ? 100.0 * s.docs_removed / s.docs_read : 0.0);
  print_row("removed", with_commas(s.docs_removed) + pct + " in " +
                           count_noun(s.duplicate_groups, "group") + ", largest " +
                           with_commas(s.largest_group));
  if (s.docs_skipped) print_row("skipped (bad records)", with_commas(s.docs_skipped));
  if (s.candidate_pairs) print_row("candidate pairs", with_commas(s.candidate_pairs));
  print_row("text removed", human_bytes(static_cast<double>(s.text_bytes_removed)) + " of " +
                                human_bytes(static_cast<double>(s.text_bytes)));
  const double secs = std::max(s.seconds, 1e-9);
  char rate[128];
  std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s, %s docs/s", s.seconds,
                s.bytes_read / secs / 1e6,
                with_commas(static_cast<uint64_t>(s.docs_read / secs)).c_str());
  print_row("input", human_bytes(static_cast<double>(s.bytes_read)) + " in " + rate);
  print_row("peak memory", human_bytes(static_cast<double>(peak_rss_bytes())));
  if (s.large_groups) {
    std::cerr << "docsift: warning: " << s.large_groups << " duplicate group(s) have more than "
              << a.options.large_group_warning
              << " documents; check --threshold or the report for boilerplate-only documents\n";
  }
}

// One index, one writer: ranks of an MPI run would each write it (see store/stored_index.h).
int run_indexed(const CommandRun& command, DedupArgs& a) {
  if (dist::detect_launcher().size > 1) {
    return fail(Status::InvalidArgument(
        "--index is not supported under mpirun (a stored index has one writer): run dedup "
        "--index in a single process"));
  }
  Progress progress(a.run.quiet, {{"read", "read"},
                                  {"lookup", "index lookup"},
                                  {"group", "group"},
                                  {"write", "write"},
                                  {"update", "index update"}});
  IndexedDedupPaths paths{.dedup = a.paths, .index_dir = a.index_dir, .update = a.update};
  auto result = run_indexed_dedup(paths, a.options, progress.callback());
  progress.finish();
  if (!result.ok()) return fail(result.status());
  const IndexedDedupSummary& r = result.value();
  if (!a.run.quiet) {
    print_summary(a, r.dedup);
    print_row("removed by the index", with_commas(r.removed_by_index) + " (index lookups " +
                                          std::to_string(r.lookup_seconds) + " s)");
    print_row("index", with_commas(r.index_docs_before) + " -> " + with_commas(r.index_docs_after) +
                           " documents, " + human_bytes(static_cast<double>(r.index_bytes)) +
                           " in " + std::to_string(r.index_segments) + " segment(s)");
  }
  return command.finish(summary_json(r.dedup), progress);
}

int run(const CLI::App& cmd, DedupArgs& a) {
  // Every option is checked before any input is read.
  CommandRun command(cmd, a.in, a.run, a.outputs);
  if (Status s = command.begin(); !s.ok()) return fail(s);
  a.options.read = command.read();
  a.options.normalize = a.in.normalize_options();
  a.options.threads = a.run.threads;
  if (Status s = a.dedup.finish(cmd, a.options); !s.ok()) return fail(s);
  command.warn_unused();
  if (a.paths.report.empty()) warn_if_given(cmd, "--report-format", "--report only");
  a.paths.inputs = a.in.inputs;
  a.paths.work_dir = a.run.work_dir;
  a.paths.report_format = report_format_of(a.report_format);
  if (!a.index_dir.empty()) return run_indexed(command, a);
  if (a.update) return fail(Status::InvalidArgument("--update needs --index DIR"));
  // Under a launcher with more than one rank the same command runs distributed; rank 0 reports.
  const dist::Comm& comm = dist::Comm::world();
  Progress progress(a.run.quiet || !comm.root(),
                    {{"read", "read"}, {"group", "group"}, {"write", "write"}});
  RankFigures ranks;
  auto result = comm.distributed() || !a.paths.output_parts.empty()
                    ? run_dedup_distributed(a.paths, a.options, progress.callback(), comm, &ranks)
                    : run_dedup(a.paths, a.options, progress.callback());
  progress.finish();
  if (!result.ok()) return fail(result.status());
  if (!comm.root()) return 0;
  report_work_dir(a.run, result->stages_resumed, result->work_dir_stale);
  if (!a.run.quiet) print_summary(a, result.value());
  if (!a.run.quiet && comm.distributed()) print_rank_figures(ranks);
  return command.finish(summary_json(result.value()), progress);
}

}  // namespace

void add_dedup_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd =
      app.add_subcommand("dedup", "Remove duplicate documents (exact, MinHash+LSH, SimHash)");
  args->in.add_to(*cmd);
  args->dedup.add_to(*cmd);
  args->outputs.add(*cmd, "-o,--output", args->paths.output, "Kept records, JSONL (- = stdout)");
  args->outputs.add(*cmd, "-r,--report", args->paths.report, "One line per removed document");
  cmd->add_option("--report-format", args->report_format, "jsonl | csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->group("Outputs");
  args->outputs.add(*cmd, "--output-parts", args->paths.output_parts,
                    "Kept records as DIR/part-NNNNN.jsonl, one per MPI rank, and DIR/_SUCCESS");
  args->outputs.add(*cmd, "--clusters", args->paths.clusters,
                    "Every document's duplicate group id and size (JSONL)");
  args->outputs.add_stats(*cmd);
  cmd->add_option("--index", args->index_dir,
                  "Dedup against the stored index in DIR: documents duplicating an indexed one "
                  "are removed (report \"source\":\"index\"); --keep first only (default: "
                  "none)")
      ->type_name("DIR")
      ->group("Index");
  cmd->add_flag("--update", args->update,
                "With --index: add the kept documents to the index (created if absent)")
      ->group("Index");
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] { exit_status = run(*cmd, *args); });
}

}  // namespace docsift::cli
