#pragma once
// LineReader splits a ByteSource into lines without copying them: each line is a view into an
// internal buffer that stays valid until the next call. The buffer grows to hold the longest
// line and always has kLinePadding readable bytes after a line's end, so simdjson can parse the
// line in place (it needs SIMDJSON_PADDING readable bytes past the input).
//
//   detail::LineReader lines;  lines.reset(source.get());
//   std::string_view line;
//   while (true) { auto more = lines.next(line); if (!more.ok() || !*more) break; ... }
//
// A trailing '\r' is stripped (CRLF files), and a UTF-8 byte order mark before the first line.
// The last line need not end in '\n'.
//
// Lines longer than set_max_line_bytes() (counted without the newline, a trailing '\r' and a
// BOM) are not buffered: next() reads through to their end in chunks, returns an empty `line`
// and too_long() is true until the next call. Memory: about max_line_bytes + chunk_bytes.
// Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/status.h"
#include "io/internal/byte_source.h"

namespace docsift::detail {

inline constexpr size_t kLinePadding = 64;

class LineReader {
 public:
  explicit LineReader(size_t chunk_bytes = size_t{1} << 20);

  // Starts reading `source` (not owned) from its beginning: line numbers restart at 1.
  void reset(ByteSource* source);

  // Sets `line` to the next line (without its newline). Returns false at the end of the source.
  Result<bool> next(std::string_view& line);

  // Lines longer than this are reported by too_long() instead of returned. Default: no limit.
  void set_max_line_bytes(size_t max_line_bytes);
  // The last line next() returned was longer than the limit (its text is not available).
  bool too_long() const { return too_long_; }

  uint64_t line_number() const { return line_number_; }        // of the last line returned
  size_t buffer_bytes() const { return capacity_; }            // current buffer size
  uint64_t bytes_consumed() const { return bytes_consumed_; }  // from the source, decompressed

 private:
  Status fill();
  Status skip_rest_of_line();

  ByteSource* source_ = nullptr;
  std::unique_ptr<char[]> buf_;
  size_t capacity_;  // usable bytes; the allocation has kLinePadding more
  size_t begin_ = 0, end_ = 0, scan_ = 0;
  bool eof_ = false;
  bool too_long_ = false;
  size_t max_line_ = SIZE_MAX;
  size_t max_buffered_ = SIZE_MAX;  // max_line_ plus room for "\r" and a BOM
  uint64_t line_number_ = 0;
  uint64_t bytes_consumed_ = 0;
};

// Removes a leading UTF-8 byte order mark (EF BB BF).
inline std::string_view strip_bom(std::string_view s) {
  if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xEF &&
      static_cast<unsigned char>(s[1]) == 0xBB && static_cast<unsigned char>(s[2]) == 0xBF)
    s.remove_prefix(3);
  return s;
}

}  // namespace docsift::detail
