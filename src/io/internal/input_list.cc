#include "io/internal/input_list.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "io/internal/line_reader.h"
#include "io/internal/name_escape.h"
#include "io/internal/utf8.h"
#include "io/temp_registry.h"

namespace docsift::detail {
namespace fs = std::filesystem;
namespace {

Status io_error(const std::string& name, int err) {
  return Status::IoError(name + ": " + std::strerror(err));
}

bool ends_with_ci(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  for (size_t i = 0; i < suffix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[s.size() - suffix.size() + i])) != suffix[i])
      return false;
  return true;
}

InputFormat format_from_name(std::string_view name, InputFormat option) {
  if (option != InputFormat::kAuto) return option;
  if (ends_with_ci(name, ".gz"))
    name.remove_suffix(3);
  else if (ends_with_ci(name, ".zst"))
    name.remove_suffix(4);
  if (ends_with_ci(name, ".jsonl") || ends_with_ci(name, ".json") || ends_with_ci(name, ".ndjson"))
    return InputFormat::kJsonl;
  return InputFormat::kText;
}

std::string basename_of(const std::string& path) {
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  size_t slash = p.rfind('/');
  return slash == std::string::npos ? p : p.substr(slash + 1);
}

// A path as given, for messages and Record::source: escaped only when it is not valid UTF-8.
std::string display_name(const std::string& path) {
  return is_valid_utf8(path) ? path : escape_file_name(path);
}

// An empty spool file: O_TMPFILE, or a named file unlinked at once (cleanup signals deferred
// in between, so that one arriving then still finds nothing to leave).
Result<int> create_spool_file() {
  const char* tmpdir = std::getenv("TMPDIR");
  const std::string dir = tmpdir && *tmpdir ? tmpdir : "/tmp";
  int fd = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) return fd;
  std::string templ = dir + "/docsift-spool-XXXXXX";
  defer_cleanup_signals();  // a signal now is handled after the unlink
  fd = ::mkostemp(templ.data(), O_CLOEXEC);
  const int err = errno;
  if (fd >= 0) ::unlink(templ.c_str());
  resume_cleanup_signals();
  if (fd < 0) return io_error(templ, err);
  return fd;
}

// Stdin and non-regular inputs that --format and the name leave open: JSONL when the first
// non-blank decoded byte is '{' (or there is none), one whole document otherwise.
Result<InputFormat> sniff_format(const InputFile& f) {
  auto src = open_byte_source(f.path, f.name, f.compression, f.spool_fd);
  if (!src.ok()) return src.status();
  std::string head(64 * 1024, '\0');
  auto n = (*src)->read(head.data(), head.size());
  if (!n.ok()) return n.status();
  std::string_view view = strip_bom(std::string_view(head.data(), *n));
  size_t first = view.find_first_not_of(" \t\r\n");
  return first == std::string_view::npos || view[first] == '{' ? InputFormat::kJsonl
                                                               : InputFormat::kText;
}

// Spools `fd` (stdin or a non-regular file opened from `input`) into `list`.
Status add_spooled(int fd, const std::string& input, InputFormat option, InputList& list) {
  auto spool = Spool::copy_from(fd, input == "-" ? "-" : display_name(input));
  if (!spool.ok()) return spool.status();
  InputFile f;
  f.path = input;
  if (input == "-") {
    f.name.push_back('-');  // not `= "-"`: g++ 12 gives a false -Wrestrict on that at -O2
  } else {
    f.name = display_name(input);
    f.compression = compression_from_name(input);
  }
  f.spool_fd = (*spool)->fd();
  f.size_bytes = (*spool)->size_bytes();
  list.spools.push_back(std::move(*spool));
  f.format = input == "-" ? option : format_from_name(input, option);
  if (option == InputFormat::kAuto && f.format != InputFormat::kJsonl) {
    auto sniffed = sniff_format(f);
    if (!sniffed.ok()) return sniffed.status();
    f.format = *sniffed;
  }
  if (input == "-")
    f.id_name = f.name;
  else
    f.id_name = escape_file_name(f.format == InputFormat::kText ? input : basename_of(input));
  list.files.push_back(std::move(f));
  return Status::Ok();
}

