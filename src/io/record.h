#pragma once
// Record: one input document as the readers hand it on. A JSONL record keeps its original line
// bytes so that kept records are written out byte for byte; documents from text files,
// directories or one-per-line files have no raw line and are written as {"id": ..., "text": ...}.

#include <cstdint>
#include <string>

namespace docsift {

struct Record {
  std::string id;    // from the id field, the relative path (directories) or "<file>:<line>"
  std::string text;  // decoded UTF-8 text (validated)
  std::string raw;   // JSONL only: the original line without its newline; empty otherwise
  bool has_raw = false;
  std::string source;  // the file read: the path as given, "<dir>/<relative path>", "-" (stdin)
  uint64_t line = 0;   // 1-based line number in `source`; 0 for a whole-file document
};

// A record that could not be read; with OnError::kSkip it is counted and listed in the report.
struct SkippedRecord {
  std::string source;
  uint64_t line = 0;         // 0 when the error is at a byte offset (e.g. broken compression)
  uint64_t byte_offset = 0;  // meaningful when line == 0
  std::string message;       // one line: "<file>:<line>: <what>" or "<file>: byte <n>: <what>"
};

}  // namespace docsift
