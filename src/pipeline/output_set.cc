#include "pipeline/output_set.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace docsift {
namespace {

// std::filesystem::equivalent refuses character devices, hence stat.
bool is_dev_null(const struct stat& s) {
  struct stat null {};
  return S_ISCHR(s.st_mode) && ::stat("/dev/null", &null) == 0 && s.st_rdev == null.st_rdev;
}

std::string canonical_or_absolute(const std::string& path) {
  // Absolute first: weakly_canonical leaves a relative path whose first part does not exist
  // relative ("X" but "/cwd/X" for "./X").
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  std::filesystem::path p = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.string() : p.lexically_normal().string();
}

// Whether outputs `a` and `b` would write the same file (neither empty).
bool same_file(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return a == b;
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) {
    // Several outputs may be discarded into /dev/null: nothing there can be mixed up.
    if (is_dev_null(sa)) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  }
  return canonical_or_absolute(a) == canonical_or_absolute(b);
}

}  // namespace

Status commit_outputs(std::span<OutputFile* const> files) {
  // Two phases (io/output_file.h): every output flushed and fsynced, and only then all renamed,
  // so one output failing (disk full, directory gone) replaces none of the others.
  return OutputFile::commit_all(files);
}

Status OutputSet::check_distinct(const std::vector<std::string>& paths) {
  std::vector<NamedPath> named;
  for (const std::string& p : paths) named.push_back({"", p});
  return check_distinct_named(named);
}

Status OutputSet::check_distinct_named(const std::vector<NamedPath>& outputs) {
  for (size_t i = 0; i < outputs.size(); ++i) {
    const std::string& a = outputs[i].path;
    if (a.empty()) continue;
    for (size_t j = i + 1; j < outputs.size(); ++j) {
      const std::string& b = outputs[j].path;
      if (b.empty() || !same_file(a, b)) continue;
      if (outputs[i].name.empty() || outputs[j].name.empty()) {
        return Status::InvalidArgument("two outputs are the same file: " + b);
      }
      const std::string both = outputs[i].name + " and " + outputs[j].name;
      if (a == "-") return Status::InvalidArgument(both + " cannot both write to stdout (-)");
      return Status::InvalidArgument(both + " name the same file (" + a +
                                     (a == b ? "" : " and " + b) +
                                     "); give each output its own path");
    }
  }
  return Status::Ok();
}

Result<OutputFile*> OutputSet::add(const std::string& path) {
  if (path.empty()) return static_cast<OutputFile*>(nullptr);
  auto f = OutputFile::open(path, inputs_);
  if (!f.ok()) return f.status();
  files_.push_back(std::move(f).value());
  return files_.back().get();
}

Status OutputSet::commit() {
  std::vector<OutputFile*> files;
  for (const auto& f : files_) files.push_back(f.get());
  return commit_outputs(files);
}

}  // namespace docsift
