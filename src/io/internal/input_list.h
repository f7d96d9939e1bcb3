#pragma once
// Expands the inputs the user gave (files, directories, "-") into the flat, ordered list of files
// a CorpusReader reads, deciding each file's format up front.
//
//   auto list = detail::expand_inputs({"a.jsonl.gz", "docs/", "-"}, InputFormat::kAuto);
//   for (const detail::InputFile& f : list->files) ...
//
// Order: inputs as given; a directory's regular files (recursively, hidden names skipped)
// sorted byte-wise by path relative to the directory. Format: the option when not kAuto;
// otherwise JSONL for *.jsonl, *.json, *.ndjson (any case, before .gz/.zst) and one whole
// document per file for anything else, except that an input that is not a regular file (stdin,
// a pipe, a FIFO, process substitution) and whose name does not say JSONL is JSONL when its
// first non-blank (decompressed) byte is '{'. Compression is decided when the file is opened
// (byte_source.h: by content).
//
// Inputs that are not regular files cannot be read twice, so they are copied first into a Spool:
// an unnamed temporary file in $TMPDIR (O_TMPFILE, or a file unlinked as soon as it is created),
// so that nothing is left behind, even after kill -9.
//
// Names: ids made from file names are percent-encoded (name_escape.h), so that they are valid
// UTF-8 and the original name can be recovered; InputFile::name is the path as given, with the
// part below a directory input percent-encoded too (the whole path when it is not valid UTF-8).

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/corpus_reader.h"
#include "io/internal/byte_source.h"

namespace docsift::detail {

struct InputFile {
  std::string path;     // what to open (unused when spool_fd >= 0)
  std::string name;     // in messages and Record::source: the path as given, "-" for stdin
  std::string id_name;  // whole-file id, or the prefix of "<id_name>:<line>" ids
  InputFormat format = InputFormat::kText;       // resolved: kJsonl, kLines or kText
  Compression compression = Compression::kNone;  // what the name says (byte_source.h)
  uint64_t size_bytes = 0;                       // on disk
  int spool_fd = -1;  // the spooled copy of a non-regular input (owned by InputList::spools)
};

// An unnamed temporary copy of a stream, readable with pread; closed (and so gone) on
// destruction.
class Spool {
 public:
  // Copies `in_fd` to its end into a new spool in $TMPDIR (default /tmp); `name` names the
  // input in messages.
  static Result<std::unique_ptr<Spool>> copy_from(int in_fd, const std::string& name);
  ~Spool();
  Spool(const Spool&) = delete;
  Spool& operator=(const Spool&) = delete;
  int fd() const { return fd_; }
  uint64_t size_bytes() const { return size_bytes_; }

 private:
  Spool(int fd, uint64_t size_bytes) : fd_(fd), size_bytes_(size_bytes) {}
  int fd_;
  uint64_t size_bytes_;
};

struct InputList {
  std::vector<InputFile> files;
  std::vector<std::unique_ptr<Spool>> spools;
  uint64_t total_bytes = 0;
};

Result<InputList> expand_inputs(const std::vector<std::string>& inputs, InputFormat format);

}  // namespace docsift::detail
