#pragma once
// ByteSource: a file's bytes, decompressed on the fly when it is gzip/zlib (inflate with
// windowBits 15+32, concatenated members) or Zstandard (ZSTD_decompressStream). Streams in
// fixed buffers, so memory does not depend on the file size.
//
// Compression is decided by the content: a file starting with the gzip (1f 8b) or zstd
// (28 b5 2f fd) magic bytes is decompressed whatever its name. A file whose name says .gz or
// .zst (any case) but whose first bytes are neither magic (nor, for .gz, a zlib header) is an
// error, "<name>: named as compressed (.gz/.zst) but not gzip or zstd data": most likely a
// corrupt or wrongly named file, better refused than read as text. An empty file is empty.
//
//   auto src = detail::open_byte_source("a.jsonl.gz", "a.jsonl.gz", Compression::kGzip);
//   char buf[4096];
//   while (true) { auto n = (*src)->read(buf, sizeof buf); if (!n.ok() || *n == 0) break; }
//
// Errors are one line: "<name>: <strerror>" for I/O, "<name>: byte <offset>: <what>" for a
// corrupt or truncated compressed stream, where <offset> counts compressed bytes consumed from
// the file; it does not depend on the read sizes (for zstd it is the start of the frame header
// part, block or checksum that failed; only v1 frames and skippable frames are accepted, a
// legacy v0.x frame is "not a zstd frame"). Bytes decoded before an error are delivered first; the
// error comes on the next read. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "core/status.h"

namespace docsift::detail {

enum class Compression { kNone, kGzip, kZstd };

// By suffix, case-insensitive: ".gz" -> kGzip, ".zst" -> kZstd, otherwise kNone.
Compression compression_from_name(const std::string& name);
// By magic number (1f 8b gzip, 28 b5 2f fd zstd) in the first bytes of a file.
Compression compression_from_magic(const unsigned char* bytes, size_t size);

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Writes up to `capacity` (> 0) bytes to `dst`; returns 0 only at the end of the data.
  virtual Result<size_t> read(char* dst, size_t capacity) = 0;
  // After read() failed on a corrupt or truncated compressed stream: the compressed byte offset
  // it names. 0 otherwise.
  uint64_t error_offset() const { return error_offset_; }

 protected:
  uint64_t error_offset_ = 0;
};

// Opens `path` (a regular file: it is read with pread), or reads from a duplicate of `fd` when
// fd >= 0 (a spool file; `path` is then unused). `name` is how messages refer to it (the path as
// the user gave it); `by_name` is compression_from_name of that name, checked against the
// content as described above.
Result<std::unique_ptr<ByteSource>> open_byte_source(const std::string& path,
                                                     const std::string& name, Compression by_name,
                                                     int fd = -1);

}  // namespace docsift::detail
