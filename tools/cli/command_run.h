#pragma once
// CommandRun: the steps every subcommand's callback takes around its job, in one place: the
// checks made before any input is read (input options, distinct outputs, run options), the
// warnings about options that do not apply, and, once the job has committed its outputs,
// --stats. The callbacks keep only what is their own (job options, summary printing).
//
//   CommandRun run(*cmd, args->in, args->run, args->outputs);
//   if (Status s = run.begin(); !s.ok()) return fail(s);   // exit 2 on a bad option
//   options.read = run.read();  ... the command's own checks ...
//   run.warn_unused();
//   auto result = run_passages(paths, options, progress.callback());
//   if (!result.ok()) return fail(result.status());
//   return run.finish(summary_json(*result), progress);

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "cli_common.h"
#include "core/memory_budget.h"
#include "core/status.h"
#include "io/corpus_reader.h"
#include "options_outputs.h"
#include "options_run.h"
#include "progress.h"

namespace docsift::cli {

class CommandRun {
 public:
  // All four must outlive the CommandRun.
  CommandRun(const CLI::App& cmd, const InputArgs& in, RunArgs& run, const OutputArgs& outputs)
      : cmd_(cmd), in_(in), run_(run), outputs_(outputs) {}

  // The checks made before any input is read: the input options, no two outputs naming one
  // file, then RunArgs::finish (threads clamped, --max-memory converted). Makes the run's
  // memory budget (named after the command) and starts the clock of "seconds" in --stats.
  Status begin();
  // After begin(): the input options as the library takes them, budget included.
  const ReadOptions& read() const { return read_; }
  // After begin(): the run's budget (core/memory_budget.h), limit --max-memory (0 = none).
  MemoryBudget* budget() const { return budget_.get(); }

  // Warns (stderr) about input options that do not apply to --format, and about a run given
  // no output at all.
  void warn_unused() const;

  // Writes --stats (when given) with `summary` (a JSON object) and the stage times of
  // `progress`; returns the exit code (0, or that of the failed write).
  int finish(const std::string& summary, const Progress& progress) const;

 private:
  const CLI::App& cmd_;
  const InputArgs& in_;
  RunArgs& run_;
  const OutputArgs& outputs_;
  ReadOptions read_;
  std::unique_ptr<MemoryBudget> budget_;
  double start_ = 0;
};

}  // namespace docsift::cli
