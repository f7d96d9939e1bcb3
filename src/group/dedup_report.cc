#include "group/dedup_report.h"

#include <charconv>

#include "io/json_writer.h"

namespace docsift {

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\n\r") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

Result<std::unique_ptr<DedupReport>> DedupReport::open(const std::string& path, ReportFormat format,
                                                       const std::vector<std::string>& inputs) {
  std::unique_ptr<OutputFile> file;
  if (!path.empty()) {
    auto opened = OutputFile::open(path, inputs);
    if (!opened.ok()) return opened.status();
    file = std::move(opened).value();
  }
  std::unique_ptr<DedupReport> report(new DedupReport(std::move(file), format));
  if (report->file_ && format == ReportFormat::kCsv) {
    report->file_->write("id,duplicate_of,cluster,similarity,method,source,line,error\n");
  }
  return report;
}

DedupReport::DedupReport(std::unique_ptr<OutputFile> file, ReportFormat format)
    : file_(std::move(file)), format_(format) {}

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
  line_.push_back('\n');
  file_->write(line_);
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
  line_.push_back('\n');
  file_->write(line_);
}

Status DedupReport::commit() { return file_ ? file_->commit() : Status::Ok(); }

}  // namespace docsift
