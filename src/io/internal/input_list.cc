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

namespace docsift::detail {
namespace fs = std::filesystem;

TempFile::~TempFile() { ::unlink(path_.c_str()); }

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

// Copies standard input to a fresh temporary file.
Result<std::unique_ptr<TempFile>> spool_stdin() {
  const char* tmpdir = std::getenv("TMPDIR");
  std::string templ = std::string(tmpdir && *tmpdir ? tmpdir : "/tmp") + "/docsift-stdin-XXXXXX";
  int fd = ::mkstemp(templ.data());
  if (fd < 0) return io_error(templ, errno);
  auto spool = std::make_unique<TempFile>(templ);
  std::unique_ptr<char[]> buf(new char[1 << 20]);
  while (true) {
    ssize_t n = ::read(STDIN_FILENO, buf.get(), 1 << 20);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return io_error("-", err);
    }
    if (n == 0) break;
    for (ssize_t done = 0; done < n;) {
      ssize_t w = ::write(fd, buf.get() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) {
        int err = errno;
        ::close(fd);
        return io_error(templ, err);
      }
      done += w;
    }
  }
  if (::close(fd) != 0) return io_error(templ, errno);
  return spool;
}

Result<InputFile> stdin_input(const TempFile& spool, InputFormat option) {
  InputFile f;
  f.path = spool.path();
  f.name.push_back('-');  // not `= "-"`: g++ 12 gives a false -Wrestrict on that at -O2
  f.id_name = f.name;
  struct stat st;
  if (::stat(f.path.c_str(), &st) != 0) return io_error(f.path, errno);
  f.size_bytes = static_cast<uint64_t>(st.st_size);

  unsigned char magic[4] = {0, 0, 0, 0};
  int fd = ::open(f.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return io_error(f.path, errno);
  ssize_t got = ::read(fd, magic, sizeof magic);
  ::close(fd);
  f.compression = compression_from_magic(magic, got > 0 ? static_cast<size_t>(got) : 0);

  f.format = option;
  if (option == InputFormat::kAuto) {
    // Look at the first non-blank decoded byte. An empty stdin reads as (empty) JSONL.
    f.format = InputFormat::kJsonl;
    auto src = open_byte_source(f.path, f.name, f.compression);
    if (!src.ok()) return src.status();
    std::string head(64 * 1024, '\0');
    auto n = (*src)->read(head.data(), head.size());
    if (!n.ok()) return n.status();
    std::string_view view = strip_bom(std::string_view(head.data(), *n));
    size_t first = view.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && view[first] != '{') f.format = InputFormat::kText;
  }
  return f;
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
  for (std::string& rel : relative) {
    InputFile f;
    f.path = f.name = prefix + rel;
    struct stat st;
    if (::stat(f.path.c_str(), &st) == 0) f.size_bytes = static_cast<uint64_t>(st.st_size);
    f.format = format_from_name(rel, option);
    f.compression = compression_from_name(rel);
    f.id_name = std::move(rel);
    out.push_back(std::move(f));
  }
  return Status::Ok();
}

}  // namespace

Result<InputList> expand_inputs(const std::vector<std::string>& inputs, InputFormat format) {
  InputList list;
  for (const std::string& input : inputs) {
    if (input.empty()) return Status::InvalidArgument("empty input path");
    if (input == "-") {
      if (list.stdin_spool) return Status::InvalidArgument("standard input (-) given twice");
      auto spool = spool_stdin();
      if (!spool.ok()) return spool.status();
      list.stdin_spool = std::move(*spool);
      auto f = stdin_input(*list.stdin_spool, format);
      if (!f.ok()) return f.status();
      list.files.push_back(std::move(*f));
      continue;
    }
    struct stat st;
    if (::stat(input.c_str(), &st) != 0) return io_error(input, errno);
    if (S_ISDIR(st.st_mode)) {
      DOCSIFT_RETURN_IF_ERROR(add_directory(input, format, list.files));
      continue;
    }
    // Open once now so that an unreadable input fails before anything is read.
    int fd = ::open(input.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return io_error(input, errno);
    ::close(fd);
    InputFile f;
    f.path = f.name = input;
    f.format = format_from_name(input, format);
    f.compression = compression_from_name(input);
    // Whole-file documents are named by the path as given; line ids by the file's base name.
    f.id_name = f.format == InputFormat::kText ? input : basename_of(input);
    f.size_bytes = static_cast<uint64_t>(st.st_size);
    list.files.push_back(std::move(f));
  }
  for (const InputFile& f : list.files) list.total_bytes += f.size_bytes;
  return list;
}

}  // namespace docsift::detail
