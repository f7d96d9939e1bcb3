#pragma once
// Scratch directories and file helpers for the pipeline job tests.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace docsift::pipeline_testing {

inline std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("docsift_pipeline_" + name + "_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
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

inline bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// A boilerplate paragraph (>= 5 words) that several test documents end with.
inline const char* kBoilerplate =
    "Share this article with your friends and colleagues on social media today.";

}  // namespace docsift::pipeline_testing
