#include "io/internal/byte_source.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

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
      if (zs_.avail_in == 0 && eof_) {
        if (in_member_)
          status = stream_error(fd_->name(), fd_->offset(), "truncated gzip stream", error_offset_);
        break;
      }
      if (!in_member_) {
        // A new member starts here: gzip files may be several members concatenated.
        if (members_ > 0) inflateReset(&zs_);
        in_member_ = true;
      }
      int ret = inflate(&zs_, Z_NO_FLUSH);
      if (ret == Z_STREAM_END) {
        in_member_ = false;
        ++members_;
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
  Status decode(char* dst, size_t capacity, size_t& produced) override {
    ZSTD_outBuffer out{dst, capacity, 0};
    Status status;
    while (out.pos < out.size) {
      if (zin_.pos == zin_.size && !eof_) {
        auto n = refill(eof_);
        if (!n.ok()) {
          status = n.status();
          break;
        }
        zin_ = ZSTD_inBuffer{in_buf(), *n, 0};
      }
      const size_t out_before = out.pos;
      const size_t in_before = zin_.pos;
      size_t ret = ZSTD_decompressStream(dctx_, &out, &zin_);
      if (ZSTD_isError(ret)) {
        uint64_t at = fd_->offset() - (zin_.size - zin_.pos);
        status = stream_error(fd_->name(), at,
                              std::string("corrupt zstd stream (") + ZSTD_getErrorName(ret) + ")",
                              error_offset_);
        break;
      }
      // ret == 0: a frame is complete and flushed; otherwise more input is expected.
      // A call that moved nothing says nothing about the frame (it may only hint at the next one).
      const bool moved = out.pos != out_before || zin_.pos != in_before;
      if (moved) frame_open_ = ret != 0;
      if (!moved && zin_.pos == zin_.size && eof_) {
        if (frame_open_)
          status = stream_error(fd_->name(), fd_->offset(), "truncated zstd stream", error_offset_);
        break;
      }
    }
    produced = out.pos;
    return status;
  }

  void* in_buf() { return DecoderBase::in_.data(); }

  ZSTD_DCtx* dctx_ = nullptr;
  ZSTD_inBuffer zin_{nullptr, 0, 0};
  bool eof_ = false;
  bool frame_open_ = false;
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
