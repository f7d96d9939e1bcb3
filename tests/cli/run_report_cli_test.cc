// End-to-end tests of what a run reports about itself: --stats FILE (the summary as JSON) and
// the progress line (only on a terminal, updated by time, with the stage).

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

const char* kDocs =
    R"({"id":"a","text":"The committee met on Monday to discuss the annual budget report.\n\nRead more at our site and subscribe to the newsletter today."})"
    "\n"
    R"({"id":"b","text":"The committee met on Monday to discuss the annual budget report."})"
    "\n"
    R"({"id":"c","text":"A different document about rivers and mountains.\n\nRead more at our site and subscribe to the newsletter today."})"
    "\n"
    R"({"id":"d","text":"Another one about the sea and its islands.\n\nRead more at our site and subscribe to the newsletter today."})"
    "\n"
    R"({"id":"e","text":"The committee met on Monday to discuss the annual budget report."})"
    "\n";

// The number after "\"key\":" in `json` (first occurrence), or -1.
double number_after(const std::string& json, const std::string& key) {
  const size_t at = json.find("\"" + key + "\":");
  if (at == std::string::npos) return -1;
  return std::stod(json.substr(at + key.size() + 3));
}

TEST(RunReportCli, StatsFileForEveryCommand) {
  auto dir = scratch_dir("stats");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kDocs);
  struct Case {
    std::string args;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"dedup -m minhash -t 0.7 -o " + (dir / "k.jsonl").string(),
       {R"("command":"dedup")", R"("method":"minhash")", R"("threshold":0.7)",
        R"("fold-digits":false)", R"("quiet":true)", R"("docs_read":5)", R"("docs_removed":1)",
        R"("stage":"read")"}},
      {"passages --min-docs 2 -r " + (dir / "p.jsonl").string(),
       {R"("command":"passages")", R"("min-docs":2)", R"("docs_read":5)", R"("passages":)",
        R"("most_repeated":[{"text":")", R"({"text":"Read more at our site)"}},
      {"clean --min-docs 2 -o " + (dir / "c.jsonl").string(),
       {R"("command":"clean")", R"("documents":{"docs_read":5)", R"("passages":{)",
        R"("stage":"documents: read")"}},
      {"cluster -k 2 --min-df 1 --max-df 1.0 -o " + (dir / "a.jsonl").string(),
       {R"("command":"cluster")", R"("k":2)", R"("docs_read":5)", R"("clusters":[{"cluster":0)"}},
  };
  for (const Case& c : cases) {
    fs::remove(dir / "stats.json");
    auto r = run_docsift(c.args + " -q --stats " + (dir / "stats.json").string() + " " + in, dir);
    ASSERT_EQ(r.exit_code, 0) << c.args << "\n" << r.err;
    const auto lines = read_lines(dir / "stats.json");
    ASSERT_EQ(lines.size(), 1u) << c.args;
    const std::string& json = lines[0];
    EXPECT_EQ(json.front(), '{');
    EXPECT_EQ(json.back(), '}');
    for (const std::string& f : c.fields) {
      EXPECT_NE(json.find(f), std::string::npos) << c.args << ": " << f << "\n" << json;
    }
    EXPECT_NE(json.find(R"("inputs":[")" + in + "\"]"), std::string::npos) << json;
    EXPECT_NE(json.find(R"("version":"0.1.0")"), std::string::npos) << json;
    EXPECT_GT(number_after(json, "peak_memory_bytes"), 1e6) << json;
    EXPECT_GE(number_after(json, "seconds"), 0) << json;
    EXPECT_NE(json.find(R"("threads":0)"), std::string::npos) << json;
    for (const auto& e : fs::directory_iterator(dir)) {
      EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
    }
  }
  // --stats is an output like the others: it may not share a path with one.
  auto r = run_docsift(
      "dedup " + in + " -o " + (dir / "same").string() + " --stats " + (dir / "same").string(),
      dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  // A failed run writes no stats.
  fs::remove(dir / "stats.json");
  r = run_docsift(
      "dedup " + (dir / "missing.jsonl").string() + " --stats " + (dir / "stats.json").string(),
      dir);
  EXPECT_NE(r.exit_code, 0);
  EXPECT_FALSE(fs::exists(dir / "stats.json"));
}

// `script` gives the command a terminal; the input arrives after a second, so the ticker must
// redraw the line (by time: nothing reports in the meantime) with the stage and the time.
TEST(RunReportCli, ProgressLineOnATerminalOnly) {
  if (std::system("command -v script > /dev/null 2>&1") != 0) GTEST_SKIP() << "no script(1)";
  auto dir = scratch_dir("progress");
  const std::string in = (dir / "in.jsonl").string();
  write_file(dir / "in.jsonl", kDocs);
  const std::string bin = std::string(DOCSIFT_BINARY_DIR) + "/docsift";
  struct Case {
    std::string args;
    std::string stage;
  };
  const std::vector<Case> cases = {
      {"dedup - -o " + (dir / "k.jsonl").string(), "[1/3 read]"},
      {"passages - -r " + (dir / "p.jsonl").string(), "[1/3 read]"},
      {"clean - -o " + (dir / "c.jsonl").string(), "[1/6 documents: read]"},
      {"cluster - -k 2 --min-df 1 --max-df 1.0 -o " + (dir / "a.jsonl").string(),
       "[1/1 read, vectorise, cluster]"},
  };
  for (const Case& c : cases) {
    const std::string tty = (dir / "tty.txt").string();
    const std::string cmd = "script -qec \"(sleep 1; cat " + in + ") | " + bin + " " + c.args +
                            "\" /dev/null > " + tty + " 2>&1";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
    const std::string shown = read_file(tty);
    EXPECT_NE(shown.find("\r\033[K" + c.stage + " 0."), std::string::npos) << c.args << shown;
    // Redrawn several times while waiting, then cleared before the summary.
    size_t draws = 0;
    for (size_t at = 0; (at = shown.find(c.stage, at)) != std::string::npos; ++at) ++draws;
    EXPECT_GE(draws, 2u) << shown;
    EXPECT_NE(shown.find("\r\033[Kdocsift "), std::string::npos) << shown;
    // Not a terminal: no progress line at all.
    auto plain = run_docsift(
        "--version > /dev/null; (sleep 1; cat " + in + ") | " + bin + " " + c.args, dir);
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(plain.err.find("\033[K"), std::string::npos) << plain.err;
    EXPECT_EQ(plain.err.find(c.stage), std::string::npos) << plain.err;
  }
}

}  // namespace
}  // namespace docsift::testing
