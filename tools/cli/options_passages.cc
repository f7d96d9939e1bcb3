#include "options_passages.h"

#include "options_check.h"

namespace docsift::cli {

void PassageArgs::add_to(CLI::App& cmd) {
  PassageOptions& o = options;
  const char* group = "Passages";
  cmd.add_option("--unit", unit, "Passages: block (paragraphs, lines, bullets) | sentence")
      ->check(CLI::IsMember({"block", "sentence"}))
      ->group(group);
  cmd.add_option("--min-words", o.min_words, "Shorter passages are never reported or removed")
      ->group(group);
  cmd.add_option("--passage-threshold", o.threshold, "Jaccard of near-duplicate passages")
      ->check(finite_number())
      ->check(CLI::Range(0.01, 1.0))
      ->group(group);
  cmd.add_option("--passage-ngram", o.ngram, "Shingle length for passages")
      ->check(CLI::Range(1, 64))
      ->group(group);
  cmd.add_option("--passage-shingle", shingle_unit, "Passage shingles: char | word")
      ->check(CLI::IsMember({"char", "word"}))
      ->group(group);
  cmd.add_flag("--exact-only", exact_only, "Only exact duplicate passages (smaller index)")
      ->group(group);
  cmd.add_option("--min-docs", o.min_docs, "A passage in this many documents is boilerplate")
      ->check(CLI::Range(2, 1 << 30))
      ->group(group);
  cmd.add_flag("--no-lines", no_lines,
               "Keep short boilerplate lines (by default a line of any length in many documents "
               "goes: share rows, subscribe links, hashtags)")
      ->group(group);
  cmd.add_option("--line-min-docs", o.lines.min_docs,
                 "Documents a boilerplate line of 4+ words needs; 3 words need 4/3 of it, 2 "
                 "words 2x, one word 10x (default 10: 10, 14, 20, 100 documents); digits ignored")
      ->check(CLI::Range(2, 1 << 26))
      ->group(group);
  cmd.add_option("--boilerplate", boilerplate, "remove (from every document) | keep-first")
      ->check(CLI::IsMember({"remove", "keep-first"}))
      ->group(group);
}

PassageOptions PassageArgs::finish(const CLI::App& cmd, const ReadOptions& read,
                                   const InputArgs& in, const RunArgs& run) const {
  PassageOptions o = options;
  o.read = read;
  o.normalize = in.normalize_options();
  o.threads = run.threads;
  // The passage index charges --max-memory through read.budget (with the rest of the run).
  o.max_memory = 0;
  o.unit = unit == "sentence" ? PassageUnit::kSentence : PassageUnit::kBlock;
  o.shingle_unit = shingle_unit == "word" ? ShingleUnit::kWord : ShingleUnit::kChar;
  o.boilerplate =
      boilerplate == "keep-first" ? BoilerplateMode::kKeepFirst : BoilerplateMode::kRemove;
  o.near = !exact_only;
  o.lines.enabled = !no_lines;
  if (no_lines) warn_if_given(cmd, "--line-min-docs", "boilerplate lines (not with --no-lines)");
  if (exact_only) {
    for (const char* name : {"--passage-threshold", "--passage-ngram", "--passage-shingle"}) {
      warn_if_given(cmd, name, "near-duplicate passages only (not with --exact-only)");
    }
  }
  return o;
}

}  // namespace docsift::cli
