// OutputFile: nothing appears at the path before commit(), nothing is left after an abort, and
// inputs are never overwritten; commit_all, safe temporary files and their cleanup (below).
#include "io/output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/temp_registry.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;

class OutputFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("docsift_out_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    ::unsetenv("DOCSIFT_NO_TMPFILE");
    fs::remove_all(dir_);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string slurp(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  std::vector<std::string> names() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
  }
  size_t entries() const {
    return static_cast<size_t>(
        std::distance(fs::directory_iterator(dir_), fs::directory_iterator()));
  }
  fs::path dir_;
};

TEST_F(OutputFileTest, CommitRenamesAndReplaces) {
  const std::string p = path("out.jsonl");
  std::ofstream(p) << "old contents";
  auto out = OutputFile::open(p, {});
  ASSERT_TRUE(out.ok()) << out.status().message();
  std::string expected;
  for (int i = 0; i < 50000; ++i) {  // ~1.3 MB: crosses the 1 MiB buffer
    std::string line = "{\"id\":" + std::to_string(i) + "}\n";
    (*out)->write(line);
    expected += line;
  }
  const std::string big(3u << 20, 'b');  // larger than the buffer: written through
  (*out)->write(big);
  expected += big;
  EXPECT_EQ(slurp(p), "old contents");                                 // untouched until commit
  EXPECT_FALSE(fs::exists(p + ".tmp." + std::to_string(::getpid())));  // the old, fixed name
  ASSERT_TRUE((*out)->commit().ok());
  EXPECT_EQ(slurp(p), expected);
  EXPECT_EQ(entries(), 1u);
}

TEST_F(OutputFileTest, AbortLeavesNothing) {
  const std::string p = path("out.jsonl");
  {
    auto out = OutputFile::open(p, {});
    ASSERT_TRUE(out.ok());
    (*out)->write(std::string(2u << 20, 'x'));
  }
  EXPECT_FALSE(fs::exists(p));
  EXPECT_EQ(entries(), 0u);
}

