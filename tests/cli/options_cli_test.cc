// End-to-end tests of the option checks every subcommand makes before any work: outputs naming
// one file, non-finite numbers, options that depend on each other, --threads, warnings about
// options that do not apply, --help defaults, --version, and running out of memory.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

const char* kTwoDocs =
    R"({"id":"a","text":"The committee met on Monday to discuss the annual budget report."})"
    "\n"
    R"({"id":"b","text":"The committee met on Monday to discuss the annual budget report."})"
    "\n"
    R"({"id":"c","text":"A completely different document about rivers and mountains."})"
    "\n";

// Runs docsift with stdout captured to `dir`/stdout.txt too.
RunResult run_with_stdout(const std::string& args, const fs::path& dir, std::string* out) {
  auto r = run_docsift(args + " > '" + (dir / "stdout.txt").string() + "'", dir);
  *out = read_file(dir / "stdout.txt");
  return r;
}

// Files in `dir` other than the inputs and the captured streams.
std::vector<std::string> extra_files(const fs::path& dir, const std::vector<std::string>& keep) {
  std::vector<std::string> extra;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name == "stderr.txt" || name == "stdout.txt") continue;
    if (std::find(keep.begin(), keep.end(), name) == keep.end()) extra.push_back(name);
  }
  return extra;
}

TEST(OptionsCli, TwoOutputsNamingOneFileAreRefusedBeforeAnyWork) {
  auto dir = scratch_dir("same_output");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  write_file(dir / "X", "old contents\n");
  fs::create_hard_link(dir / "X", dir / "hardlink");
  const std::string x = (dir / "X").string();
  const std::string dot_x = (dir / "." / "X").string();
  const std::string link = (dir / "hardlink").string();
  const std::string fresh = (dir / "fresh").string();
  const std::string fresh2 = (dir / "sub" / ".." / "fresh").string();
  fs::create_directories(dir / "sub");
  const std::vector<std::string> cases = {
      "dedup " + in + " -o " + x + " -r " + x,
      "dedup " + in + " -r " + x + " --clusters " + dot_x,
      "dedup " + in + " -o " + x + " --clusters " + link,
      "dedup " + in + " -o " + fresh + " -r " + fresh2,
      "dedup " + in + " -o - -r -",
      "dedup -m minhash " + in + " -o - --clusters -",
      "passages " + in + " -r " + x + " --strip " + x,
      "passages " + in + " -r - --strip -",
      "clean " + in + " -o " + x + " -r " + dot_x,
      "clean " + in + " -o - -r -",
      "cluster -k 2 --min-df 1 --max-df 1.0 " + in + " -o " + x + " -s " + x,
      "cluster -k 2 --min-df 1 --max-df 1.0 " + in + " -o " + link + " -s " + x,
  };
  for (const std::string& args : cases) {
    std::string out;
    auto r = run_with_stdout(args, dir, &out);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_TRUE(r.err.find("name the same file") != std::string::npos ||
                r.err.find("cannot both write to stdout") != std::string::npos)
        << args << "\n"
        << r.err;
    EXPECT_EQ(out, "") << args;
    EXPECT_EQ(read_file(dir / "X"), "old contents\n") << args;
    EXPECT_EQ(extra_files(dir, {"in.jsonl", "X", "hardlink", "sub"}), std::vector<std::string>{})
        << args;
  }
}

