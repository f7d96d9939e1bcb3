// docsift: remove duplicate documents and passages from text corpora, and group reports by topic.

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>

#include "app.h"

int main(int argc, char** argv) {
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
    return 4;
  } catch (const std::length_error& e) {
    std::cerr << "docsift: out of memory: " << e.what() << "\n";
    return 4;
  } catch (const std::exception& e) {
    std::cerr << "docsift: internal error: " << e.what() << "\n";
    return 4;
  } catch (...) {
    std::cerr << "docsift: internal error: unknown exception\n";
    return 4;
  }
  return exit_status;
}
