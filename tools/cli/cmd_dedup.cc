// docsift dedup: duplicate documents, exact or near (MinHash + LSH, SimHash).

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_run.h"
#include "commands.h"
#include "options_check.h"
#include "options_dedup.h"
#include "options_outputs.h"
#include "options_run.h"
#include "pipeline/dedup_job.h"
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
  Progress progress(a.run.quiet, {{"read", "read"}, {"group", "group"}, {"write", "write"}});
  auto result = run_dedup(a.paths, a.options, progress.callback());
  progress.finish();
  if (!result.ok()) return fail(result.status());
  report_work_dir(a.run, result->stages_resumed, result->work_dir_stale);
  if (!a.run.quiet) print_summary(a, result.value());
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
  args->outputs.add(*cmd, "--clusters", args->paths.clusters,
                    "Every document's duplicate group id and size (JSONL)");
  args->outputs.add_stats(*cmd);
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] { exit_status = run(*cmd, *args); });
}

}  // namespace docsift::cli
