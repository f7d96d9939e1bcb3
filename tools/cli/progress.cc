#include "progress.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli_common.h"

namespace docsift::cli {

Progress::Progress(bool quiet, std::vector<Stage> stages)
    : enabled_(!quiet && isatty(STDERR_FILENO)), stages_(std::move(stages)) {
  stage_start_ = now_seconds();
  if (!stages_.empty()) label_ = stages_.front().label;
  if (enabled_) thread_ = std::thread([this] { ticker(); });
}

Progress::~Progress() { finish(); }

ProgressCallback Progress::callback() {
  return [this](const char* phase, uint64_t bytes, uint64_t total, uint64_t docs) {
    update(phase, bytes, total, docs);
  };
}

void Progress::update(const char* phase, uint64_t bytes, uint64_t bytes_total, uint64_t docs) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (finished_) return;
  const double t = now_seconds();
  const bool same = started_ && stage_ < stages_.size() && stages_[stage_].phase == phase;
  if (!same && !(started_ && stage_ >= stages_.size() && label_ == phase)) {
    // A new stage: the next listed one with this phase, else the phase's own name.
    size_t next = started_ ? stage_ + 1 : 0;
    while (next < stages_.size() && stages_[next].phase != phase) ++next;
    // The first stage runs from construction (the job reports only after its first batch).
    if (started_) {
      times_.push_back({label_, t - stage_start_});
      stage_start_ = t;
    }
    stage_bytes_start_ = bytes;
    first_report_ = t;
    stage_ = next;
    label_ = next < stages_.size() ? stages_[next].label : std::string(phase);
    started_ = true;
  }
  last_report_ = t;
  bytes_ = bytes;
  bytes_total_ = bytes_total;
  docs_ = docs;
}

void Progress::draw_locked(double now) {
  const double elapsed = std::max(1e-9, now - stage_start_);
  std::string line = "\r\033[K[";
  if (stage_ < stages_.size()) {
    line += std::to_string(stage_ + 1) + "/" + std::to_string(stages_.size()) + " ";
  }
  line += label_ + "] ";
  char buf[64];
  if (bytes_ > 0 || bytes_total_ > 0) {
    line += human_bytes(static_cast<double>(bytes_));
    if (bytes_total_ > 0 && bytes_ <= bytes_total_) {
      std::snprintf(buf, sizeof buf, " / %s (%.0f%%)",
                    human_bytes(static_cast<double>(bytes_total_)).c_str(),
                    100.0 * bytes_ / bytes_total_);
      line += buf;
    }
    line += "  " + count_noun(docs_, "doc");
    const double moved = static_cast<double>(bytes_ - std::min(bytes_, stage_bytes_start_));
    const double span = last_report_ - first_report_;
    const double rate = moved > 0 && span > 0 ? moved / span : 0;
    if (rate > 0) line += "  " + human_bytes(rate) + "/s";
    if (bytes_total_ > 0 && bytes_ < bytes_total_ && rate > 0) {
      std::snprintf(buf, sizeof buf, "  ETA %.0f s", (bytes_total_ - bytes_) / rate);
      line += buf;
    }
  }
  std::snprintf(buf, sizeof buf, "%s%.1f s", line.back() == ' ' ? "" : "  ", elapsed);
  line += buf;
  std::cerr << line << std::flush;
  drawn_ = true;
}

void Progress::ticker() {
  std::unique_lock<std::mutex> lock(mutex_);
  // First draw after a short delay so instant runs print no line at all.
  while (!stop_) {
    if (wake_.wait_for(lock, std::chrono::milliseconds(250), [this] { return stop_; })) break;
    // Out of memory here must not terminate the process: the job's own bad_alloc (if any)
    // unwinds to main, which removes temp files and exits 4.
    try {
      draw_locked(now_seconds());
    } catch (...) {
    }
  }
}

void Progress::finish() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (finished_) return;
    finished_ = true;
    stop_ = true;
    // Also runs from the destructor while a bad_alloc unwinds: it must not throw.
    try {
      times_.push_back({label_, now_seconds() - stage_start_});
    } catch (...) {
    }
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drawn_) std::cerr << "\r\033[K" << std::flush;
  drawn_ = false;
}

std::vector<Progress::StageTime> Progress::stage_times() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return times_;
}

}  // namespace docsift::cli
