// Fuzzer for io/internal/byte_source.h: the input is written to a memfd and read back through
// open_byte_source("/proc/self/fd/N") with each Compression, twice: with 64 KiB reads and with
// small reads whose sizes come from the input. Checked:
//   - kNone returns the input's bytes exactly (unless they start with the gzip or zstd magic);
//   - both read patterns deliver the same bytes and end the same way (end of data, or the same
//     error message and error_offset), so buffering never changes the result (before a gzip
//     error, one may deliver a prefix of what the other does; zstd delivers the same bytes);
//   - a stream error names the source and a compressed byte offset within the file;
//   - kGzip agrees with zlib's own inflate (windowBits 15+32) run member after member here
//     (unless the input has the zstd magic, which makes it zstd whatever the name says).
// Output is capped at kMaxOutput so a small compression bomb does not stall the fuzzer.

#include <sys/mman.h>
#include <unistd.h>
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "io/internal/byte_source.h"

namespace {

using docsift::detail::ByteSource;
using docsift::detail::Compression;

constexpr size_t kMaxOutput = 4u << 20;

struct Outcome {
  bool opened = false;
  std::string bytes;
  bool failed = false;  // a read returned an error (or open did)
  bool capped = false;  // stopped at kMaxOutput
  std::string message;
  uint64_t error_offset = 0;
};

// Reads everything; read sizes cycle through `sizes` (bytes of the input) when not empty.
Outcome read_all(const std::string& path, Compression c, std::string_view sizes) {
  Outcome o;
  auto src = docsift::detail::open_byte_source(path, "fuzz.in", c);
  if (!src.ok()) {
    o.failed = true;
    o.message = src.status().message();
    return o;
  }
  o.opened = true;
  ByteSource& s = **src;
  char buf[64 * 1024];
  for (size_t k = 0;; ++k) {
    if (o.bytes.size() >= kMaxOutput) {
      o.capped = true;
      break;
    }
    const size_t cap =
        sizes.empty() ? sizeof buf : 1 + static_cast<unsigned char>(sizes[k % sizes.size()]) % 97;
    auto n = s.read(buf, cap);
    if (!n.ok()) {
      o.failed = true;
      o.message = n.status().message();
      o.error_offset = s.error_offset();
      break;
    }
    FUZZ_CHECK(*n <= cap, "read " << *n << " bytes into a buffer of " << cap);
    if (*n == 0) break;
    o.bytes.append(buf, *n);
  }
  return o;
}

// Reference gzip decoding: zlib inflate over the whole input, one member after another (a new
// member may start right after the previous one ends). Returns false on a corrupt or truncated
// stream; `out` holds the bytes decoded before it.
bool reference_gunzip(std::string_view in, std::string& out) {
  if (in.empty()) return true;
  size_t pos = 0;
  while (pos < in.size()) {
    z_stream z{};
    if (inflateInit2(&z, 15 + 32) != Z_OK) std::abort();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data() + pos));
    z.avail_in = static_cast<uInt>(in.size() - pos);
    int rc;
    do {
      char buf[16384];
      z.next_out = reinterpret_cast<Bytef*>(buf);
      z.avail_out = sizeof buf;
      rc = inflate(&z, Z_NO_FLUSH);
      out.append(buf, sizeof buf - z.avail_out);
      if (out.size() >= kMaxOutput) {
        inflateEnd(&z);
        return true;
      }
    } while (rc == Z_OK);
    const size_t consumed = (in.size() - pos) - z.avail_in;
    inflateEnd(&z);
    if (rc != Z_STREAM_END) return false;
    pos += consumed;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("byte_source_fuzz", 0);
  FUZZ_CHECK(fd >= 0, "memfd_create failed");
  FUZZ_CHECK(ftruncate(fd, 0) == 0 && pwrite(fd, data, size, 0) == static_cast<ssize_t>(size),
             "cannot write the memfd");
  const std::string path = "/proc/self/fd/" + std::to_string(fd);
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  // Small read sizes from the last bytes, so the compressed prefix stays meaningful.
  const std::string_view sizes = input.substr(size > 8 ? size - 8 : 0);

  for (Compression c : {Compression::kNone, Compression::kGzip, Compression::kZstd}) {
    const int ci = static_cast<int>(c);
    const Outcome big = read_all(path, c, {});
    const Outcome small = read_all(path, c, sizes);
    // Content decides: a file with the gzip or zstd magic is decompressed whatever its name.
    const Compression by_magic = docsift::detail::compression_from_magic(data, size);
    const bool magic = by_magic != Compression::kNone;
    if (c == Compression::kNone && !magic) {
      FUZZ_CHECK(!big.failed && big.bytes == input.substr(0, big.bytes.size()) &&
                     (big.capped || big.bytes.size() == size),
                 "plain source returned " << big.bytes.size() << " bytes of " << size << ": "
                                          << big.message);
    }
    if (!big.capped && !small.capped) {
      // On a corrupt stream a decoder may hand out a different number of unverified bytes
      // before the error, but never different bytes: one is a prefix of the other (zstd hands
      // out exactly the same bytes, gzip a prefix). Regression inputs:
      // corpus/byte_source/regress-zstd-*.
      // Content decides the decoder: a gzip magic is decoded as gzip whatever was asked.
      const bool gzip_magic = size >= 2 && static_cast<unsigned char>(input[0]) == 0x1f &&
                              static_cast<unsigned char>(input[1]) == 0x8b;
      const bool zstd = c == Compression::kZstd && !gzip_magic;
      const bool same_bytes =
          big.failed && !zstd ? (big.bytes.size() <= small.bytes.size()
                                     ? small.bytes.compare(0, big.bytes.size(), big.bytes) == 0
                                     : big.bytes.compare(0, small.bytes.size(), small.bytes) == 0)
                              : big.bytes == small.bytes;
      FUZZ_CHECK(same_bytes, "compression " << ci << ": " << big.bytes.size()
                                            << " bytes with large reads, " << small.bytes.size()
                                            << " with small; \"" << big.message << "\" vs \""
                                            << small.message << "\"");
      FUZZ_CHECK(big.failed == small.failed && big.message == small.message &&
                     big.error_offset == small.error_offset,
                 "compression " << ci << ": outcomes differ: \"" << big.message << "\" at "
                                << big.error_offset << " vs \"" << small.message << "\" at "
                                << small.error_offset);
    }
    for (const Outcome* o : {&big, &small}) {
      if (!o->failed) continue;
      FUZZ_CHECK(o->message.rfind("fuzz.in: ", 0) == 0, "message \"" << o->message << "\"");
      FUZZ_CHECK(o->message.find('\n') == std::string::npos, "multi-line message");
      FUZZ_CHECK(o->error_offset <= size,
                 "error offset " << o->error_offset << " past the " << size << "-byte file");
    }
    if (c == Compression::kGzip && by_magic != Compression::kZstd && !big.capped) {
      std::string expected;
      const bool ok = reference_gunzip(input, expected);
      if (expected.size() < kMaxOutput) {
        FUZZ_CHECK(ok == !big.failed, "zlib says " << (ok ? "valid" : "corrupt")
                                                   << ", byte source: \"" << big.message << "\"");
        FUZZ_CHECK(!ok || expected == big.bytes,
                   "gzip output differs from zlib: " << big.bytes.size() << " vs "
                                                     << expected.size() << " bytes");
      }
    }
  }
  return 0;
}
