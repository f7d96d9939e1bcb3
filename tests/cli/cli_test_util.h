#pragma once
// Helpers for end-to-end tests: the shared file helpers (common/test_files.h) and running the
// docsift binary with stderr captured.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "common/test_files.h"

namespace docsift::testing {

struct RunResult {
  int exit_code = -1;
  std::string err;
};

// Runs `docsift <args>` with stderr captured to a file in `dir`.
inline RunResult run_docsift(const std::string& args, const std::filesystem::path& dir) {
  const auto err_path = dir / "stderr.txt";
  const std::string cmd =
      std::string(DOCSIFT_BINARY_DIR) + "/docsift " + args + " 2> '" + err_path.string() + "'";
  const int status = std::system(cmd.c_str());
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_file(err_path);
  return r;
}

}  // namespace docsift::testing
