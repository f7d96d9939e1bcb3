// End-to-end tests of short-line boilerplate (passages/line_boilerplate.h) in `docsift passages`
// and `docsift clean`: share rows, subscribe links with article numbers and one-word labels that
// close many posts go (reported as kind "line"); short content lines that recur a little stay;
// --no-lines and --line-min-docs change that.

#include <gtest/gtest.h>

#include <map>

#include "cli_test_util.h"
#include "io/json_writer.h"

namespace docsift::testing {
namespace {

std::string field(const std::string& line, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  size_t at = line.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  if (line[at] == '"') return line.substr(at + 1, line.find('"', at + 1) - at - 1);
  size_t end = line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

// 60 posts: a unique paragraph each, then "Read more: .../news/<n>" (3 words, needs 14
// documents at the default; also a passage of 7 tokens, which near-duplicate passage search
// finds in part), "Поделиться" (one word: only as part of the block with the share
// row), "Facebook LinkedIn Twitter VK OK". Posts 0..49 open with the one-word dateline "Moscow"
// (50 posts, under the 100 one word needs), posts 0..4 with "Moscow, Russia" (5 posts).
std::string feed(std::map<std::string, std::string>& text_of) {
  const char* words[] = {"alpha",   "budget", "council",  "delta",  "energy",  "forest", "garden",
                         "harbour", "island", "junction", "kernel", "lantern", "meadow"};
  std::string out;
  for (int d = 0; d < 60; ++d) {
    std::string text;
    if (d < 50) text += "Moscow\n";
    if (d < 5) text += "Moscow, Russia\n";
    text += "Post " + std::to_string(d) + " says";
    for (int w = 0; w < 12; ++w) text += std::string(" ") + words[(d * 7 + w * (d % 5 + 1)) % 13];
    text += ".\n\nRead more: https://x.ru/news/" + std::to_string(1000 + d * 37) +
            "\n\nПоделиться\n\nFacebook LinkedIn Twitter VK OK\n";
    const std::string id = "p" + std::to_string(d);
    text_of[id] = text;
    JsonObject(out).field("id", id).field("text", text).close();
    out += "\n";
  }
  return out;
}

std::string text_field(const std::string& record) {
  // The stripped records are {"id","text"} written by docsift: unescape \n only.
  std::string t = field(record, "text");
  std::string out;
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == 'n') {
      out.push_back('\n');
      ++i;
    } else {
      out.push_back(t[i]);
    }
  }
  return out;
}

TEST(LinesCli, RemovesRecurringShortLinesKeepsContent) {
  auto dir = scratch_dir("lines_default");
  std::map<std::string, std::string> text_of;
  write_file(dir / "in.jsonl", feed(text_of));
  auto r =
      run_docsift("passages " + (dir / "in.jsonl").string() + " -r " +
                      (dir / "rep.jsonl").string() + " --strip " + (dir / "strip.jsonl").string(),
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, int> rows;  // removed link and share lines, by kind
  for (const auto& line : read_lines(dir / "rep.jsonl")) {
    const std::string id = field(line, "id");
    const size_t start = std::stoul(field(line, "start")), end = std::stoul(field(line, "end"));
    const std::string text = text_of[id].substr(start, end - start);
    // Near-duplicate link passages in fewer than min_docs documents are reported, not removed
    // (then removed as lines): count what is removed.
    if (field(line, "removed") != "true") continue;
    if (text.rfind("Read more: https://x.ru/news/", 0) == 0) {
      ++rows["link " + field(line, "kind")];
    } else if (text == "Поделиться") {
      ++rows["share " + field(line, "kind")];
    } else {
      continue;
    }
    if (field(line, "kind") == "line") {
      EXPECT_EQ(field(line, "documents"), "60") << line;
    }
  }
  EXPECT_EQ(rows["share line"], 60);
  EXPECT_GT(rows["link line"], 0);
  // Links the near-duplicate passage search did not group are found as lines.
  EXPECT_EQ(rows["link line"] + rows["link across"], 60);
  const auto stripped = read_lines(dir / "strip.jsonl");
  ASSERT_EQ(stripped.size(), 60u);
  for (size_t d = 0; d < stripped.size(); ++d) {
    const std::string t = text_field(stripped[d]);
    EXPECT_EQ(t.find("Read more"), std::string::npos) << t;
    EXPECT_EQ(t.find("Поделиться"), std::string::npos) << t;
    EXPECT_EQ(t.find("Facebook"), std::string::npos) << t;  // a 5-word passage in 60 documents
    EXPECT_NE(t.find("Post " + std::to_string(d) + " says"), std::string::npos) << t;
    EXPECT_EQ(t.rfind("Moscow\n", 0) == 0, d < 50) << t;
    EXPECT_EQ(t.find("Moscow, Russia") != std::string::npos, d < 5) << t;
  }
  const size_t row = r.err.find("  boilerplate lines ");
  ASSERT_NE(row, std::string::npos) << r.err;
  const std::string row_text = r.err.substr(row, r.err.find('\n', row) - row);
  EXPECT_NE(row_text.find(" removed"), std::string::npos) << row_text;
}

TEST(LinesCli, OffAndThreshold) {
  auto dir = scratch_dir("lines_options");
  std::map<std::string, std::string> text_of;
  write_file(dir / "in.jsonl", feed(text_of));
  const std::string in = (dir / "in.jsonl").string();
  auto count_kind = [&](const std::string& kind) {
    int n = 0;
    for (const auto& line : read_lines(dir / "rep.jsonl")) n += field(line, "kind") == kind;
    return n;
  };
  // Line rows of "Поделиться" (one word: only as part of a block).
  auto share_lines = [&] {
    int n = 0;
    for (const auto& line : read_lines(dir / "rep.jsonl")) {
      const size_t start = std::stoul(field(line, "start"));
      const size_t end = std::stoul(field(line, "end"));
      n += field(line, "kind") == "line" &&
           text_of[field(line, "id")].substr(start, end - start) == "Поделиться";
    }
    return n;
  };
  auto r =
      run_docsift("passages " + in + " -r " + (dir / "rep.jsonl").string() + " --no-lines", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(count_kind("line"), 0);
  EXPECT_GE(count_kind("across"), 60);  // the 5-word share row is still a boilerplate passage
  // "Поделиться" alone would need 500 documents, but the block "Поделиться\nFacebook ..."
  // (6 words) needs 50 at --line-min-docs 50, and 61 at 61: in 60 documents, it goes only at 50.
  r = run_docsift("passages " + in + " -r " + (dir / "rep.jsonl").string() + " --line-min-docs 50",
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(share_lines(), 60);
  r = run_docsift("passages " + in + " -r " + (dir / "rep.jsonl").string() + " --line-min-docs 61",
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(share_lines(), 0);
  EXPECT_EQ(count_kind("line"), 0);
  r = run_docsift("passages " + in + " -r " + (dir / "rep.jsonl").string() + " --line-min-docs 1",
                  dir);
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(LinesCli, HelpDocumentsDefaults) {
  auto dir = scratch_dir("lines_help");
  const std::string cmd = std::string(DOCSIFT_BINARY_DIR) + "/docsift passages --help > '" +
                          (dir / "help.txt").string() + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string help = read_file(dir / "help.txt");
  EXPECT_NE(help.find("--no-lines"), std::string::npos) << help;
  EXPECT_NE(help.find("--line-min-docs"), std::string::npos) << help;
  EXPECT_NE(help.find("10, 14, 20, 100"), std::string::npos) << help;
}

TEST(LinesCli, CleanReportsAndCutsLines) {
  auto dir = scratch_dir("lines_clean");
  std::map<std::string, std::string> text_of;
  write_file(dir / "in.jsonl", feed(text_of));
  auto r = run_docsift("clean " + (dir / "in.jsonl").string() + " -o " +
                           (dir / "out.jsonl").string() + " -r " + (dir / "rep.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  int share = 0;
  for (const auto& line : read_lines(dir / "rep.jsonl")) {
    if (field(line, "kind") != "line") continue;
    EXPECT_EQ(field(line, "type"), "passage") << line;
    const size_t start = std::stoul(field(line, "start")), end = std::stoul(field(line, "end"));
    share += text_of[field(line, "id")].substr(start, end - start) == "Поделиться";
  }
  EXPECT_EQ(share, 60);
  for (const auto& rec : read_lines(dir / "out.jsonl")) {
    EXPECT_EQ(rec.find("Read more"), std::string::npos) << rec;
    EXPECT_NE(rec.find("says"), std::string::npos) << rec;
  }
}

}  // namespace
}  // namespace docsift::testing
