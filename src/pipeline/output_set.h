#pragma once
// OutputSet: the output files of one run, opened up front and committed together. add() opens
// each file (io/output_file.h: a temporary file next to it, refused when it is an input), after
// check_distinct() has refused two outputs naming the same file before any work; commit() makes
// them all visible at the end through one function, commit_outputs(), so a failure anywhere
// before leaves every old output untouched and no temporary file behind.
//
//   DOCSIFT_RETURN_IF_ERROR(OutputSet::check_distinct({paths.output, paths.report}));
//   OutputSet outputs(paths.inputs);
//   auto kept = outputs.add(paths.output);   // nullptr for an empty path
//   ... (*kept)->write(line); ...
//   DOCSIFT_RETURN_IF_ERROR(outputs.commit());
//
// Not thread-safe.

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/output_file.h"

namespace docsift {

// Commits `files` as one set: the only place a pipeline job commits outputs.
Status commit_outputs(std::span<OutputFile* const> files);

class OutputSet {
 public:
  explicit OutputSet(std::vector<std::string> inputs) : inputs_(std::move(inputs)) {}

  // InvalidArgument when two non-empty paths name the same file ("-" twice included, and
  // different spellings of one path, and hard links); empty paths (no such output) and /dev/null
  // (however often) are ignored. "two outputs are the same file: X".
  static Status check_distinct(const std::vector<std::string>& paths);

  // The same check with each output named by its option ("--output"), for the message:
  // "--output and --report name the same file (X); give each output its own path", or
  // "... cannot both write to stdout (-)". Two paths are the same file when both exist with the
  // same device and inode (hard links, symlinks) or their weakly-canonical absolute forms are
  // equal. An empty name gives the message of check_distinct(paths).
  struct NamedPath {
    std::string name;
    std::string path;
  };
  static Status check_distinct_named(const std::vector<NamedPath>& outputs);

  // Opens `path`; an empty path gives nullptr (the output is not written). The file belongs to
  // the set and lives until the set is destroyed.
  Result<OutputFile*> add(const std::string& path);

  // Commits every file opened, in the order they were added.
  Status commit();

 private:
  std::vector<std::string> inputs_;
  std::vector<std::unique_ptr<OutputFile>> files_;
};

}  // namespace docsift
