// Interrupts `docsift dedup` with each catchable signal (SIGINT, SIGTERM, SIGHUP, and SIGPIPE
// through `-o -` into a reader that goes away) and with SIGKILL, at several points of a run
// that takes about a second, and checks the output folder afterwards: every output is byte for
// byte its old contents or the complete new ones, no temporary file is left (in the output
// folder or in $TMPDIR, where the stdin spool goes), a caught signal is re-raised (the process
// dies of it), and after SIGKILL the next run removes whatever temporary was left (issue 11,
// item 3 and its CI test). Before the fix, "<out>.tmp.<pid>" files stayed after every signal.
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>
#include <tuple>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {
namespace fs = std::filesystem;

const char* const kOutputs[] = {"kept.jsonl", "report.jsonl", "clusters.jsonl"};

// ~40 MB of JSONL, one document in ten a copy of an earlier one (dedup takes about a second).
const fs::path& corpus() {
  static const fs::path path = [] {
    const fs::path dir = scratch_dir("signals_corpus");
    std::mt19937_64 rng(20261202);
    std::vector<std::string> words;
    for (int w = 0; w < 5000; ++w) {
      std::string word;
      for (size_t len = 2 + rng() % 8; word.size() < len;) word.push_back('a' + rng() % 26);
      words.push_back(word);
    }
    std::vector<std::string> texts;
    std::string jsonl;
    for (int i = 0; i < 40000; ++i) {
      std::string text;
      if (i % 10 == 9) {
        text = texts[rng() % texts.size()];
      } else {
        for (int k = 0; k < 150; ++k) text += (k ? " " : "") + words[rng() % words.size()];
      }
      jsonl += "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"" + text + "\"}\n";
      texts.push_back(std::move(text));
    }
    write_file(dir / "in.jsonl", jsonl);
    return dir / "in.jsonl";
  }();
  return path;
}

struct RunDirs {
  fs::path out_dir;  // the outputs
  fs::path tmp_dir;  // $TMPDIR of the run
};

// Starts docsift dedup on the corpus (from stdin when `from_stdin`) writing the three outputs
// into run.out_dir, or the kept records to `stdout_fd` when >= 0.
pid_t spawn(const RunDirs& run, bool from_stdin, bool no_tmpfile, int stdout_fd = -1) {
  // Made before the fork: a child making it would put it in the run's $TMPDIR.
  const fs::path& input = corpus();
  std::vector<std::string> args = {std::string(DOCSIFT_BINARY_DIR) + "/docsift",
                                   "dedup",
                                   from_stdin ? "-" : input.string(),
                                   "-o",
                                   stdout_fd >= 0 ? "-" : (run.out_dir / kOutputs[0]).string(),
                                   "-r",
                                   (run.out_dir / kOutputs[1]).string(),
                                   "--clusters",
                                   (run.out_dir / kOutputs[2]).string(),
                                   "--threads",
                                   "2",
                                   "-q"};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::setenv("TMPDIR", run.tmp_dir.c_str(), 1);
    if (no_tmpfile) ::setenv("DOCSIFT_NO_TMPFILE", "1", 1);
    const int devnull = ::open("/dev/null", O_RDWR);
    const int in = from_stdin ? ::open(input.c_str(), O_RDONLY) : devnull;
    ::dup2(in, STDIN_FILENO);
    ::dup2(stdout_fd >= 0 ? stdout_fd : devnull, STDOUT_FILENO);
    ::dup2(devnull, STDERR_FILENO);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) ::signal(sig, SIG_DFL);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

RunDirs fresh_run(const std::string& name) {
  const fs::path dir = scratch_dir(name);
  RunDirs run{dir / "out", dir / "tmp"};
  fs::create_directories(run.out_dir);
  fs::create_directories(run.tmp_dir);
  return run;
}

std::string old_contents(const char* name) { return std::string("old ") + name + "\n"; }

void write_old_outputs(const RunDirs& run) {
  for (const char* name : kOutputs) write_file(run.out_dir / name, old_contents(name));
}

