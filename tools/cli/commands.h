#pragma once
// One registration function per subcommand; each adds its options to the app and sets a callback
// that stores the exit code.

#include <CLI/CLI.hpp>

namespace docsift::cli {

void add_dedup_command(CLI::App& app, int& exit_status);
void add_passages_command(CLI::App& app, int& exit_status);
void add_clean_command(CLI::App& app, int& exit_status);
void add_cluster_command(CLI::App& app, int& exit_status);
void add_substrings_command(CLI::App& app, int& exit_status);
void add_index_command(CLI::App& app, int& exit_status);

}  // namespace docsift::cli
