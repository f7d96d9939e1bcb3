#include "io/internal/byte_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <optional>
#include <vector>

namespace docsift::detail {
namespace {

constexpr size_t kInputChunk = 256 * 1024;

Status io_error(const std::string& name, int err) {
  return Status::IoError(name + ": " + std::strerror(err));
}

Status stream_error(const std::string& name, uint64_t offset, const std::string& what,
                    uint64_t& error_offset) {
  error_offset = offset;
  return Status::InvalidInput(name + ": byte " + std::to_string(offset) + ": " + what);
}

// Owns a file descriptor and reads it sequentially.
class Fd {
 public:
  Fd(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
  ~Fd() { ::close(fd_); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;

  // pread from our own offset: a spool's descriptor may be shared by several readers.
  Result<size_t> read(char* dst, size_t capacity) {
    while (true) {
      ssize_t n = ::pread(fd_, dst, capacity, static_cast<off_t>(offset_));
      if (n >= 0) {
        offset_ += static_cast<uint64_t>(n);
        return static_cast<size_t>(n);
      }
      if (errno != EINTR) return io_error(name_, errno);
    }
  }
  uint64_t offset() const { return offset_; }  // bytes read from the file so far
  const std::string& name() const { return name_; }

 private:
  int fd_;
  std::string name_;
  uint64_t offset_ = 0;
};

class PlainSource final : public ByteSource {
 public:
  explicit PlainSource(std::unique_ptr<Fd> fd) : fd_(std::move(fd)) {}
  Result<size_t> read(char* dst, size_t capacity) override { return fd_->read(dst, capacity); }

 private:
  std::unique_ptr<Fd> fd_;
};

// Shared shape of the two decoders: fill `dst` as far as possible, hold back an error until the
// bytes decoded before it have been handed out.
class DecoderBase : public ByteSource {
 public:
  explicit DecoderBase(std::unique_ptr<Fd> fd) : fd_(std::move(fd)), in_(kInputChunk) {}

  Result<size_t> read(char* dst, size_t capacity) final {
    if (pending_) return *pending_;
    size_t produced = 0;
    Status s = decode(dst, capacity, produced);
    if (!s.ok()) {
      if (produced == 0) return s;
      pending_ = std::move(s);
    }
    return produced;
  }

 protected:
  virtual Status decode(char* dst, size_t capacity, size_t& produced) = 0;

  // Refills the input buffer; sets `eof` when the file is exhausted.
  Result<size_t> refill(bool& eof) {
    auto n = fd_->read(in_.data(), in_.size());
    if (!n.ok()) return n.status();
    if (*n == 0) eof = true;
    return *n;
  }

  std::unique_ptr<Fd> fd_;
  std::vector<char> in_;

 private:
  std::optional<Status> pending_;
};

class GzipSource final : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;
  ~GzipSource() override {
    if (initialised_) inflateEnd(&zs_);
  }

  Status init() {
    std::memset(&zs_, 0, sizeof zs_);
    // 15 + 32: maximum window, automatic gzip or zlib header detection.
    if (inflateInit2(&zs_, 15 + 32) != Z_OK)
      return Status::ResourceExhausted(fd_->name() + ": zlib init failed");
    initialised_ = true;
    return Status::Ok();
  }

 private:
  Status decode(char* dst, size_t capacity, size_t& produced) override {
    zs_.next_out = reinterpret_cast<Bytef*>(dst);
    zs_.avail_out = static_cast<uInt>(capacity > (1u << 30) ? (1u << 30) : capacity);
    const uInt out_start = zs_.avail_out;
    Status status;
    while (zs_.avail_out > 0) {
      if (zs_.avail_in == 0 && !eof_) {
        auto n = refill(eof_);
        if (!n.ok()) {
          status = n.status();
          break;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_.data());
        zs_.avail_in = static_cast<uInt>(*n);
      }
      if (zs_.avail_in == 0 && eof_ && !in_member_) break;
      if (!in_member_) {
        // A new member starts here: gzip files may be several members concatenated.
        if (members_ > 0) inflateReset(&zs_);
        in_member_ = true;
      }
      int ret = inflate(&zs_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        in_member_ = false;
        ++members_;
      } else if (ret == Z_BUF_ERROR && zs_.avail_in == 0 && eof_) {
        // No progress with all input given: the member ends early. Only now, after inflate has
        // also decoded what it held back, so a corrupt tail is reported whatever the read sizes.
        status = stream_error(fd_->name(), fd_->offset(), "truncated gzip stream", error_offset_);
        break;
      } else if (ret != Z_OK && ret != Z_BUF_ERROR) {
        uint64_t at = fd_->offset() - zs_.avail_in;
        status =
            stream_error(fd_->name(), at,
                         std::string("corrupt gzip stream (") + (zs_.msg ? zs_.msg : "error") + ")",
                         error_offset_);
        break;
      }
    }
    produced = out_start - zs_.avail_out;
    return status;
  }

  z_stream zs_;
  bool initialised_ = false;
  bool eof_ = false;
  bool in_member_ = false;
  uint64_t members_ = 0;
};

// Zstandard. The calls to ZSTD_decompressStream depend only on the file's bytes, never on the
// caller's read size, so an error names the same offset however the source is read:
//   - each call gets exactly the input the previous call asked for (its return value: the rest
//     of a frame header, or one block plus the next block header), gathered first when a read of
//     the file ends short; the first call of a frame gets the 5-byte header prefix. The decoder
//     then consumes whole units and fails on the call whose input starts at the corrupt unit;
//   - each call has at least ZSTD_DStreamOutSize() (one block) of room: `dst` when it has that
//     much, else a staging buffer handed out over the following reads;
//   - each frame must start with the v1 magic (28 b5 2f fd) or a skippable frame's; the legacy
//     v0.x decoders libzstd may carry write unverified bytes straight into the output.
class ZstdSource final : public DecoderBase {
 public:
  using DecoderBase::DecoderBase;
  ~ZstdSource() override { ZSTD_freeDCtx(dctx_); }

