#pragma once
// The progress line on stderr and the stage timings of a run. A job reports (phase, bytes,
// bytes_total, docs) now and then; Progress maps each phase to the command's next stage with
// that phase, times every stage, and, only when stderr is a terminal and --quiet is off, redraws
//   [2/6 kept: group] 12.3 MB / 40.0 MB (31%)  10,000 docs  25.1 MB/s  ETA 2 s
// several times a second from a ticker thread, so the line moves (elapsed time) even while a
// stage reports nothing. A command without callbacks (cluster) shows its one stage and the time.
//
//   Progress progress(quiet, {{"read", "read"}, {"group", "group"}, {"write", "write"}});
//   run_dedup(paths, options, progress.callback());
//   progress.finish();
//   for (const Progress::StageTime& s : progress.stage_times()) ...
//
// Thread-safe: callback() may be called from any thread.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/progress.h"

namespace docsift::cli {

class Progress {
 public:
  struct Stage {
    std::string phase;  // the job's phase name ("read", "group", "write")
    std::string label;  // shown on the line and in --stats ("documents: read")
  };
  struct StageTime {
    std::string label;
    double seconds = 0;
  };

  // `stages`: the command's stages in order; a phase not listed is shown under its own name.
  Progress(bool quiet, std::vector<Stage> stages);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(const char* phase, uint64_t bytes, uint64_t bytes_total, uint64_t docs);
  ProgressCallback callback();
  // Stops the ticker, clears the line and closes the current stage's timing.
  void finish();
  // Every stage entered, in order, with its wall-clock seconds (valid after finish()).
  std::vector<StageTime> stage_times() const;

 private:
  void draw_locked(double now);
  void ticker();

  bool enabled_ = false;
  std::vector<Stage> stages_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool drawn_ = false;
  bool finished_ = false;
  // Current stage and its figures.
  size_t stage_ = 0;  // index into stages_, or stages_.size() + k for unlisted phases
  std::string label_;
  double stage_start_ = 0;
  // Rate: bytes moved between the stage's first report and its latest one, over that time (a
  // stage that reports once, or whose bytes do not move, shows no rate).
  double first_report_ = -1, last_report_ = -1;
  uint64_t stage_bytes_start_ = 0;
  uint64_t bytes_ = 0, bytes_total_ = 0, docs_ = 0;
  bool started_ = false;
  std::vector<StageTime> times_;
  std::thread thread_;
};

}  // namespace docsift::cli
