#include "group/dedup_report.h"

#include <charconv>

#include "io/json_writer.h"

namespace docsift {

void append_csv_field(std::string& out, std::string_view s) {
  // A cell starting with = + - @ (or tab, CR) is a formula to a spreadsheet: prefix a quote.
  const bool formula = !s.empty() && std::string_view("=+-@\t\r").find(s[0]) != s.npos;
  if (!formula && s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

DedupReport::DedupReport(OutputFile* file, ReportFormat format, bool tagged)
    : file_(file), format_(format), tagged_(tagged && format == ReportFormat::kJsonl) {
  if (file_ && format == ReportFormat::kCsv) {
    file_->write("id,duplicate_of,cluster,similarity,method,source,line,error\n");
  }
}

void DedupReport::end_line() {
  if (tagged_) line_.insert(1, "\"type\":\"document\",");
  line_.push_back('\n');
  file_->write(line_);
}

void DedupReport::duplicate(std::string_view id, std::string_view kept_id, uint64_t cluster,
                            double similarity, std::string_view method) {
  if (!file_) return;
  line_.clear();
  if (format_ == ReportFormat::kJsonl) {
    JsonObject(line_)
        .field("id", id)
        .field("duplicate_of", kept_id)
        .field("cluster", cluster)
        .field("similarity", similarity)
        .field("method", method)
        .close();
  } else {
    append_csv_field(line_, id);
    line_.push_back(',');
    append_csv_field(line_, kept_id);
    line_ += ',' + std::to_string(cluster) + ',';
    append_json_number(line_, similarity);
    line_.push_back(',');
    append_csv_field(line_, method);
    line_ += ",,,";
  }
  end_line();
}

void DedupReport::indexed_duplicate(std::string_view id, std::string_view indexed_id,
                                    double similarity, std::string_view method) {
  if (!file_) return;
  line_.clear();
  if (format_ == ReportFormat::kJsonl) {
    JsonObject(line_)
        .field("id", id)
        .field("duplicate_of", indexed_id)
        .field("similarity", similarity)
        .field("method", method)
        .field("source", "index")
        .close();
  } else {
    append_csv_field(line_, id);
    line_.push_back(',');
    append_csv_field(line_, indexed_id);
    line_ += ",,";
    append_json_number(line_, similarity);
    line_.push_back(',');
    append_csv_field(line_, method);
    line_ += ",index,,";
  }
  end_line();
}

void DedupReport::skipped(const SkippedRecord& record) {
  if (!file_) return;
  line_.clear();
  if (format_ == ReportFormat::kJsonl) {
    JsonObject obj(line_);
    obj.field("source", record.source);
    if (record.line != 0) {
      obj.field("line", record.line);
    } else {
      obj.field("byte_offset", record.byte_offset);
    }
    obj.field("error", record.message).field("action", "skipped").close();
  } else {
    line_ += ",,,,skipped,";
    append_csv_field(line_, record.source);
    line_ += ',' + std::to_string(record.line) + ',';
    append_csv_field(line_, record.message);
  }
  end_line();
}

void write_cluster_file(const StringPool& ids, const Grouping& g, OutputFile& out) {
  std::string line;
  for (size_t d = 0; d < g.cluster_of.size(); ++d) {
    line.clear();
    JsonObject(line)
        .field("id", ids[d])
        .field("cluster", uint64_t{g.cluster_of[d]})
        .field("cluster_size", uint64_t{g.cluster_size[g.cluster_of[d]]})
        .field("kept", g.kept_of[d] == d)
        .close();
    line.push_back('\n');
    out.write(line);
  }
}

void write_skipped(std::span<const SkippedRecord> skipped, OutputFile& out) {
  DedupReport report(&out, ReportFormat::kJsonl);
  for (const SkippedRecord& s : skipped) report.skipped(s);
}

const char* dedup_method_name(DedupMethod method) {
  switch (method) {
    case DedupMethod::kExact:
      return "exact";
    case DedupMethod::kMinHash:
      return "minhash";
    case DedupMethod::kSimHash:
      return "simhash";
  }
  return "?";
}

}  // namespace docsift
