#include "io/internal/line_reader.h"

#include <algorithm>
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
  too_long_ = false;
  line_number_ = 0;
  bytes_consumed_ = 0;
}

void LineReader::set_max_line_bytes(size_t max_line_bytes) {
  max_line_ = max_line_bytes;
  max_buffered_ = max_line_bytes > SIZE_MAX - 8 ? SIZE_MAX - 8 : max_line_bytes + 5;
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
    // A partial line never exceeds max_buffered_ here, so the buffer stays within it + 1.
    const size_t grown = std::max(
        capacity_ + 1,
        std::min(capacity_ > SIZE_MAX / 2 ? SIZE_MAX / 2 : capacity_ * 2, max_buffered_ + 1));
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

// Drops the buffered part of an over-long line and reads on, a buffer at a time, past its '\n'.
Status LineReader::skip_rest_of_line() {
  begin_ = end_ = scan_ = 0;
  while (!eof_) {
    DOCSIFT_RETURN_IF_ERROR(fill());
    const void* nl = std::memchr(buf_.get(), '\n', end_);
    if (nl != nullptr) {
      begin_ = scan_ = static_cast<size_t>(static_cast<const char*>(nl) - buf_.get()) + 1;
      return Status::Ok();
    }
    begin_ = end_ = scan_ = 0;
  }
  return Status::Ok();
}

Result<bool> LineReader::next(std::string_view& line) {
  DOCSIFT_ASSERT(source_ != nullptr);
  too_long_ = false;
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
    } else if (end_ - begin_ > max_buffered_) {
      DOCSIFT_RETURN_IF_ERROR(skip_rest_of_line());
      ++line_number_;
      too_long_ = true;
      line = std::string_view();
      return true;
    } else {
      scan_ = end_;
      DOCSIFT_RETURN_IF_ERROR(fill());
      continue;
    }
    line = std::string_view(base + begin_, line_end - begin_);
    begin_ = scan_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (++line_number_ == 1) line = strip_bom(line);
    if (line.size() > max_line_) {
      too_long_ = true;
      line = std::string_view();
    }
    return true;
  }
}

}  // namespace docsift::detail