  Status init() {
    dctx_ = ZSTD_createDCtx();
    if (dctx_ == nullptr) return Status::ResourceExhausted(fd_->name() + ": zstd init failed");
    return Status::Ok();
  }

 private:
  static constexpr size_t kHeaderPrefix = 5;  // magic + frame header descriptor

  Status decode(char* dst, size_t capacity, size_t& produced) override {
    produced = 0;
    Status status;
    while (produced < capacity) {
      if (staged_pos_ < staged_len_) {  // hand out what a staged call decoded
        const size_t n = std::min(capacity - produced, staged_len_ - staged_pos_);
        std::memcpy(dst + produced, staged_.data() + staged_pos_, n);
        staged_pos_ += n;
        produced += n;
        continue;
      }
      if (!status.ok() || done_) break;
      status = step(dst, capacity, produced);
    }
    return status;
  }

  // One ZSTD_decompressStream call (or the reads that gather its input). Sets done_ at the end.
  Status step(char* dst, size_t capacity, size_t& produced) {
    const size_t want = std::min(want_, in_.size());
    if (end_ - pos_ < want && !eof_) return gather();
    const size_t avail = end_ - pos_;
    const uint64_t at = fd_->offset() - avail;  // file offset of in_[pos_]
    if (avail == 0) {
      done_ = true;
      if (frame_open_)
        return stream_error(fd_->name(), fd_->offset(), "truncated zstd stream", error_offset_);
      return Status::Ok();
    }
    if (at_frame_start_) {
      if (avail < 4)
        return stream_error(fd_->name(), fd_->offset(), "truncated zstd stream", error_offset_);
      const auto* b = reinterpret_cast<const unsigned char*>(in_.data() + pos_);
      const bool v1 = b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd;
      const bool skippable = (b[0] & 0xf0) == 0x50 && b[1] == 0x2a && b[2] == 0x4d && b[3] == 0x18;
      if (!v1 && !skippable)
        return stream_error(
            fd_->name(), at,
            "not a zstd frame (only v1 and skippable frames are read, not legacy v0.x)",
            error_offset_);
    }
    const size_t room = ZSTD_DStreamOutSize();
    const bool direct = capacity - produced >= room;
    if (!direct && staged_.size() < room) staged_.resize(room);
    ZSTD_outBuffer out = direct ? ZSTD_outBuffer{dst + produced, capacity - produced, 0}
                                : ZSTD_outBuffer{staged_.data(), staged_.size(), 0};
    ZSTD_inBuffer in{in_.data() + pos_, std::min(avail, want), 0};
    const size_t ret = ZSTD_decompressStream(dctx_, &out, &in);
    if (ZSTD_isError(ret))
      return stream_error(fd_->name(), at,
                          std::string("corrupt zstd stream (") + ZSTD_getErrorName(ret) + ")",
                          error_offset_);
    pos_ += in.pos;
    if (direct) {
      produced += out.pos;
    } else {
      staged_len_ = out.pos;
      staged_pos_ = 0;
    }
    if (out.pos == 0 && in.pos == 0) {
      // Nothing moved: the decoder needs more than it was given (only at the end of the file).
      if (eof_) {
        done_ = true;
        if (frame_open_)
          return stream_error(fd_->name(), fd_->offset(), "truncated zstd stream", error_offset_);
        return Status::Ok();
      }
      if (avail >= in_.size())
        return stream_error(fd_->name(), at, "corrupt zstd stream (no progress)", error_offset_);
      want_ = avail + 1;
      return Status::Ok();
    }
    // ret == 0: a frame is complete and flushed; otherwise the input the next call needs.
    frame_open_ = ret != 0;
    at_frame_start_ = ret == 0;
    want_ = ret != 0 ? ret : kHeaderPrefix;
    return Status::Ok();
  }

