#include "options_outputs.h"

#include "pipeline/output_set.h"

namespace docsift::cli {

CLI::Option* OutputArgs::add(CLI::App& cmd, const std::string& flags, std::string& path,
                             const std::string& help) {
  CLI::Option* opt = cmd.add_option(flags, path, help)->group("Outputs");
  outputs_.emplace_back(opt, &path);
  return opt;
}

void OutputArgs::add_stats(CLI::App& cmd) {
  add(cmd, "--stats", stats,
      "The run's summary as JSON: counts, bytes, seconds per stage, peak memory, options");
}

Status OutputArgs::check_distinct() const {
  std::vector<OutputSet::NamedPath> named;
  for (const auto& [opt, path] : outputs_) named.push_back({opt->get_name(), *path});
  return OutputSet::check_distinct_named(named);
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
