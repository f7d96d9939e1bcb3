#pragma once
// WorkDir: where a job keeps the artifact of each completed stage (--work-dir DIR), so that a
// rerun with the same inputs and options resumes after the last complete stage. A manifest
// (DIR/manifest.txt) records the command, every input file's size and modification time (the
// files of a directory input one by one), the fingerprint of the options that shape the
// artifacts (core/options_fingerprint.h), and the stages completed with a few counters each:
//
//   auto wd = WorkDir::open(dir, "dedup", inputs, options_text);
//   if (wd->has("group")) grouping = load_duplicate_grouping(wd->path("group"), ...);
//   else { ...; save(grouping, wd->path("group")); wd->complete("group", {{"pairs", n}}); }
//
// A manifest that does not match (other inputs, other options, another command, or one that
// cannot be read) is stale: open() reports it (stale()) and forgets its stages, so their
// artifacts are never used and are overwritten. Artifacts are written atomically before the
// manifest names them, so a run killed at any point leaves only complete stages recorded.
// An input read from stdin ("-") cannot be identified: nothing is resumed then.
//
// Guarantees: the manifest's bytes depend only on the inputs, options and stages. Not
// thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/status.h"
#include "io/corpus_reader.h"

namespace docsift {

class WorkDir {
 public:
  using Counters = std::vector<std::pair<std::string, uint64_t>>;
  // A summary's counters by name, so that one list serves complete() and restore().
  using CounterFields = std::vector<std::pair<const char*, uint64_t*>>;

  // Creates `dir` if needed and reads its manifest. IoError when it cannot be created.
  static Result<WorkDir> open(const std::string& dir, const std::string& command,
                              const std::vector<std::string>& inputs, const OptionsText& options);
  // open(), or no work directory (nullopt) when `dir` is empty.
  static Result<std::optional<WorkDir>> open_if_given(const std::string& dir,
                                                      const std::string& command,
                                                      const std::vector<std::string>& inputs,
                                                      const OptionsText& options);

  // True when a stage of this run's inputs and options was completed by an earlier run.
  bool has(const std::string& stage) const;
  // Counters recorded with a completed stage (empty when it is not).
  Counters counters(const std::string& stage) const;
  // The artifact file of `stage`: DIR/<stage>.bin.
  std::string path(const std::string& stage) const;
  // Records `stage` as complete (its artifact already saved) and rewrites the manifest.
  Status complete(const std::string& stage, Counters counters = {});
  // complete() recording the current values of `fields`.
  Status complete(const std::string& stage, const CounterFields& fields);
  // Sets each of `fields` that `stage` recorded (the others are left as they are).
  void restore(const std::string& stage, const CounterFields& fields) const;

  // A manifest of other inputs or options was found (its artifacts are ignored).
  bool stale() const { return stale_; }
  const std::string& dir() const { return dir_; }

 private:
  std::string manifest_text() const;
  Status write_manifest() const;

  std::string dir_;
  std::string header_;  // command, options and inputs lines
  bool resumable_ = true;
  bool stale_ = false;
  std::vector<std::pair<std::string, Counters>> stages_;
};

// The reading options every stage's fingerprint holds, in one order: id_field, text_field,
// format, on_error, max_doc_bytes.
OptionsText& add_read_options(OptionsText& t, const ReadOptions& read);

}  // namespace docsift
