// End-to-end tests of the reader's limits and input kinds through the docsift binary (issue 11,
// items 7 and 14): --max-doc-bytes stops an over-long record while reading, in bounded memory;
// a process substitution given as a path is read twice correctly.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {
namespace fs = std::filesystem;

// Gzip of `size` zero bytes, streamed by the gzip program (the input is never held).
void write_gzip_of_zeros(const fs::path& path, uint64_t size) {
  const std::string cmd =
      "head -c " + std::to_string(size) + " /dev/zero | gzip -1 > '" + path.string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

struct Measured {
  int status = -1;
  uint64_t peak_rss_bytes = 0;
  std::string err;
};

// Runs docsift with `args`, stderr captured, and measures its peak resident memory.
Measured run_measured(const std::vector<std::string>& args, const fs::path& dir) {
  std::vector<std::string> all = {std::string(DOCSIFT_BINARY_DIR) + "/docsift"};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  const fs::path err_path = dir / "stderr.txt";
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(err, STDERR_FILENO);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  Measured m;
  rusage usage{};
  ::wait4(pid, &m.status, 0, &usage);
  m.peak_rss_bytes = static_cast<uint64_t>(usage.ru_maxrss) * 1024;
  m.err = read_file(err_path);
  return m;
}

TEST(IoLimitsCli, OverlongLineIsRefusedInBoundedMemory) {
  // 300 MB of zero bytes in one line, 300 KB compressed. Before: the line buffer doubled to 512 MiB
  // and the record was copied (a 4.6 MB .gz of zeros took 3.1 GB, 13 GB with --format lines).
  const auto dir = scratch_dir("io_limits_zeros");
  write_gzip_of_zeros(dir / "zeros.jsonl.gz", 300u << 20);
  write_file(dir / "small.jsonl", "{\"id\":\"a\",\"text\":\"fine\"}\n");
  for (const char* format : {"jsonl", "lines"}) {
    SCOPED_TRACE(format);
    const Measured m =
        run_measured({"dedup", (dir / "small.jsonl").string(), (dir / "zeros.jsonl.gz").string(),
                      "--format", format, "-o", (dir / "kept.jsonl").string(), "-q"},
                     dir);
    ASSERT_TRUE(WIFEXITED(m.status)) << m.status;
    EXPECT_EQ(WEXITSTATUS(m.status), 1) << m.err;
    EXPECT_EQ(m.err, "docsift: " + (dir / "zeros.jsonl.gz").string() +
                         ":1: record longer than --max-doc-bytes (67108864 bytes)\n");
    // The 64 MiB limit and the read buffer, a few times over (sanitizer builds included).
    EXPECT_LT(m.peak_rss_bytes, uint64_t{600} << 20);
    EXPECT_FALSE(fs::exists(dir / "kept.jsonl"));
  }
}

TEST(IoLimitsCli, MaxDocBytesOptionAndSkip) {
  const auto dir = scratch_dir("io_limits_option");
  const std::string long_text(5000, 'x');
  write_file(dir / "in.jsonl", "{\"id\":\"a\",\"text\":\"short one\"}\n{\"id\":\"b\",\"text\":\"" +
                                   long_text + "\"}\n{\"id\":\"c\",\"text\":\"short two\"}\n");
  const std::string in = (dir / "in.jsonl").string();
  const std::string kept = (dir / "kept.jsonl").string();
  auto r = run_docsift("dedup " + in + " --max-doc-bytes 1000 -o " + kept + " -q", dir);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, "docsift: " + in + ":2: record longer than --max-doc-bytes (1000 bytes)\n");

  r = run_docsift("dedup " + in + " --max-doc-bytes 1000 --on-error skip -o " + kept, dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto lines = read_lines(kept);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_NE(lines[0].find("\"a\""), std::string::npos);
  EXPECT_NE(lines[1].find("\"c\""), std::string::npos);

  r = run_docsift("dedup " + in + " --max-doc-bytes 10000 -o " + kept + " -q", dir);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_lines(kept).size(), 3u);

  for (const char* bad : {"0", "-5", "abc"}) {
    r = run_docsift("dedup " + in + " --max-doc-bytes " + bad + " -o " + kept + " -q", dir);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
  }
}

TEST(IoLimitsCli, ProcessSubstitutionIsReadTwice) {
  // Before: the pipe was read by the first pass, the second pass read it empty and wrote one
  // empty document (exit 0, corpus silently lost); and /dev/fd/N was taken for a text file.
  const auto dir = scratch_dir("io_limits_procsub");
  write_file(dir / "in.jsonl",
             "{\"id\":\"a\",\"text\":\"the same text\"}\n{\"id\":\"b\",\"text\":\"the same "
             "text\"}\n{\"id\":\"c\",\"text\":\"another text\"}\n");
  const std::string cmd = "bash -c \"'" + std::string(DOCSIFT_BINARY_DIR) +
                          "/docsift' dedup <(cat '" + (dir / "in.jsonl").string() + "') -o '" +
                          (dir / "kept.jsonl").string() + "' -q\"";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
  const auto kept = read_lines(dir / "kept.jsonl");
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0], "{\"id\":\"a\",\"text\":\"the same text\"}");
  EXPECT_EQ(kept[1], "{\"id\":\"c\",\"text\":\"another text\"}");
}

}  // namespace
}  // namespace docsift::testing
