#pragma once
// The binary container every stored artifact uses (signature tables, edge lists, duplicate
// groupings, cuts, LSH indexes): a header that says what the file is, which format version and
// which options made it, then the artifact's payload, then a checksum of everything before it.
//
//   BinaryFileWriter w;
//   DOCSIFT_RETURN_IF_ERROR(w.open(path, kSignatureFormat, options, {num_docs, num_perm}));
//   w.put_array<uint64_t>(ids);  w.put_array<uint32_t>(values);
//   DOCSIFT_RETURN_IF_ERROR(w.commit());
//
//   BinaryFileReader r;
//   DOCSIFT_RETURN_IF_ERROR(r.open(path, kSignatureFormat, &options, 2));
//   DOCSIFT_RETURN_IF_ERROR(r.read_array(num_docs, &ids));  ...  r.finish();
//
// Format (all fields little-endian, fixed width, no padding):
//   offset 0   magic         4 bytes, a fourcc per artifact type ("DSSG", ...)
//   offset 4   version       uint32, the artifact's format version
//   offset 8   fingerprint   uint64, XXH3-64 of the options text (core/options_fingerprint.h)
//   offset 16  text_bytes    uint32, length of the options text (at most kMaxOptionsTextBytes)
//   offset 20  num_counts    uint32, number of element counts (at most kMaxCounts)
//   offset 24  options text  text_bytes bytes, "name=value\n" lines
//   then       counts        num_counts x uint64 (the artifact's element counts)
//   then       payload       the artifact's arrays, in the order the artifact documents
//   last 8     checksum      uint64, XXH3-64 (seed 0) of every byte before it
//
// Loading checks, in order, and stops at the first failure with a Status naming the file and
// what is wrong: the file is long enough for a header; the magic ("not a docsift signature
// table: bad magic"); the version ("format version 3, this docsift reads 1"); the header's own
// consistency (fingerprint of the stored text); the options ("signatures.bin was made with
// ngram=5, this run uses ngram=3"); the number of counts. Every read is checked against the
// bytes left in the file before anything is allocated, so a count in a corrupt or hostile file
// cannot make the loader allocate more than the file holds; the checksum is verified by
// finish(). A truncated or corrupt file is an error, never a crash.
//
// Writing goes to "<path>.tmp.<pid>.<n>" in the same directory (created with O_EXCL) and is
// renamed onto `path` by commit(); a writer destroyed before commit removes its temporary file.
//
// Guarantees: the bytes written depend only on the values put (byte-identical across machines
// and runs). Not thread-safe; one object per file.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/options_fingerprint.h"
#include "core/status.h"

namespace docsift {

// What a file holds: its fourcc, the version this build writes and reads, and a name for
// messages ("signature table" -> "not a docsift signature table: bad magic").
struct BinaryFormat {
  char magic[4];
  uint32_t version;
  const char* what;
};

inline constexpr uint32_t kMaxOptionsTextBytes = 1u << 16;
inline constexpr uint32_t kMaxCounts = 64;
inline constexpr size_t kBinaryHeaderFixedBytes = 24;
inline constexpr size_t kBinaryChecksumBytes = 8;

namespace detail {
struct XxhStateDeleter {
  void operator()(void* state) const;
};
struct FileCloser {
  void operator()(std::FILE* f) const {
    if (f) std::fclose(f);
  }
};
// Reverses the bytes of a value (used only on big-endian hosts).
template <typename T>
T swap_bytes(T v) {
  unsigned char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  for (size_t i = 0; i < sizeof(T) / 2; ++i) std::swap(b[i], b[sizeof(T) - 1 - i]);
  std::memcpy(&v, b, sizeof(T));
  return v;
}
template <typename T>
constexpr bool kBinaryScalar = std::is_same_v<T, uint8_t> || std::is_same_v<T, uint32_t> ||
                               std::is_same_v<T, uint64_t> || std::is_same_v<T, float>;
}  // namespace detail

class BinaryFileWriter {
 public:
  BinaryFileWriter() = default;
  ~BinaryFileWriter();
  BinaryFileWriter(const BinaryFileWriter&) = delete;
  BinaryFileWriter& operator=(const BinaryFileWriter&) = delete;

