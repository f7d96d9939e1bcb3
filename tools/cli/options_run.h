#pragma once
// Run options every subcommand takes: worker threads, quiet, the memory budget (--max-memory)
// and, for some, --work-dir. finish() checks them before any input is read.
//
//   RunArgs run;
//   run.add_to(cmd);
//   ... after parsing:
//   if (Status s = run.finish(); !s.ok()) return fail(s);
//   options.threads = run.threads;

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"

namespace docsift::cli {

struct RunArgs {
  unsigned threads = 0;  // 0 = all cores; after finish() at most kThreadsPerCore x the cores
  bool quiet = false;
  // --max-memory as given: a size (512M, 2G; a plain number is MiB), 0 = no budget. The
  // default is MemoryBudget::default_limit() (3/4 of MemAvailable, and of ulimit -v).
  std::string max_memory;
  uint64_t max_memory_bytes = 0;  // set by finish()
  std::string work_dir;           // --work-dir (every command): stage artifacts, resumed on rerun

  // More threads than this many per core only cost memory (a worker state each).
  static constexpr unsigned kThreadsPerCore = 4;

  void add_to(CLI::App& cmd, bool with_work_dir = false);
  // Clamps --threads to kThreadsPerCore x the cores (with a warning) and converts --max-memory
  // to bytes (refusing negative, NaN, infinite and unparsable sizes, and past 2^62 bytes).
  Status finish();
};

// Says on stderr which stages a run took from --work-dir (unless quiet) and, always, that the
// directory held another run's artifacts, which were ignored and replaced.
void report_work_dir(const RunArgs& run, const std::vector<std::string>& resumed, bool stale);

}  // namespace docsift::cli
