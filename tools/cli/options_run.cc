#include "options_run.h"

#include <cmath>
#include <iostream>
#include <string>
#include <thread>

#include "options_check.h"

namespace docsift::cli {

void RunArgs::add_to(CLI::App& cmd, bool with_max_memory, bool with_work_dir) {
  const char* group = "Run";
  cmd.add_option("--threads", threads,
                 "Worker threads (0 = all cores, at most 4x the cores); output does not depend "
                 "on it")
      ->group(group);
  cmd.add_flag("-q,--quiet", quiet, "No progress line and no summary on stderr (warnings stay)")
      ->group(group);
  if (with_max_memory) {
    cmd.add_option("--max-memory", max_memory_mb,
                   "Memory budget of the passage index, MB (0 = none)")
        ->check(finite_non_negative())
        ->group(group);
  }
  if (with_work_dir) {
    cmd.add_option("--work-dir", work_dir,
                   "Keep each stage's result in DIR; a rerun with the same inputs and options "
                   "resumes after the last complete stage (default: none, all in memory)")
        ->type_name("DIR")
        ->group(group);
  }
}

void report_work_dir(const RunArgs& run, const std::vector<std::string>& resumed, bool stale) {
  if (stale) {
    warn("--work-dir " + run.work_dir +
         " held results of other inputs or options: ignored and replaced");
  }
  if (run.quiet || resumed.empty()) return;
  std::string names;
  for (const std::string& r : resumed) names += (names.empty() ? "" : ", ") + r;
  std::cerr << "docsift: resumed from --work-dir " << run.work_dir << ": " << names << "\n";
}

Status RunArgs::finish() {
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const unsigned most = kThreadsPerCore * cores;
  if (threads > most) {
    warn("--threads " + std::to_string(threads) + " is more than " +
         std::to_string(kThreadsPerCore) + "x the " + std::to_string(cores) + " cores; using " +
         std::to_string(most));
    threads = most;
  }
  // The validator refuses NaN, infinities and negative budgets; a budget past 2^62 bytes cannot
  // be honoured (nor converted to size_t without overflow).
  const double bytes = max_memory_mb * 1048576.0;
  if (!(std::isfinite(bytes) && bytes >= 0 && bytes < 4.6e18)) {
    return Status::InvalidArgument("--max-memory must be a number of MB in [0, 4e12], not " +
                                   std::to_string(max_memory_mb));
  }
  max_memory_bytes = static_cast<size_t>(bytes);
  if (max_memory_mb > 0 && max_memory_bytes == 0) max_memory_bytes = 1;
  return Status::Ok();
}

}  // namespace docsift::cli
