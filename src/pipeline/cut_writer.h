#pragma once
// CutWriter: the one writer of cleaned corpora (`passages --strip`, `clean`). It writes each
// document with its cuts (passages/strip.h) applied — a JSONL record's line with only the text
// field's value replaced, any other record as {"id","text"} — and report lines, tagged
// {"type":"<type>", ...} when the report holds several kinds of line (clean).
//
//   CutWriter writer(corpus_file, report_file, options.read.text_field);
//   writer.write_document(rec, cuts);
//   writer.write_report_line(line);   // one JSON object, no newline
//
// Either file may be null (not written). Not thread-safe.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "io/output_file.h"
#include "io/record.h"
#include "passages/strip.h"

namespace docsift {

class CutWriter {
 public:
  CutWriter(OutputFile* corpus, OutputFile* report, std::string text_field,
            const char* report_type = nullptr);

  bool writes_corpus() const { return corpus_ != nullptr; }
  // Writes `rec` with `cuts` (sorted, non-overlapping) removed; returns the bytes removed.
  uint64_t write_document(const Record& rec, std::span<const Cut> cuts);
  // Writes one JSON object `json` (no newline) as a report line, tagged when asked.
  void write_report_line(std::string_view json);

 private:
  OutputFile* corpus_;
  OutputFile* report_;
  std::string text_field_;
  std::string tag_;  // "\"type\":\"<type>\"," or empty
  std::string line_, stripped_;
};

}  // namespace docsift
