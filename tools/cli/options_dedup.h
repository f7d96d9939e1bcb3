#pragma once
// The document-dedup options, defined once for `dedup` and `clean`, in three help groups:
// "Shingles and sketch" (--ngram, --unit, --num-perm, --sketch, --seed), "LSH" (--bands, --rows,
// --fp-weight, --fn-weight) and "Grouping" (--method, --threshold, --verify, --hamming, --keep,
// --warn-cluster-size). finish() turns them into DedupOptions, warns about every option given
// that the chosen method does not use, and checks the options that depend on each other
// (bands x rows vs num_perm, the weights) before any input is read.
//
//   DocDedupArgs dedup{"exact", "--unit"};
//   dedup.add_to(cmd);
//   ... after parsing:
//   if (Status s = dedup.finish(cmd, options); !s.ok()) return fail(s);  // exit 2

#include <CLI/CLI.hpp>
#include <string>

#include "core/status.h"
#include "pipeline/dedup_job.h"

namespace docsift::cli {

struct DocDedupArgs {
  // `default_method`: dedup's is exact, clean's minhash. `unit_flag`: the shingle unit's option
  // name ("--unit" for dedup; clean uses "--unit" for passages, so "--shingle-unit").
  DocDedupArgs(std::string default_method, std::string unit_flag);

  std::string method;
  std::string unit_flag;
  std::string unit = "word";
  std::string sketch = "classic";
  std::string verify = "estimate";
  std::string keep = "first";
  DedupOptions options;  // numeric options are parsed straight into it

  void add_to(CLI::App& cmd);
  // Fills the method, unit, sketch, verify and keep of `out` and copies the numeric options; the
  // caller sets read, normalize and threads. InvalidArgument when --bands/--rows do not fit
  // --num-perm or the weights cannot choose bands.
  Status finish(const CLI::App& cmd, DedupOptions& out) const;
};

// --report-format: jsonl | csv.
ReportFormat report_format_of(const std::string& name);

}  // namespace docsift::cli
