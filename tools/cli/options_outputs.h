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

  // InvalidArgument naming both options when two given outputs are the same file: the same
  // weakly-canonical path (symlinks in existing parts resolved), or, when both exist, the same
  // device and inode (hard links). Two "-" (stdout) are refused too.
  Status check_distinct() const;

  // True when at least one output was given.
  bool any() const;
  // The long names of the registered outputs: "--output, --report or --clusters".
  std::string names() const;

 private:
  std::vector<std::pair<const CLI::Option*, const std::string*>> outputs_;
};

// True when `a` and `b` name the same file (as check_distinct compares them).
bool same_file(const std::string& a, const std::string& b);

}  // namespace docsift::cli
