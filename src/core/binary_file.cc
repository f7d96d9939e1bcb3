#include "core/binary_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "core/xxh3.h"

namespace docsift {
namespace detail {

void XxhStateDeleter::operator()(void* state) const {
  XXH3_freeState(static_cast<XXH3_state_t*>(state));
}

}  // namespace detail
namespace {

XXH3_state_t* state_of(const std::unique_ptr<void, detail::XxhStateDeleter>& p) {
  return static_cast<XXH3_state_t*>(p.get());
}

std::unique_ptr<void, detail::XxhStateDeleter> new_hash_state() {
  std::unique_ptr<void, detail::XxhStateDeleter> state(XXH3_createState());
  if (state) XXH3_64bits_reset(state_of(state));
  return state;
}

uint32_t load_u32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}

uint64_t load_u64(const unsigned char* p) { return load_u32(p) | uint64_t{load_u32(p + 4)} << 32; }

void store_u64(uint64_t v, unsigned char* p) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i));
}

std::string errno_text() { return std::strerror(errno); }

std::string magic_text(const char* m) {
  std::string out;
  for (int i = 0; i < 4; ++i) {
    const auto c = static_cast<unsigned char>(m[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      static const char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::atomic<uint64_t> temp_counter{0};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writer

BinaryFileWriter::~BinaryFileWriter() {
  if (file_) {
    file_.reset();
    ::unlink(tmp_path_.c_str());
  }
}

Status BinaryFileWriter::open(const std::string& path, const BinaryFormat& format,
                              const OptionsText& options, std::span<const uint64_t> counts) {
  DOCSIFT_ASSERT(!file_);
  if (counts.size() > kMaxCounts) {
    return Status::InvalidArgument(path + ": " + std::to_string(counts.size()) +
                                   " element counts, at most " + std::to_string(kMaxCounts));
  }
  if (options.text().size() > kMaxOptionsTextBytes) {
    return Status::InvalidArgument(path + ": options text of " +
                                   std::to_string(options.text().size()) + " bytes, at most " +
                                   std::to_string(kMaxOptionsTextBytes));
  }
  path_ = path;
  tmp_path_ =
      path + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(temp_counter.fetch_add(1));
  const int fd = ::open(tmp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError("cannot create " + tmp_path_ + ": " + errno_text());
  file_.reset(::fdopen(fd, "wb"));
  if (!file_) {
    const std::string err = errno_text();
    ::close(fd);
    ::unlink(tmp_path_.c_str());
    return Status::IoError("cannot open " + tmp_path_ + ": " + err);
  }
  hash_ = new_hash_state();
  if (!hash_) return Status::ResourceExhausted("cannot allocate a hash state");
  failed_ = false;
  put_bytes(format.magic, 4);
  put_u32(format.version);
  put_u64(options.fingerprint());
  put_u32(static_cast<uint32_t>(options.text().size()));
  put_u32(static_cast<uint32_t>(counts.size()));
  put_bytes(options.text().data(), options.text().size());
  put_array<uint64_t>(counts);
  return Status::Ok();
}

void BinaryFileWriter::put_bytes(const void* data, size_t size) {
  DOCSIFT_ASSERT(file_);
  if (failed_ || size == 0) return;
  XXH3_64bits_update(state_of(hash_), data, size);
  if (std::fwrite(data, 1, size, file_.get()) != size) {
    failed_ = true;
    error_ = errno_text();
  }
}

Status BinaryFileWriter::commit() {
  DOCSIFT_ASSERT(file_);
  unsigned char checksum[8];
  store_u64(XXH3_64bits_digest(state_of(hash_)), checksum);
  if (!failed_ && std::fwrite(checksum, 1, 8, file_.get()) != 8) {
    failed_ = true;
    error_ = errno_text();
  }
  if (!failed_ && std::fflush(file_.get()) != 0) {
    failed_ = true;
    error_ = errno_text();
  }
  if (!failed_ && ::fsync(::fileno(file_.get())) != 0) {
    failed_ = true;
    error_ = errno_text();
  }
  std::FILE* f = file_.release();
  if (std::fclose(f) != 0 && !failed_) {
    failed_ = true;
    error_ = errno_text();
  }
  if (!failed_ && ::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    failed_ = true;
    error_ = "cannot rename " + tmp_path_ + " to " + path_ + ": " + errno_text();
  }
  if (failed_) {
    ::unlink(tmp_path_.c_str());
    return Status::IoError("cannot write " + path_ + ": " + error_);
  }
  return Status::Ok();
}

// ---------------------------------------------------------------------------------------------
// Reader

Status BinaryFileReader::open(const std::string& path, const BinaryFormat& format,
                              const OptionsText* expected, uint32_t num_counts) {
  path_ = path;
  what_ = format.what;
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) return Status::IoError("cannot open " + path + ": " + errno_text());
  struct stat st;
  if (::fstat(::fileno(file_.get()), &st) != 0) {
    return Status::IoError("cannot stat " + path + ": " + errno_text());
  }
  if (!S_ISREG(st.st_mode)) return Status::InvalidInput(path + ": not a regular file");
  file_size_ = static_cast<uint64_t>(st.st_size);
  hash_ = new_hash_state();
  if (!hash_) return Status::ResourceExhausted("cannot allocate a hash state");

  const std::string not_a = path + ": not a docsift " + format.what;
  if (file_size_ < 4) {
    return Status::InvalidInput(not_a + ": only " + std::to_string(file_size_) + " bytes");
  }
  unsigned char fixed[kBinaryHeaderFixedBytes];
  const size_t fixed_len = std::min<uint64_t>(file_size_, sizeof(fixed));
  if (std::fread(fixed, 1, fixed_len, file_.get()) != fixed_len) {
    return Status::IoError("cannot read " + path + ": " + errno_text());
  }
  if (std::memcmp(fixed, format.magic, 4) != 0) {
    return Status::InvalidInput(not_a + ": bad magic \"" +
                                magic_text(reinterpret_cast<const char*>(fixed)) +
                                "\", expected \"" + magic_text(format.magic) + "\"");
  }
  const uint64_t min_size = kBinaryHeaderFixedBytes + kBinaryChecksumBytes;
  if (file_size_ < min_size) {
    return Status::InvalidInput(path + ": truncated " + format.what + ": " +
                                std::to_string(file_size_) + " bytes, the header alone needs " +
                                std::to_string(min_size));
  }
  const uint32_t version = load_u32(fixed + 4);
  if (version != format.version) {
    return Status::InvalidInput(path + ": " + format.what + " in format version " +
                                std::to_string(version) + ", this docsift reads " +
                                std::to_string(format.version));
  }
  XXH3_64bits_update(state_of(hash_), fixed, sizeof(fixed));
  const uint64_t fingerprint = load_u64(fixed + 8);
  const uint32_t text_bytes = load_u32(fixed + 16);
  const uint32_t stored_counts = load_u32(fixed + 20);
  const uint64_t header_bytes =
      kBinaryHeaderFixedBytes + uint64_t{text_bytes} + 8 * uint64_t{stored_counts};
  if (text_bytes > kMaxOptionsTextBytes || stored_counts > kMaxCounts ||
      header_bytes + kBinaryChecksumBytes > file_size_) {
    return Status::InvalidInput(path + ": truncated or corrupt " + format.what + " header (" +
                                std::to_string(text_bytes) + " bytes of options, " +
                                std::to_string(stored_counts) + " counts, file of " +
                                std::to_string(file_size_) + " bytes)");
  }
  payload_left_ = file_size_ - kBinaryHeaderFixedBytes - kBinaryChecksumBytes;
  std::string text(text_bytes, '\0');
  DOCSIFT_RETURN_IF_ERROR(read_bytes(text.data(), text.size()));
  options_ = OptionsText::from_text(std::move(text));
  if (options_.fingerprint() != fingerprint) {
    return Status::InvalidInput(path + ": corrupt " + format.what +
                                " header: the options fingerprint does not match the options text");
  }
  if (expected != nullptr && expected->text() != options_.text()) {
    return Status::InvalidInput(
        describe_options_difference(options_.text(), expected->text(), path));
  }
  if (stored_counts != num_counts) {
    return Status::InvalidInput(path + ": corrupt " + format.what +
                                " header: " + std::to_string(stored_counts) +
                                " element counts, expected " + std::to_string(num_counts));
  }
  counts_.resize(num_counts);
  return read_into<uint64_t>(counts_);
}

Status BinaryFileReader::check_left(uint64_t count, size_t width) const {
  if (count > payload_left_ / width) {
    const uint64_t offset = file_size_ - kBinaryChecksumBytes - payload_left_;
    return Status::InvalidInput(path_ + ": truncated or corrupt " + what_ + ": " +
                                std::to_string(count) + " values of " + std::to_string(width) +
                                " bytes needed at byte offset " + std::to_string(offset) +
                                ", only " + std::to_string(payload_left_) + " bytes left");
  }
  return Status::Ok();
}

Status BinaryFileReader::read_bytes(void* data, size_t size) {
  DOCSIFT_ASSERT(size <= payload_left_);
  if (size == 0) return Status::Ok();
  if (std::fread(data, 1, size, file_.get()) != size) {
    return Status::IoError("cannot read " + path_ + " (changed while reading?): " + errno_text());
  }
  XXH3_64bits_update(state_of(hash_), data, size);
  payload_left_ -= size;
  return Status::Ok();
}

Status BinaryFileReader::finish() {
  if (payload_left_ != 0) {
    return Status::InvalidInput(path_ + ": corrupt " + what_ + ": " +
                                std::to_string(payload_left_) +
                                " bytes after the payload its counts describe");
  }
  unsigned char stored[8];
  if (std::fread(stored, 1, 8, file_.get()) != 8) {
    return Status::IoError("cannot read " + path_ + " (changed while reading?): " + errno_text());
  }
  if (load_u64(stored) != XXH3_64bits_digest(state_of(hash_))) {
    return Status::InvalidInput(path_ + ": corrupt " + what_ +
                                ": checksum mismatch (the file was damaged or cut short)");
  }
  file_.reset();
  return Status::Ok();
}

}  // namespace docsift