TEST_F(OutputFileTest, RefusesToOverwriteInputs) {
  const std::string in = path("in.jsonl");
  std::ofstream(in) << "{}\n";
  fs::create_directories(path("sub/dir"));
  fs::create_symlink(in, path("link.jsonl"));

  auto same = OutputFile::open(in, {"-", in});
  ASSERT_FALSE(same.ok());
  EXPECT_EQ(same.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(same.status().message(), "refusing to overwrite input file " + in);

  // Same inode through a symlink, and the same file through a non-normal path.
  EXPECT_FALSE(OutputFile::open(path("link.jsonl"), {in}).ok());
  EXPECT_FALSE(OutputFile::open(path("sub/../in.jsonl"), {in}).ok());
  // Inside an input directory, even when the file does not exist yet.
  auto inside = OutputFile::open(path("sub/dir/new.jsonl"), {path("sub") + "/"});
  ASSERT_FALSE(inside.ok());
  EXPECT_EQ(inside.status().code(), StatusCode::kInvalidArgument);
  // A sibling with a common name prefix is fine.
  auto sibling = OutputFile::open(path("sub2.jsonl"), {path("sub"), in});
  EXPECT_TRUE(sibling.ok()) << sibling.status().message();
  EXPECT_EQ(std::string(std::ifstream(in).rdbuf() ? "{}" : ""), "{}");
  EXPECT_FALSE(OutputFile::open(path("sub"), {}).ok());  // a directory
}

TEST_F(OutputFileTest, MissingDirectoryIsAnIoError) {
  auto out = OutputFile::open(path("no/such/dir/out.jsonl"), {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kIoError);
}

TEST_F(OutputFileTest, WritesToDevicesInPlace) {
  auto out = OutputFile::open("/dev/null", {});
  ASSERT_TRUE(out.ok()) << out.status().message();
  (*out)->write("discarded\n");
  EXPECT_TRUE((*out)->commit().ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

// ---------------------------------------------------------------------------------------------
// OutputFile::commit_all is all or nothing; temporary files are created safely (no symlink
// followed, mode from the umask), removed by the cleanup signal handlers, and stale ones of dead
// runs are removed by the next run (issue 11, items 2, 3 and 4).

using OutputCommitTest = OutputFileTest;

// A pid that is not running: a child that has exited and been reaped.
pid_t dead_pid() {
  const pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  return child;
}

TEST_F(OutputCommitTest, CommitAllFailureLeavesOldOutputsIntact) {
  // The second output fails on flush (ENOSPC from /dev/full): the first, already complete, must
  // not replace its old contents. Committing one after the other (the code before commit_all)
  // put "new a" in place before the failure.
  const std::string a = path("a.jsonl");
  std::ofstream(a) << "old a";
  auto out_a = OutputFile::open(a, {});
  auto out_full = OutputFile::open("/dev/full", {});
  ASSERT_TRUE(out_a.ok() && out_full.ok());
  (*out_a)->write("new a");
  (*out_full)->write("cannot be written");
  OutputFile* outs[] = {out_a->get(), nullptr, out_full->get()};
  const Status s = OutputFile::commit_all(outs);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("/dev/full"), std::string::npos) << s.message();
  EXPECT_EQ(slurp(a), "old a");
  EXPECT_EQ(names(), std::vector<std::string>{"a.jsonl"});
}

TEST_F(OutputCommitTest, CommitAllFailureOnARegularFile) {
  // File size limit: the second output's write fails with EFBIG, as on a full disk.
  for (const char* no_tmpfile : {"0", "1"}) {
    ::setenv("DOCSIFT_NO_TMPFILE", no_tmpfile, 1);
    const std::string a = path("a.jsonl"), b = path("b.json");
    std::ofstream(a) << "old a";
    std::ofstream(b) << "old b";
    auto out_a = OutputFile::open(a, {});
    auto out_b = OutputFile::open(b, {});
    ASSERT_TRUE(out_a.ok() && out_b.ok());
    rlimit old_limit;
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old_limit), 0);
    auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old_limit;
    small.rlim_cur = 1u << 20;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    (*out_a)->write("new a");
    (*out_b)->write(std::string(3u << 20, 'b'));
    OutputFile* outs[] = {out_a->get(), out_b->get()};
    const Status s = OutputFile::commit_all(outs);
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    ::signal(SIGXFSZ, old_handler);
    ASSERT_FALSE(s.ok()) << no_tmpfile;
    EXPECT_EQ(s.message(), b + ": " + std::strerror(EFBIG));
    EXPECT_EQ(slurp(a), "old a");
    EXPECT_EQ(slurp(b), "old b");
    EXPECT_EQ(names(), (std::vector<std::string>{"a.jsonl", "b.json"}));
  }
}

TEST_F(OutputCommitTest, CommitAllSucceedsForAll) {
  for (const char* no_tmpfile : {"0", "1"}) {
    ::setenv("DOCSIFT_NO_TMPFILE", no_tmpfile, 1);
    std::vector<std::unique_ptr<OutputFile>> files;
    std::vector<OutputFile*> outs;
    for (int i = 0; i < 3; ++i) {
      auto f = OutputFile::open(path("o" + std::to_string(i)), {});
      ASSERT_TRUE(f.ok()) << f.status().message();
      (*f)->write("contents " + std::to_string(i) + no_tmpfile);
      outs.push_back(f->get());
      files.push_back(std::move(*f));
    }
    ASSERT_TRUE(OutputFile::commit_all(outs).ok());
    for (int i = 0; i < 3; ++i)
      EXPECT_EQ(slurp(path("o" + std::to_string(i))), "contents " + std::to_string(i) + no_tmpfile);
    EXPECT_EQ(names(), (std::vector<std::string>{"o0", "o1", "o2"}));
  }
}

TEST_F(OutputCommitTest, SymlinkPlantedAtTempNameIsNotFollowed) {
  // Before: the temporary was "<out>.tmp.<pid>", opened with fopen("w"), so this link made
  // docsift truncate and overwrite the victim.
  const std::string victim = path("victim");
  std::ofstream(victim) << "precious";
  const std::string out_path = path("out.jsonl");
  fs::create_symlink(victim, out_path + ".tmp." + std::to_string(::getpid()));
  for (const char* no_tmpfile : {"0", "1"}) {
    ::setenv("DOCSIFT_NO_TMPFILE", no_tmpfile, 1);
    auto out = OutputFile::open(out_path, {});
    ASSERT_TRUE(out.ok()) << out.status().message();
    (*out)->write("new");
    ASSERT_TRUE((*out)->commit().ok());
    EXPECT_EQ(slurp(victim), "precious");
    EXPECT_EQ(slurp(out_path), "new");
    EXPECT_FALSE(fs::is_symlink(out_path));
  }
}

TEST_F(OutputCommitTest, NamedTempIsUniqueHiddenAndExclusive) {
  ::setenv("DOCSIFT_NO_TMPFILE", "1", 1);
  const std::string out_path = path("out.jsonl");
  auto first = OutputFile::open(out_path, {});
  auto second = OutputFile::open(out_path, {});  // same output twice in one process
  ASSERT_TRUE(first.ok() && second.ok());
  const std::vector<std::string> temps = names();
  ASSERT_EQ(temps.size(), 2u);
  const std::string prefix = ".out.jsonl.docsift-tmp." + std::to_string(::getpid()) + ".";
  for (const std::string& t : temps) {
    EXPECT_EQ(t.substr(0, prefix.size()), prefix) << t;
    EXPECT_EQ(t.size(), prefix.size() + 6) << t;
  }
  EXPECT_NE(temps[0], temps[1]);
}

TEST_F(OutputCommitTest, ModeFollowsUmask) {
  for (const char* no_tmpfile : {"0", "1"}) {
    ::setenv("DOCSIFT_NO_TMPFILE", no_tmpfile, 1);
    for (mode_t mask : {mode_t{022}, mode_t{077}, mode_t{002}}) {
      const mode_t old = ::umask(mask);
      const std::string p = path("m" + std::to_string(mask));
      auto out = OutputFile::open(p, {});
      ::umask(old);
      ASSERT_TRUE(out.ok());
      ASSERT_TRUE((*out)->commit().ok());
      struct stat st;
      ASSERT_EQ(::stat(p.c_str(), &st), 0);
      EXPECT_EQ(st.st_mode & 0777, 0666 & ~mask) << "umask " << mask << " " << no_tmpfile;
    }
  }
}

TEST_F(OutputCommitTest, NothingVisibleWhileWritingWithOTmpfile) {
  const int probe = ::open(dir_.c_str(), O_TMPFILE | O_WRONLY, 0600);
  if (probe < 0) GTEST_SKIP() << "no O_TMPFILE on " << dir_;
  ::close(probe);
  auto out = OutputFile::open(path("out.jsonl"), {});
  ASSERT_TRUE(out.ok());
  (*out)->write(std::string(3u << 20, 'x'));
  EXPECT_TRUE(names().empty());
  ASSERT_TRUE((*out)->commit().ok());
  EXPECT_EQ(names(), std::vector<std::string>{"out.jsonl"});
}

TEST_F(OutputCommitTest, StaleTempsOfDeadRunsAreRemoved) {
  const std::string dead = std::to_string(dead_pid());
  const std::string alive = std::to_string(::getppid());
  const std::vector<std::string> planted = {
      ".out.jsonl.docsift-tmp." + dead + ".abcDEF",    // removed
      ".out.jsonl.docsift-tmp." + alive + ".abcDEF",   // its run may still be going: kept
      ".other.jsonl.docsift-tmp." + dead + ".abcDEF",  // another output: kept
      ".out.jsonl.docsift-tmp.x" + dead + ".abcDEF",   // not the pattern: kept
  };
  for (const std::string& name : planted) std::ofstream(path(name)) << "partial";
  auto out = OutputFile::open(path("out.jsonl"), {});
  ASSERT_TRUE(out.ok());
  ASSERT_TRUE((*out)->commit().ok());
  std::vector<std::string> expected = {planted[1], planted[2], planted[3], "out.jsonl"};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(names(), expected);
}

TEST(TempRegistryTest, RegisterUnregisterUnlink) {
  const fs::path dir = fs::path(::testing::TempDir()) / ("docsift_reg_" + std::to_string(getpid()));
  fs::create_directories(dir);
  const std::string a = (dir / "a").string(), b = (dir / "b").string();
  std::ofstream(a) << "a";
  std::ofstream(b) << "b";
  const int slot_a = register_temp_path(a.c_str());
  const int slot_b = register_temp_path(b.c_str());
  ASSERT_GE(slot_a, 0);
  ASSERT_GE(slot_b, 0);
  EXPECT_NE(slot_a, slot_b);
  unregister_temp_path(slot_b);
  EXPECT_EQ(register_temp_path(std::string(kMaxTempPathBytes, 'x').c_str()), -1);
  EXPECT_EQ(unlink_registered_temp_paths(), 1);
  EXPECT_FALSE(fs::exists(a));
  EXPECT_TRUE(fs::exists(b));
  unregister_temp_path(slot_a);
  fs::remove_all(dir);
}

// A process that installs the handlers and is killed by a catchable signal while writing leaves
// no temporary file and still dies of that signal. Before: "<out>.tmp.<pid>" stayed.
class SignalCleanupTest : public OutputCommitTest, public ::testing::WithParamInterface<int> {};

TEST_P(SignalCleanupTest, TempFilesRemovedAndSignalReRaised) {
  const int sig = GetParam();
  const std::string out_path = path("out.jsonl");
  std::ofstream(out_path) << "old";
  EXPECT_EXIT(
      {
        ::setenv("DOCSIFT_NO_TMPFILE", "1", 1);
        install_cleanup_signal_handlers();
        auto out = OutputFile::open(out_path, {});
        auto other = OutputFile::open(path("other.json"), {});
        if (!out.ok() || !other.ok() || names().size() != 3) ::_exit(3);
        (*out)->write(std::string(2u << 20, 'x'));
        ::raise(sig);
        ::_exit(4);  // not reached
      },
      ::testing::KilledBySignal(sig), "");
  EXPECT_EQ(names(), std::vector<std::string>{"out.jsonl"});
  EXPECT_EQ(slurp(out_path), "old");
}

TEST_F(OutputCommitTest, SignalDuringDeferralIsHandledOnResume) {
  const std::string marker = path("marker");
  EXPECT_EXIT(
      {
        install_cleanup_signal_handlers();
        defer_cleanup_signals();
        defer_cleanup_signals();
        ::raise(SIGINT);
        resume_cleanup_signals();  // still deferred: nested
        std::ofstream(marker) << "survived";
        resume_cleanup_signals();  // re-raises SIGINT
        ::_exit(4);
      },
      ::testing::KilledBySignal(SIGINT), "");
  EXPECT_EQ(slurp(marker), "survived");
}

INSTANTIATE_TEST_SUITE_P(CatchableSignals, SignalCleanupTest,
                         ::testing::Values(SIGINT, SIGTERM, SIGHUP, SIGPIPE));

}  // namespace
}  // namespace docsift
