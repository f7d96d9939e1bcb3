#include "io/output_file.h"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>

#include "io/temp_registry.h"

namespace docsift {
namespace fs = std::filesystem;
namespace {

constexpr size_t kBufferBytes = size_t{1} << 20;
constexpr int kNameAttempts = 100;
// Keeps ".<name>.docsift-tmp.<pid>.XXXXXX" within NAME_MAX (255) for long output names.
constexpr size_t kMaxNameInTemp = 200;

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

std::string dir_of(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// ".<name>.docsift-tmp.": what every temporary of `path` starts with.
std::string temp_prefix(const std::string& path) {
  const size_t slash = path.rfind('/');
  std::string base = slash == std::string::npos ? path : path.substr(slash + 1);
  if (base.size() > kMaxNameInTemp) base.resize(kMaxNameInTemp);
  return "." + base + ".docsift-tmp.";
}

// Six characters from [0-9A-Za-z], from getrandom() (or the clock and a counter without it).
std::string random_suffix() {
  static const char kAlphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  unsigned char bytes[6];
  if (::getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof bytes)) {
    static std::atomic<uint64_t> counter{0};
    uint64_t x = static_cast<uint64_t>(std::time(nullptr)) * 0x9E3779B97F4A7C15ull +
                 counter.fetch_add(1) * 0xBF58476D1CE4E5B9ull + static_cast<uint64_t>(::getpid());
    for (unsigned char& b : bytes) {
      x ^= x >> 29;
      x *= 0x94D049BB133111EBull;
      b = static_cast<unsigned char>(x >> 56);
    }
  }
  std::string s(6, '0');
  for (size_t i = 0; i < 6; ++i) s[i] = kAlphabet[bytes[i] % 62];
  return s;
}

std::string temp_name(const std::string& dir, const std::string& prefix) {
  return dir + "/" + prefix + std::to_string(::getpid()) + "." + random_suffix();
}

// Removes temporaries of this output left by runs killed with SIGKILL: names
// "<prefix><pid>.<suffix>" whose pid is not a running process.
void remove_stale_temps(const std::string& dir, const std::string& prefix) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  const int dir_fd = ::dirfd(d);
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.substr(0, prefix.size()) != prefix) continue;
    const std::string_view rest = name.substr(prefix.size());
    const size_t dot = rest.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 9) continue;
    long pid = 0;
    bool digits = true;
    for (char c : rest.substr(0, dot)) {
      if (c < '0' || c > '9') digits = false;
      pid = pid * 10 + (c - '0');
    }
    if (!digits || pid <= 0 || pid == ::getpid()) continue;
    if (::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours
    ::unlinkat(dir_fd, e->d_name, 0);
  }
  ::closedir(d);
}

// O_TMPFILE needs /proc/self/fd to link the file at commit. DOCSIFT_NO_TMPFILE=1 (for tests)
// forces named temporaries.
bool use_o_tmpfile() {
  static const bool proc = ::access("/proc/self/fd", X_OK) == 0;
  const char* off = std::getenv("DOCSIFT_NO_TMPFILE");
  return proc && (off == nullptr || std::strcmp(off, "1") != 0);
}

}  // namespace

OutputFile::OutputFile(std::string path, Kind kind, int fd)
    : path_(std::move(path)), kind_(kind), fd_(fd) {
  buffer_.reserve(kBufferBytes);
}

Result<std::unique_ptr<OutputFile>> OutputFile::open(const std::string& path,
                                                     const std::vector<std::string>& inputs) {
  if (path.empty()) return Status::InvalidArgument("empty output path");
  if (path == "-")
    return std::unique_ptr<OutputFile>(new OutputFile(path, Kind::kStdout, STDOUT_FILENO));
  DOCSIFT_RETURN_IF_ERROR(check_not_input(path, inputs));

  // Devices and FIFOs cannot be replaced by a rename: write them in place.
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return io_error(path, errno);
    return std::unique_ptr<OutputFile>(new OutputFile(path, Kind::kInPlace, fd));
  }

  const std::string dir = dir_of(path);
  const std::string prefix = temp_prefix(path);
  remove_stale_temps(dir, prefix);
  // Mode 0666: open() applies the umask, as for any file the user creates.
  if (use_o_tmpfile()) {
    const int fd = ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
    if (fd >= 0) {
      std::unique_ptr<OutputFile> out(new OutputFile(path, Kind::kTemp, fd));
      out->anonymous_ = true;
      return out;
    }
    // EOPNOTSUPP, EISDIR (kernels before 3.11), EINVAL: fall back to a named file.
  }
  for (int attempt = 0; attempt < kNameAttempts; ++attempt) {
    std::string name = temp_name(dir, prefix);
    // Signals wait until the new file is registered (registering first could unlink a file of
    // someone else's when the name is taken).
    defer_cleanup_signals();
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    const int err = errno;
    const int slot = fd >= 0 ? register_temp_path(name.c_str()) : -1;
    resume_cleanup_signals();
    if (fd < 0) {
      if (err == EEXIST) continue;  // taken, or something planted there: another name
      return io_error(name, err);
    }
    std::unique_ptr<OutputFile> out(new OutputFile(path, Kind::kTemp, fd));
    out->registry_slot_ = slot;
    out->tmp_path_ = std::move(name);
    return out;
  }
  return Status::IoError(path + ": could not create a temporary file in " + dir);
}

