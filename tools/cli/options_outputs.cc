#include "options_outputs.h"

#include <sys/stat.h>

#include <filesystem>

namespace docsift::cli {
namespace {

std::string canonical_or_absolute(const std::string& path) {
  // Absolute first: weakly_canonical leaves a relative path whose first part does not exist
  // relative ("X" but "/cwd/X" for "./X").
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec).lexically_normal();
  std::filesystem::path p = std::filesystem::weakly_canonical(absolute, ec);
  return ec ? absolute.string() : p.lexically_normal().string();
}

}  // namespace

bool same_file(const std::string& a, const std::string& b) {
  if (a == "-" || b == "-") return a == b;
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) {
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  }
  return canonical_or_absolute(a) == canonical_or_absolute(b);
}

CLI::Option* OutputArgs::add(CLI::App& cmd, const std::string& flags, std::string& path,
                             const std::string& help) {
  CLI::Option* opt = cmd.add_option(flags, path, help)->group("Outputs");
  outputs_.emplace_back(opt, &path);
  return opt;
}

Status OutputArgs::check_distinct() const {
  for (size_t i = 0; i < outputs_.size(); ++i) {
    const std::string& a = *outputs_[i].second;
    if (a.empty()) continue;
    for (size_t j = i + 1; j < outputs_.size(); ++j) {
      const std::string& b = *outputs_[j].second;
      if (b.empty() || !same_file(a, b)) continue;
      const std::string both =
          outputs_[i].first->get_name() + " and " + outputs_[j].first->get_name();
      if (a == "-") return Status::InvalidArgument(both + " cannot both write to stdout (-)");
      return Status::InvalidArgument(both + " name the same file (" + a +
                                     (a == b ? "" : " and " + b) +
                                     "); give each output its own path");
    }
  }
  return Status::Ok();
}

bool OutputArgs::any() const {
  for (const auto& [opt, path] : outputs_) {
    if (!path->empty()) return true;
  }
  return false;
}

std::string OutputArgs::names() const {
  std::string s;
  for (size_t i = 0; i < outputs_.size(); ++i) {
    if (i > 0) s += i + 1 == outputs_.size() ? " or " : ", ";
    s += outputs_[i].first->get_name();
  }
  return s;
}

}  // namespace docsift::cli