TEST(OptionsCli, DistinctOutputsAreStillAccepted) {
  auto dir = scratch_dir("distinct_outputs");
  write_file(dir / "in.jsonl", kTwoDocs);
  // Several outputs may be discarded.
  auto null = run_docsift(
      "dedup -q " + (dir / "in.jsonl").string() + " -o /dev/null -r /dev/null --clusters /dev/null",
      dir);
  EXPECT_EQ(null.exit_code, 0) << null.err;
  auto r = run_docsift("dedup -q " + (dir / "in.jsonl").string() + " -o " +
                           (dir / "k.jsonl").string() + " -r " + (dir / "r.jsonl").string() +
                           " --clusters " + (dir / "c.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_lines(dir / "k.jsonl").size(), 2u);
  EXPECT_EQ(read_lines(dir / "r.jsonl").size(), 1u);
}

TEST(OptionsCli, NonFiniteNumbersAreRefusedForEveryFloatingOption) {
  auto dir = scratch_dir("non_finite");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  const std::string out = " -o " + (dir / "out.jsonl").string();
  const std::vector<std::string> options = {
      "dedup -m minhash " + in + out + " --threshold",
      "dedup -m minhash " + in + out + " --fp-weight",
      "dedup -m minhash " + in + out + " --fn-weight",
      "clean " + in + out + " --threshold",
      "clean " + in + out + " --passage-threshold",
      "clean " + in + out + " --max-memory",
      "passages " + in + " --strip " + (dir / "out.jsonl").string() + " --passage-threshold",
      "passages " + in + " --strip " + (dir / "out.jsonl").string() + " --max-memory",
      "cluster -k 2 " + in + out + " --min-df",
      "cluster -k 2 " + in + out + " --max-df",
  };
  for (const std::string& option : options) {
    for (const char* value : {"nan", "NaN", "inf", "-inf", "infinity"}) {
      auto r = run_docsift(option + " " + value, dir);
      EXPECT_EQ(r.exit_code, 2) << option << " " << value << "\n" << r.err;
      EXPECT_NE(r.err.find("finite"), std::string::npos) << option << " " << value << r.err;
      EXPECT_FALSE(fs::exists(dir / "out.jsonl")) << option << " " << value;
    }
  }
}

TEST(OptionsCli, NegativeMaxMemoryIsRefused) {
  auto dir = scratch_dir("negative_memory");
  write_file(dir / "in.jsonl", kTwoDocs);
  for (const char* value : {"-1", "-0.5"}) {
    auto r = run_docsift("passages " + (dir / "in.jsonl").string() + " -r " +
                             (dir / "p.jsonl").string() + " --max-memory " + value,
                         dir);
    EXPECT_EQ(r.exit_code, 2) << value << "\n" << r.err;
    EXPECT_NE(r.err.find("--max-memory"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "p.jsonl"));
  }
}

// 64-bit unsigned options would otherwise wrap "-1" to 2^64 - 1 and run.
TEST(OptionsCli, NegativeCountsAreRefused) {
  auto dir = scratch_dir("negative_counts");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  const std::string out = " -o " + (dir / "out.jsonl").string();
  for (const std::string& args : std::vector<std::string>{
           "dedup --seed -1", "dedup --warn-cluster-size -1", "clean --seed -1",
           "cluster --k-max -1", "cluster --labels -2", "cluster --max-features -1",
           "cluster --batch-size -1", "cluster --seed -1", "dedup --threads -1"}) {
    auto r = run_docsift(args + " " + in + out, dir);
    EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
    EXPECT_FALSE(fs::exists(dir / "out.jsonl")) << args;
  }
}

// The input does not exist: the option error must come first (exit 2, naming the options), not
// the I/O error of reading (exit 3) or an error after sketching the whole corpus.
TEST(OptionsCli, BandsAndRowsAreCheckedBeforeAnyInputIsRead) {
  auto dir = scratch_dir("bands_rows");
  const std::string missing = (dir / "does-not-exist.jsonl").string();
  const std::string out = " -o " + (dir / "out.jsonl").string();
  struct Case {
    std::string args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"dedup -m minhash --num-perm 64 --bands 16 --rows 8", "exceeds num_perm"},
      {"dedup -m minhash --bands 7", "does not divide"},
      {"dedup -m minhash --rows 3", "does not divide"},
      {"dedup -m minhash --fp-weight 0 --fn-weight 0", "--fp-weight"},
      {"clean --num-perm 32 --bands 8 --rows 8", "exceeds num_perm"},
  };
  for (const Case& c : cases) {
    auto r = run_docsift(c.args + " " + missing + out, dir);
    EXPECT_EQ(r.exit_code, 2) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    EXPECT_EQ(r.err.find("does-not-exist"), std::string::npos) << c.args << "\n" << r.err;
  }
  // Valid combinations still run (and the missing input is then the error).
  auto r = run_docsift("dedup -m minhash --bands 16 --rows 8 " + missing + out, dir);
  EXPECT_EQ(r.exit_code, 3) << r.err;
}

TEST(OptionsCli, ThreadsAreClampedWithAWarningAndOutputUnchanged) {
  auto dir = scratch_dir("threads_clamp");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  auto many = run_docsift(
      "dedup -q -m minhash --threads 100000 " + in + " -o " + (dir / "many.jsonl").string(), dir);
  ASSERT_EQ(many.exit_code, 0) << many.err;
  EXPECT_NE(many.err.find("warning: --threads 100000 is more than 4x"), std::string::npos)
      << many.err;
  auto one = run_docsift(
      "dedup -q -m minhash --threads 1 " + in + " -o " + (dir / "one.jsonl").string(), dir);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_EQ(one.err, "");
  EXPECT_EQ(read_file(dir / "many.jsonl"), read_file(dir / "one.jsonl"));
  // Every command takes the same run options.
  for (const std::string& cmd :
       {"passages -r " + (dir / "p.jsonl").string(), "clean -o " + (dir / "c.jsonl").string(),
        "cluster -k 2 --min-df 1 --max-df 1.0 -o " + (dir / "k.jsonl").string()}) {
    auto r = run_docsift(cmd + " -q --threads 100000 " + in, dir);
    EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.err;
    EXPECT_NE(r.err.find("warning: --threads 100000"), std::string::npos) << cmd << r.err;
  }
}

TEST(OptionsCli, OptionsThatDoNotApplyAreWarnedAboutNeverSilentlyIgnored) {
  auto dir = scratch_dir("unused_options");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  const std::string out = " -o " + (dir / "out.jsonl").string();
  struct Case {
    std::string args;
    std::string warning;
  };
  const std::vector<Case> cases = {
      {"dedup --hamming 3", "--hamming applies to --method simhash only; ignored"},
      {"dedup -m minhash --hamming 3", "--hamming applies to --method simhash only; ignored"},
      {"dedup -t 0.5", "--threshold applies to --method minhash only; ignored"},
      {"dedup -n 3", "--ngram applies to --method minhash or simhash only; ignored"},
      {"dedup --unit char", "--unit applies to --method minhash or simhash only; ignored"},
      {"dedup -m simhash --num-perm 64", "--num-perm applies to --method minhash only"},
      {"dedup -m simhash --bands 4", "--bands applies to --method minhash only"},
      {"dedup -m minhash --bands 16 --rows 8 --fp-weight 0.5", "--fp-weight applies to bands"},
      {"dedup --report-format csv", "--report-format applies to --report only"},
      {"dedup --format lines --id-field x", "--id-field applies to --format jsonl"},
      {"clean --clusters " + (dir / "c.jsonl").string(), "--clusters is not written by clean"},
      {"clean --report-format csv", "--report-format applies to --report only"},
      {"clean --with-text", "--with-text applies to --report only"},
      {"clean -m exact --num-perm 64", "--num-perm applies to --method minhash only"},
      {"clean -m exact --shingle-unit char", "--shingle-unit applies to --method minhash"},
      {"clean --hamming 4", "--hamming applies to --method simhash only"},
      {"clean --exact-only --passage-ngram 3", "--passage-ngram applies to near-duplicate"},
  };
  for (const Case& c : cases) {
    auto r = run_docsift(c.args + " -q " + in + out, dir);
    EXPECT_EQ(r.exit_code, 0) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find("docsift: warning: " + c.warning), std::string::npos) << c.args << "\n"
                                                                               << r.err;
  }
  auto p = run_docsift("passages -q --exact-only --passage-threshold 0.5 " + in + " -r " +
                           (dir / "p.jsonl").string(),
                       dir);
  EXPECT_NE(p.err.find("--passage-threshold applies to near-duplicate"), std::string::npos)
      << p.err;
  auto pf = run_docsift("passages -q --report-format csv --with-text " + in, dir);
  EXPECT_NE(pf.err.find("--report-format applies to --report only"), std::string::npos) << pf.err;
  EXPECT_NE(pf.err.find("--with-text applies to --report only"), std::string::npos) << pf.err;
  auto k = run_docsift(
      "cluster -q -k 2 --k-max 5 --min-df 1 " + in + " -o " + (dir / "k.jsonl").string(), dir);
  EXPECT_NE(k.err.find("--k-max applies to --k auto only"), std::string::npos) << k.err;
  // Options that apply give no warning.
  for (const std::string& args : std::vector<std::string>{
           "dedup -m simhash --hamming 3 -n 3", "dedup -m minhash -t 0.5 --bands 16 --rows 8",
           "clean --num-perm 64 --keep longest", "dedup --keep longest --fold-digits"}) {
    auto r = run_docsift(args + " -q " + in + out, dir);
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    EXPECT_EQ(r.err, "") << args;
  }
}

