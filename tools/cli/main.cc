// docsift: remove duplicate documents and passages from text corpora, and group reports by topic.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>
#include <string>

#include "app.h"
#include "dist/comm.h"
#include "io/temp_registry.h"

int run(int argc, char** argv);

// Whether the subcommand (the first argument not starting with '-') has a distributed job.
bool distributes(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i][0] == '-') continue;
    return std::string(argv[i]) == "dedup";
  }
  return true;  // --help, --version: every rank parses them alike
}

int main(int argc, char** argv) {
  docsift::install_cleanup_signal_handlers();  // no temporary file survives SIGINT/TERM/HUP/PIPE
  // MPI starts only under a launcher (dist/launcher.h); then every command runs distributed.
  if (docsift::Status s = docsift::dist::Comm::init(&argc, &argv); !s.ok()) {
    std::cerr << "docsift: " << s.message() << "\n";
    return 2;
  }
  const docsift::dist::Comm& comm = docsift::dist::Comm::world();
  int code = 0;
  if (!comm.distributed() || distributes(argc, argv)) {
    code = run(argc, argv);
  } else {
    // Not distributed yet: rank 0 runs the serial job (same outputs as without mpirun), the
    // other ranks wait and exit with its code; P copies must never write the same outputs.
    if (comm.root()) {
      std::cerr << "docsift: warning: this command is not distributed yet; under mpirun it runs on "
                   "rank 0 alone\n";
      code = run(argc, argv);
    }
    std::string bytes = std::to_string(code);
    comm.broadcast(bytes, 0);
    code = std::stoi(bytes);
  }
  docsift::dist::Comm::finalize();
  return code;
}

namespace {

// An error that escapes a job on one rank would leave the others waiting in a collective: it
// ends them all with the same code.
int end_all(int code) {
  if (docsift::dist::Comm::world().distributed()) docsift::dist::Comm::world().abort(code);
  return code;
}

}  // namespace

int run(int argc, char** argv) {
  CLI::App app{"docsift: fast corpus deduplication, passage cleaning and topic clustering"};
  int exit_status = 0;
  docsift::cli::add_all_commands(app, exit_status);
  // Every job runs inside app.parse() (in its subcommand's callback). Catching here, with a
  // handler for everything, guarantees the stack unwinds: uncommitted OutputFile temp files are
  // removed by their destructors before the message is printed. An uncaught exception may call
  // std::terminate without unwinding and leave them behind.
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 prints help/usage/version itself; map its usage errors to exit code 2.
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  } catch (const std::bad_alloc&) {
    std::cerr << "docsift: out of memory; try fewer --threads or a smaller "
                 "--max-memory\n";
    return end_all(4);
  } catch (const std::length_error& e) {
    std::cerr << "docsift: out of memory: " << e.what() << "\n";
    return end_all(4);
  } catch (const std::exception& e) {
    std::cerr << "docsift: internal error: " << e.what() << "\n";
    return end_all(4);
  } catch (...) {
    std::cerr << "docsift: internal error: unknown exception\n";
    return end_all(4);
  }
  return exit_status;
}
