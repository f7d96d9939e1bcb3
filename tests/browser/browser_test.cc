// The HTML reports in a real browser: Debian's chromium, headless, loads each page from a file
// (--dump-dom), and the test checks that the script ran to the end with no console message and
// that the DOM shows what the data says (counts, labels, member ids, the filter from #q=, the
// marked words). Skipped, saying why, when no chromium is installed (scripts/install-deps.sh
// installs it). DOCSIFT_CHROMIUM names another binary.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "report/html_report.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

std::string find_chromium() {
  if (const char* env = std::getenv("DOCSIFT_CHROMIUM"); env && *env) return env;
  for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
    const std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
    if (std::system(probe.c_str()) == 0) return name;
  }
  return "";
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Browser : public ::testing::Test {
 protected:
  void SetUp() override {
    chromium_ = find_chromium();
    if (chromium_.empty()) {
      GTEST_SKIP() << "no chromium found (apt-get install chromium, or set DOCSIFT_CHROMIUM): "
                      "the HTML reports were not loaded in a browser";
    }
    dir_ = fs::temp_directory_path() /
           ("docsift_browser_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "profile");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Writes `html`, loads file://...<fragment> headless; returns the DOM after the scripts ran.
  // Fails the test on any console message (errors, uncaught exceptions, CSP violations).
  std::string load(const std::string& html, const std::string& fragment = "") {
    const fs::path page = dir_ / "page.html";
    {
      std::ofstream out(page, std::ios::binary);
      out << html;
    }
    const fs::path dom = dir_ / "dom.html", log = dir_ / "log.txt";
    const std::string cmd =
        "timeout 90 " + chromium_ +
        " --headless --no-sandbox --disable-gpu --disable-background-networking"
        " --disable-component-update --disable-sync --no-first-run --disable-extensions"
        " --user-data-dir='" +
        (dir_ / "profile").string() + "' --enable-logging=stderr --v=0 --dump-dom 'file://" +
        page.string() + fragment + "' > '" + dom.string() + "' 2> '" + log.string() + "'";
    const int status = std::system(cmd.c_str());
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << cmd << "\n" << slurp(log);
    std::istringstream lines(slurp(log));
    for (std::string line; std::getline(lines, line);) {
      EXPECT_EQ(line.find(":CONSOLE"), std::string::npos) << "console message: " << line;
    }
    const std::string out = slurp(dom);
    EXPECT_NE(out.find("data-ready=\"1\""), std::string::npos) << "the script did not finish";
    return out;
  }

  std::string chromium_;
  fs::path dir_;
};

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TopicReport topics() {
  TopicReport t;
  t.inputs = {"corpus.jsonl"};
  t.docs_read = 6;
  t.projection = "test positions";
  t.clusters.push_back({3, {"bank", "rates"}, "Rates rise again", "doc-1", 1, 0});
  t.clusters.push_back({2, {"football", "<b>cup</b>"}, "Cup final", "doc-4", -1, 0.5});
  t.clusters.push_back({1, {"rivers"}, "Rivers </script> of the north", "doc-6", 0, -1});
  t.members = {{"doc-1", 0, 0.9, "Rates rise again"},
               {"doc-2", 0, 0.8, "Bank holds rates"},
               {"doc-3", 0, 0.7, "Inflation high"},
               {"doc-4", 1, 0.9, "Cup final"},
               {"doc-5", 1, 0.6, "<img src=x onerror=alert(1)> late goal"},
               {"doc-6", 2, 1.0, "Rivers </script> of the north"}};
  t.members_total = 6;
  return t;
}

TEST_F(Browser, TopicPageShowsTheClustersAndMembers) {
  const std::string dom = load(topic_report_html(topics()));
  EXPECT_NE(dom.find("<b>3</b><span class=\"muted\">clusters</span>"), std::string::npos);
  EXPECT_EQ(count(dom, "<circle "), 3u);
  EXPECT_EQ(count(dom, "class=\"card\""), 3u);
  EXPECT_NE(dom.find(">bank, rates<"), std::string::npos);
  // Markup in the data is shown as text, never parsed.
  EXPECT_NE(dom.find(">football, &lt;b&gt;cup&lt;/b&gt;<"), std::string::npos);
  EXPECT_EQ(dom.find("<img"), std::string::npos);
  EXPECT_NE(dom.find("Rivers &lt;/script&gt; of the north"), std::string::npos);
  EXPECT_NE(dom.find(">representative: doc-4<"), std::string::npos);
  EXPECT_EQ(count(dom, "<tr data-cluster="), 6u);
  EXPECT_NE(dom.find(">doc-5</td>"), std::string::npos);
  EXPECT_NE(dom.find(">6 of 6 members match<"), std::string::npos);
}

TEST_F(Browser, TopicFilterNarrowsTheMembers) {
  std::string dom = load(topic_report_html(topics()), "#q=holds");
  EXPECT_NE(dom.find(">1 of 6 members match<"), std::string::npos);
  EXPECT_EQ(count(dom, "<tr data-cluster="), 1u);
  EXPECT_NE(dom.find(">doc-2</td>"), std::string::npos);
  dom = load(topic_report_html(topics()), "#q=cluster:1");
  EXPECT_NE(dom.find(">2 of 6 members match<"), std::string::npos);
  EXPECT_EQ(count(dom, "<tr data-cluster=\"1\""), 2u);
  EXPECT_EQ(count(dom, "<tr data-cluster="), 2u);
  EXPECT_NE(dom.find("class=\"selected\""), std::string::npos);  // its circle is outlined
  dom = load(topic_report_html(topics()), "#q=DOC-6");           // case-insensitive, by id
  EXPECT_NE(dom.find(">1 of 6 members match<"), std::string::npos);
  EXPECT_NE(dom.find(">doc-6</td>"), std::string::npos);
}

TEST_F(Browser, CleanPageShowsGroupsDifferencesAndPassages) {
  CleanReport c;
  c.inputs = {"corpus.jsonl"};
  c.docs_before = 10;
  c.docs_after = 8;
  c.bytes_before = 25000;
  c.bytes_after = 20000;
  c.docs_removed = 2;
  c.passages_removed = 5;
  c.groups_total = 1;
  c.groups.push_back({{"kept-1", 1, "the quick brown fox jumps"},
                      {{"gone-1", 0.8, "the quick red fox jumps"},
                       {"gone-2", 0.75, "the quick brown fox <i>leaps</i>"}}});
  c.repeated.push_back({"Subscribe to our newsletter", 7, 5});
  c.repeated.push_back({"All rights reserved", 3, 3});
  const std::string dom = load(clean_report_html(c));
  EXPECT_NE(dom.find("<b>10 \u2192 8</b>"), std::string::npos);
  EXPECT_NE(dom.find("<b>25.0 KB \u2192 20.0 KB</b>"), std::string::npos);
  EXPECT_EQ(count(dom, "class=\"group\""), 2u);
  EXPECT_NE(dom.find(">kept: kept-1<"), std::string::npos);
  EXPECT_NE(dom.find(">removed: gone-1 \u00b7 similarity 0.800<"), std::string::npos);
  // Word diff: brown/red marked in the first pair, jumps/leaps in the second; the rest not.
  EXPECT_NE(dom.find("<mark>brown</mark>"), std::string::npos);
  EXPECT_NE(dom.find("<mark>red</mark>"), std::string::npos);
  EXPECT_NE(dom.find("<mark>jumps</mark>"), std::string::npos);
  EXPECT_NE(dom.find("<mark>&lt;i&gt;leaps&lt;/i&gt;</mark>"), std::string::npos);
  EXPECT_EQ(dom.find("<mark>quick</mark>"), std::string::npos);
  EXPECT_EQ(count(dom, "<mark>"), 4u);
  EXPECT_NE(dom.find(">Subscribe to our newsletter</td>"), std::string::npos);
  EXPECT_NE(dom.find("<td class=\"num\">7</td>"), std::string::npos);
}

TEST_F(Browser, CleanPageWithoutExcerptsSaysSo) {
  CleanReport c;
  c.excerpts_available = false;
  c.groups_total = 3;
  c.groups.push_back({{"k", 1, ""}, {{"r", 0.9, ""}}});
  const std::string dom = load(clean_report_html(c));
  EXPECT_NE(dom.find("(text not available)"), std::string::npos);
  EXPECT_NE(dom.find("The first 1 of 3 groups"), std::string::npos);
  EXPECT_NE(dom.find("No repeated passages."), std::string::npos);
}

}  // namespace
}  // namespace docsift
