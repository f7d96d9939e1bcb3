// docsift passages and docsift clean: duplicate passages within and across documents, and the
// whole cleaning job (documents, then passages).

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "command_run.h"
#include "commands.h"
#include "html_output.h"
#include "options_check.h"
#include "options_dedup.h"
#include "options_outputs.h"
#include "options_passages.h"
#include "options_run.h"
#include "pipeline/clean_job.h"
#include "pipeline/passages_job.h"
#include "progress.h"
#include "stats.h"
#include "text/display_width.h"

namespace docsift::cli {
namespace {

// `stripped`: whether the run wrote documents with the passages cut (without --strip the
// library counts what would go, not documents changed or bytes).
void print_passage_summary(const PassageSummary& s, bool stripped) {
  print_row("passages",
            with_commas(s.passages) + " (" + with_commas(s.distinct_passages) + " distinct)");
  print_row("duplicate passages", with_commas(s.duplicate_occurrences) + " (" +
                                      with_commas(s.within_duplicates) + " within a document, " +
                                      with_commas(s.across_duplicates) + " across documents)");
  if (stripped) {
    print_row("passages removed", with_commas(s.passages_removed) + " from " +
                                      count_noun(s.docs_changed, "document") + ", " +
                                      human_bytes(static_cast<double>(s.bytes_removed)));
  } else {
    print_row("passages to remove",
              with_commas(s.passages_removed) +
                  (s.passages_removed ? " (not removed: pass --strip FILE)" : ""));
  }
  if (s.lines_removed) {
    print_row("boilerplate lines", with_commas(s.lines_removed) +
                                       (stripped ? " removed" : " to remove (pass --strip FILE)"));
  }
  if (s.docs_skipped) print_row("skipped (bad records)", with_commas(s.docs_skipped));
  if (!s.most_repeated.empty()) {
    std::cerr << "  most repeated passages:\n";
    for (const RepeatedPassage& r : s.most_repeated) {
      std::string text = r.text;
      for (char& c : text) {
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
      }
      text = clip_to_width(text, 70);  // columns, whatever the script
      char counts[64];
      std::snprintf(counts, sizeof counts, "%6llu x in %5llu docs  ",
                    static_cast<unsigned long long>(r.occurrences),
                    static_cast<unsigned long long>(r.documents));
      std::cerr << "    " << counts << text << "\n";
    }
  }
}

void print_rate(uint64_t bytes, uint64_t docs, double seconds) {
  const double secs = std::max(seconds, 1e-9);
  char rate[128];
  std::snprintf(rate, sizeof rate, "%.2f s, %.1f MB/s, %s docs/s", seconds, bytes / secs / 1e6,
                with_commas(static_cast<uint64_t>(docs / secs)).c_str());
  print_row("input", human_bytes(static_cast<double>(bytes)) + " in " + rate);
  print_row("peak memory", human_bytes(static_cast<double>(peak_rss_bytes())));
}

}  // namespace

void add_passages_command(CLI::App& app, int& exit_status) {
  struct Args {
    InputArgs in;
    PassageArgs passages;
    RunArgs run;
    OutputArgs outputs;
    PassagePaths paths;
    std::string report_format = "jsonl";
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "passages", "Find duplicate passages within and across documents; --strip cuts them out");
  args->in.add_to(*cmd);
  args->passages.add_to(*cmd);
  args->outputs.add(*cmd, "-r,--report", args->paths.report, "One JSON line per duplicate passage");
  cmd->add_option("--report-format", args->report_format,
                  "jsonl (duplicate_of nested) | csv (flat columns)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->group("Outputs");
  cmd->add_flag("--with-text", args->paths.report_layout.with_text,
                "Put each passage's text in its report line (a text field)")
      ->group("Outputs");
  args->outputs.add(*cmd, "--strip", args->paths.strip,
                    "Write every document with its duplicate passages cut out (JSONL)");
  args->outputs.add_stats(*cmd);
  cmd->add_option("--index", args->paths.index_dir,
                  "Stored passage counts in DIR: a passage or line whose documents there plus "
                  "in this batch reach the boilerplate threshold is boilerplate (exact passages "
                  "and lines; near-duplicate groups are not carried across batches)")
      ->type_name("DIR")
      ->group("Index");
  cmd->add_flag("--update", args->paths.update,
                "With --index: add this batch's counts to the index after the outputs are "
                "written (created if absent)")
      ->group("Index");
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] {
    exit_status = [&] {
      // Every option is checked before any input is read.
      CommandRun command(*cmd, args->in, args->run, args->outputs);
      if (Status s = command.begin(); !s.ok()) return fail(s);
      const PassageOptions options =
          args->passages.finish(*cmd, command.read(), args->in, args->run);
      command.warn_unused();
      if (args->paths.report.empty()) {
        warn_if_given(*cmd, "--report-format", "--report only");
        warn_if_given(*cmd, "--with-text", "--report only");
      }
      args->paths.report_layout.format = report_format_of(args->report_format);
      args->paths.inputs = args->in.inputs;
      args->paths.work_dir = args->run.work_dir;
      Progress progress(args->run.quiet,
                        {{"read", "read"}, {"group", "group"}, {"write", "write"}});
      auto result = run_passages(args->paths, options, progress.callback());
      progress.finish();
      if (!result.ok()) return fail(result.status());
      const PassageSummary& s = result.value();
      report_work_dir(args->run, s.stages_resumed, s.work_dir_stale);
      if (!args->run.quiet) {
        std::cerr << "docsift passages: " << count_noun(s.docs_read, "document") << "\n";
        print_passage_summary(s, !args->paths.strip.empty());
        if (!args->paths.index_dir.empty()) {
          print_row("index", args->paths.index_dir + ": " +
                                 count_noun(s.index_docs_before, "document") + " before, " +
                                 with_commas(s.index_docs_after) + " after, " +
                                 human_bytes(static_cast<double>(s.index_bytes_on_disk)));
        }
        print_rate(s.bytes_read, s.docs_read, s.seconds);
      }
      return command.finish(summary_json(s), progress);
    }();
  });
}

