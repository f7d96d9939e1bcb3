// CSV reports against formula injection: a cell starting with = + - @, tab or CR is quoted and
// prefixed with ' so that a spreadsheet shows it as text (issue 12, item 8).

#include <gtest/gtest.h>

#include <string>

#include "cli_test_util.h"
#include "group/dedup_report.h"

namespace docsift::testing {
namespace {

TEST(CsvInjection, FieldsStartingWithFormulaCharactersArePrefixed) {
  const std::pair<std::string, std::string> cases[] = {
      {"=1+1", "\"'=1+1\""},
      {"+cmd", "\"'+cmd\""},
      {"-2", "\"'-2\""},
      {"@SUM(A1)", "\"'@SUM(A1)\""},
      {"\tx", "\"'\tx\""},
      {"\rx", "\"'\rx\""},
      {"=HYPERLINK(\"http://e\",\"a,b\")", "\"'=HYPERLINK(\"\"http://e\"\",\"\"a,b\"\")\""},
      {"plain", "plain"},
      {"a=b", "a=b"},
      {"", ""},
      {"a,b", "\"a,b\""},
  };
  for (const auto& [in, want] : cases) {
    std::string out;
    append_csv_field(out, in);
    EXPECT_EQ(out, want) << in;
  }
}

TEST(CsvInjection, DedupCsvReportQuotesFormulaIds) {
  auto dir = scratch_dir("csv_injection");
  const std::string text = "The committee met on Monday to discuss the annual budget report.";
  write_file(dir / "in.jsonl", R"({"id":"=cmd|' /C calc'!A0","text":")" + text + "\"}\n" +
                                   R"({"id":"@evil","text":")" + text + "\"}\n");
  auto r = run_docsift("dedup -q --method exact --report-format csv -r '" +
                           (dir / "r.csv").string() + "' -o '" + (dir / "o.jsonl").string() +
                           "' '" + (dir / "in.jsonl").string() + "'",
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto lines = read_lines(dir / "r.csv");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[1].rfind("\"'@evil\",\"'=cmd|' /C calc'!A0\",", 0), 0u) << lines[1];
}

}  // namespace
}  // namespace docsift::testing
