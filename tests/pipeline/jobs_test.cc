// Job-level regressions: ids in clean (issue 11 item 12), skipped records listed by passages and
// cluster (item 11), two outputs naming one file refused before any work (item 1).

#include <gtest/gtest.h>

#include "pipeline/clean_job.h"
#include "pipeline/cluster_job.h"
#include "pipeline/dedup_job.h"
#include "pipeline/passages_job.h"
#include "pipeline_test_util.h"

namespace docsift {
namespace {

using namespace pipeline_testing;
namespace fs = std::filesystem;

DedupOptions dedup_options() {
  DedupOptions o;
  o.method = DedupMethod::kMinHash;
  o.threads = 1;
  return o;
}

PassageOptions passage_options() {
  PassageOptions o;
  o.threads = 1;
  return o;
}

std::string doc_line(const std::string& fields, const std::string& text) {
  return "{" + fields + "\"text\":\"" + text + "\"}\n";
}

// Four documents without ids: 1 and 2 are equal, all end with the same boilerplate.
std::string noid_corpus() {
  const std::string b = std::string("\\n\\n") + kBoilerplate;
  return doc_line("", "The river flooded the lower town after three days of rain." + b) +
         doc_line("", "The river flooded the lower town after three days of rain." + b) +
         doc_line("", "Prices of bread rose again in the markets of the capital this week." + b) +
         doc_line("", "A new bridge opened across the bay, cutting the commute by an hour." + b);
}

TEST(CleanJob, IdsOfJsonlWithoutIdFieldAreTheInputFileAndLine) {
  const auto dir = scratch("clean_noid");
  write_file(dir / "noid.jsonl", noid_corpus());
  CleanPaths paths{.inputs = {(dir / "noid.jsonl").string()},
                   .output = (dir / "out.jsonl").string(),
                   .report = (dir / "report.jsonl").string()};
  auto r = run_clean(paths, dedup_options(), passage_options());
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::vector<std::string> report = read_lines(dir / "report.jsonl");
  ASSERT_EQ(report.size(), 4u);
  EXPECT_TRUE(contains(report[0], "\"type\":\"document\",\"id\":\"noid.jsonl:2\"")) << report[0];
  // Passages of the kept documents 1, 3, 4 are named after their input lines, not renumbered.
  EXPECT_TRUE(contains(report[1], "\"type\":\"passage\",\"id\":\"noid.jsonl:1\"")) << report[1];
  EXPECT_TRUE(contains(report[2], "\"id\":\"noid.jsonl:3\"")) << report[2];
  EXPECT_TRUE(contains(report[3], "\"id\":\"noid.jsonl:4\"")) << report[3];
  for (const std::string& line : report) EXPECT_FALSE(contains(line, ".docsift-clean")) << line;
  const std::vector<std::string> out = read_lines(dir / "out.jsonl");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_FALSE(contains(out[0], "Share this article")) << out[0];
  // Nothing else left in the output folder.
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 3u);
}

TEST(CleanJob, TextFieldOptionOnATextDirectoryWorks) {
  const auto dir = scratch("clean_text_field");
  fs::create_directories(dir / "docs");
  write_file(dir / "docs/a.txt",
             std::string("Alpha beta gamma delta epsilon zeta eta.\n\n") + kBoilerplate + "\n");
  write_file(dir / "docs/b.txt",
             std::string("Iota kappa lambda mu nu xi omicron pi.\n\n") + kBoilerplate + "\n");
  write_file(dir / "docs/c.txt",
             std::string("Sigma tau upsilon phi chi psi omega.\n\n") + kBoilerplate + "\n");
  DedupOptions dedup = dedup_options();
  dedup.read.text_field = "body";
  PassageOptions passages = passage_options();
  passages.read.text_field = "body";
  CleanPaths paths{.inputs = {(dir / "docs").string()},
                   .output = (dir / "out.jsonl").string(),
                   .report = (dir / "report.jsonl").string()};
  auto r = run_clean(paths, dedup, passages);
  ASSERT_TRUE(r.ok()) << r.status().message();
  const std::vector<std::string> out = read_lines(dir / "out.jsonl");
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], "{\"id\":\"a.txt\",\"text\":\"Alpha beta gamma delta epsilon zeta eta.\\n\"}");
  const std::vector<std::string> report = read_lines(dir / "report.jsonl");
  ASSERT_EQ(report.size(), 3u);
  EXPECT_TRUE(contains(report[0], "\"type\":\"passage\",\"id\":\"a.txt\"")) << report[0];
}

