#pragma once
// OutputFile writes to "<path>.tmp.<pid>" and renames onto `path` only on commit(), so a failed
// or interrupted run never leaves a half-written output. "-" writes straight to stdout.
// refuse_inputs() makes open() fail when the output would overwrite one of the inputs (compared
// by device and inode where the file exists, else by normalised path).
//
//   auto out = OutputFile::open("kept.jsonl", inputs);
//   out->write(line); out->write("\n");
//   DOCSIFT_RETURN_IF_ERROR(out->commit());
//
// Destroying an uncommitted OutputFile removes its temporary file. Not thread-safe.

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace docsift {

class OutputFile {
 public:
  // Opens `path` for writing ("-" is stdout). Fails if `path` is one of `inputs`.
  static Result<std::unique_ptr<OutputFile>> open(const std::string& path,
                                                  const std::vector<std::string>& inputs);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  void write(std::string_view bytes);
  // Flushes, checks for write errors, fsyncs and renames the temporary file onto the path.
  Status commit();
  const std::string& path() const { return path_; }

 private:
  OutputFile(std::string path, std::string tmp_path, std::FILE* file, bool is_stdout);
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  bool committed_ = false;
  std::string buffer_;
};

}  // namespace docsift
