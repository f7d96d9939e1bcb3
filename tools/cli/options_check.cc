#include "options_check.h"

#include <cmath>
#include <iostream>

#include "dist/comm.h"

namespace docsift::cli {
namespace {

CLI::Validator number_check(bool non_negative) {
  return CLI::Validator(
      [non_negative](std::string& value) -> std::string {
        double v = 0;
        if (!CLI::detail::lexical_cast(value, v)) return "not a number: " + value;
        if (!std::isfinite(v)) return "must be a finite number, not " + value;
        if (non_negative && v < 0) return "must be >= 0, not " + value;
        return "";
      },
      "");
}

}  // namespace

CLI::Validator finite_number() { return number_check(false); }
CLI::Validator finite_non_negative() { return number_check(true); }

CLI::Validator no_minus_sign() {
  return CLI::Validator(
      [](std::string& value) -> std::string {
        const size_t first = value.find_first_not_of(" \t");
        if (first != std::string::npos && value[first] == '-') return "must be >= 0, not " + value;
        return "";
      },
      "");
}

void warn(const std::string& message) {
  if (!dist::Comm::world().root()) return;  // every rank parses the same options: rank 0 warns
  std::cerr << "docsift: warning: " << message << "\n";
}

bool given(const CLI::App& cmd, const std::string& name) {
  const CLI::Option* opt = cmd.get_option_no_throw(name);
  return opt != nullptr && opt->count() > 0;
}

bool warn_if_given(const CLI::App& cmd, const std::string& name, const std::string& applies_to) {
  if (!given(cmd, name)) return false;
  warn(name + " applies to " + applies_to + "; ignored");
  return true;
}

void warn_unused_input_options(const CLI::App& cmd, const InputArgs& in) {
  if (in.format == "text" || in.format == "lines") {
    warn_if_given(cmd, "--id-field", "--format jsonl (or auto) only");
    warn_if_given(cmd, "--text-field", "--format jsonl (or auto) only");
  }
}

}  // namespace docsift::cli