std::string corpus_with_a_bad_line(const fs::path& sample, size_t docs) {
  std::ifstream in(sample);
  std::string corpus, line;
  for (size_t i = 0; i < docs && std::getline(in, line); ++i) {
    corpus += line + "\n";
    if (i == 2) corpus += "{\"id\":\"broken\",\"text\":\n";  // line 4: malformed JSON
  }
  return corpus;
}

TEST(PassagesJob, SkippedRecordsAreListedInTheReport) {
  const auto dir = scratch("passages_skip");
  write_file(
      dir / "in.jsonl",
      corpus_with_a_bad_line(fs::path(DOCSIFT_SOURCE_DIR) / "datasets/sample/news.jsonl", 40));
  PassageOptions options = passage_options();
  options.read.on_error = OnError::kSkip;
  PassagePaths paths{{(dir / "in.jsonl").string()},
                     (dir / "report.jsonl").string(),
                     (dir / "strip.jsonl").string()};
  auto r = run_passages(paths, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->docs_skipped, 1u);
  EXPECT_EQ(r->docs_read, 40u);
  const std::vector<std::string> report = read_lines(dir / "report.jsonl");
  ASSERT_FALSE(report.empty());
  EXPECT_TRUE(contains(report.back(), "\"line\":4")) << report.back();
  EXPECT_TRUE(contains(report.back(), "\"action\":\"skipped\"")) << report.back();
  EXPECT_EQ(report.size(), r->duplicate_occurrences + 1);
}

TEST(ClusterJob, SkippedRecordsAreListedAfterTheAssignments) {
  const auto dir = scratch("cluster_skip");
  write_file(
      dir / "in.jsonl",
      corpus_with_a_bad_line(fs::path(DOCSIFT_SOURCE_DIR) / "datasets/sample/news.jsonl", 40));
  ClusterJobOptions options;
  options.read.on_error = OnError::kSkip;
  options.cluster.kmeans.k = 3;
  options.threads = 1;
  ClusterPaths paths{{(dir / "in.jsonl").string()},
                     (dir / "assign.jsonl").string(),
                     (dir / "topics.jsonl").string()};
  auto r = run_cluster(paths, options);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->docs_skipped, 1u);
  const std::vector<std::string> lines = read_lines(dir / "assign.jsonl");
  ASSERT_EQ(lines.size(), 41u);
  EXPECT_TRUE(contains(lines.back(), "\"line\":4")) << lines.back();
  EXPECT_TRUE(contains(lines.back(), "\"action\":\"skipped\"")) << lines.back();
}

TEST(Jobs, TwoOutputsNamingOneFileAreRefusedBeforeAnyWork) {
  const auto dir = scratch("same_output");
  write_file(dir / "in.jsonl", noid_corpus());
  const std::string in = (dir / "in.jsonl").string();
  const std::string x = (dir / "x.jsonl").string();
  write_file(x, "old\n");
  auto dedup = run_dedup(DedupPaths{.inputs = {in}, .output = x, .clusters = x}, DedupOptions{});
  EXPECT_EQ(dedup.status().code(), StatusCode::kInvalidArgument);
  auto passages = run_passages(PassagePaths{{in}, x, x}, PassageOptions{});
  EXPECT_EQ(passages.status().code(), StatusCode::kInvalidArgument);
  auto clean = run_clean(CleanPaths{.inputs = {in}, .output = x, .report = x}, DedupOptions{},
                         PassageOptions{});
  EXPECT_EQ(clean.status().code(), StatusCode::kInvalidArgument);
  ClusterJobOptions co;
  co.cluster.kmeans.k = 2;
  auto cluster = run_cluster(ClusterPaths{{in}, x, x}, co);
  EXPECT_EQ(cluster.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(read_file(x), "old\n");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 2u);  // no temporary file left
}

}  // namespace
}  // namespace docsift