TEST(OptionsCli, CleanHonoursTheDedupOptions) {
  auto dir = scratch_dir("clean_dedup_options");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl",
             R"({"id":"short","text":"The committee met on Monday to discuss the annual budget."})"
             "\n"
             R"({"id":"long","text":"THE COMMITTEE MET ON MONDAY TO DISCUSS THE ANNUAL BUDGET!!!"})"
             "\n");
  for (const char* keep : {"first", "longest"}) {
    auto r = run_docsift("clean -q -m exact --keep " + std::string(keep) + " " + in + " -o " +
                             (dir / "out.jsonl").string(),
                         dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string kept = read_file(dir / "out.jsonl");
    EXPECT_NE(kept.find(keep == std::string("first") ? "\"short\"" : "\"long\""), std::string::npos)
        << keep << ": " << kept;
  }
}

TEST(OptionsCli, NoOutputIsWarnedAbout) {
  auto dir = scratch_dir("no_output");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kTwoDocs);
  for (const std::string& cmd :
       std::vector<std::string>{"dedup", "passages", "cluster -k 2 --min-df 1 --max-df 1.0"}) {
    auto r = run_docsift(cmd + " -q " + in, dir);
    EXPECT_EQ(r.exit_code, 0) << cmd << "\n" << r.err;
    EXPECT_NE(r.err.find("warning: no output given"), std::string::npos) << cmd << r.err;
  }
}

