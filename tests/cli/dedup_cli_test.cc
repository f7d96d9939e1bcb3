// End-to-end tests of `docsift dedup` through the real binary.

#include <gtest/gtest.h>

#include <set>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

// Variants that exact normalised matching must group: case, full-width, ligature, whitespace
// (NBSP, tabs, newlines) and punctuation; in English and Russian. Plus texts differing by a word.
const char* kVariantsJsonl =
    R"({"id":"en1","text":"The final report of the commission was published on Monday.","src":"a"})"
    "\n"
    R"({"id":"en2","text":"THE FINAL REPORT OF THE COMMISSION WAS PUBLISHED ON MONDAY"})"
    "\n"
    R"({"id":"en3","text":"Ｔｈｅ ﬁnal report of the commission\u00a0was  published\ton Monday!!"})"
    "\n"
    R"({"id":"en4","text":"The final report of the commission was published on Tuesday."})"
    "\n"
    R"({"id":"ru1","text":"Итоговый доклад комиссии опубликован в понедельник."})"
    "\n"
    R"({"id":"ru2","text":"ИТОГОВЫЙ ДОКЛАД — КОМИССИИ, опубликован в понедельник"})"
    "\n"
    R"({"id":"ru3","text":"Итоговый доклад комиссии опубликован во вторник."})"
    "\n"
    R"({"id":"kk1","text":"Қазақстан Республикасының Үкіметі жаңа бағдарламаны қабылдады."})"
    "\n"
    R"({"id":"kk2","text":"ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ҮКІМЕТІ ЖАҢА БАҒДАРЛАМАНЫ ҚАБЫЛДАДЫ"})"
    "\n";

