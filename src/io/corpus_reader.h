#pragma once
// CorpusReader streams documents from any mix of inputs: JSON Lines ({"id", "text"}, field names
// configurable), directories of text files (recursive, id = relative path, sorted for
// determinism), one-document-per-line text files, and "-" for stdin. Files ending in .gz or .zst
// are decompressed transparently (zlib, zstd). Format is chosen per input: a directory is a
// directory; otherwise --format decides, and `kAuto` means JSONL for *.jsonl/*.json/*.ndjson
// (before the compression suffix) and for stdin whose first non-blank byte is '{', and one whole
// document per file otherwise.
//
//   auto reader = CorpusReader::open({"a.jsonl.gz", "dir/"}, ReadOptions{});
//   Record rec;
//   while (true) { auto more = reader->next(rec); if (!more.ok()) ...; if (!*more) break; ... }
//
// Guarantees: records come in input order (inputs in the order given, files of a directory in
// byte-wise sorted path order, lines in order). Memory is bounded by the largest record, not
// the corpus. Every malformed record (bad JSON, missing or non-string text field, invalid UTF-8,
// truncated/corrupt compressed stream, unreadable file) yields a one-line error naming the file
// and line (or byte offset); with OnError::kSkip the reader records it in skipped() and moves on
// (a corrupt compressed stream ends that input). Not thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "io/record.h"

namespace docsift {

enum class InputFormat { kAuto, kJsonl, kLines, kText };
enum class OnError { kFail, kSkip };

struct ReadOptions {
  std::string id_field = "id";      // JSONL: field holding the id (string or integer)
  std::string text_field = "text";  // JSONL: field holding the text (string)
  InputFormat format = InputFormat::kAuto;
  OnError on_error = OnError::kFail;
};

class CorpusReader {
 public:
  // Checks that every input exists and is readable before anything is read.
  static Result<std::unique_ptr<CorpusReader>> open(const std::vector<std::string>& inputs,
                                                    const ReadOptions& options);
  virtual ~CorpusReader() = default;

  // Reads the next record into `out`. Returns false at the end of all inputs.
  virtual Result<bool> next(Record& out) = 0;

  // Starts again from the first input (for a second pass that writes kept records). Standard
  // input is spooled to a temporary file on the first pass so that it can be re-read.
  virtual Status rewind() = 0;

  // Records skipped under OnError::kSkip, in input order (reset by rewind()).
  virtual const std::vector<SkippedRecord>& skipped() const = 0;

  // Uncompressed bytes consumed so far (for MB/s and progress).
  virtual uint64_t bytes_read() const = 0;

  // Total size of the input files on disk when known (compressed size for .gz/.zst), else 0.
  virtual uint64_t bytes_total_hint() const = 0;
};

}  // namespace docsift
