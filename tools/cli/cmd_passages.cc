// docsift passages and docsift clean: duplicate passages within and across documents, and the
// whole cleaning job (documents, then passages).

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "commands.h"
#include "pipeline/clean_job.h"
#include "pipeline/passages_job.h"

namespace docsift::cli {
namespace {

struct PassageArgs {
  std::string unit = "block";
  std::string shingle_unit = "char";
  std::string boilerplate = "remove";
  bool exact_only = false;
  double max_memory_mb = 0;
  PassageOptions options;

  void add_to(CLI::App& cmd) {
    PassageOptions& o = options;
    cmd.add_option("--unit", unit, "Passages: block (paragraphs, lines, bullets) | sentence")
        ->check(CLI::IsMember({"block", "sentence"}));
    cmd.add_option("--min-words", o.min_words, "Shorter passages are never reported or removed")
        ->capture_default_str();
    cmd.add_option("--passage-threshold", o.threshold, "Jaccard of near-duplicate passages")
        ->check(CLI::Range(0.01, 1.0))
        ->capture_default_str();
    cmd.add_option("--passage-ngram", o.ngram, "Shingle length for passages")
        ->check(CLI::Range(1, 64))
        ->capture_default_str();
    cmd.add_option("--passage-shingle", shingle_unit, "Passage shingles: char | word")
        ->check(CLI::IsMember({"char", "word"}));
    cmd.add_flag("--exact-only", exact_only, "Only exact duplicate passages (smaller index)");
    cmd.add_option("--min-docs", o.min_docs, "A passage in this many documents is boilerplate")
        ->check(CLI::Range(2, 1 << 30))
        ->capture_default_str();
    cmd.add_option("--boilerplate", boilerplate, "remove (from every document) | keep-first")
        ->check(CLI::IsMember({"remove", "keep-first"}));
    cmd.add_option("--max-memory", max_memory_mb,
                   "Memory budget of the passage index, MB (0 = none)");
  }