TEST(DedupCli, ExactGroupsNormalisationVariantsAndNothingElse) {
  auto dir = scratch_dir("exact_variants");
  write_file(dir / "in.jsonl", kVariantsJsonl);
  auto r =
      run_docsift("dedup --method exact " + (dir / "in.jsonl").string() + " -o " +
                      (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string() +
                      " --clusters " + (dir / "clusters.jsonl").string(),
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto kept = read_lines(dir / "kept.jsonl");
  ASSERT_EQ(kept.size(), 5u);
  // Kept records are byte-identical to their input lines (extra fields preserved).
  EXPECT_EQ(
      kept[0],
      R"({"id":"en1","text":"The final report of the commission was published on Monday.","src":"a"})");
  auto report = read_lines(dir / "report.jsonl");
  ASSERT_EQ(report.size(), 4u);
  EXPECT_NE(report[0].find(R"("id":"en2","duplicate_of":"en1")"), std::string::npos) << report[0];
  EXPECT_NE(report[1].find(R"("id":"en3","duplicate_of":"en1")"), std::string::npos) << report[1];
  EXPECT_NE(report[2].find(R"("id":"ru2","duplicate_of":"ru1")"), std::string::npos) << report[2];
  EXPECT_NE(report[3].find(R"("id":"kk2","duplicate_of":"kk1")"), std::string::npos) << report[3];
  EXPECT_NE(report[0].find(R"("method":"exact")"), std::string::npos);
  EXPECT_EQ(read_lines(dir / "clusters.jsonl").size(), 9u);
  EXPECT_NE(r.err.find("removed"), std::string::npos) << r.err;
}

TEST(DedupCli, KeepLongestKeepsTheLongestMember) {
  auto dir = scratch_dir("keep_longest");
  write_file(dir / "in.jsonl", kVariantsJsonl);
  auto r = run_docsift("dedup -q --keep longest " + (dir / "in.jsonl").string() + " -o " +
                           (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto report = read_lines(dir / "report.jsonl");
  ASSERT_EQ(report.size(), 4u);
  // en3 has the most bytes (full-width letters take 3 bytes each).
  std::set<std::string> removed;
  for (auto& line : report) removed.insert(line.substr(0, line.find(',')));
  EXPECT_TRUE(removed.count(R"({"id":"en1")")) << report[0];
  EXPECT_FALSE(removed.count(R"({"id":"en3")"));
}

TEST(DedupCli, MalformedJsonLineIsRefusedWithFileAndLineAndNothingWritten) {
  auto dir = scratch_dir("malformed");
  write_file(dir / "bad.jsonl",
             "{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"\n{\"id\":\"c\","
             "\"text\":\"x\"}\n");
  auto r = run_docsift("dedup " + (dir / "bad.jsonl").string() + " -o " +
                           (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string(),
                       dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("bad.jsonl:2"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "kept.jsonl"));
  EXPECT_FALSE(std::filesystem::exists(dir / "report.jsonl"));
  // No temporary file is left behind either.
  for (auto& entry : std::filesystem::directory_iterator(dir)) {
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  }
}

TEST(DedupCli, SkipModeReportsBadRecordsAndKeepsGoing) {
  auto dir = scratch_dir("skip");
  write_file(dir / "bad.jsonl",
             "{\"id\":\"a\",\"text\":\"one two\"}\n{\"id\":\"b\"}\n{\"id\":\"c\",\"text\":\"One, "
             "two!\"}\n");
  auto r = run_docsift("dedup --on-error skip " + (dir / "bad.jsonl").string() + " -o " +
                           (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(read_lines(dir / "kept.jsonl").size(), 1u);
  auto report = read_file(dir / "report.jsonl");
  EXPECT_NE(report.find(R"("id":"c","duplicate_of":"a")"), std::string::npos) << report;
  EXPECT_NE(report.find(R"("action":"skipped")"), std::string::npos) << report;
  EXPECT_NE(report.find("bad.jsonl:2"), std::string::npos) << report;
}

TEST(DedupCli, RefusesToOverwriteItsInput) {
  auto dir = scratch_dir("overwrite");
  const std::string original = "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\",\"text\":\"x\"}\n";
  write_file(dir / "in.jsonl", original);
  auto r = run_docsift(
      "dedup " + (dir / "in.jsonl").string() + " -o " + (dir / "in.jsonl").string(), dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("in.jsonl"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(dir / "in.jsonl"), original);
}

TEST(DedupCli, TextDirectoryInputBecomesJsonRecords) {
  auto dir = scratch_dir("textdir");
  std::filesystem::create_directories(dir / "docs" / "sub");
  write_file(dir / "docs" / "a.txt", "Hello world, this is a report.\n");
  write_file(dir / "docs" / "sub" / "b.txt", "HELLO WORLD this is a report");
  write_file(dir / "docs" / "c.txt", "Another report entirely.");
  auto r = run_docsift("dedup -q " + (dir / "docs").string() + " -o " +
                           (dir / "kept.jsonl").string() + " -r " + (dir / "report.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto kept = read_lines(dir / "kept.jsonl");
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0], R"({"id":"a.txt","text":"Hello world, this is a report.\n"})");
  auto report = read_file(dir / "report.jsonl");
  EXPECT_NE(report.find(R"("id":"sub/b.txt","duplicate_of":"a.txt")"), std::string::npos) << report;
}

TEST(DedupCli, CsvReport) {
  auto dir = scratch_dir("csv");
  write_file(dir / "in.jsonl", kVariantsJsonl);
  auto r = run_docsift("dedup -q " + (dir / "in.jsonl").string() + " -r " +
                           (dir / "report.csv").string() + " --report-format csv",
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = read_lines(dir / "report.csv");
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0].rfind("id,duplicate_of,cluster,similarity,method", 0), 0u);
  EXPECT_EQ(lines[1].rfind("en2,en1,0,1,exact", 0), 0u) << lines[1];
}

TEST(DedupCli, BadOptionIsAUsageError) {
  auto dir = scratch_dir("usage");
  auto r = run_docsift("dedup --method nonsense x.jsonl", dir);
  EXPECT_EQ(r.exit_code, 2);
  auto r2 = run_docsift("dedup " + (dir / "missing.jsonl").string(), dir);
  EXPECT_NE(r2.exit_code, 0);
  EXPECT_NE(r2.err.find("missing.jsonl"), std::string::npos) << r2.err;
}

}  // namespace
}  // namespace docsift::testing
