#pragma once
// The output options of a subcommand (-o, -r, --clusters, --strip, -s, ...), registered in one
// "Outputs" group, and the checks on them made before any work: no two outputs may name the same
// file (nor both be "-"), and a run that writes nothing is warned about.
//
//   OutputArgs outputs;
//   outputs.add(cmd, "-o,--output", paths.output, "Kept records, JSONL (- = stdout)");
//   outputs.add(cmd, "-r,--report", paths.report, "One line per removed document");
//   ... after parsing:
//   if (Status s = outputs.check_distinct(); !s.ok()) return fail(s);  // exit 2

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace docsift::cli {

class OutputArgs {
 public:
  // Registers an output option; `path` (which must outlive the app) receives its value.
  CLI::Option* add(CLI::App& cmd, const std::string& flags, std::string& path,
                   const std::string& help);

  // InvalidArgument naming both options when two given outputs are the same file, as the
  // library's jobs decide it (OutputSet::check_distinct_named, pipeline/output_set.h): the same
  // weakly-canonical path, or the same device and inode; two "-" are refused, /dev/null may
  // repeat.
  Status check_distinct() const;

  // Registers --stats FILE (the run's summary as JSON, stats.h) into `stats`.
  void add_stats(CLI::App& cmd);
  std::string stats;

  // True when at least one output was given.
  bool any() const;
  // The long names of the registered outputs: "--output, --report or --clusters".
  std::string names() const;

 private:
  std::vector<std::pair<const CLI::Option*, const std::string*>> outputs_;
};

}  // namespace docsift::cli
