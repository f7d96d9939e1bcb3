#pragma once
// Checks of option values that CLI11 does not make on its own, and the warning every subcommand
// prints for an option that does not apply to the chosen method or input.
//
//   cmd.add_option("--threshold", t)->check(finite_number())->check(CLI::Range(0.01, 0.99));
//   warn_if_given(cmd, "--hamming", "--method simhash only");
//   // docsift: warning: --hamming applies to --method simhash only; ignored
//
// CLI11's Range lets NaN through (every comparison with NaN is false): every floating option
// takes finite_number() first.

#include <CLI/CLI.hpp>
#include <string>

#include "cli_common.h"

namespace docsift::cli {

// Refuses "nan", "inf", "-inf", "infinity" and anything that is not a number.
CLI::Validator finite_number();
// A finite number >= 0.
CLI::Validator finite_non_negative();

// Prints "docsift: warning: <message>" on stderr (also under --quiet: a warning is not progress).
void warn(const std::string& message);

// True when the user gave `name` (e.g. "--hamming") on the command line of `cmd`.
bool given(const CLI::App& cmd, const std::string& name);

// When `name` was given: "docsift: warning: <name> applies to <applies_to>; ignored".
// Returns whether it warned.
bool warn_if_given(const CLI::App& cmd, const std::string& name, const std::string& applies_to);

// Warnings about input options that do not apply to the chosen --format.
void warn_unused_input_options(const CLI::App& cmd, const InputArgs& in);

}  // namespace docsift::cli
