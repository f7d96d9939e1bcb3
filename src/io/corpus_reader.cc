#include "io/corpus_reader.h"

#include <algorithm>
#include <utility>

#include "io/internal/byte_source.h"
#include "io/internal/id_registry.h"
#include "io/internal/input_list.h"
#include "io/internal/jsonl_parser.h"
#include "io/internal/line_reader.h"
#include "io/internal/utf8.h"
#include "io/json_writer.h"

namespace docsift {
namespace {

using detail::InputFile;

std::string location(const std::string& name, uint64_t line) {
  return line == 0 ? name : name + ":" + std::to_string(line);
}

class MultiReader final : public CorpusReader {
 public:
  MultiReader(detail::InputList list, const ReadOptions& options)
      : list_(std::move(list)),
        on_error_(options.on_error),
        max_doc_bytes_(options.max_doc_bytes),
        parser_(options.id_field, options.text_field) {
    lines_.set_max_line_bytes(max_doc_bytes_);
  }

  Result<bool> next(Record& out) override {
    while (index_ < list_.files.size()) {
      Result<bool> got = step(list_.files[index_], out);
      if (!got.ok() || *got) return got;
    }
    return false;
  }

  Status rewind() override {
    source_.reset();
    index_ = 0;
    skipped_.clear();
    ids_.clear();
    bytes_read_ = 0;
    return Status::Ok();
  }

  const std::vector<SkippedRecord>& skipped() const override { return skipped_; }

  uint64_t bytes_read() const override {
    return bytes_read_ + (source_ ? lines_.bytes_consumed() : 0);
  }

  uint64_t bytes_total_hint() const override { return list_.total_bytes; }

 private:
  // Tries to produce one record from `f`: true when `out` holds one, false when nothing came out
  // (a skipped record, a blank line, or the end of `f`), an error under OnError::kFail.
  Result<bool> step(const InputFile& f, Record& out) {
    if (!source_) {
      auto src = detail::open_byte_source(f.path, f.name, f.compression, f.spool_fd);
      if (!src.ok()) {
        ++index_;
        return reject(f, 0, 0, src.status());
      }
      source_ = std::move(*src);
      lines_.reset(source_.get());
    }
    return f.format == InputFormat::kText ? read_document(f, out) : read_line(f, out);
  }

  void end_file() {
    bytes_read_ += lines_.bytes_consumed();
    source_.reset();
    ++index_;
  }

  // A broken stream or unreadable file ends the current input.
  Result<bool> stream_failed(const InputFile& f, const Status& error) {
    const uint64_t offset = source_->error_offset();
    end_file();
    return reject(f, 0, offset, error);
  }

  Result<bool> reject(const InputFile& f, uint64_t line, uint64_t byte_offset, Status error) {
    if (on_error_ == OnError::kFail) return error;
    skipped_.push_back(SkippedRecord{f.name, line, byte_offset, error.message()});
    return false;
  }

  Result<bool> reject_record(const InputFile& f, uint64_t line, const std::string& what) {
    return reject(f, line, 0, Status::InvalidInput(location(f.name, line) + ": " + what));
  }

  Result<bool> read_line(const InputFile& f, Record& out) {
    std::string_view line;
    auto more = lines_.next(line);
    if (!more.ok()) return stream_failed(f, more.status());
    if (!*more) {
      end_file();
      return false;
    }
    const uint64_t line_no = lines_.line_number();
    if (lines_.too_long()) return reject_record(f, line_no, too_long_message());
    if (f.format == InputFormat::kLines) {
      if (line.empty()) return false;
      if (!detail::is_valid_utf8(line)) {
        return reject_record(f, line_no,
                             "invalid UTF-8 at byte " +
                                 std::to_string(detail::first_invalid_utf8(line)) + " of the line");
      }
      out.text.assign(line);
      out.raw.clear();
      out.has_raw = false;
      out.id = f.id_name + ":" + std::to_string(line_no);
    } else {
      bool has_id = false;
      switch (parser_.parse(line, out.id, has_id, out.text, error_)) {
        case detail::JsonlOutcome::kBlank:
          return false;
        case detail::JsonlOutcome::kError:
          return reject_record(f, line_no, error_);
        case detail::JsonlOutcome::kOutOfMemory:  // not the record's fault: never skipped
          return Status::ResourceExhausted(location(f.name, line_no) + ": " + error_);
        case detail::JsonlOutcome::kRecord:
          break;
      }
      if (!has_id) out.id = f.id_name + ":" + std::to_string(line_no);
      out.raw.assign(line);
      out.has_raw = true;
    }
    out.source = f.name;
    out.line = line_no;
    return check_unique(f, out);
  }

