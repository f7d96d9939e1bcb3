#include "pipeline/cut_writer.h"

#include "io/record_writer.h"

namespace docsift {

CutWriter::CutWriter(OutputFile* corpus, OutputFile* report, std::string text_field,
                     const char* report_type)
    : corpus_(corpus), report_(report), text_field_(std::move(text_field)) {
  if (report_type) tag_ = std::string("\"type\":\"") + report_type + "\",";
}

uint64_t CutWriter::write_document(const Record& rec, std::span<const Cut> cuts) {
  if (!corpus_) return 0;
  line_.clear();
  uint64_t removed = 0;
  if (cuts.empty()) {
    append_kept_record(line_, rec);
  } else {
    stripped_ = strip_passages(rec.text, cuts);
    removed = rec.text.size() - stripped_.size();
    append_record_with_text(line_, rec, stripped_, text_field_);
  }
  corpus_->write(line_);
  return removed;
}

void CutWriter::write_report_line(std::string_view json) {
  if (!report_) return;
  if (tag_.empty() || json.empty()) {
    report_->write(json);
  } else {
    report_->write(json.substr(0, 1));
    report_->write(tag_);
    report_->write(json.substr(1));
  }
  report_->write("\n");
}

}  // namespace docsift
