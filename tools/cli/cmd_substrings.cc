// docsift substrings: exact substring dedup with a suffix array (every span of at least
// --min-bytes bytes repeated anywhere in the corpus).

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_run.h"
#include "commands.h"
#include "io/json_writer.h"
#include "options_check.h"
#include "options_outputs.h"
#include "options_run.h"
#include "pipeline/substrings_job.h"
#include "progress.h"
#include "stats.h"

namespace docsift::cli {
namespace {

std::string substring_summary_json(const SubstringSummary& s) {
  std::string out;
  JsonObject(out)
      .field("docs_read", s.docs_read)
      .field("docs_changed", s.docs_changed)
      .field("docs_skipped", s.docs_skipped)
      .field("spans", s.spans)
      .field("within_spans", s.within_spans)
      .field("across_spans", s.across_spans)
      .field("span_bytes", s.span_bytes)
      .field("bytes_read", s.bytes_read)
      .field("text_bytes", s.text_bytes)
      .field("bytes_removed", s.bytes_removed)
      .field("state_bytes", s.state_bytes)
      .field("shards", s.shards)
      .field("seconds", s.seconds)
      .close();
  return out;
}

void print_substring_summary(const SubstringSummary& s, bool stripped) {
  std::cerr << "docsift substrings: " << count_noun(s.docs_read, "document") << "\n";
  print_row("repeated spans", with_commas(s.spans) + " (" + with_commas(s.within_spans) +
                                  " within a document, " + with_commas(s.across_spans) +
                                  " across documents), " +
                                  human_bytes(static_cast<double>(s.span_bytes)) + " of " +
                                  human_bytes(static_cast<double>(s.text_bytes)));
  if (stripped) {
    print_row("removed", human_bytes(static_cast<double>(s.bytes_removed)) + " from " +
                             count_noun(s.docs_changed, "document"));
  } else {
    print_row("to remove", count_noun(s.docs_changed, "document") +
                               (s.spans ? " (not removed: pass --strip FILE)" : ""));
  }
  if (s.docs_skipped) print_row("skipped (bad records)", with_commas(s.docs_skipped));
  print_row("suffix-array state",
            human_bytes(static_cast<double>(s.state_bytes)) +
                (s.shards > 1 ? " (" + with_commas(s.shards) +
                                    (s.pairwise ? " shards, indexed in pairs)"
                                                : " shards, sorted in parallel and merged)")
                              : ""));
  const double secs = std::max(s.seconds, 1e-9);
  char rate[96];
  std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s", s.seconds, s.bytes_read / secs / 1e6);
  print_row("input", human_bytes(static_cast<double>(s.bytes_read)) + " in " + rate);
  print_row("peak memory", human_bytes(static_cast<double>(peak_rss_bytes())));
}

}  // namespace

void add_substrings_command(CLI::App& app, int& exit_status) {
  struct Args {
    InputArgs in;
    RunArgs run;
    OutputArgs outputs;
    SubstringPaths paths;
    uint32_t min_bytes = 100;
    std::string remove = "later";
    bool normalized = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "substrings",
      "Find spans of at least --min-bytes bytes repeated anywhere in the corpus (suffix array); "
      "--strip cuts them out");
  args->in.add_to(*cmd);
  cmd->add_option("--min-bytes", args->min_bytes,
                  "Shortest repeated span, in bytes (spans are widened to whole characters)")
      ->check(CLI::Range(1u, 1u << 30))
      ->group("Substrings");
  cmd->add_option("--remove", args->remove,
                  "later: every occurrence but the first in input order; all: every occurrence")
      ->check(CLI::IsMember({"later", "all"}))
      ->group("Substrings");
  cmd->add_flag("--normalized", args->normalized,
                "Find repeats on the normalised text (case, width, whitespace and punctuation "
                "folded); spans are reported and cut at original byte offsets")
      ->group("Substrings");
  args->outputs.add(*cmd, "-r,--report", args->paths.report, "One JSON line per repeated span");
  args->outputs.add(*cmd, "--strip", args->paths.strip,
                    "Write every document with its repeated spans cut out (JSONL)");
  args->outputs.add_stats(*cmd);
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] {
    exit_status = [&] {
      // Every option is checked before any input is read.
      CommandRun command(*cmd, args->in, args->run, args->outputs);
      SubstringJobOptions options;
      if (Status s = command.begin(); !s.ok()) return fail(s);
      command.warn_unused();
      // Repeats are found on the text as it is, or normalised without digit folding.
      warn_if_given(*cmd, "--fold-digits", "dedup, passages and clean");
      options.normalized = args->normalized;
      options.read = command.read();
      options.threads = args->run.threads;
      // --max-memory bounds the suffix-array state, which dominates: the plan shards the corpus to
      // fit it (substring_repeats.h), as before the budget; the reader is not charged besides.
      options.read.budget = nullptr;
      options.max_memory = args->run.max_memory_bytes;
      options.substrings.min_bytes = args->min_bytes;
      options.substrings.remove =
          args->remove == "all" ? SubstringRemove::kAll : SubstringRemove::kLater;
      args->paths.inputs = args->in.inputs;
      args->paths.work_dir = args->run.work_dir;
      Progress progress(args->run.quiet,
                        {{"read", "read"}, {"group", "suffix array"}, {"write", "write"}});
      auto result = run_substrings(args->paths, options, progress.callback());
      progress.finish();
      if (!result.ok()) return fail(result.status());
      report_work_dir(args->run, result->stages_resumed, result->work_dir_stale);
      if (!args->run.quiet) print_substring_summary(result.value(), !args->paths.strip.empty());
      return command.finish(substring_summary_json(result.value()), progress);
    }();
  });
}

}  // namespace docsift::cli