  // Moves the unconsumed input to the front of the buffer and reads more after it.
  Status gather() {
    if (pos_ > 0) {
      std::memmove(in_.data(), in_.data() + pos_, end_ - pos_);
      end_ -= pos_;
      pos_ = 0;
    }
    auto n = fd_->read(in_.data() + end_, in_.size() - end_);
    if (!n.ok()) return n.status();
    if (*n == 0) eof_ = true;
    end_ += *n;
    return Status::Ok();
  }

  ZSTD_DCtx* dctx_ = nullptr;
  size_t pos_ = 0;  // in_[pos_, end_) is read but not yet consumed
  size_t end_ = 0;
  size_t want_ = kHeaderPrefix;
  std::vector<char> staged_;  // staged_[staged_pos_, staged_len_) is decoded, not handed out
  size_t staged_len_ = 0;
  size_t staged_pos_ = 0;
  bool eof_ = false;
  bool done_ = false;
  bool frame_open_ = false;
  bool at_frame_start_ = true;
};

bool ends_with_ci(const std::string& s, const char* suffix) {
  const size_t n = std::strlen(suffix);
  if (s.size() < n) return false;
  for (size_t i = 0; i < n; ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - n + i])) != suffix[i]) return false;
  return true;
}

// A zlib stream (RFC 1950): deflate method, and the header's check bits.
bool is_zlib_header(const unsigned char* b, size_t size) {
  return size >= 2 && (b[0] & 0x0f) == 8 && (b[0] >> 4) <= 7 && (b[0] * 256 + b[1]) % 31 == 0;
}

}  // namespace

Compression compression_from_name(const std::string& name) {
  if (ends_with_ci(name, ".gz")) return Compression::kGzip;
  if (ends_with_ci(name, ".zst")) return Compression::kZstd;
  return Compression::kNone;
}

Compression compression_from_magic(const unsigned char* bytes, size_t size) {
  if (size >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) return Compression::kGzip;
  if (size >= 4 && bytes[0] == 0x28 && bytes[1] == 0xb5 && bytes[2] == 0x2f && bytes[3] == 0xfd)
    return Compression::kZstd;
  return Compression::kNone;
}

Result<std::unique_ptr<ByteSource>> open_byte_source(const std::string& path,
                                                     const std::string& name, Compression by_name,
                                                     int spool_fd) {
  const int fd = spool_fd >= 0 ? ::fcntl(spool_fd, F_DUPFD_CLOEXEC, 0)
                               : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(name, errno);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  auto file = std::make_unique<Fd>(fd, name);

  unsigned char magic[4] = {0, 0, 0, 0};
  ssize_t got;
  do {
    got = ::pread(fd, magic, sizeof magic, 0);
  } while (got < 0 && errno == EINTR);
  if (got < 0) return io_error(name, errno);
  const size_t head = static_cast<size_t>(got);
  Compression compression = compression_from_magic(magic, head);
  if (compression == Compression::kNone && by_name == Compression::kGzip &&
      is_zlib_header(magic, head))
    compression = Compression::kGzip;
  if (compression == Compression::kNone && by_name != Compression::kNone && head > 0)
    return Status::InvalidInput(name +
                                ": named as compressed (.gz/.zst) but not gzip or zstd data");
  switch (compression) {
    case Compression::kNone:
      return std::unique_ptr<ByteSource>(std::make_unique<PlainSource>(std::move(file)));
    case Compression::kGzip: {
      auto src = std::make_unique<GzipSource>(std::move(file));
      DOCSIFT_RETURN_IF_ERROR(src->init());
      return std::unique_ptr<ByteSource>(std::move(src));
    }
    case Compression::kZstd: {
      auto src = std::make_unique<ZstdSource>(std::move(file));
      DOCSIFT_RETURN_IF_ERROR(src->init());
      return std::unique_ptr<ByteSource>(std::move(src));
    }
  }
  return Status::InvalidArgument(name + ": unknown compression");
}

}  // namespace docsift::detail