OutputFile::~OutputFile() {
  if (!finished_) discard();
}

void OutputFile::write_through(std::string_view bytes) {
  while (write_errno_ == 0 && !bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n <= 0) {
      if (n == 0 || errno != EINTR) write_errno_ = n == 0 ? EIO : errno;
      continue;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void OutputFile::flush_buffer() {
  write_through(buffer_);
  buffer_.clear();
}

void OutputFile::write(std::string_view bytes) {
  DOCSIFT_ASSERT(!finished_);
  if (buffer_.size() + bytes.size() > kBufferBytes) flush_buffer();
  if (bytes.size() >= kBufferBytes) {
    write_through(bytes);
  } else {
    buffer_.append(bytes);
  }
}

void OutputFile::forget_temp_name() {
  unregister_temp_path(registry_slot_);
  registry_slot_ = -1;
  tmp_path_.clear();
}

Status OutputFile::prepare() {
  flush_buffer();
  if (kind_ == Kind::kStdout)
    return write_errno_ == 0 ? Status::Ok() : io_error("<stdout>", write_errno_);
  if (kind_ == Kind::kInPlace) {
    if (::close(fd_) != 0 && write_errno_ == 0) write_errno_ = errno;
    fd_ = -1;
    return write_errno_ == 0 ? Status::Ok() : io_error(path_, write_errno_);
  }
  if (write_errno_ != 0) return io_error(path_, write_errno_);
  if (::fsync(fd_) != 0) return io_error(path_, errno);
  if (anonymous_) {
    // Give the finished file a (temporary) name; linkat never replaces an existing entry.
    const std::string proc = "/proc/self/fd/" + std::to_string(fd_);
    const std::string dir = dir_of(path_);
    const std::string prefix = temp_prefix(path_);
    int err = EEXIST;
    for (int attempt = 0; attempt < kNameAttempts && err == EEXIST; ++attempt) {
      std::string name = temp_name(dir, prefix);
      defer_cleanup_signals();  // until the new name is registered
      if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, name.c_str(), AT_SYMLINK_FOLLOW) == 0) {
        registry_slot_ = register_temp_path(name.c_str());
        tmp_path_ = std::move(name);
        anonymous_ = false;
        err = 0;
      } else {
        err = errno;
      }
      resume_cleanup_signals();
    }
    if (err != 0) return io_error(path_, err);
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) return io_error(path_, errno);
  return Status::Ok();
}

Status OutputFile::publish() {
  finished_ = true;
  if (kind_ != Kind::kTemp) return Status::Ok();
  if (std::rename(tmp_path_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp_path_.c_str());
    forget_temp_name();
    return io_error(path_, err);
  }
  forget_temp_name();
  return Status::Ok();
}

void OutputFile::discard() {
  finished_ = true;
  if (fd_ >= 0 && kind_ != Kind::kStdout) ::close(fd_);
  fd_ = -1;
  if (!tmp_path_.empty()) {
    ::unlink(tmp_path_.c_str());
    forget_temp_name();
  }
}

Status OutputFile::commit_all(std::span<OutputFile* const> outputs) {
  for (size_t i = 0; i < outputs.size(); ++i) {
    if (outputs[i] == nullptr) continue;
    DOCSIFT_ASSERT(!outputs[i]->finished_);
    for (size_t j = 0; j < i; ++j) DOCSIFT_ASSERT(outputs[j] != outputs[i]);
  }
  Status first;
  for (OutputFile* out : outputs) {
    if (out == nullptr) continue;
    first = out->prepare();
    if (!first.ok()) break;
  }
  if (!first.ok()) {
    for (OutputFile* out : outputs)
      if (out != nullptr) out->discard();
    return first;
  }
  std::vector<std::string> dirs;
  defer_cleanup_signals();  // a SIGINT now would leave some outputs renamed, others not
  for (OutputFile* out : outputs) {
    if (out == nullptr) continue;
    if (!first.ok()) {
      out->discard();
      continue;
    }
    if (out->kind_ == Kind::kTemp) dirs.push_back(dir_of(out->path_));
    first = out->publish();
  }
  resume_cleanup_signals();
  // Make the renames durable (best effort: some file systems refuse directory fsync).
  std::sort(dirs.begin(), dirs.end());
  dirs.erase(std::unique(dirs.begin(), dirs.end()), dirs.end());
  for (const std::string& dir : dirs) {
    const int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
      ::fsync(dir_fd);
      ::close(dir_fd);
    }
  }
  return first;
}

Status OutputFile::commit() {
  OutputFile* self = this;
  return commit_all(std::span<OutputFile* const>(&self, 1));
}

}  // namespace docsift
