#pragma once
// The file helpers every test binary shares: a fresh scratch directory per name and process,
// whole-file reads and writes, lines, and a substring check. One copy (tests/cli/cli_test_util.h,
// tests/pipeline/pipeline_test_util.h and tests/tools/tools_test_util.h build on it).
//
//   const auto dir = docsift::testing::scratch_dir("dedup_keep");   // empty, under TempDir()
//   docsift::testing::write_file(dir / "in.jsonl", "{\"text\":\"a\"}\n");

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace docsift::testing {

// An empty directory "docsift_<name>_<pid>" under GoogleTest's temporary directory.
inline std::filesystem::path scratch_dir(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("docsift_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& p, std::string_view bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::vector<std::string> read_lines(const std::filesystem::path& p) {
  std::vector<std::string> lines;
  std::ifstream in(p, std::ios::binary);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

inline bool contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

}  // namespace docsift::testing
