// `docsift cluster --by story` through the real binary on a gen_stories corpus: output lines
// (assignments as for topics, stories with size, labels, representative, title and dates), the
// planted stories recovered (eval_stories pair F1), identical output with 1 and 2 threads, and
// one-line errors for bad dates and option misuse.

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

std::string bin(const char* name) { return std::string(DOCSIFT_BINARY_DIR) + "/" + name; }

fs::path make_corpus(const fs::path& dir, const std::string& args) {
  const fs::path corpus = dir / "stories.jsonl";
  EXPECT_EQ(std::system((bin("gen_stories") + " " + args + " --output '" + corpus.string() +
                         "' 2>/dev/null")
                            .c_str()),
            0);
  return corpus;
}

// The number after "\"key\":" in a JSON line (flat objects only).
double number_field(const std::string& line, const std::string& key) {
  const size_t at = line.find("\"" + key + "\":");
  EXPECT_NE(at, std::string::npos) << key << " in " << line;
  return at == std::string::npos ? -1 : std::atof(line.c_str() + at + key.size() + 3);
}

std::string string_field(const std::string& line, const std::string& key) {
  const size_t at = line.find("\"" + key + "\":\"");
  if (at == std::string::npos) return "";
  const size_t start = at + key.size() + 4;
  return line.substr(start, line.find('"', start) - start);
}

TEST(StoryCli, RecoversPlantedStoriesIdenticallyWithOneAndTwoThreads) {
  const fs::path dir = scratch_dir("story_cli");
  const fs::path corpus = make_corpus(dir, "--docs 800 --seed 9");
  std::string outputs[2];
  for (int threads : {1, 2}) {
    const std::string t = std::to_string(threads);
    auto r = run_docsift("cluster --by story -q --threads " + t + " '" + corpus.string() +
                             "' --date-field date --window 3d -o '" +
                             (dir / ("a" + t + ".jsonl")).string() + "' -s '" +
                             (dir / ("s" + t + ".jsonl")).string() + "'",
                         dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    outputs[threads - 1] =
        read_file(dir / ("a" + t + ".jsonl")) + read_file(dir / ("s" + t + ".jsonl"));
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  const auto assign = read_lines(dir / "a1.jsonl");
  ASSERT_EQ(assign.size(), 800u);
  for (const std::string& line : assign) {
    EXPECT_NE(string_field(line, "id"), "");
    EXPECT_GE(number_field(line, "cluster"), 0);
    const double score = number_field(line, "score");
    EXPECT_GE(score, 0);
    EXPECT_LE(score, 1.0001);
  }
  const auto stories = read_lines(dir / "s1.jsonl");
  double total = 0, last_size = 1e9;
  size_t multi = 0;
  for (size_t s = 0; s < stories.size(); ++s) {
    const std::string& line = stories[s];
    EXPECT_EQ(number_field(line, "cluster"), static_cast<double>(s));
    const double size = number_field(line, "size");
    EXPECT_LE(size, last_size);  // by decreasing size
    last_size = size;
    total += size;
    multi += size > 1;
    EXPECT_NE(line.find("\"labels\":["), std::string::npos);
    EXPECT_NE(string_field(line, "representative"), "");
    EXPECT_NE(string_field(line, "title"), "");
    const std::string first = string_field(line, "first_date"),
                      last = string_field(line, "last_date");
    ASSERT_EQ(first.size(), 10u) << line;
    EXPECT_LE(first, last);
  }
  EXPECT_EQ(total, 800);
  EXPECT_GT(multi, 50u);
  // Quality gate on the planted stories (pair F1 of the default --similarity; README "Stories").
  const fs::path eval = dir / "eval.txt";
  ASSERT_EQ(std::system((bin("eval_stories") + " --corpus '" + corpus.string() + "' --assign '" +
                         (dir / "a1.jsonl").string() + "' --json > '" + eval.string() + "'")
                            .c_str()),
            0);
  const auto lines = read_lines(eval);
  ASSERT_FALSE(lines.empty());
  EXPECT_GT(number_field(lines.back(), "precision"), 0.85) << lines.back();
  EXPECT_GT(number_field(lines.back(), "recall"), 0.85) << lines.back();
}

TEST(StoryCli, RefusesBadDatesAndMisuse) {
  const fs::path dir = scratch_dir("story_cli_errors");
  write_file(dir / "in.jsonl",
             "{\"id\":\"a\",\"text\":\"summit alpha beta\",\"date\":\"2024-03-01\"}\n"
             "{\"id\":\"b\",\"text\":\"summit alpha gamma\",\"date\":\"2024-13-01\"}\n");
  const std::string in = "'" + (dir / "in.jsonl").string() + "'";
  auto r = run_docsift(
      "cluster --by story -q " + in + " --date-field date -o '" + (dir / "a.jsonl").string() + "'",
      dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("in.jsonl:2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2024-13-01"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "a.jsonl"));
  r = run_docsift("cluster --by story -q " + in + " --date-field published", dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("in.jsonl:1:"), std::string::npos) << r.err;
  r = run_docsift("cluster --by story -q " + in + " --window 3d", dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("--window needs --date-field"), std::string::npos) << r.err;
  r = run_docsift("cluster --by story -q " + in + " --date-field date --window 3x", dir);
  EXPECT_NE(r.exit_code, 0);
  r = run_docsift("cluster --by story -q " + in + " --similarity 0", dir);
  EXPECT_NE(r.exit_code, 0);
  r = run_docsift("cluster --by galaxy -q " + in, dir);
  EXPECT_NE(r.exit_code, 0);
}

}  // namespace
}  // namespace docsift::testing
