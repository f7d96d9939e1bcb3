#pragma once
// Expands the inputs the user gave (files, directories, "-") into the flat, ordered list of files
// a CorpusReader reads, deciding each file's format and compression up front.
//
//   auto list = detail::expand_inputs({"a.jsonl.gz", "docs/", "-"}, InputFormat::kAuto);
//   for (const detail::InputFile& f : list->files) ...
//
// Order: inputs as given; a directory's regular files (recursively, hidden names skipped)
// sorted byte-wise by path relative to the directory. Format: the option when not kAuto;
// otherwise JSONL for *.jsonl, *.json, *.ndjson (before .gz/.zst) and one whole document per file
// for anything else; stdin is JSONL when its first non-blank byte is '{'. Compression: by suffix,
// for stdin by magic number. Stdin is copied to a temporary file (removed when the list is
// destroyed) so that it can be read twice.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/corpus_reader.h"
#include "io/internal/byte_source.h"

namespace docsift::detail {

struct InputFile {
  std::string path;     // what to open (the spool file for stdin)
  std::string name;     // in messages and Record::source: the path as given, "-" for stdin
  std::string id_name;  // whole-file id, or the prefix of "<id_name>:<line>" ids
  InputFormat format = InputFormat::kText;  // resolved: kJsonl, kLines or kText
  Compression compression = Compression::kNone;
  uint64_t size_bytes = 0;  // on disk
};

// A temporary file removed on destruction.
class TempFile {
 public:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  ~TempFile();
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct InputList {
  std::vector<InputFile> files;
  std::unique_ptr<TempFile> stdin_spool;
  uint64_t total_bytes = 0;
};

Result<InputList> expand_inputs(const std::vector<std::string>& inputs, InputFormat format);

}  // namespace docsift::detail
