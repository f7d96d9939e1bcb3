#pragma once
// CorpusReader streams documents from any mix of inputs: JSON Lines ({"id", "text"}, field names
// configurable), directories of text files (recursive, id = relative path, sorted for
// determinism), one-document-per-line text files, and "-" for stdin. Files ending in .gz or .zst
// are decompressed transparently (zlib, zstd), streaming. JSON is parsed with simdjson (DOM, one
// reused parser, lines parsed in place in the read buffer).
//
// Format, per file: --format decides when it is not kAuto; with kAuto, JSONL for
// *.jsonl/*.json/*.ndjson (before the compression suffix) and for stdin whose first non-blank
// byte is '{', one whole document per file otherwise. The files found in a directory follow the
// same rule (so a directory of *.jsonl.gz shards reads as JSONL; a directory of .txt files gives
// one document per file). Ids:
//   JSONL       the id field (string, or integer as decimal text); when absent "<name>:<line>"
//   kLines      "<name>:<line>" (empty lines skipped)
//   kText       the path as given (files in a directory: the path relative to it, .gz kept)
// where <name> is a top-level file's base name, or the path relative to the directory. Hidden
// files and directories (".name") in a directory are skipped. Record::source is the path of the
// file read (the directory as given joined with the relative path; "-" for stdin).
//
//   auto reader = CorpusReader::open({"a.jsonl.gz", "dir/"}, ReadOptions{});
//   Record rec;
//   while (true) { auto more = reader->next(rec); if (!more.ok()) ...; if (!*more) break; ... }
//
// Guarantees: records come in input order (inputs in the order given, files of a directory in
// byte-wise sorted path order, lines in order). Memory is bounded by the largest record plus
// 32 bytes per document for duplicate-id detection, not by the corpus. A UTF-8 BOM starts no
// record and a trailing '\r' ends none; whitespace-only JSONL lines are skipped. Every bad record
// gives a one-line error:
//   "<file>:<line>: <what>"     bad JSON, not an object, missing or non-string text field, id
//                               neither string nor integer, invalid UTF-8, duplicate id
//   "<file>: byte <n>: <what>"  corrupt or truncated .gz/.zst (n = compressed offset), invalid
//                               UTF-8 in a whole-file document (n = offset in the text)
//   "<file>: <strerror>"        unreadable file (IoError; the others are InvalidInput)
// Byte offsets are 0-based. With OnError::kFail next() returns the error (calling it again
// resumes after the bad record); with OnError::kSkip the reader records it in skipped() and moves
// on (a corrupt compressed stream ends that input; of duplicate ids the first is kept).
// Deterministic. Not thread-safe.

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
  // Checks that every input exists and is readable, lists directories and spools stdin, before
  // any record is read. Fails with InvalidArgument on an empty list or stdin given twice.
  static Result<std::unique_ptr<CorpusReader>> open(const std::vector<std::string>& inputs,
                                                    const ReadOptions& options);
  virtual ~CorpusReader() = default;

  // Reads the next record into `out`. Returns false at the end of all inputs.
  virtual Result<bool> next(Record& out) = 0;

  // Starts again from the first input (for a second pass that writes kept records); the second
  // pass yields the same records, skips and errors. Standard input is spooled to a temporary
  // file (in $TMPDIR, removed when the reader is destroyed) so that it can be re-read.
  virtual Status rewind() = 0;

  // Records skipped under OnError::kSkip, in input order (reset by rewind()).
  virtual const std::vector<SkippedRecord>& skipped() const = 0;

  // Uncompressed bytes consumed so far (for MB/s and progress).
  virtual uint64_t bytes_read() const = 0;

  // Total size of the input files on disk (compressed size for .gz/.zst; stdin: the spool).
  virtual uint64_t bytes_total_hint() const = 0;
};

}  // namespace docsift