  Result<bool> read_document(const InputFile& f, Record& out) {
    // Through a fixed scratch buffer: sizing out.text up front would cost a large memset per
    // file in a directory of many small files.
    constexpr size_t kChunk = size_t{256} << 10;
    if (!scratch_) scratch_.reset(new char[kChunk]);
    std::string& text = out.text;
    text.clear();
    while (true) {
      auto n = source_->read(scratch_.get(), kChunk);
      if (!n.ok()) return stream_failed(f, n.status());
      if (*n == 0) break;
      // Stop reading at the limit: the rest of the file (a decompression bomb, say) is never
      // decoded. Room for a byte-order mark here; the exact check follows.
      const size_t limit = max_doc_bytes_ > SIZE_MAX - 3 ? SIZE_MAX : max_doc_bytes_ + 3;
      if (*n > limit - std::min(text.size(), limit)) {
        bytes_read_ += *n;
        end_file();
        return reject_too_long_document(f, out);
      }
      text.append(scratch_.get(), *n);
      bytes_read_ += *n;
    }
    end_file();
    if (detail::strip_bom(text).size() != text.size()) text.erase(0, 3);
    if (text.size() > max_doc_bytes_) return reject_too_long_document(f, out);
    if (!detail::is_valid_utf8(text)) {
      const size_t at = detail::first_invalid_utf8(text);
      return reject(
          f, 0, at,
          Status::InvalidInput(f.name + ": byte " + std::to_string(at) + ": invalid UTF-8"));
    }
    out.id = f.id_name;
    out.raw.clear();
    out.has_raw = false;
    out.source = f.name;
    out.line = 0;
    return check_unique(f, out);
  }

  Result<bool> reject_too_long_document(const InputFile& f, Record& out) {
    out.text.clear();
    out.text.shrink_to_fit();
    return reject(f, 0, 0, Status::InvalidInput(f.name + ": " + too_long_message()));
  }

  std::string too_long_message() const {
    return "record longer than --max-doc-bytes (" + std::to_string(max_doc_bytes_) + " bytes)";
  }

  Result<bool> check_unique(const InputFile& f, const Record& rec) {
    const auto source = static_cast<uint32_t>(&f - list_.files.data());
    auto first = ids_.insert(rec.id, detail::IdLocation{source, rec.line});
    if (!first) return true;
    return reject(
        f, rec.line, 0,
        Status::InvalidInput(location(f.name, rec.line) + ": duplicate id " + quoted_id(rec.id) +
                             " (first seen in " +
                             location(list_.files[first->source].name, first->line) + ")"));
  }

  detail::InputList list_;
  OnError on_error_;
  size_t max_doc_bytes_;
  detail::JsonlParser parser_;
  detail::LineReader lines_;
  detail::IdRegistry ids_;
  std::unique_ptr<detail::ByteSource> source_;
  size_t index_ = 0;
  std::vector<SkippedRecord> skipped_;
  uint64_t bytes_read_ = 0;  // of finished inputs and whole-file documents
  std::string error_;
  std::unique_ptr<char[]> scratch_;
};

}  // namespace

Result<std::unique_ptr<CorpusReader>> CorpusReader::open(const std::vector<std::string>& inputs,
                                                         const ReadOptions& options) {
  if (inputs.empty()) return Status::InvalidArgument("no input given");
  if (options.text_field.empty()) return Status::InvalidArgument("empty text field name");
  if (options.max_doc_bytes == 0) return Status::InvalidArgument("max_doc_bytes must be > 0");
  auto list = detail::expand_inputs(inputs, options.format);
  if (!list.ok()) return list.status();
  if (list->files.size() > UINT32_MAX) return Status::InvalidArgument("too many input files");
  return std::unique_ptr<CorpusReader>(new MultiReader(std::move(*list), options));
}

}  // namespace docsift
