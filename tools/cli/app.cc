#include "app.h"

#include "commands.h"
#include "dist/comm.h"

#ifndef DOCSIFT_VERSION_STRING
#define DOCSIFT_VERSION_STRING "0.1.0"
#endif

namespace docsift::cli {

std::string version_number() { return DOCSIFT_VERSION_STRING; }

std::string version_text() {
  struct Part {
    const char* name;
    bool built;
  };
  // A later build that adds a part defines its DOCSIFT_WITH_* (target_compile_definitions).
  const Part parts[] = {
      {"MPI (distributed runs)", dist::Comm::mpi_built()},
#ifdef DOCSIFT_WITH_INDEX_STORE
      {"index store (dedup against a stored index)", true},
#else
      {"index store (dedup against a stored index)", false},
#endif
#ifdef DOCSIFT_WITH_PYTHON
      {"Python bindings", true},
#else
      {"Python bindings", false},
#endif
  };
  std::string text = "docsift " DOCSIFT_VERSION_STRING "\noptional parts built in:\n";
  for (const Part& p : parts)
    text += std::string("  ") + p.name + ": " + (p.built ? "yes" : "no") + "\n";
  text.pop_back();  // CLI11 adds the final newline
  return text;
}

void add_all_commands(CLI::App& app, int& exit_status) {
  app.require_subcommand(1);
  // Subcommands copy these defaults when created: every option shows its default in --help.
  app.option_defaults()->always_capture_default();
  app.set_version_flag(
      "--version", [] { return version_text(); },
      "Print the version and the optional parts built in, and exit");
  add_dedup_command(app, exit_status);
  add_passages_command(app, exit_status);
  add_clean_command(app, exit_status);
  add_cluster_command(app, exit_status);
  add_substrings_command(app, exit_status);
  add_index_command(app, exit_status);
}

}  // namespace docsift::cli