Status add_directory(const std::string& dir, InputFormat option, std::vector<InputFile>& out) {
  std::error_code ec;
  const fs::path root(dir);
  std::vector<std::string> relative;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
  if (ec) return Status::IoError(dir + ": " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return Status::IoError(dir + ": " + ec.message());
    const fs::path& p = it->path();
    const std::string leaf = p.filename().string();
    if (!leaf.empty() && leaf.front() == '.') {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;  // follows symlinks; skips fifos, sockets
    relative.push_back(p.lexically_relative(root).generic_string());
  }
  if (ec) return Status::IoError(dir + ": " + ec.message());
  std::sort(relative.begin(), relative.end());  // char_traits<char> compares bytes unsigned
  const std::string prefix = dir.back() == '/' ? dir : dir + "/";
  const std::string shown_prefix = display_name(prefix);
  for (std::string& rel : relative) {
    InputFile f;
    f.path = prefix + rel;
    f.id_name = escape_file_name(rel);
    f.name = shown_prefix + f.id_name;
    struct stat st;
    if (::stat(f.path.c_str(), &st) == 0) f.size_bytes = static_cast<uint64_t>(st.st_size);
    f.format = format_from_name(rel, option);
    f.compression = compression_from_name(rel);
    out.push_back(std::move(f));
  }
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<Spool>> Spool::copy_from(int in_fd, const std::string& name) {
  auto created = create_spool_file();
  if (!created.ok()) return created.status();
  std::unique_ptr<Spool> spool(new Spool(*created, 0));
  std::unique_ptr<char[]> buf(new char[1 << 20]);
  while (true) {
    ssize_t n = ::read(in_fd, buf.get(), 1 << 20);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error(name, errno);
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = ::write(spool->fd_, buf.get() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return io_error(name + " (spooling to $TMPDIR)", errno);
      done += w;
    }
    spool->size_bytes_ += static_cast<uint64_t>(n);
  }
  return spool;
}

Spool::~Spool() { ::close(fd_); }

Result<InputList> expand_inputs(const std::vector<std::string>& inputs, InputFormat format) {
  InputList list;
  bool stdin_seen = false;
  for (const std::string& input : inputs) {
    if (input.empty()) return Status::InvalidArgument("empty input path");
    if (input == "-") {
      if (stdin_seen) return Status::InvalidArgument("standard input (-) given twice");
      stdin_seen = true;
      DOCSIFT_RETURN_IF_ERROR(add_spooled(STDIN_FILENO, input, format, list));
      continue;
    }
    struct stat st;
    if (::stat(input.c_str(), &st) != 0) return io_error(display_name(input), errno);
    if (S_ISDIR(st.st_mode)) {
      DOCSIFT_RETURN_IF_ERROR(add_directory(input, format, list.files));
      continue;
    }
    // Open once now so that an unreadable input fails before anything is read.
    const int fd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error(display_name(input), errno);
    if (::fstat(fd, &st) != 0) {
      const int err = errno;
      ::close(fd);
      return io_error(display_name(input), err);
    }
    if (!S_ISREG(st.st_mode)) {
      // A pipe, FIFO, /dev/stdin, <(...): it can be read only once.
      const Status spooled = add_spooled(fd, input, format, list);
      ::close(fd);
      DOCSIFT_RETURN_IF_ERROR(spooled);
      continue;
    }
    ::close(fd);
    InputFile f;
    f.path = input;
    f.name = display_name(input);
    f.format = format_from_name(input, format);
    f.compression = compression_from_name(input);
    // Whole-file documents are named by the path as given; line ids by the file's base name.
    f.id_name = escape_file_name(f.format == InputFormat::kText ? input : basename_of(input));
    f.size_bytes = static_cast<uint64_t>(st.st_size);
    list.files.push_back(std::move(f));
  }
  for (const InputFile& f : list.files) list.total_bytes += f.size_bytes;
  return list;
}

}  // namespace docsift::detail
