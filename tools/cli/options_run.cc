#include "options_run.h"

#include <cstdio>
#include <iostream>
#include <string>
#include <thread>

#include "core/memory_budget.h"
#include "options_check.h"

namespace docsift::cli {

namespace {

// "11.2G" / "900M": the default as --max-memory takes it.
std::string size_text(uint64_t bytes) {
  char buf[32];
  if (bytes >= (uint64_t{1} << 30)) {
    std::snprintf(buf, sizeof buf, "%.1fG", static_cast<double>(bytes) / (1 << 30));
  } else {
    std::snprintf(buf, sizeof buf, "%lluM", static_cast<unsigned long long>(bytes >> 20));
  }
  return buf;
}

}  // namespace

void RunArgs::add_to(CLI::App& cmd, bool with_work_dir) {
  const char* group = "Run";
  cmd.add_option("--threads", threads,
                 "Worker threads (0 = all cores, at most 4x the cores); output does not depend "
                 "on it")
      ->group(group);
  cmd.add_flag("-q,--quiet", quiet, "No progress line and no summary on stderr (warnings stay)")
      ->group(group);
  const uint64_t limit = MemoryBudget::default_limit();
  max_memory = limit == 0 ? "0" : size_text(limit);
  cmd.add_option("--max-memory", max_memory,
                 "Memory budget (512M, 2G; a plain number is MiB; 0 = none): the run stops with "
                 "exit 4 before passing it. Default: 3/4 of the available RAM (and of ulimit -v)")
      ->type_name("SIZE")
      ->check(CLI::Validator(
          [](std::string& value) -> std::string {
            auto parsed = parse_memory_size(value);
            return parsed.ok() ? "" : parsed.status().message();
          },
          ""))
      ->group(group);
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
  // The validator already refused what parse_memory_size refuses; this covers a value set
  // without parsing (the default, tests).
  auto bytes = parse_memory_size(max_memory);
  if (!bytes.ok()) return bytes.status();
  max_memory_bytes = bytes.value();
  return Status::Ok();
}

}  // namespace docsift::cli
