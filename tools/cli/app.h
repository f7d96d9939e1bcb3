#pragma once
// The whole docsift command line as a CLI11 app, without running it: main() builds the app with
// add_all_commands and parses argv; tests and the option-parser fuzzer can build the same app.
//
//   CLI::App app{"docsift"};
//   int exit_status = 0;
//   docsift::cli::add_all_commands(app, exit_status);
//   app.parse(argc, argv);  // runs the chosen subcommand; its exit code lands in exit_status
//
// Every option shows its default in --help. --version prints the version and the optional parts
// built in.

#include <CLI/CLI.hpp>
#include <string>

namespace docsift::cli {

// Registers dedup, passages, clean and cluster and --version on `app`, and requires exactly one
// subcommand. A subcommand's callback stores its exit code in `exit_status`, which must outlive
// app.parse().
void add_all_commands(CLI::App& app, int& exit_status);

// "docsift 0.1.0\n" followed by one line per optional part ("  MPI: no", ...), each computed
// from the compile definitions (DOCSIFT_WITH_MPI, DOCSIFT_WITH_INDEX_STORE, DOCSIFT_WITH_PYTHON).
std::string version_text();

}  // namespace docsift::cli
