#include "command_run.h"

#include "options_check.h"
#include "stats.h"

namespace docsift::cli {

Status CommandRun::begin() {
  auto read = in_.read_options();
  if (!read.ok()) return read.status();
  read_ = std::move(read).value();
  DOCSIFT_RETURN_IF_ERROR(outputs_.check_distinct());
  DOCSIFT_RETURN_IF_ERROR(run_.finish());
  budget_ = std::make_unique<MemoryBudget>(run_.max_memory_bytes, cmd_.get_name());
  read_.budget = budget_.get();
  start_ = now_seconds();
  return Status::Ok();
}

void CommandRun::warn_unused() const {
  warn_unused_input_options(cmd_, in_);
  if (!outputs_.any()) {
    warn("no output given (" + outputs_.names() + "): the run only prints its summary");
  }
}

int CommandRun::finish(const std::string& summary, const Progress& progress) const {
  return fail(write_stats(outputs_.stats, in_.inputs,
                          stats_json(cmd_, in_.inputs, summary, progress.stage_times(),
                                     now_seconds() - start_, budget_.get())));
}

}  // namespace docsift::cli
