// gen_feed and eval_lines through the built programs: the feed is deterministic; eval_lines's
// figures on hand-made inputs are the ones counted by hand; on a generated feed, docsift's
// stripped output meets the issue's goals (issue 12 point 9: >= 97% of recurring lines' occurrences
// removed, >= 95% of removed lines found in another post) and keeps most short content lines,
// which CCNet-style exact-line dedup removes. The seed reports (../shared/seeds, when present)
// are evaluated too; without them that test is skipped.

#include <gtest/gtest.h>

#include <cstdio>
#include <regex>
#include <string>

#include "tools_test_util.h"

namespace docsift::testing_tools {
namespace {

namespace fs = std::filesystem;

// Runs a command, returns its stdout (fails the test on a non-zero exit).
std::string output_of(const std::string& command, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt";
  EXPECT_EQ(run_command(command + " > '" + out.string() + "'"), 0) << command;
  return read_file(out);
}

double figure(const std::string& text, const std::string& pattern) {
  std::smatch m;
  if (!std::regex_search(text, m, std::regex(pattern))) {
    ADD_FAILURE() << pattern << " not in:\n" << text;
    return -1;
  }
  return std::stod(m[1].str());
}

TEST(GenFeed, Deterministic) {
  const fs::path dir = fresh_dir("gen_feed");
  for (const char* name : {"a.jsonl", "b.jsonl"}) {
    ASSERT_EQ(run_command(binary("gen_feed") + " --posts 300 --channels 6 --seed 4 -o '" +
                          (dir / name).string() + "'"),
              0);
  }
  EXPECT_EQ(read_file(dir / "a.jsonl"), read_file(dir / "b.jsonl"));
  const auto lines = read_lines(dir / "a.jsonl");
  ASSERT_EQ(lines.size(), 300u);
  for (const auto& l : lines) ASSERT_TRUE(valid_utf8(l));
}

TEST(EvalLines, HandCounted) {
  const fs::path dir = fresh_dir("eval_lines_hand");
  // "Share" (one word) in 3 posts, "Read more 1/2/3" (digits ignored: one line) in 3 posts,
  // "keep me" once. With --min-posts 3 --min-posts-word 3 both recurring lines count.
  write_file(dir / "in.jsonl",
             "{\"id\":\"a\",\"text\":\"keep me\\nShare\\nRead more 1\"}\n"
             "{\"id\":\"b\",\"text\":\"Share\\nRead more 2\"}\n"
             "{\"id\":\"c\",\"text\":\"Share\\nRead more 3\"}\n");
  // Output removes every "Read more", one "Share" and the unique line.
  write_file(dir / "out.jsonl",
             "{\"id\":\"a\",\"text\":\"Share\"}\n"
             "{\"id\":\"b\",\"text\":\"Share\"}\n"
             "{\"id\":\"c\",\"text\":\"\"}\n");
  const std::string out =
      output_of(binary("eval_lines") + " --input '" + (dir / "in.jsonl").string() + "' --output '" +
                    (dir / "out.jsonl").string() + "' --min-posts 3 --min-posts-word 3",
                dir);
  // Recurring occurrences: 3 Share + 3 Read more = 6, removed 1 + 3 = 4.
  EXPECT_NEAR(figure(out, R"(occurrences, ([0-9.]+)% removed)"), 400.0 / 6, 0.01) << out;
  // Removed: 5 lines, 4 of them in another post.
  EXPECT_NEAR(figure(out, R"(, ([0-9.]+)% occur)"), 80.0, 0.01) << out;
  const std::string base =
      output_of(binary("eval_lines") + " --input '" + (dir / "in.jsonl").string() +
                    "' --baseline-ccnet 3 --min-posts 3 --min-posts-word 3",
                dir);
  EXPECT_NEAR(figure(base, R"(occurrences, ([0-9.]+)% removed)"), 100.0, 0.01) << base;
  EXPECT_NEAR(figure(base, R"(, ([0-9.]+)% occur)"), 100.0, 0.01) << base;
}

TEST(EvalLines, DocsiftMeetsTheGoalOnAGeneratedFeed) {
  const fs::path dir = fresh_dir("eval_lines_feed");
  const std::string feed = (dir / "feed.jsonl").string();
  ASSERT_EQ(
      run_command(binary("gen_feed") + " --posts 4000 --channels 12 --seed 3 -o '" + feed + "'"),
      0);
  ASSERT_EQ(run_command(binary("docsift") + " passages -q '" + feed + "' --strip '" +
                        (dir / "strip.jsonl").string() + "'"),
            0);
  const std::string out = output_of(binary("eval_lines") + " --input '" + feed + "' --output '" +
                                        (dir / "strip.jsonl").string() + "'",
                                    dir);
  EXPECT_GE(figure(out, R"(occurrences, ([0-9.]+)% removed)"), 97.0) << out;
  EXPECT_GE(figure(out, R"(, ([0-9.]+)% occur)"), 95.0) << out;
  const double content = figure(out, R"(content lines: [0-9]+ occurrences, ([0-9.]+)% removed)");
  const std::string base =
      output_of(binary("eval_lines") + " --input '" + feed + "' --baseline-ccnet 3", dir);
  const double base_content =
      figure(base, R"(content lines: [0-9]+ occurrences, ([0-9.]+)% removed)");
  EXPECT_LT(content, 10.0) << out;
  EXPECT_GT(base_content, 50.0) << base;
}

TEST(EvalLines, SeedReports) {
  fs::path seeds;
  for (const char* rel : {"../shared/seeds", "../../shared/seeds"}) {
    if (fs::is_directory(fs::path(DOCSIFT_SOURCE_DIR) / rel)) {
      seeds = fs::path(DOCSIFT_SOURCE_DIR) / rel;
      break;
    }
  }
  if (seeds.empty()) GTEST_SKIP() << "no ../shared/seeds next to the source tree";
  const fs::path dir = fresh_dir("eval_lines_seeds");
  ASSERT_EQ(run_command(binary("docsift") + " passages -q '" + seeds.string() + "' --strip '" +
                        (dir / "strip.jsonl").string() + "'"),
            0);
  const std::string out = output_of(binary("eval_lines") + " --input '" + seeds.string() +
                                        "' --output '" + (dir / "strip.jsonl").string() + "'",
                                    dir);
  EXPECT_NE(out.find("missing from output 0"), std::string::npos) << out;
  std::printf("%s", out.c_str());
}

}  // namespace
}  // namespace docsift::testing_tools