// The outputs of an uninterrupted run (per input kind: the report names the source).
const std::vector<std::string>& reference(bool from_stdin) {
  static std::vector<std::string> refs[2];
  std::vector<std::string>& ref = refs[from_stdin];
  if (ref.empty()) {
    const RunDirs run = fresh_run(from_stdin ? "signals_ref_stdin" : "signals_ref");
    const int status = wait_for(spawn(run, from_stdin, false));
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    for (const char* name : kOutputs) ref.push_back(read_file(run.out_dir / name));
    EXPECT_FALSE(ref[1].empty());  // there are duplicates to report
  }
  return ref;
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> output_names() {
  std::vector<std::string> names(std::begin(kOutputs), std::end(kOutputs));
  std::sort(names.begin(), names.end());
  return names;
}

// Each output is its old contents or the complete new ones; returns how many are new.
int check_old_or_new(const RunDirs& run, bool from_stdin) {
  const std::vector<std::string>& ref = reference(from_stdin);
  int fresh = 0;
  for (size_t i = 0; i < std::size(kOutputs); ++i) {
    const std::string got = read_file(run.out_dir / kOutputs[i]);
    const bool is_old = got == old_contents(kOutputs[i]);
    const bool is_new = got == ref[i];
    EXPECT_TRUE(is_old || is_new) << kOutputs[i] << " is half-written: " << got.size() << " bytes";
    fresh += is_new;
  }
  return fresh;
}

// (signal, milliseconds before it is sent, input from stdin, O_TMPFILE turned off)
using Case = std::tuple<int, int, bool, bool>;
class SignalsCli : public ::testing::TestWithParam<Case> {};

TEST_P(SignalsCli, OutputsIntactAndNoTempFilesLeft) {
  const auto [sig, delay_ms, from_stdin, no_tmpfile] = GetParam();
  reference(from_stdin);
  const RunDirs run = fresh_run("signals_" + std::to_string(sig) + "_" + std::to_string(delay_ms) +
                                (from_stdin ? "_stdin" : "") + (no_tmpfile ? "_named" : ""));
  write_old_outputs(run);
  const pid_t pid = spawn(run, from_stdin, no_tmpfile);
  std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  ::kill(pid, sig);
  const int status = wait_for(pid);
  const bool finished = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  ASSERT_TRUE(finished || (WIFSIGNALED(status) && WTERMSIG(status) == sig)) << "status " << status;
  const int fresh = check_old_or_new(run, from_stdin);
  if (finished) {
    EXPECT_EQ(fresh, 3);
  }
  EXPECT_TRUE(entries(run.tmp_dir).empty());  // the stdin spool is never visible
  if (sig != SIGKILL) {
    EXPECT_EQ(entries(run.out_dir), output_names());
    return;
  }
  // After SIGKILL: only recognisable temporaries of the killed run may remain ...
  const std::string pid_tag = ".docsift-tmp." + std::to_string(pid) + ".";
  for (const std::string& name : entries(run.out_dir)) {
    const bool output =
        std::find(std::begin(kOutputs), std::end(kOutputs), name) != std::end(kOutputs);
    EXPECT_TRUE(output || name.find(pid_tag) != std::string::npos) << name;
  }
  // ... and the next run removes them.
  const int again = wait_for(spawn(run, from_stdin, no_tmpfile));
  ASSERT_TRUE(WIFEXITED(again) && WEXITSTATUS(again) == 0) << again;
  EXPECT_EQ(check_old_or_new(run, from_stdin), 3);
  EXPECT_EQ(entries(run.out_dir), output_names());
  EXPECT_TRUE(entries(run.tmp_dir).empty());
}

INSTANTIATE_TEST_SUITE_P(Catchable, SignalsCli,
                         ::testing::Combine(::testing::Values(SIGINT, SIGTERM, SIGHUP),
                                            ::testing::Values(100, 500, 1000),
                                            ::testing::Values(false), ::testing::Values(true)));
INSTANTIATE_TEST_SUITE_P(CatchableFromStdin, SignalsCli,
                         ::testing::Combine(::testing::Values(SIGINT, SIGTERM),
                                            ::testing::Values(300), ::testing::Values(true),
                                            ::testing::Values(false, true)));
INSTANTIATE_TEST_SUITE_P(Kill, SignalsCli,
                         ::testing::Combine(::testing::Values(SIGKILL),
                                            ::testing::Values(100, 500, 1000, 1500),
                                            ::testing::Values(false),
                                            ::testing::Values(false, true)));

// `docsift dedup ... -o - | head -c 1000`: the reader goes away, docsift dies of SIGPIPE, and
// the report and clusters files it was writing are not left behind or replaced.
TEST(SignalsCliPipe, SigpipeLeavesOldOutputsAndNoTempFiles) {
  for (bool no_tmpfile : {false, true}) {
    const RunDirs run = fresh_run(no_tmpfile ? "signals_pipe_named" : "signals_pipe");
    write_old_outputs(run);
    int fds[2];
    ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);  // the read end must not stay open in docsift
    const pid_t pid = spawn(run, false, no_tmpfile, fds[1]);
    ::close(fds[1]);
    char buf[1000];
    size_t got = 0;
    while (got < sizeof buf) {
      const ssize_t n = ::read(fds[0], buf + got, sizeof buf - got);
      if (n <= 0) break;
      got += static_cast<size_t>(n);
    }
    EXPECT_EQ(got, sizeof buf);
    ::close(fds[0]);
    const int status = wait_for(pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << status;
    EXPECT_EQ(WTERMSIG(status), SIGPIPE);
    for (const char* name : kOutputs) EXPECT_EQ(read_file(run.out_dir / name), old_contents(name));
    EXPECT_EQ(entries(run.out_dir), output_names());
    EXPECT_TRUE(entries(run.tmp_dir).empty());
  }
}

}  // namespace
}  // namespace docsift::testing
