#include "pipeline/output_set.h"

#include <sys/stat.h>

#include <filesystem>
#include <system_error>

namespace docsift {
namespace {

// std::filesystem::equivalent refuses character devices, hence stat.
bool is_dev_null(const std::string& path) {
  struct stat s {
  }, null{};
  return ::stat(path.c_str(), &s) == 0 && S_ISCHR(s.st_mode) && ::stat("/dev/null", &null) == 0 &&
         s.st_rdev == null.st_rdev;
}

}  // namespace

Status commit_outputs(std::span<OutputFile* const> files) {
  // Two phases (io/output_file.h): every output flushed and fsynced, and only then all renamed,
  // so one output failing (disk full, directory gone) replaces none of the others.
  return OutputFile::commit_all(files);
}

Status OutputSet::check_distinct(const std::vector<std::string>& paths) {
  std::vector<std::string> seen;
  for (const std::string& p : paths) {
    if (p.empty()) continue;
    // A device such as /dev/null is written in place and may take several outputs.
    struct stat st;
    if (p != "-" && ::stat(p.c_str(), &st) == 0 && S_ISCHR(st.st_mode)) continue;
    std::string key = p;
    // Several outputs may be discarded into /dev/null: nothing there can be mixed up.
    if (p != "-" && is_dev_null(p)) continue;
    if (p != "-") {
      std::error_code ec;
      const auto canonical = std::filesystem::weakly_canonical(p, ec);
      if (!ec) key = canonical.string();
    }
    for (const std::string& s : seen) {
      if (s == key) {
        return Status::InvalidArgument("two outputs are the same file: " + p);
      }
    }
    seen.push_back(std::move(key));
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
