#include "pipeline/passage_report.h"

#include "group/dedup_report.h"
#include "io/json_writer.h"

namespace docsift {
namespace {

// One line of a flat layout: every column, -1 / "" where it does not apply.
struct FlatRow {
  std::string_view type, id;
  int64_t start = -1, end = -1, char_start = -1, char_end = -1;
  std::string_view kind, of_id;
  int64_t of_start = -1, of_end = -1, of_char_start = -1, of_char_end = -1;
  double similarity = -1;
  int64_t documents = -1;
  bool removed = true;
  int64_t cluster = -1;
  std::string_view method, source;
  int64_t line = -1, byte_offset = -1;
  std::string_view error, text;
};

// Writes the columns of `r` in their order as JSON fields or CSV cells.
class FlatWriter {
 public:
  FlatWriter(std::string& out, const ReportLayout& layout)
      : out_(out), layout_(layout), json_(layout.format == ReportFormat::kJsonl) {
    if (json_) out_.push_back('{');
  }

  void write(const FlatRow& r) {
    if (layout_.clean) str("type", r.type);
    str("id", r.id);
    num("start", r.start);
    num("end", r.end);
    num("char_start", r.char_start);
    num("char_end", r.char_end);
    str("kind", r.kind);
    str("duplicate_of_id", r.of_id);
    num("duplicate_of_start", r.of_start);
    num("duplicate_of_end", r.of_end);
    num("duplicate_of_char_start", r.of_char_start);
    num("duplicate_of_char_end", r.of_char_end);
    real("similarity", r.similarity);
    num("documents", r.documents);
    boolean("removed", r.removed);
    if (layout_.clean) {
      num("cluster", r.cluster);
      str("method", r.method);
    }
    str("source", r.source);
    num("line", r.line);
    num("byte_offset", r.byte_offset);
    str("error", r.error);
    if (layout_.with_text) str("text", r.text);
    if (json_) out_.push_back('}');
  }

  // The header: the same columns, by name.
  void header() {
    json_ = false;
    header_ = true;
    write(FlatRow{});
    out_.push_back('\n');
  }

 private:
  void key(std::string_view name) {
    if (json_) {
      if (fields_++) out_.push_back(',');
      append_json_string(out_, name);
      out_.push_back(':');
    } else if (fields_++) {
      out_.push_back(',');
    }
  }
  bool name_only(std::string_view name) {
    if (!header_) return false;
    key(name);
    out_.append(name);
    return true;
  }
  void str(std::string_view name, std::string_view v) {
    if (name_only(name)) return;
    key(name);
    if (json_) {
      append_json_string(out_, v);
    } else {
      append_csv_field(out_, v);
    }
  }
  void num(std::string_view name, int64_t v) {
    if (name_only(name)) return;
    key(name);
    out_ += std::to_string(v);
  }
  void real(std::string_view name, double v) {
    if (name_only(name)) return;
    key(name);
    append_json_number(out_, v);
  }
  void boolean(std::string_view name, bool v) {
    if (name_only(name)) return;
    key(name);
    out_ += v ? "true" : "false";
  }

  std::string& out_;
  const ReportLayout& layout_;
  bool json_;
  bool header_ = false;
  size_t fields_ = 0;
};

}  // namespace

std::string report_header(const ReportLayout& layout) {
  std::string out;
  if (layout.format == ReportFormat::kCsv) FlatWriter(out, layout).header();
  return out;
}

void append_span_line(std::string& out, const SpanLine& span, const ReportLayout& layout) {
  if (!layout.flat()) {
    std::string dup;
    JsonObject(dup)
        .field("id", span.of_id)
        .field("start", span.of_start)
        .field("end", span.of_end)
        .field("char_start", span.of_char_start)
        .field("char_end", span.of_char_end)
        .close();
    JsonObject obj(out);
    obj.field("id", span.id)
        .field("start", span.start)
        .field("end", span.end)
        .field("char_start", span.char_start)
        .field("char_end", span.char_end)
        .field("kind", span.kind)
        .raw_field("duplicate_of", dup)
        .field("similarity", span.similarity)
        .field("documents", span.documents)
        .field("removed", span.removed);
    if (layout.with_text) obj.field("text", span.text);
    obj.close();
    return;
  }
  FlatRow r;
  r.type = span.type;
  r.id = span.id;
  r.start = static_cast<int64_t>(span.start);
  r.end = static_cast<int64_t>(span.end);
  r.char_start = static_cast<int64_t>(span.char_start);
  r.char_end = static_cast<int64_t>(span.char_end);
  r.kind = span.kind;
  r.of_id = span.of_id;
  r.of_start = static_cast<int64_t>(span.of_start);
  r.of_end = static_cast<int64_t>(span.of_end);
  r.of_char_start = static_cast<int64_t>(span.of_char_start);
  r.of_char_end = static_cast<int64_t>(span.of_char_end);
  r.similarity = span.similarity;
  r.documents = static_cast<int64_t>(span.documents);
  r.removed = span.removed;
  r.text = span.text;
  FlatWriter(out, layout).write(r);
}

void append_passage_line(std::string& out, const PassageIndex& index, const PassageRow& row,
                         std::string_view doc_text, const ReportLayout& layout) {
  const PassageOccurrence& occ = index.occurrence(row.occurrence);
  SpanLine span{.id = index.id(occ.doc),
                .of_id = index.id(row.of.doc),
                .kind = row.kind,
                .start = occ.begin,
                .end = occ.end,
                .char_start = occ.char_begin,
                .char_end = occ.char_end,
                .of_start = row.of.begin,
                .of_end = row.of.end,
                .of_char_start = row.of.char_begin,
                .of_char_end = row.of.char_end,
                .similarity = row.similarity,
                .documents = uint64_t{index.group(index.group_of(occ)).documents} +
                             index.stored_documents(index.group_of(occ)),
                .removed = row.removed};
  if (layout.with_text) span.text = doc_text.substr(occ.begin, occ.end - occ.begin);
  append_span_line(out, span, layout);
}

void append_document_line(std::string& out, std::string_view id, std::string_view kept_id,
                          uint64_t cluster, double similarity, std::string_view method,
                          const ReportLayout& layout) {
  FlatRow r;
  r.type = "document";
  r.id = id;
  r.kind = "duplicate";
  r.of_id = kept_id;
  r.similarity = similarity;
  r.cluster = static_cast<int64_t>(cluster);
  r.method = method;
  FlatWriter(out, layout).write(r);
}

void append_skipped_line(std::string& out, const SkippedRecord& record,
                         const ReportLayout& layout) {
  FlatRow r;
  r.type = "document";
  r.kind = "skipped";
  r.source = record.source;
  if (record.line != 0) {
    r.line = static_cast<int64_t>(record.line);
  } else {
    r.byte_offset = static_cast<int64_t>(record.byte_offset);
  }
  r.error = record.message;
  FlatWriter(out, layout).write(r);
}

}  // namespace docsift
