// strip_passages: cuts by original offsets, keeps every other byte, tidies only blank lines.

#include "passages/strip.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace docsift {
namespace {

Cut cut_of(std::string_view text, std::string_view passage, size_t from = 0) {
  const size_t at = text.find(passage, from);
  EXPECT_NE(at, std::string_view::npos) << passage;
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + passage.size())};
}

TEST(Strip, NoCutsReturnsTextUnchanged) {
  const std::string text = "  a\n\n\n b \r\n";
  EXPECT_EQ(strip_passages(text, {}), text);
}

TEST(Strip, RemovesRepeatedBulletLinesWithMarkers) {
  const std::string lead = "The ministry announced a new programme for rural schools.";
  const std::string text =
      "Title\n\n" + lead + "\n\nMore text here.\n\n  • " + lead + "\n  • " + lead + "\n\nShare\n";
  const size_t first_bullet = text.find("  • ");
  const size_t second_bullet = text.find("  • ", first_bullet + 1);
  std::vector<Cut> cuts = {{static_cast<uint32_t>(first_bullet + 2),
                            static_cast<uint32_t>(first_bullet + 2 + 4 + lead.size())},
                           {static_cast<uint32_t>(second_bullet + 2),
                            static_cast<uint32_t>(second_bullet + 2 + 4 + lead.size())}};
  EXPECT_EQ(strip_passages(text, cuts), "Title\n\n" + lead + "\n\nMore text here.\n\nShare\n");
}

TEST(Strip, RemovesAParagraphAndCollapsesBlankLines) {
  const std::string text = "First para.\n\nBoilerplate footer line.\n\nLast para.";
  std::vector<Cut> cuts = {cut_of(text, "Boilerplate footer line.")};
  EXPECT_EQ(strip_passages(text, cuts), "First para.\n\nLast para.");
}

TEST(Strip, CutAtTheStartDropsLeadingBlankLines) {
  const std::string text = "Header block\n\n\nBody.\n";
  std::vector<Cut> cuts = {cut_of(text, "Header block")};
  EXPECT_EQ(strip_passages(text, cuts), "Body.\n");
}

TEST(Strip, CutAtTheEndKeepsTheOriginalEnding) {
  EXPECT_EQ(strip_passages("Body.\n\nShare: Facebook Twitter\n",
                           std::vector<Cut>{cut_of("Body.\n\nShare: Facebook Twitter\n",
                                                   "Share: Facebook Twitter")}),
            "Body.\n");
  EXPECT_EQ(strip_passages("Body.\n\nShare: Facebook Twitter",
                           std::vector<Cut>{cut_of("Body.\n\nShare: Facebook Twitter",
                                                   "Share: Facebook Twitter")}),
            "Body.");
}

TEST(Strip, SentenceInsideALineTakesTheFollowingSpace) {
  const std::string text = "One thing. Two things here. Three.";
  std::vector<Cut> cuts = {cut_of(text, "Two things here.")};
  EXPECT_EQ(strip_passages(text, cuts), "One thing. Three.");
  const std::string tail = "One thing. Two things here.\nNext";
  EXPECT_EQ(strip_passages(tail, std::vector<Cut>{cut_of(tail, "Two things here.")}),
            "One thing.\nNext");
}

TEST(Strip, KeepsCyrillicBytesAroundCuts) {
  const std::string text =
      "Поделиться\n\nТекст новости о встрече.\n\nПоделиться в соцсетях Facebook VK\n\nКонец.";
  std::vector<Cut> cuts = {cut_of(text, "Поделиться в соцсетях Facebook VK")};
  EXPECT_EQ(strip_passages(text, cuts), "Поделиться\n\nТекст новости о встрече.\n\nКонец.");
}

// Every byte outside the cuts survives, in order: the output is the text minus the cut spans
// minus only whitespace. Checked on random line-structured texts with random cuts.
TEST(Strip, RandomCutsKeepAllOtherNonSpaceBytes) {
  std::mt19937_64 rng(20261123);
  const char* words[] = {"alpha", "beta", "гамма", "дельта", "ә", "x", "1.", "•"};
  for (int trial = 0; trial < 500; ++trial) {
    SCOPED_TRACE("trial " + std::to_string(trial));
    std::string text;
    std::vector<std::pair<size_t, size_t>> lines;
    const int num_lines = 1 + rng() % 8;
    for (int l = 0; l < num_lines; ++l) {
      if (rng() % 3 == 0) text += "\n";
      if (rng() % 4 == 0) text += "  ";
      const size_t b = text.size();
      for (int w = 0, n = 1 + rng() % 5; w < n; ++w) {
        if (w) text += ' ';
        text += words[rng() % 8];
      }
      lines.push_back({b, text.size()});
      text += "\n";
    }
    std::vector<Cut> cuts;
    std::string expected_nonspace;
    size_t pos = 0;
    for (auto [b, e] : lines) {
      if (rng() % 2) {
        cuts.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(e)});
        for (size_t i = pos; i < b; ++i) expected_nonspace += text[i];
        pos = e;
      }
    }
    for (size_t i = pos; i < text.size(); ++i) expected_nonspace += text[i];
    auto squeeze = [](const std::string& s) {
      std::string out;
      for (char c : s) {
        if (c != ' ' && c != '\n') out += c;
      }
      return out;
    };
    const std::string out = strip_passages(text, cuts);
    EXPECT_EQ(squeeze(out), squeeze(expected_nonspace));
    EXPECT_EQ(out.find("\n\n\n"), std::string::npos) << out;
    // Stripping nothing more from the result is the identity.
    EXPECT_EQ(strip_passages(out, {}), out);
  }
}

}  // namespace
}  // namespace docsift