  void finish(const InputArgs& in) {
    options.read = in.read_options().value();
    options.normalize = in.normalize_options();
    options.threads = in.threads;
    options.unit = unit == "sentence" ? PassageUnit::kSentence : PassageUnit::kBlock;
    options.shingle_unit = shingle_unit == "word" ? ShingleUnit::kWord : ShingleUnit::kChar;
    options.boilerplate =
        boilerplate == "keep-first" ? BoilerplateMode::kKeepFirst : BoilerplateMode::kRemove;
    options.near = !exact_only;
    options.max_memory = static_cast<size_t>(max_memory_mb * (1 << 20));
  }
};

void print_passage_summary(const PassageSummary& s) {
  print_row("passages",
            with_commas(s.passages) + " (" + with_commas(s.distinct_passages) + " distinct)");
  print_row("duplicate passages", with_commas(s.duplicate_occurrences) + " (" +
                                      with_commas(s.within_duplicates) + " within a document, " +
                                      with_commas(s.across_duplicates) + " across documents)");
  print_row("passages removed", with_commas(s.passages_removed) + " from " +
                                    with_commas(s.docs_changed) + " documents, " +
                                    human_bytes(static_cast<double>(s.bytes_removed)));
  if (!s.most_repeated.empty()) {
    std::cerr << "  most repeated passages:\n";
    for (const RepeatedPassage& r : s.most_repeated) {
      std::string text = r.text;
      for (char& c : text) {
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
      }
      if (text.size() > 70) {
        size_t cut = 67;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
        text = text.substr(0, cut) + "...";
      }
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
    PassagePaths paths;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "passages", "Find duplicate passages within and across documents; --strip cuts them out");
  args->in.add_to(*cmd);
  args->passages.add_to(*cmd);
  cmd->add_option("-r,--report", args->paths.report, "One JSON line per duplicate passage");
  cmd->add_option("--strip", args->paths.strip,
                  "Write every document with its duplicate passages cut out (JSONL)");
  cmd->callback([args, &exit_status] {
    auto read = args->in.read_options();
    if (!read.ok()) {
      exit_status = fail(read.status());
      return;
    }
    args->passages.finish(args->in);
    args->paths.inputs = args->in.inputs;
    Progress progress(args->in.quiet);
    auto result = run_passages(args->paths, args->passages.options,
                               [&](const char* phase, uint64_t b, uint64_t t, uint64_t d) {
                                 progress.update(phase, b, t, d);
                               });
    progress.finish();
    if (!result.ok()) {
      exit_status = fail(result.status());
      return;
    }
    const PassageSummary& s = result.value();
    if (!args->in.quiet) {
      std::cerr << "docsift passages: " << with_commas(s.docs_read) << " documents\n";
      print_passage_summary(s);
      print_rate(s.bytes_read, s.docs_read, s.seconds);
    }
    exit_status = 0;
  });
}

void add_clean_command(CLI::App& app, int& exit_status) {
  struct Args {
    InputArgs in;
    PassageArgs passages;
    CleanPaths paths;
    std::string method = "minhash";
    DedupOptions dedup;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "clean", "Clean a corpus: remove duplicate documents, then strip duplicate passages");
  args->in.add_to(*cmd);
  args->passages.add_to(*cmd);
  cmd->add_option("-o,--output", args->paths.output, "Cleaned documents, JSONL (- = stdout)")
      ->required();
  cmd->add_option("-r,--report", args->paths.report,
                  "One JSON line per removed document or passage");
  cmd->add_option("-m,--method", args->method, "Document dedup: exact | minhash | simhash")
      ->check(CLI::IsMember({"exact", "minhash", "simhash"}))
      ->capture_default_str();
  cmd->add_option("-t,--threshold", args->dedup.threshold, "Jaccard of duplicate documents")
      ->check(CLI::Range(0.01, 0.99))
      ->capture_default_str();
  cmd->add_option("--seed", args->dedup.seed, "Seed of hashes and sketches")->capture_default_str();
  cmd->callback([args, &exit_status] {
    auto read = args->in.read_options();
    if (!read.ok()) {
      exit_status = fail(read.status());
      return;
    }
    args->passages.finish(args->in);
    args->passages.options.seed = args->dedup.seed;
    DedupOptions& d = args->dedup;
    d.read = read.value();
    d.normalize = args->in.normalize_options();
    d.threads = args->in.threads;
    d.method = args->method == "exact"     ? DedupMethod::kExact
               : args->method == "simhash" ? DedupMethod::kSimHash
                                           : DedupMethod::kMinHash;
    args->paths.inputs = args->in.inputs;
    Progress progress(args->in.quiet);
    auto result = run_clean(args->paths, d, args->passages.options,
                            [&](const char* phase, uint64_t b, uint64_t t, uint64_t n) {
                              progress.update(phase, b, t, n);
                            });
    progress.finish();
    if (!result.ok()) {
      exit_status = fail(result.status());
      return;
    }
    const CleanSummary& s = result.value();
    if (!args->in.quiet) {
      const DedupSummary& ds = s.documents;
      std::cerr << "docsift clean: " << with_commas(ds.docs_read) << " documents (" << args->method
                << " dedup, threshold " << d.threshold << ")\n";
      char pct[32];
      std::snprintf(pct, sizeof pct, " (%.1f%%)",
                    ds.docs_read ? 100.0 * ds.docs_removed / ds.docs_read : 0.0);
      print_row("documents removed", with_commas(ds.docs_removed) + pct + " in " +
                                         with_commas(ds.clusters_with_duplicates) + " clusters");
      if (ds.docs_skipped) print_row("skipped (bad records)", with_commas(ds.docs_skipped));
      print_row("documents kept", with_commas(ds.docs_kept));
      print_passage_summary(s.passages);
      const uint64_t removed = ds.text_bytes_removed + s.passages.bytes_removed;
      print_row("text removed", human_bytes(static_cast<double>(removed)) + " of " +
                                    human_bytes(static_cast<double>(ds.text_bytes)));
      print_rate(ds.bytes_read, ds.docs_read, s.seconds);
    }
    exit_status = 0;
  });
}

}  // namespace docsift::cli
