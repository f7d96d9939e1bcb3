#include "io/internal/line_reader.h"

#include <cstring>

namespace docsift::detail {

LineReader::LineReader(size_t chunk_bytes)
    : buf_(new char[chunk_bytes + kLinePadding]()), capacity_(chunk_bytes) {
  DOCSIFT_ASSERT(chunk_bytes > 0);
}

void LineReader::reset(ByteSource* source) {
  source_ = source;
  begin_ = end_ = scan_ = 0;
  eof_ = false;
  line_number_ = 0;
  bytes_consumed_ = 0;
}

Status LineReader::fill() {
  // Keep the partial line, move it to the front, and grow only when a single line fills all.
  if (begin_ > 0) {
    std::memmove(buf_.get(), buf_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    scan_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    size_t grown = capacity_ * 2;
    std::unique_ptr<char[]> bigger(new char[grown + kLinePadding]());
    std::memcpy(bigger.get(), buf_.get(), end_);
    buf_ = std::move(bigger);
    capacity_ = grown;
  }
  auto n = source_->read(buf_.get() + end_, capacity_ - end_);
  if (!n.ok()) return n.status();
  if (*n == 0) eof_ = true;
  end_ += *n;
  bytes_consumed_ += *n;
  return Status::Ok();
}

Result<bool> LineReader::next(std::string_view& line) {
  DOCSIFT_ASSERT(source_ != nullptr);
  while (true) {
    const char* base = buf_.get();
    const void* nl = scan_ < end_ ? std::memchr(base + scan_, '\n', end_ - scan_) : nullptr;
    size_t line_end;
    if (nl != nullptr) {
      line_end = static_cast<size_t>(static_cast<const char*>(nl) - base);
      scan_ = line_end + 1;
    } else if (eof_) {
      if (begin_ == end_) return false;
      line_end = scan_ = end_;  // last line without a newline
    } else {
      scan_ = end_;
      DOCSIFT_RETURN_IF_ERROR(fill());
      continue;
    }
    line = std::string_view(base + begin_, line_end - begin_);
    begin_ = scan_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (++line_number_ == 1) line = strip_bom(line);
    return true;
  }
}

}  // namespace docsift::detail
