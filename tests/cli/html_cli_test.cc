// End-to-end tests of --html FILE (cluster and clean): the page is written atomically, holds
// the run's data in its JSON block, names no other resource, and is refused when it is another
// output. (tests/browser/ loads such pages in chromium.)

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

// Two topics, two near-copies ("b" of "a") and a boilerplate passage repeated in four documents.
std::string corpus() {
  const char* footer = "\\n\\nRead more at our site and subscribe to the newsletter today.";
  std::string out;
  const char* topics[] = {"The central bank raised interest rates again as inflation stayed high",
                          "The football team won the cup final after a late goal in extra time"};
  for (int i = 0; i < 12; ++i) {
    out += R"({"id":"doc-)" + std::to_string(i) + R"(","text":")" + topics[i % 2] + " number " +
           std::to_string(i) + (i < 4 ? footer : "") + "\"}\n";
  }
  out +=
      R"({"id":"a","text":"Rivers and mountains of the north, with lakes and forests and snow all year"})"
      "\n";
  out +=
      R"({"id":"b","text":"Rivers and mountains of the north, with lakes and forests and ice all year"})"
      "\n";
  out += R"({"id":"x</script><b>","text":"<img src=x onerror=alert(1)> football team cup final"})"
         "\n";
  return out;
}

TEST(HtmlCli, ClusterPageHoldsTheClustersAndMembers) {
  auto dir = scratch_dir("html_cluster");
  write_file(dir / "in.jsonl", corpus());
  const auto html = dir / "topics.html";
  auto r = run_docsift(
      "cluster -q --k 2 --html '" + html.string() + "' '" + (dir / "in.jsonl").string() + "'", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = read_file(html);
  EXPECT_NE(page.find("\"kind\":\"topics\""), std::string::npos);
  EXPECT_NE(page.find("\"members_total\":15"), std::string::npos);
  EXPECT_NE(page.find("[\"doc-3\","), std::string::npos);
  EXPECT_NE(page.find("\"labels\":["), std::string::npos);
  EXPECT_NE(page.find("classical MDS"), std::string::npos);
  // The hostile id and text appear only escaped: one </script> closes each of the two scripts.
  EXPECT_NE(page.find("x\\u003c/script\\u003e\\u003cb\\u003e"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  size_t closes = 0;
  for (size_t at = page.find("</script>"); at != std::string::npos;
       at = page.find("</script>", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 2u);
  // Self-contained: outside the data block, nothing to fetch.
  const size_t data = page.find("<script type=\"application/json\"");
  ASSERT_NE(data, std::string::npos);
  const std::string code = page.substr(0, data) + page.substr(page.find("</script>", data));
  EXPECT_EQ(code.find("src="), std::string::npos);
  EXPECT_EQ(code.find("href="), std::string::npos);
  EXPECT_EQ(code.find("@import"), std::string::npos);
  EXPECT_EQ(code.find("url("), std::string::npos);
  EXPECT_EQ(code.find("fetch("), std::string::npos);
  EXPECT_NE(page.find("default-src 'none'"), std::string::npos);
}

TEST(HtmlCli, CleanPageHoldsGroupsPassagesAndSizes) {
  auto dir = scratch_dir("html_clean");
  write_file(dir / "in.jsonl", corpus());
  const auto html = dir / "clean.html";
  auto r = run_docsift("clean -q --threshold 0.5 --html '" + html.string() + "' -o '" +
                           (dir / "out.jsonl").string() + "' '" + (dir / "in.jsonl").string() + "'",
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = read_file(html);
  EXPECT_NE(page.find("\"kind\":\"clean\""), std::string::npos);
  EXPECT_NE(page.find("\"docs_before\":15"), std::string::npos);
  // "b" removed as a copy of "a", both excerpts on the page.
  EXPECT_NE(page.find("\"kept\":{\"id\":\"a\""), std::string::npos) << page.substr(0, 3000);
  EXPECT_NE(page.find("\"id\":\"b\""), std::string::npos);
  EXPECT_NE(page.find("forests and ice all year"), std::string::npos);
  EXPECT_NE(page.find("Read more at our site"), std::string::npos);
  EXPECT_NE(page.find("\"excerpts_available\":true"), std::string::npos);
}

// The excerpts come from the clean job's own pass, so stdin (read once, spooled) has them too.
TEST(HtmlCli, CleanFromStdinHasExcerpts) {
  auto dir = scratch_dir("html_clean_stdin");
  write_file(dir / "in.jsonl", corpus());
  const auto html = dir / "clean.html";
  auto r =
      run_docsift("clean -q --threshold 0.5 --html '" + html.string() + "' -o '" +
                      (dir / "out.jsonl").string() + "' - < '" + (dir / "in.jsonl").string() + "'",
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string page = read_file(html);
  EXPECT_NE(page.find("\"excerpts_available\":true"), std::string::npos);
  EXPECT_NE(page.find("\"id\":\"b\""), std::string::npos);
  EXPECT_NE(page.find("forests and ice all year"), std::string::npos);
}

TEST(HtmlCli, HtmlMayNotBeAnotherOutput) {
  auto dir = scratch_dir("html_same");
  write_file(dir / "in.jsonl", corpus());
  const std::string in = (dir / "in.jsonl").string();
  const std::string out = (dir / "out.jsonl").string();
  auto r = run_docsift("cluster -q --k 2 -o '" + out + "' --html '" + out + "' '" + in + "'", dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--html"), std::string::npos) << r.err;
  r = run_docsift(
      "clean -q -o '" + out + "' --html '" + (dir / "." / "out.jsonl").string() + "' '" + in + "'",
      dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_FALSE(fs::exists(out));
  // Nor the input.
  r = run_docsift("cluster -q --k 2 --html '" + in + "' '" + in + "'", dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_EQ(read_file(in), corpus());
}

}  // namespace
}  // namespace docsift::testing
