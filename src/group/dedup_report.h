#pragma once
// DedupReport writes what a dedup run removed, one record per removed or skipped document, as
// JSON Lines (default) or CSV:
//   {"id":"b","duplicate_of":"a","cluster":3,"similarity":0.91,"method":"minhash"}
//   {"source":"x.jsonl","line":7,"error":"x.jsonl:7: missing text field","action":"skipped"}
// and, when asked, the cluster file: one line per document {"id","cluster","cluster_size","kept"}.
// Files are written atomically (see io/output_file.h). Not thread-safe.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "group/dedup_options.h"
#include "io/output_file.h"
#include "io/record.h"

namespace docsift {

class DedupReport {
 public:
  // An empty path means "no report": every write is then a no-op.
  static Result<std::unique_ptr<DedupReport>> open(const std::string& path, ReportFormat format,
                                                   const std::vector<std::string>& inputs);
  void duplicate(std::string_view id, std::string_view kept_id, uint64_t cluster, double similarity,
                 std::string_view method);
  void skipped(const SkippedRecord& record);
  Status commit();

 private:
  DedupReport(std::unique_ptr<OutputFile> file, ReportFormat format);
  std::unique_ptr<OutputFile> file_;
  ReportFormat format_;
  std::string line_;
};

// Appends `s` as one CSV field (quoted when it holds a comma, quote or newline).
void append_csv_field(std::string& out, std::string_view s);

}  // namespace docsift