TEST(OptionsCli, HelpShowsEveryDefault) {
  auto dir = scratch_dir("help_defaults");
  struct Case {
    std::string command;
    std::vector<std::string> defaults;
  };
  const std::vector<Case> cases = {
      {"dedup",
       {"=exact", "=128", "=0.8", "=first", "=word", "=classic", "=estimate", "=10", "=0.3", "=0.7",
        "=auto", "=fail", "=1000", "--threads UINT=0"}},
      {"clean",
       {"=minhash", "--num-perm UINT:INT in [8 - 4096]=128", "--keep TEXT:{first,longest}=first",
        "--hamming", "--shingle-unit TEXT:{word,char}=word", "--report-format", "--clusters",
        "--unit TEXT:{block,sentence}=block", "--max-memory SIZE=", "=remove"}},
      {"passages", {"--min-words UINT=5", "--min-docs", "=3", "--max-memory SIZE="}},
      {"cluster", {"-k,--k TEXT=auto", "--n-init", "--max-iter", "--labels UINT=5", "=2"}},
  };
  for (const Case& c : cases) {
    std::string out;
    auto r = run_with_stdout(c.command + " --help", dir, &out);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const std::string& d : c.defaults) {
      EXPECT_NE(out.find(d), std::string::npos) << c.command << ": " << d << "\n" << out;
    }
    // Every option that takes a value shows its default, except the outputs (empty = none).
    std::istringstream lines(out);
    bool in_outputs = false;
    for (std::string line; std::getline(lines, line);) {
      if (line == "Outputs:") in_outputs = true;
      if (!line.empty() && line.back() == ':' && line != "Outputs:") in_outputs = false;
      const bool takes_value =
          line.rfind("  -", 0) == 0 &&
          (line.find(" TEXT") != std::string::npos || line.find(" UINT") != std::string::npos ||
           line.find(" FLOAT") != std::string::npos || line.find(" INT") != std::string::npos);
      if (takes_value && !in_outputs) {
        EXPECT_NE(line.find('='), std::string::npos) << c.command << ": " << line;
      }
    }
  }
}

