#pragma once
// The pipeline job tests' helpers: the shared file helpers (common/test_files.h), scratch
// directories named for them, and a boilerplate paragraph.

#include <filesystem>
#include <string>

#include "common/test_files.h"

namespace docsift::pipeline_testing {

using namespace docsift::testing;  // write_file, read_file, read_lines, contains

inline std::filesystem::path scratch(const std::string& name) {
  return scratch_dir("pipeline_" + name);
}

// A boilerplate paragraph (>= 5 words) that several test documents end with.
inline const char* kBoilerplate =
    "Share this article with your friends and colleagues on social media today.";

}  // namespace docsift::pipeline_testing
