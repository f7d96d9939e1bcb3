// docsift dedup: duplicate documents, exact or near (MinHash + LSH, SimHash).

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "commands.h"
#include "pipeline/dedup_job.h"

namespace docsift::cli {
namespace {

struct DedupArgs {
  InputArgs in;
  DedupPaths paths;
  std::string method = "exact";
  std::string unit = "word";
  std::string sketch = "classic";
  std::string verify = "estimate";
  std::string keep = "first";
  std::string report_format = "jsonl";
  DedupOptions options;
};

void print_summary(const DedupArgs& a, const DedupSummary& s) {
  std::cerr << "docsift dedup: " << a.method;
  if (a.options.method == DedupMethod::kMinHash) {
    std::cerr << ", threshold " << a.options.threshold << ", " << a.options.ngram << "-" << a.unit
              << " shingles, " << a.options.num_perm << " perms (" << s.bands << " bands x "
              << s.rows << " rows), " << a.sketch << " sketch [" << s.simd_path << "]";
  } else if (a.options.method == DedupMethod::kSimHash) {
    std::cerr << ", hamming <= " << a.options.max_hamming << ", " << a.options.ngram << "-"
              << a.unit << " shingles";
  }
  std::cerr << "\n";
  print_row("documents read", with_commas(s.docs_read));
  print_row("kept", with_commas(s.docs_kept));
  char pct[64];
  std::snprintf(pct, sizeof pct, " (%.1f%%)",
                s.docs_read ? 100.0 * s.docs_removed / s.docs_read : 0.0);
  print_row("removed", with_commas(s.docs_removed) + pct + " in " +
                           with_commas(s.clusters_with_duplicates) + " clusters, largest " +
                           with_commas(s.largest_cluster));
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
  if (s.large_clusters) {
    std::cerr << "docsift: warning: " << s.large_clusters << " cluster(s) have more than "
              << a.options.large_cluster_warning
              << " documents; check --threshold or the report for boilerplate-only documents\n";
  }
}

int run(DedupArgs& a) {
  auto read = a.in.read_options();
  if (!read.ok()) return fail(read.status());
  a.paths.inputs = a.in.inputs;
  a.options.read = read.value();
  a.options.normalize = a.in.normalize_options();
  a.options.threads = a.in.threads;
  a.options.method = a.method == "minhash"   ? DedupMethod::kMinHash
                     : a.method == "simhash" ? DedupMethod::kSimHash
                                             : DedupMethod::kExact;
  a.options.unit = a.unit == "char" ? ShingleUnit::kChar : ShingleUnit::kWord;
  a.options.sketch = a.sketch == "oph" ? SketchKind::kOnePermutation : SketchKind::kClassic;
  a.options.verify = a.verify == "exact" ? VerifyMode::kExact : VerifyMode::kEstimate;
  a.options.keep = a.keep == "longest" ? KeepPolicy::kLongest : KeepPolicy::kFirst;
  a.paths.report_format = a.report_format == "csv" ? ReportFormat::kCsv : ReportFormat::kJsonl;
  Progress progress(a.in.quiet);
  auto result = run_dedup(a.paths, a.options,
                          [&](const char* phase, uint64_t bytes, uint64_t total, uint64_t docs) {
                            progress.update(phase, bytes, total, docs);
                          });
  progress.finish();
  if (!result.ok()) return fail(result.status());
  if (!a.in.quiet) print_summary(a, result.value());
  return 0;
}

}  // namespace

void add_dedup_command(CLI::App& app, int& exit_status) {
  auto args = std::make_shared<DedupArgs>();
  CLI::App* cmd =
      app.add_subcommand("dedup", "Remove duplicate documents (exact, MinHash+LSH, SimHash)");
  args->in.add_to(*cmd);
  DedupOptions& o = args->options;
  cmd->add_option("-m,--method", args->method, "exact | minhash | simhash")
      ->check(CLI::IsMember({"exact", "minhash", "simhash"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", args->paths.output, "Kept records, JSONL (- = stdout)");
  cmd->add_option("-r,--report", args->paths.report, "One line per removed document");
  cmd->add_option("--report-format", args->report_format, "jsonl | csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  cmd->add_option("--clusters", args->paths.clusters,
                  "Every document's cluster id and size (JSONL)");
  cmd->add_option("--keep", args->keep, "Which member of a cluster is kept: first | longest")
      ->check(CLI::IsMember({"first", "longest"}));
  cmd->add_option("-t,--threshold", o.threshold, "Jaccard similarity of duplicates")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  cmd->add_option("-n,--ngram", o.ngram, "Shingle length in words or characters")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--unit", args->unit, "Shingle unit: word | char")
      ->check(CLI::IsMember({"word", "char"}));
  cmd->add_option("--num-perm", o.num_perm, "MinHash permutations")
      ->check(CLI::Range(8, 4096))
      ->capture_default_str();
  cmd->add_option("--bands", o.bands, "LSH bands (default: chosen from the threshold)");
  cmd->add_option("--rows", o.rows, "LSH rows per band (default: chosen from the threshold)");
  cmd->add_option("--fp-weight", o.fp_weight, "Weight of false positives when choosing bands/rows")
      ->capture_default_str();
  cmd->add_option("--fn-weight", o.fn_weight, "Weight of false negatives when choosing bands/rows")
      ->capture_default_str();
  cmd->add_option("--sketch", args->sketch, "MinHash kind: classic | oph (one permutation)")
      ->check(CLI::IsMember({"classic", "oph"}));
  cmd->add_option("--verify", args->verify,
                  "Check candidates by estimated (signature) or exact (shingle set) Jaccard")
      ->check(CLI::IsMember({"estimate", "exact"}));
  cmd->add_option("--hamming", o.max_hamming, "SimHash: largest Hamming distance of duplicates")
      ->check(CLI::Range(0, 32))
      ->capture_default_str();
  cmd->add_option("--seed", o.seed, "Seed of shingle hashes and sketches")->capture_default_str();
  cmd->add_option("--warn-cluster-size", o.large_cluster_warning,
                  "Warn about clusters larger than this");
  cmd->callback([args, &exit_status] { exit_status = run(*args); });
}

}  // namespace docsift::cli