TEST(OptionsCli, VersionListsTheOptionalParts) {
  auto dir = scratch_dir("version");
  std::string out;
  auto r = run_with_stdout("--version", dir, &out);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(out.rfind("docsift 0.1.0\n", 0), 0u) << out;
  for (const char* part : {"MPI", "index store", "Python"}) {
    const size_t at = out.find(part);
    ASSERT_NE(at, std::string::npos) << part << "\n" << out;
    const std::string line = out.substr(at, out.find('\n', at) - at);
    EXPECT_TRUE(line.ends_with(": no") || line.ends_with(": yes")) << line;
  }
}

// Running out of memory is a one-line message and exit 4, with every temp file removed (before
// the fix: std::terminate, exit 134 and "<out>.tmp.<pid>" left behind). The address space is
// capped below what one 48 MB document needs (the program itself maps about 45 MB).
// Sanitizer builds reserve terabytes of address space: an RLIMIT_AS cap stops them loading.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizedBuild = true;
#else
constexpr bool kSanitizedBuild = false;
#endif

TEST(OptionsCli, OutOfMemoryIsExit4WithNoTempFilesLeft) {
  if (kSanitizedBuild) GTEST_SKIP() << "sanitizers reserve address space; ulimit -v cannot be used";
  auto dir = scratch_dir("out_of_memory");
  fs::create_directories(dir / "docs");
  std::string text;
  for (int i = 0; i < 1800000; ++i) text += "lorem ipsum dolor sit amet ";
  write_file(dir / "docs" / "big.txt", text);
  fs::create_directories(dir / "small");
  write_file(dir / "small" / "a.txt", "a small document\n");
  const std::string limit = "ulimit -v 75000; ";
  const std::string bin = std::string(DOCSIFT_BINARY_DIR) + "/docsift";
  auto sh = [&](const std::string& args) {
    const std::string cmd =
        "sh -c '" + limit + bin + " " + args + "' 2> '" + (dir / "stderr.txt").string() + "'";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_file(dir / "stderr.txt");
    return r;
  };
  // Sanity: the cap leaves room for a small run.
  auto small = sh("dedup -q --threads 1 " + (dir / "small").string() + " -o " +
                  (dir / "small.jsonl").string());
  ASSERT_EQ(small.exit_code, 0) << small.err;
  // --max-memory 0: no budget, so that the allocator's failure is what stops the run (the
  // default budget, from the cap, would stop it first: memory_budget_cli_test.cc).
  auto r = sh("dedup -q --threads 1 --max-memory 0 " + (dir / "docs").string() + " -o " +
              (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string());
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("docsift: out of memory"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(extra_files(dir, {"docs", "small", "small.jsonl"}), std::vector<std::string>{});
}

TEST(OptionsCli, SummaryWording) {
  auto dir = scratch_dir("summary_wording");
  const std::string in = (dir / "in.jsonl").string();
  write_file(
      dir / "in.jsonl",
      R"({"id":"a","text":"The same paragraph that repeats in the document.\n\nThe same paragraph that repeats in the document."})"
      "\n"
      R"({"id":"b","text":"broken)"
      "\n");
  auto p = run_docsift("passages --on-error skip " + in + " -r " + (dir / "p.jsonl").string(), dir);
  ASSERT_EQ(p.exit_code, 0) << p.err;
  EXPECT_NE(p.err.find("docsift passages: 1 document\n"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("passages to remove"), std::string::npos) << p.err;
  EXPECT_NE(p.err.find("pass --strip"), std::string::npos) << p.err;
  EXPECT_EQ(p.err.find("0 documents, 0 B"), std::string::npos) << p.err;
  auto d = run_docsift("dedup --on-error skip " + in + " -o " + (dir / "k.jsonl").string(), dir);
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_NE(d.err.find("skipped (bad records) 1"), std::string::npos) << d.err;
  EXPECT_NE(d.err.find("in 0 groups"), std::string::npos) << d.err;
}

}  // namespace
}  // namespace docsift::testing
