#include "io/output_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

namespace docsift {
namespace fs = std::filesystem;
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;

Status io_error(const std::string& name, int err) {
  return Status::IoError(name + ": " + std::strerror(err));
}

fs::path normalised(const std::string& p) {
  std::error_code ec;
  fs::path canon = fs::weakly_canonical(p, ec);
  if (ec) canon = fs::absolute(p, ec).lexically_normal();
  // "dir/" and "dir" name the same thing: drop the empty trailing element.
  if (!canon.empty() && !canon.has_filename()) canon = canon.parent_path();
  return canon;
}

bool is_inside(const fs::path& dir, const fs::path& p) {
  auto [d, q] = std::mismatch(dir.begin(), dir.end(), p.begin(), p.end());
  return d == dir.end() && q != p.end();
}

Status check_not_input(const std::string& path, const std::vector<std::string>& inputs) {
  struct stat out_st;
  const bool out_exists = ::stat(path.c_str(), &out_st) == 0;
  if (out_exists && S_ISDIR(out_st.st_mode))
    return Status::InvalidArgument("output " + path + " is a directory");
  const fs::path out_path = normalised(path);
  for (const std::string& input : inputs) {
    if (input == "-" || input.empty()) continue;
    struct stat in_st;
    const bool in_exists = ::stat(input.c_str(), &in_st) == 0;
    const fs::path in_path = normalised(input);
    const bool same_inode =
        out_exists && in_exists && out_st.st_dev == in_st.st_dev && out_st.st_ino == in_st.st_ino;
    if (same_inode || in_path == out_path)
      return Status::InvalidArgument("refusing to overwrite input file " + path);
    if (in_exists && S_ISDIR(in_st.st_mode) && is_inside(in_path, out_path))
      return Status::InvalidArgument("refusing to write output " + path +
                                     " inside input directory " + input);
  }
  return Status::Ok();
}

}  // namespace

OutputFile::OutputFile(std::string path, std::string tmp_path, std::FILE* file, bool is_stdout)
    : path_(std::move(path)), tmp_path_(std::move(tmp_path)), file_(file), is_stdout_(is_stdout) {
  buffer_.reserve(kBufferBytes);
}

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& path,
                                                     const std::vector<std::string>& inputs) {
  if (path.empty()) return Status::InvalidArgument("empty output path");
  if (path == "-") return std::unique_ptr<OutputFile>(new OutputFile(path, "", stdout, true));
  DOCSIFT_RETURN_IF_ERROR(check_not_input(path, inputs));

  // Devices and FIFOs cannot be replaced by a rename: write them in place.
  struct stat st;
  const bool special = ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
  const std::string tmp = special ? "" : path + ".tmp." + std::to_string(::getpid());
  const std::string& target = special ? path : tmp;
  std::FILE* file = std::fopen(target.c_str(), "wbe");
  if (file == nullptr) return io_error(target, errno);
  std::setvbuf(file, nullptr, _IONBF, 0);  // buffer_ is the buffer
  return std::unique_ptr<OutputFile>(new OutputFile(path, tmp, file, false));
}

OutputFile::~OutputFile() {
  if (committed_) return;
  if (file_ != nullptr && !is_stdout_) std::fclose(file_);
  if (!tmp_path_.empty()) ::unlink(tmp_path_.c_str());
}

void OutputFile::write_through(std::string_view bytes) {
  if (write_errno_ != 0 || bytes.empty()) return;
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_) != bytes.size())
    write_errno_ = errno != 0 ? errno : EIO;
}

void OutputFile::flush_buffer() {
  write_through(buffer_);
  buffer_.clear();
}

void OutputFile::write(std::string_view bytes) {
  DOCSIFT_ASSERT(!committed_);
  if (buffer_.size() + bytes.size() > kBufferBytes) flush_buffer();
  if (bytes.size() >= kBufferBytes) {
    write_through(bytes);
  } else {
    buffer_.append(bytes);
  }
}

Status OutputFile::commit() {
  DOCSIFT_ASSERT(!committed_);
  committed_ = true;
  flush_buffer();
  if (std::fflush(file_) != 0 && write_errno_ == 0) write_errno_ = errno;
  if (std::ferror(file_) && write_errno_ == 0) write_errno_ = EIO;
  if (is_stdout_) return write_errno_ == 0 ? Status::Ok() : io_error("<stdout>", write_errno_);

  // fsync fails with EINVAL on devices such as /dev/null, which need no durability.
  if (write_errno_ == 0 && !tmp_path_.empty() && ::fsync(::fileno(file_)) != 0)
    write_errno_ = errno;
  if (std::fclose(file_) != 0 && write_errno_ == 0) write_errno_ = errno;
  file_ = nullptr;
  if (tmp_path_.empty()) return write_errno_ == 0 ? Status::Ok() : io_error(path_, write_errno_);
  if (write_errno_ != 0) {
    ::unlink(tmp_path_.c_str());
    return io_error(path_, write_errno_);
  }
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp_path_.c_str());
    return io_error(path_, err);
  }
  // Make the rename itself durable (best effort: some file systems refuse directory fsync).
  std::string dir = fs::path(path_).parent_path().string();
  int dir_fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
  return Status::Ok();
}

}  // namespace docsift
