#pragma once
// The duplicate-passage options, defined once for `passages` and `clean` (help group
// "Passages"). finish() turns them into PassageOptions and warns about options that
// --exact-only makes unused.
//
//   PassageArgs passages;
//   passages.add_to(cmd);
//   ... after parsing:
//   passages.finish(cmd, in, run, options);

#include <CLI/CLI.hpp>
#include <string>

#include "cli_common.h"
#include "options_run.h"
#include "passages/passage_options.h"

namespace docsift::cli {

struct PassageArgs {
  std::string unit = "block";
  std::string shingle_unit = "char";
  std::string boilerplate = "remove";
  bool exact_only = false;
  bool no_lines = false;
  PassageOptions options;  // numeric options are parsed straight into it

  void add_to(CLI::App& cmd);
  // `in` and `run` must have been finished (read options valid, threads clamped).
  PassageOptions finish(const CLI::App& cmd, const ReadOptions& read, const InputArgs& in,
                        const RunArgs& run) const;
};

}  // namespace docsift::cli
