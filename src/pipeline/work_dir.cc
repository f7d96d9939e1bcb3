#include "pipeline/work_dir.h"

#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "io/output_file.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMagic = "docsift work manifest 1\n";

// "input <size> <mtime ns> <path>" per file; false when an input cannot be identified.
bool describe_inputs(const std::vector<std::string>& inputs, std::string& out) {
  auto add = [&](const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return false;
    const int64_t ns = int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec;
    out += "input " + std::to_string(st.st_size) + " " + std::to_string(ns) + " " + path + "\n";
    return true;
  };
  for (const std::string& in : inputs) {
    if (in == "-") return false;
    std::error_code ec;
    if (!fs::is_directory(in, ec)) {
      if (!add(in)) return false;
      continue;
    }
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(in, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec)) files.push_back(it->path().string());
    }
    if (ec) return false;
    std::sort(files.begin(), files.end());
    for (const std::string& f : files) {
      if (!add(f)) return false;
    }
  }
  return true;
}

}  // namespace

Result<WorkDir> WorkDir::open(const std::string& dir, const std::string& command,
                              const std::vector<std::string>& inputs, const OptionsText& options) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir)) {
    return Status::IoError("--work-dir " + dir + ": cannot create the directory" +
                           (ec ? ": " + ec.message() : std::string()));
  }
  WorkDir wd;
  wd.dir_ = dir;
  char fingerprint[17];
  std::snprintf(fingerprint, sizeof fingerprint, "%016llx",
                static_cast<unsigned long long>(options.fingerprint()));
  wd.header_ = std::string(kMagic) + "command " + command + "\noptions " + fingerprint + "\n";
  wd.resumable_ = describe_inputs(inputs, wd.header_);

  std::ifstream in(fs::path(dir) / "manifest.txt", std::ios::binary);
  if (!in) return wd;  // a fresh directory
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  if (!wd.resumable_ || text.compare(0, wd.header_.size(), wd.header_) != 0) {
    // Forget the old stages on disk now: this run overwrites their artifacts, and a kill before
    // its own manifest is written must not leave the old manifest naming the new files.
    wd.stale_ = true;
    DOCSIFT_RETURN_IF_ERROR(wd.write_manifest());
    return wd;
  }
  // The stages: "stage <name>[ <counter>=<value>]...".
  std::istringstream lines(text.substr(wd.header_.size()));
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream words(line);
    std::string tag, name, kv;
    if (!(words >> tag >> name) || tag != "stage") {
      wd.stale_ = true;
      wd.stages_.clear();
      DOCSIFT_RETURN_IF_ERROR(wd.write_manifest());
      return wd;
    }
    Counters counters;
    while (words >> kv) {
      const size_t eq = kv.find('=');
      if (eq == std::string::npos) continue;
      counters.emplace_back(kv.substr(0, eq), std::strtoull(kv.c_str() + eq + 1, nullptr, 10));
    }
    if (fs::is_regular_file(wd.path(name), ec)) wd.stages_.emplace_back(name, counters);
  }
  return wd;
}

Result<std::optional<WorkDir>> WorkDir::open_if_given(const std::string& dir,
                                                      const std::string& command,
                                                      const std::vector<std::string>& inputs,
                                                      const OptionsText& options) {
  if (dir.empty()) return std::optional<WorkDir>();
  auto opened = open(dir, command, inputs, options);
  if (!opened.ok()) return opened.status();
  return std::optional<WorkDir>(std::move(opened).value());
}

bool WorkDir::has(const std::string& stage) const {
  return std::any_of(stages_.begin(), stages_.end(),
                     [&](const auto& s) { return s.first == stage; });
}

WorkDir::Counters WorkDir::counters(const std::string& stage) const {
  for (const auto& s : stages_) {
    if (s.first == stage) return s.second;
  }
  return {};
}

std::string WorkDir::path(const std::string& stage) const {
  return (fs::path(dir_) / (stage + ".bin")).string();
}

std::string WorkDir::manifest_text() const {
  std::string text = header_;
  for (const auto& [name, counters] : stages_) {
    text += "stage " + name;
    for (const auto& [key, value] : counters) text += " " + key + "=" + std::to_string(value);
    text += "\n";
  }
  return text;
}

Status WorkDir::complete(const std::string& stage, Counters counters) {
  if (!resumable_) return Status::Ok();
  std::erase_if(stages_, [&](const auto& s) { return s.first == stage; });
  stages_.emplace_back(stage, std::move(counters));
  return write_manifest();
}

Status WorkDir::complete(const std::string& stage, const CounterFields& fields) {
  Counters counters;
  for (const auto& [name, field] : fields) counters.emplace_back(name, *field);
  return complete(stage, std::move(counters));
}

void WorkDir::restore(const std::string& stage, const CounterFields& fields) const {
  for (const auto& [key, value] : counters(stage)) {
    for (const auto& [name, field] : fields) {
      if (key == name) *field = value;
    }
  }
}

OptionsText& add_read_options(OptionsText& t, const ReadOptions& read) {
  return t.add("id_field", read.id_field)
      .add("text_field", read.text_field)
      .add("format", static_cast<uint64_t>(read.format))
      .add("on_error", static_cast<uint64_t>(read.on_error))
      .add("max_doc_bytes", uint64_t{read.max_doc_bytes});
}

Status WorkDir::write_manifest() const {
  auto file = OutputFile::open((fs::path(dir_) / "manifest.txt").string(), {});
  if (!file.ok()) return file.status();
  (*file)->write(manifest_text());
  return (*file)->commit();
}

}  // namespace docsift
