#pragma once
// OutputFile writes to "<path>.tmp.<pid>" (same directory, so the rename is atomic) through a
// 1 MiB buffer and renames onto `path` only on commit(), after flushing, checking for write
// errors and fsync, so a failed or interrupted run never leaves a half-written output. "-" writes
// to stdout, and an existing non-regular file (/dev/null, a FIFO) is written in place.
// open() refuses (InvalidArgument) an output that is one of the inputs (same device and inode
// when both exist, or the same weakly-canonical path) or lies inside an input directory.
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
  // Opens `path` for writing ("-" is stdout). Fails if `path` is one of `inputs` or inside one
  // of them that is a directory ("-" among `inputs` is ignored).
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
  void flush_buffer();
  void write_through(std::string_view bytes);
  std::string path_;
  std::string tmp_path_;
  std::FILE* file_ = nullptr;
  bool is_stdout_ = false;
  bool committed_ = false;
  std::string buffer_;
  int write_errno_ = 0;  // first write error, reported by commit()
};

}  // namespace docsift
