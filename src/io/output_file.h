#pragma once
// OutputFile writes an output through a 1 MiB buffer into a temporary file in the output's
// directory (so the final rename is atomic) and puts it in place only on commit(), after
// flushing, checking for write errors and fsync, so a failed or interrupted run never leaves a
// half-written output. "-" writes to stdout, and an existing non-regular file (/dev/null, a FIFO)
// is written in place. open() refuses (InvalidArgument) an output that is one of the inputs (same
// device and inode when both exist, or the same weakly-canonical path) or lies inside an input
// directory.
//
//   auto kept = OutputFile::open("kept.jsonl", inputs);    // and report, clusters...
//   (*kept)->write(line); (*kept)->write("\n");
//   OutputFile* outs[] = {kept->get(), report->get()};
//   DOCSIFT_RETURN_IF_ERROR(OutputFile::commit_all(outs));  // all or nothing
//
// Temporary files. Where the file system supports it (ext4, xfs, btrfs, tmpfs) the temporary is
// an unnamed O_TMPFILE file: nothing is visible in the directory while it is written, and a
// kill -9 leaves nothing. Otherwise, and for the short moment between linking the finished file
// and renaming it, it is a named file
//     <dir>/.<name>.docsift-tmp.<pid>.<6 random characters>
// created with O_CREAT | O_EXCL | O_NOFOLLOW (a symlink or file planted there is never followed
// or overwritten; another random name is tried), mode 0666 & ~umask like any new file. Named
// temporaries are registered with io/temp_registry.h, so the cleanup signal handlers remove
// them; after a kill -9, open() of the same output removes temporaries of that output whose pid
// is no longer running. The environment variable DOCSIFT_NO_TMPFILE=1 turns O_TMPFILE off (for
// tests of the named fallback).
//
// Destroying an uncommitted OutputFile removes its temporary file. Not thread-safe.

#include <memory>
#include <span>
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

  // Commits a set of outputs together, in two phases. 1: every output is flushed, checked for
  // write errors and fsynced (temporaries given their name). 2: only when all of phase 1
  // succeeded, every temporary is renamed onto its path, then the directories are fsynced. On
  // a failure in phase 1 every temporary is removed and every old output is left as it was;
  // the first error is returned, naming its output. Null entries are skipped; an output may
  // appear only once and must not be committed already. Afterwards every output in the set is
  // finished (committed or discarded), whatever the result. Bytes written to stdout or to a
  // file written in place cannot be taken back: they are only flushed and checked.
  // A rename failing in phase 2 (not seen in practice: same directory, checked at open) leaves
  // the outputs renamed before it in place and removes the others.
  static Status commit_all(std::span<OutputFile* const> outputs);
  // commit_all of this one output.
  Status commit();

  const std::string& path() const { return path_; }

 private:
  enum class Kind { kStdout, kInPlace, kTemp };
  OutputFile(std::string path, Kind kind, int fd);
  Status prepare();  // phase 1
  Status publish();  // phase 2: the rename
  void discard();    // closes and removes the temporary
  void flush_buffer();
  void write_through(std::string_view bytes);
  void forget_temp_name();

  std::string path_;
  Kind kind_;
  int fd_ = -1;
  bool anonymous_ = false;  // an O_TMPFILE file not linked yet
  std::string tmp_path_;    // the named temporary, once there is one
  int registry_slot_ = -1;
  bool finished_ = false;
  std::string buffer_;
  int write_errno_ = 0;  // first write error, reported by commit
};

}  // namespace docsift