void add_clean_command(CLI::App& app, int& exit_status) {
  struct Args {
    InputArgs in;
    PassageArgs passages;
    // clean's --unit is the passage unit; the document shingle unit is --shingle-unit.
    DocDedupArgs dedup{"minhash", "--shingle-unit"};
    RunArgs run;
    OutputArgs outputs;
    CleanPaths paths;
    std::string report_format = "jsonl";
    std::string clusters;
    std::string html;
    uint32_t substrings = 0;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "clean", "Clean a corpus: remove duplicate documents, then strip duplicate passages");
  args->in.add_to(*cmd);
  args->dedup.add_to(*cmd);
  args->passages.add_to(*cmd);
  args->outputs
      .add(*cmd, "-o,--output", args->paths.output, "Cleaned documents, JSONL (- = stdout)")
      ->required();
  args->outputs.add(*cmd, "-r,--report", args->paths.report,
                    "One JSON line per removed document or passage");
  cmd->add_option("--report-format", args->report_format,
                  "jsonl | csv (one flat schema: the same columns on every line)")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->group("Outputs");
  cmd->add_flag("--with-text", args->paths.report_layout.with_text,
                "Put each removed passage's text in its report line (a text column)")
      ->group("Outputs");
  cmd->add_option("--clusters", args->clusters,
                  "Not written by clean (use dedup --clusters); warned about and ignored")
      ->group("Outputs");
  args->outputs.add(*cmd, "--html", args->html,
                    "A self-contained HTML page: duplicate groups side by side, repeated "
                    "passages, sizes before and after");
  cmd->add_option("--substrings", args->substrings,
                  "Also cut every span of at least N bytes repeated anywhere among the kept "
                  "documents (suffix array, as `docsift substrings`)")
      ->check(CLI::Range(1u, 1u << 30))
      ->group("Substrings");
  args->outputs.add_stats(*cmd);
  args->run.add_to(*cmd, /*with_work_dir=*/true);
  cmd->callback([cmd, args, &exit_status] {
    exit_status = [&] {
      // Every option is checked before any input is read.
      CommandRun command(*cmd, args->in, args->run, args->outputs);
      if (Status s = command.begin(); !s.ok()) return fail(s);
      DedupOptions d;
      d.read = command.read();
      d.normalize = args->in.normalize_options();
      d.threads = args->run.threads;
      if (Status s = args->dedup.finish(*cmd, d); !s.ok()) return fail(s);
      PassageOptions p = args->passages.finish(*cmd, command.read(), args->in, args->run);
      p.seed = d.seed;
      command.warn_unused();
      // run_clean writes no duplicate groups: say so rather than ignore silently.
      if (!args->clusters.empty()) {
        warn("--clusters is not written by clean (dedup --clusters writes it); ignored");
      }
      if (args->paths.report.empty()) {
        warn_if_given(*cmd, "--report-format", "--report only");
        warn_if_given(*cmd, "--with-text", "--report only");
      }
      args->paths.report_layout.format = report_format_of(args->report_format);
      args->paths.inputs = args->in.inputs;
      args->paths.work_dir = args->run.work_dir;
      Progress progress(args->run.quiet, {{"read", "documents: read"},
                                          {"group", "documents: group"},
                                          {"write", "documents: write"},
                                          {"read", "passages: read"},
                                          {"group", "passages: group"},
                                          {"write", "passages: write"}});
      const CleanSubstrings sub{.min_bytes = args->substrings,
                                .remove = SubstringRemove::kLater,
                                .max_memory = args->run.max_memory_bytes};
      auto result = run_clean(args->paths, d, p, sub, progress.callback());
      progress.finish();
      if (!result.ok()) return fail(result.status());
      const CleanSummary& s = result.value();
      report_work_dir(args->run, s.documents.stages_resumed, s.documents.work_dir_stale);
      if (!args->run.quiet) {
        const DedupSummary& ds = s.documents;
        std::cerr << "docsift clean: " << count_noun(ds.docs_read, "document") << " ("
                  << args->dedup.method << " dedup";
        if (d.method == DedupMethod::kMinHash) std::cerr << ", threshold " << d.threshold;
        if (d.method == DedupMethod::kSimHash) std::cerr << ", hamming <= " << d.max_hamming;
        std::cerr << ")\n";
        char pct[32];
        std::snprintf(pct, sizeof pct, " (%.1f%%)",
                      ds.docs_read ? 100.0 * ds.docs_removed / ds.docs_read : 0.0);
        print_row("documents removed", with_commas(ds.docs_removed) + pct + " in " +
                                           count_noun(ds.duplicate_groups, "group"));
        if (ds.docs_skipped) print_row("skipped (bad records)", with_commas(ds.docs_skipped));
        print_row("documents kept", with_commas(ds.docs_kept));
        print_passage_summary(s.passages, /*stripped=*/true);
        if (args->substrings) {
          print_row("repeated substrings",
                    with_commas(s.substrings.spans) +
                        " spans of >= " + std::to_string(args->substrings) + " bytes, " +
                        human_bytes(static_cast<double>(s.substrings.span_bytes)) + " in " +
                        count_noun(s.substrings.docs_changed, "document"));
        }
        const uint64_t removed = ds.text_bytes_removed + s.passages.bytes_removed;
        print_row("text removed", human_bytes(static_cast<double>(removed)) + " of " +
                                      human_bytes(static_cast<double>(ds.text_bytes)));
        print_rate(ds.bytes_read, ds.docs_read, s.seconds);
      }
      if (!args->html.empty()) {
        if (Status h = write_clean_html(args->html, args->paths.inputs, s); !h.ok()) return fail(h);
      }
      return command.finish(summary_json(s), progress);
    }();
  });
}

}  // namespace docsift::cli
