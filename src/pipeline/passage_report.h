#pragma once
// The report lines of `docsift passages -r` and `docsift clean -r`, in three layouts:
//   passages, JSONL: one object per duplicate occurrence, duplicate_of nested
//     {"id","start","end","char_start","char_end","kind","duplicate_of":{"id","start","end",
//      "char_start","char_end"},"similarity","documents","removed"[,"text"]}
//     (skipped records follow in dedup's format, group/dedup_report.h);
//   clean (JSONL or CSV) and passages CSV: one flat row, every line the same columns in the same
//     order (kReportColumns), so that pandas reads each column with one type:
//     type (clean only: "document" | "passage"), id, start, end, char_start, char_end, kind
//     ("duplicate" for a document, "within" | "across" for a passage, "skipped" for a bad record),
//     duplicate_of_id, duplicate_of_start, duplicate_of_end, duplicate_of_char_start,
//     duplicate_of_char_end, similarity, documents, removed, cluster and method (clean only),
//     source, line, byte_offset, error, then text with --with-text.
//     A column that does not apply to the line is -1 (integers) or "" (strings), never null:
//     a document line has no offsets (-1), a passage line no cluster (-1) or method ("").
// start/end are byte offsets into the original text; char_start/char_end the same span in code
// points, so Python's text[char_start:char_end] is the passage. `text` (ReportLayout::with_text)
// is the passage's own text. CSV starts with a header line; cells are quoted as
// append_csv_field (group/dedup_report.h) quotes them.
//
//   ReportLayout layout{.format = ReportFormat::kCsv, .clean = true};
//   file.write(report_header(layout));
//   append_passage_line(line, index, row, doc_text, layout);
//
// Guarantees: deterministic; numbers as io/json_writer.h writes them.

#include <cstdint>
#include <string>
#include <string_view>

#include "group/dedup_options.h"
#include "io/record.h"
#include "passages/passage_decisions.h"
#include "passages/passage_index.h"

namespace docsift {

struct ReportLayout {
  ReportFormat format = ReportFormat::kJsonl;
  bool clean = false;      // clean's flat schema (type, cluster, method columns) in JSONL too
  bool with_text = false;  // a text column: the passage's text
  bool flat() const { return clean || format == ReportFormat::kCsv; }
};

// The CSV header line (with its newline), or "" for JSONL.
std::string report_header(const ReportLayout& layout);

// Appends the line (no newline) of passage row `row` of the document whose text is `doc_text`.
void append_passage_line(std::string& out, const PassageIndex& index, const PassageRow& row,
                         std::string_view doc_text, const ReportLayout& layout);

// A repeated span of any kind ("within" | "across" passages, "line" boilerplate lines,
// substring spans) with what it duplicates: byte and code point offsets into each document's
// original text; `text` is written with ReportLayout::with_text.
struct SpanLine {
  std::string_view type = "passage";  // clean's type column: "passage" | "substring"
  std::string_view id{}, of_id{}, kind{}, text{};
  uint64_t start = 0, end = 0, char_start = 0, char_end = 0;
  uint64_t of_start = 0, of_end = 0, of_char_start = 0, of_char_end = 0;
  double similarity = 1;
  uint64_t documents = 0;
  bool removed = true;
};

// Appends the line (no newline) of `span` in `layout`: the nested passages object, or a flat row.
void append_span_line(std::string& out, const SpanLine& span, const ReportLayout& layout);

// Appends the line (no newline) of a removed document (flat layouts: clean's report).
void append_document_line(std::string& out, std::string_view id, std::string_view kept_id,
                          uint64_t cluster, double similarity, std::string_view method,
                          const ReportLayout& layout);

// Appends the line (no newline) of a skipped record in a flat layout.
void append_skipped_line(std::string& out, const SkippedRecord& record, const ReportLayout& layout);

}  // namespace docsift