  // Creates the temporary file and writes the header. counts.size() <= kMaxCounts.
  Status open(const std::string& path, const BinaryFormat& format, const OptionsText& options,
              std::span<const uint64_t> counts);

  // Appends payload values, little-endian. Write errors are latched and reported by commit().
  void put_u8(uint8_t v) { put_array<uint8_t>({&v, 1}); }
  void put_u32(uint32_t v) { put_array<uint32_t>({&v, 1}); }
  void put_u64(uint64_t v) { put_array<uint64_t>({&v, 1}); }
  void put_f32(float v) { put_array<float>({&v, 1}); }
  template <typename T>
  void put_array(std::span<const T> values) {
    static_assert(detail::kBinaryScalar<T>);
    if constexpr (std::endian::native == std::endian::little || sizeof(T) == 1) {
      put_bytes(values.data(), values.size_bytes());
    } else {
      for (const T& v : values) {
        const T le = detail::swap_bytes(v);
        put_bytes(&le, sizeof(T));
      }
    }
  }

  // Writes the checksum, flushes, syncs and renames the temporary file onto the path.
  Status commit();

 private:
  void put_bytes(const void* data, size_t size);

  std::string path_, tmp_path_;
  std::unique_ptr<std::FILE, detail::FileCloser> file_;
  std::unique_ptr<void, detail::XxhStateDeleter> hash_;
  bool failed_ = false;
  std::string error_;
};

class BinaryFileReader {
 public:
  BinaryFileReader() = default;
  BinaryFileReader(const BinaryFileReader&) = delete;
  BinaryFileReader& operator=(const BinaryFileReader&) = delete;

  // Opens `path` and validates the header (see the order above). `expected`: the options the
  // caller runs with; nullptr accepts whatever the file was made with (see options()).
  // `num_counts`: how many element counts this format has.
  Status open(const std::string& path, const BinaryFormat& format, const OptionsText* expected,
              uint32_t num_counts);

  const OptionsText& options() const { return options_; }
  std::span<const uint64_t> counts() const { return counts_; }
  // Payload bytes not yet read (excluding the checksum).
  uint64_t payload_bytes_left() const { return payload_left_; }
  // "<path>: <what>" for an artifact's own validation messages.
  std::string error_prefix() const { return path_ + ": "; }

  Status read_u8(uint8_t* v) { return read_into<uint8_t>({v, 1}); }
  Status read_u32(uint32_t* v) { return read_into<uint32_t>({v, 1}); }
  Status read_u64(uint64_t* v) { return read_into<uint64_t>({v, 1}); }
  Status read_f32(float* v) { return read_into<float>({v, 1}); }
  // Resizes *out to `count` values and fills it, after checking that the file holds them.
  template <typename T>
  Status read_array(uint64_t count, std::vector<T>* out) {
    static_assert(detail::kBinaryScalar<T>);
    DOCSIFT_RETURN_IF_ERROR(check_left(count, sizeof(T)));
    out->resize(count);
    return read_into<T>(*out);
  }
  template <typename T>
  Status read_into(std::span<T> out) {
    static_assert(detail::kBinaryScalar<T>);
    DOCSIFT_RETURN_IF_ERROR(check_left(out.size(), sizeof(T)));
    DOCSIFT_RETURN_IF_ERROR(read_bytes(out.data(), out.size_bytes()));
    if constexpr (std::endian::native != std::endian::little && sizeof(T) > 1) {
      for (T& v : out) v = detail::swap_bytes(v);
    }
    return Status::Ok();
  }

  // Checks that the payload was read to its end and that the checksum matches.
  Status finish();

 private:
  Status check_left(uint64_t count, size_t width) const;
  Status read_bytes(void* data, size_t size);

  std::string path_;
  const char* what_ = "";
  std::unique_ptr<std::FILE, detail::FileCloser> file_;
  std::unique_ptr<void, detail::XxhStateDeleter> hash_;
  OptionsText options_;
  std::vector<uint64_t> counts_;
  uint64_t file_size_ = 0;
  uint64_t payload_left_ = 0;
};

}  // namespace docsift
