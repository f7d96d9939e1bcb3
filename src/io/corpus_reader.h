#pragma once
// CorpusReader streams documents from any mix of inputs: JSON Lines ({"id", "text"}, field names
// configurable), directories of text files (recursive, id = relative path, sorted for
// determinism), one-document-per-line text files, and "-" for stdin. Compressed files are
// decompressed transparently (zlib, zstd), streaming; compression is recognised by the magic
// bytes (1f 8b gzip, 28 b5 2f fd zstd) of every file, whatever its name, and a file named
// *.gz/*.zst (any case) that has neither is an error. JSON is parsed with simdjson (DOM, one
// reused parser, lines parsed in place in the read buffer).
//
// Format, per file: --format decides when it is not kAuto; with kAuto, JSONL for
// *.jsonl/*.json/*.ndjson (any case, before the compression suffix), one whole document per file
// otherwise. Inputs that are not regular files (stdin, pipes, FIFOs, /dev/stdin, <(...)) are
// copied first to an unnamed spool file in $TMPDIR, so that a second pass re-reads the same
// bytes, and with kAuto their content decides when the name does not say JSONL: JSONL when the
// first non-blank byte is '{' (or the input is empty), one whole document otherwise. The files
// found in a directory follow the same rule (so a directory of *.jsonl.gz shards reads as JSONL;
// a directory of .txt files gives one document per file). Ids:
//   JSONL       the id field (string, or integer as decimal text); when absent "<name>:<line>"
//   kLines      "<name>:<line>" (empty lines skipped)
//   kText       the path as given (files in a directory: the path relative to it, .gz kept)
// where <name> is a top-level file's base name, or the path relative to the directory. Ids made
// from file names are percent-encoded so that they are valid UTF-8 and reversible: '%' is always
// written "%25", and each byte of the name that is not part of a valid UTF-8 sequence "%XX"
// (upper-case hex); everything else is kept ("caf\xE9.txt" -> "caf%E9.txt", "50%.txt" ->
// "50%25.txt"). Hidden files and directories (".name") in a directory are skipped.
// Record::source is the path of the file read (the directory as given joined with the relative
// path, that part percent-encoded the same way; "-" for stdin; a path given that is not valid
// UTF-8 is percent-encoded).
//
//   auto reader = CorpusReader::open({"a.jsonl.gz", "dir/"}, ReadOptions{});
//   Record rec;
//   while (true) { auto more = reader->next(rec); if (!more.ok()) ...; if (!*more) break; ... }
//
// Guarantees: records come in input order (inputs in the order given, files of a directory in
// byte-wise sorted path order, lines in order). Memory is bounded by max_doc_bytes (plus a
// 1 MiB read buffer) plus 32 bytes per document for duplicate-id detection, not by the corpus. A
// UTF-8 BOM starts no record and a trailing '\r' ends none; whitespace-only JSONL lines are
// skipped. Every bad record gives a one-line error:
//   "<file>:<line>: <what>"     bad JSON, not an object, missing or non-string text field, id
//                               neither string nor integer, invalid UTF-8, duplicate id
//   "<file>: byte <n>: <what>"  corrupt or truncated .gz/.zst (n = compressed offset), invalid
//                               UTF-8 in a whole-file document (n = offset in the text)
//   "<file>:<line>: record longer than --max-doc-bytes (N bytes)"  (ReadOptions::max_doc_bytes)
//   "<file>: named as compressed (.gz/.zst) but not gzip or zstd data"
//   "<file>: <strerror>"        unreadable file (IoError; the others are InvalidInput)
//   "<file>:<line>: out of memory parsing a JSON line of N bytes (...)"  ResourceExhausted (a
//                               memory cap below what the JSON parser needs); never skipped
// Byte offsets are 0-based. With OnError::kFail next() returns the error (calling it again
// resumes after the bad record); with OnError::kSkip the reader records it in skipped() and moves
// on (a corrupt compressed stream ends that input; of duplicate ids the first is kept).
// Deterministic. Not thread-safe.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/memory_budget.h"
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
  // Longest record accepted, in bytes (> 0): a JSONL or kLines line without its newline, or a
  // whole-file document, decompressed, after the BOM. A longer one is an error
  // "<file>:<line>: record longer than --max-doc-bytes (N bytes)" ("<file>: ..." for a
  // whole-file document), found while reading: at most about this many bytes of it are held.
  size_t max_doc_bytes = size_t{64} << 20;
  // The run's memory budget (core/memory_budget.h), or null for none. Whoever reads with these
  // options charges it: the corpus pass its batches, read buffers and ids, and the stages given
  // these options their tables. Must outlive the run.
  MemoryBudget* budget = nullptr;
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
  // pass yields the same records, skips and errors. Standard input and other non-regular inputs
  // are spooled to an unnamed temporary file (in $TMPDIR; nothing is left in the directory,
  // even after kill -9) so that they can be re-read.
  virtual Status rewind() = 0;

  // Records skipped under OnError::kSkip, in input order (reset by rewind()).
  virtual const std::vector<SkippedRecord>& skipped() const = 0;

  // Uncompressed bytes consumed so far (for MB/s and progress).
  virtual uint64_t bytes_read() const = 0;

  // Total size of the input files on disk (compressed size for .gz/.zst; stdin: the spool).
  virtual uint64_t bytes_total_hint() const = 0;
};

}  // namespace docsift
