// docsift: remove duplicate documents and passages from text corpora, and group reports by topic.

#include <CLI/CLI.hpp>
#include <iostream>

#include "commands.h"
#include "io/temp_registry.h"

int main(int argc, char** argv) {
  docsift::install_cleanup_signal_handlers();  // no temporary file survives SIGINT/TERM/HUP/PIPE
  CLI::App app{"docsift: fast corpus deduplication, passage cleaning and topic clustering"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "docsift 0.1.0");
  int exit_status = 0;
  docsift::cli::add_dedup_command(app, exit_status);
  docsift::cli::add_passages_command(app, exit_status);
  docsift::cli::add_clean_command(app, exit_status);
  docsift::cli::add_cluster_command(app, exit_status);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help/usage itself; map its usage errors to exit code 2.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  return exit_status;
}
