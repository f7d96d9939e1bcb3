// A JSONL line the parser cannot allocate buffers for (a memory cap, as with ulimit -v) is
// ResourceExhausted naming file:line, not "invalid JSON", and is never skipped as a bad record.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/corpus_reader.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

// Virtual memory of this process, bytes (VmSize in /proc/self/status).
size_t vm_size() {
  std::ifstream in("/proc/self/status");
  std::string key;
  size_t kb = 0;
  while (in >> key) {
    if (key == "VmSize:") {
      in >> kb;
      break;
    }
  }
  return kb * 1024;
}

// In a child process: read `path` with the address space capped at its current size plus
// `headroom`; exit 0 when next() fails with ResourceExhausted and the expected message, 2 when
// it fails otherwise, 3 when it succeeds.
int read_capped(const std::string& path, size_t headroom, OnError on_error) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    ReadOptions options;
    options.max_doc_bytes = size_t{1} << 30;
    options.on_error = on_error;
    auto reader = CorpusReader::open({path}, options);
    if (!reader.ok()) ::_exit(4);
    const rlimit cap{vm_size() + headroom, RLIM_INFINITY};
    if (::setrlimit(RLIMIT_AS, &cap) != 0) ::_exit(5);
    Record rec;
    auto more = (*reader)->next(rec);
    if (more.ok()) ::_exit(3);
    const Status& s = more.status();
    std::fprintf(stderr, "%s\n", s.message().c_str());
    const std::string want = path + ":1: out of memory parsing a JSON line of ";
    ::_exit(s.code() == StatusCode::kResourceExhausted && s.message().rfind(want, 0) == 0 ? 0 : 2);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 100 + WTERMSIG(status);
}

TEST(JsonlMemoryTest, AllocationFailureIsResourceExhausted) {
  if (kSanitized) GTEST_SKIP() << "sanitizers reserve address space; RLIMIT_AS cannot be used";
  const fs::path path = fs::path(::testing::TempDir()) /
                        ("docsift_jsonl_memory_" + std::to_string(::getpid()) + ".jsonl");
  constexpr size_t kText = size_t{48} << 20;
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"text\":\"" << std::string(kText, 'a') << "\"}\n";
  }
  // The reader holds the line (a few times its size at most); simdjson's buffers for it take
  // more than 5 times its size on top of that.
  EXPECT_EQ(read_capped(path.string(), 5 * kText, OnError::kFail), 0);
  EXPECT_EQ(read_capped(path.string(), 5 * kText, OnError::kSkip), 0);
  // Control: without the cap's pressure the same line parses.
  EXPECT_EQ(read_capped(path.string(), 40 * kText, OnError::kFail), 3);
  fs::remove(path);
}

}  // namespace
}  // namespace docsift
