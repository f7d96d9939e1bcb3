// Fuzzer for the docsift option parser: the CLI11 app exactly as main.cc builds it (all
// subcommands and their checks), the input split into argv on NUL bytes and parsed, so the
// subcommand callbacks run as they would for a user. The process works in an empty scratch
// directory with stdin and stdout on /dev/null and its messages on std::cerr discarded; an
// argument that could name something outside the scratch directory (one containing '/' or "..")
// makes the input uninteresting, so no real file is read or written. Whatever the arguments,
// parsing must not crash, and libFuzzer's -timeout catches a hang. The scratch directory is
// emptied after every input, so each run starts from the same state.

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#if __has_include("app.h")
#include "app.h"
#define DOCSIFT_FUZZ_HAVE_APP_H 1
#endif
#include "commands.h"
#include "fuzz_check.h"

namespace {

namespace fs = std::filesystem;

fs::path g_scratch;

void remove_scratch() {
  std::error_code ec;
  fs::remove_all(g_scratch, ec);
}

// Creates the scratch directory and redirects the standard streams, once.
const fs::path& scratch_dir() {
  if (g_scratch.empty()) {
    std::string tmpl = (fs::temp_directory_path() / "docsift-options-fuzz-XXXXXX").string();
    FUZZ_CHECK(::mkdtemp(tmpl.data()) != nullptr, "mkdtemp failed");
    g_scratch = tmpl;
    std::atexit(remove_scratch);
    fs::current_path(g_scratch);
    const int null_in = ::open("/dev/null", O_RDONLY);
    const int null_out = ::open("/dev/null", O_WRONLY);
    FUZZ_CHECK(null_in >= 0 && null_out >= 0, "cannot open /dev/null");
    ::dup2(null_in, STDIN_FILENO);
    ::dup2(null_out, STDOUT_FILENO);
    std::cerr.rdbuf(nullptr);  // the commands' messages; libFuzzer and sanitizers use fd 2
    std::cout.rdbuf(nullptr);
  }
  return g_scratch;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const fs::path& dir = scratch_dir();
  std::vector<std::string> args = {"docsift"};
  std::string cur;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] == 0) {
      args.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += static_cast<char>(data[i]);
    }
  }
  if (size > 0) args.push_back(std::move(cur));
  if (args.size() > 64) return -1;
  for (const std::string& a : args) {
    if (a.find('/') != std::string::npos || a.find("..") != std::string::npos) return -1;
  }
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());

  {
    CLI::App app{"docsift"};
    int exit_status = 0;
#ifdef DOCSIFT_FUZZ_HAVE_APP_H
    docsift::cli::add_all_commands(app, exit_status);
#else
    app.require_subcommand(1);
    app.set_version_flag("--version", "docsift 0.1.0");
    docsift::cli::add_dedup_command(app, exit_status);
    docsift::cli::add_passages_command(app, exit_status);
    docsift::cli::add_clean_command(app, exit_status);
    docsift::cli::add_cluster_command(app, exit_status);
#endif
    try {
      app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
      std::ostringstream out, err;
      app.exit(e, out, err);  // formats the help and usage messages as main.cc does
    }
    FUZZ_CHECK(exit_status >= 0 && exit_status <= 4, "exit status " << exit_status);
  }

  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) fs::remove_all(entry.path(), ec);
  return 0;
}
