#pragma once
// DedupReport writes what a dedup run removed, one record per removed or skipped document, as
// JSON Lines (default) or CSV:
//   {"id":"b","duplicate_of":"a","cluster":3,"similarity":0.91,"method":"minhash"}
//   {"source":"x.jsonl","line":7,"error":"x.jsonl:7: missing text field","action":"skipped"}
// and, when asked, the duplicate group file (--clusters): one line per document
// {"id","cluster","cluster_size","kept"}. The caller opens and commits the files. Not thread-safe.

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/string_pool.h"
#include "group/dedup_options.h"
#include "group/near_dup.h"
#include "io/output_file.h"
#include "io/record.h"

namespace docsift {

class DedupReport {
 public:
  // Writes to `file` (not owned; the caller commits it); nullptr means "no report": every write
  // is then a no-op. With `tagged`, every JSONL line starts {"type":"document", (docsift clean's
  // one report holds document and passage lines).
  DedupReport(OutputFile* file, ReportFormat format, bool tagged = false);
  void duplicate(std::string_view id, std::string_view kept_id, uint64_t cluster, double similarity,
                 std::string_view method);
  // A document that duplicates one of a stored index (docsift dedup --index):
  //   {"id":"b","duplicate_of":"a","similarity":0.91,"method":"minhash","source":"index"}
  // (CSV: no cluster, source "index").
  void indexed_duplicate(std::string_view id, std::string_view indexed_id, double similarity,
                         std::string_view method);
  void skipped(const SkippedRecord& record);

 private:
  void end_line();  // tags, ends and writes line_
  OutputFile* file_;
  ReportFormat format_;
  bool tagged_;
  std::string line_;
};

// The duplicate group file (--clusters; field names kept): one line per document
// {"id","cluster","cluster_size","kept"}, in order.
void write_cluster_file(const StringPool& ids, const Grouping& g, OutputFile& out);

// Skipped records as report lines (a job without another report writes them in dedup's format).
void write_skipped(std::span<const SkippedRecord> skipped, OutputFile& out);

// Appends `s` as one CSV field (quoted when it holds a comma, quote or newline). A field
// starting with = + - @, tab or CR is quoted and prefixed with ' so that a spreadsheet shows it
// as text rather than running it as a formula ("=HYPERLINK(...)" -> "'=HYPERLINK(...)").
void append_csv_field(std::string& out, std::string_view s);

}  // namespace docsift
