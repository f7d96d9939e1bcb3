#include "text/segment.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace docsift {
namespace {

std::string_view content(std::string_view text, const Passage& p) {
  return text.substr(p.begin, p.end - p.begin);
}

std::vector<std::string> contents(std::string_view text, const std::vector<Passage>& ps) {
  std::vector<std::string> out;
  for (const Passage& p : ps) out.emplace_back(content(text, p));
  return out;
}

std::vector<PassageKind> kinds(const std::vector<Passage>& ps) {
  std::vector<PassageKind> out;
  for (const Passage& p : ps) out.push_back(p.kind);
  return out;
}

using K = PassageKind;

TEST(SegmentBlocks, LeadRepeatedAsBullets) {
  const std::string lead =
      "The central bank raised its key rate to 16 percent on Friday, citing persistent inflation "
      "and a weak rouble.";
  const std::string text = "Central bank raises rates\n\n" + lead + "\n\nKey points:\n  \u2022 " +
                           lead + "\n  \u2022 " + lead + "\n";
  const std::vector<Passage> ps = segment_blocks(text);
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(kinds(ps),
            (std::vector<K>{K::kParagraph, K::kParagraph, K::kParagraph, K::kBullet, K::kBullet}));
  EXPECT_EQ(content(text, ps[0]), "Central bank raises rates");
  EXPECT_EQ(content(text, ps[1]), lead);
  EXPECT_EQ(content(text, ps[2]), "Key points:");
  EXPECT_EQ(content(text, ps[3]), lead);
  EXPECT_EQ(content(text, ps[4]), lead);
  // The marker starts at the bullet symbol, the content after its space.
  EXPECT_EQ(text.substr(ps[3].marker_begin, ps[3].begin - ps[3].marker_begin), "\u2022 ");
  EXPECT_EQ(ps[1].marker_begin, ps[1].begin);
}

TEST(SegmentBlocks, NumberedAndLetteredBullets) {
  const std::string text =
      "Steps:\n1. Open the file\n2) Read the data\n(3) Check it\na) first option\n(b) second "
      "option\n\u0431) третий вариант\n- dash item\n* star item\n\u2014 em dash item\n";
  const std::vector<Passage> ps = segment_blocks(text);
  EXPECT_EQ(contents(text, ps),
            (std::vector<std::string>{"Steps:", "Open the file", "Read the data", "Check it",
                                      "first option", "second option", "третий вариант",
                                      "dash item", "star item", "em dash item"}));
  for (size_t i = 1; i < ps.size(); ++i) EXPECT_EQ(ps[i].kind, K::kBullet) << i;
  EXPECT_EQ(text.substr(ps[3].marker_begin, ps[3].begin - ps[3].marker_begin), "(3) ");
}

TEST(SegmentBlocks, NotBullets) {
  // A year, an initial, a negative number and a hyphenated word are not markers.
  const std::string text = "2021. A good year\n\nA. Smith wrote\n\n-5 degrees\n\nwell-known fact";
  const std::vector<Passage> ps = segment_blocks(text);
  ASSERT_EQ(ps.size(), 4u);
  for (const Passage& p : ps) {
    EXPECT_EQ(p.kind, K::kParagraph);
    EXPECT_EQ(p.marker_begin, p.begin);
  }
  EXPECT_EQ(content(text, ps[0]), "2021. A good year");
}

TEST(SegmentBlocks, BulletContinuationLines) {
  const std::string text =
      "  - first item that wraps\n    onto a second line\n  - second item\nAfter";
  const std::vector<Passage> ps = segment_blocks(text);
  EXPECT_EQ(contents(text, ps),
            (std::vector<std::string>{"first item that wraps\n    onto a second line",
                                      "second item", "After"}));
  EXPECT_EQ(kinds(ps), (std::vector<K>{K::kBullet, K::kBullet, K::kParagraph}));
}

TEST(SegmentBlocks, DigestOfShortLines) {
  const std::string text =
      "Markets\nOil up 2%\nWeather: sunny, 25C\nSports: home team wins the cup final again\n";
  const std::vector<Passage> ps = segment_blocks(text);
  EXPECT_EQ(contents(text, ps),
            (std::vector<std::string>{"Markets", "Oil up 2%", "Weather: sunny, 25C",
                                      "Sports: home team wins the cup final again"}));
  for (const Passage& p : ps) EXPECT_EQ(p.kind, K::kLine);
}

TEST(SegmentBlocks, LongLinesEndingSentencesAreLines) {
  const std::string text =
      "Subscribe to our newsletter to receive the latest news every single morning.\n"
      "All rights reserved by the publisher and its partners around the world, 2024.\n"
      "Reproduction of this material is prohibited without written permission!\n";
  const std::vector<Passage> ps = segment_blocks(text);
  ASSERT_EQ(ps.size(), 3u);
  for (const Passage& p : ps) EXPECT_EQ(p.kind, K::kLine);
}

TEST(SegmentBlocks, WrappedParagraphStaysWhole) {
  const std::string text =
      "  The ministry said on Tuesday that the new rules would apply to all\n"
      "companies with more than fifty employees, and that small firms would\n"
      "have another year to comply.  \n\nНовый абзац.";
  const std::vector<Passage> ps = segment_blocks(text);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].kind, K::kParagraph);
  EXPECT_EQ(ps[0].begin, 2u);
  EXPECT_EQ(ps[0].end, text.find("comply.") + 7);
  EXPECT_EQ(content(text, ps[1]), "Новый абзац.");
}

TEST(SegmentBlocks, ExactOffsetsWithCrlfAndNbsp) {
  const std::string text = "\u00a0 First para\u00a0\r\n\u00a0\t\r\n\u3000Second\r\n";
  const std::vector<Passage> ps = segment_blocks(text);
  ASSERT_EQ(ps.size(), 2u);
  EXPECT_EQ(ps[0].begin, 3u);  // after NBSP (2 bytes) and a space
  EXPECT_EQ(ps[0].end, 13u);   // "First para"
  EXPECT_EQ(content(text, ps[1]), "Second");
  EXPECT_TRUE(segment_blocks("").empty());
  EXPECT_TRUE(segment_blocks(" \n\t\n\u00a0").empty());
}

bool is_space_byte_at(std::string_view text, size_t i, size_t* len) {
  static const std::vector<std::string> spaces = {" ",  "\t",     "\r",     "\n",    "\v",
                                                  "\f", "\u00a0", "\u3000", "\u2003"};
  for (const std::string& s : spaces) {
    if (text.substr(i, s.size()) == s) {
      *len = s.size();
      return true;
    }
  }
  return false;
}

// Passages are ordered, disjoint, trimmed, and together with the markers cover every
// non-space byte, on random documents of lines, bullets and blank lines.
TEST(SegmentBlocks, RandomDocumentsCoverEveryNonSpaceByte) {
  const uint64_t seed = 99;
  std::mt19937_64 rng(seed);
  const std::vector<std::string> starts = {"",       "  ",   "\u2022 ", "- ",   "1. ",   "(a) ",
                                           "\u00a0", "\t* ", "-",       "12) ", "\u3000"};
  const std::vector<std::string> words = {"alpha", "бета",   "gamma.", "дельта!", "x", "1.",
                                          "-",     "\u2022", "word,",  "\u00a0",  "  "};
  for (int iter = 0; iter < 300; ++iter) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " iteration " + std::to_string(iter));
    std::string text;
    const int lines = static_cast<int>(rng() % 12);
    for (int l = 0; l < lines; ++l) {
      text += starts[rng() % starts.size()];
      const int n = static_cast<int>(rng() % 14);
      for (int w = 0; w < n; ++w) text += words[rng() % words.size()] + " ";
      text += rng() % 3 == 0 ? "\r\n" : "\n";
    }
    const std::vector<Passage> ps = segment_blocks(text);
    std::vector<char> covered(text.size(), 0);
    uint32_t last_end = 0;
    for (const Passage& p : ps) {
      ASSERT_LE(last_end, p.marker_begin);
      ASSERT_LE(p.marker_begin, p.begin);
      ASSERT_LT(p.begin, p.end);
      ASSERT_LE(p.end, text.size());
      size_t len;
      EXPECT_FALSE(is_space_byte_at(text, p.begin, &len));
      for (uint32_t i = p.marker_begin; i < p.end; ++i) covered[i] = 1;
      last_end = p.end;
    }
    for (size_t i = 0; i < text.size();) {
      size_t len;
      if (is_space_byte_at(text, i, &len)) {
        i += len;
        continue;
      }
      ASSERT_TRUE(covered[i]) << "byte " << i << " of \"" << text << "\"";
      ++i;
    }
  }
}

TEST(SegmentSentences, English) {
  const std::string text =
      "Mr. Smith arrived on Monday. He said: \"Prices rose 3.5% in the U.S.\" Did it work?\n"
      "\n  \u2022 Shares fell. Bonds rose.";
  const std::vector<Passage> ps = segment_sentences(text);
  EXPECT_EQ(
      contents(text, ps),
      (std::vector<std::string>{"Mr. Smith arrived on Monday.",  // "Mr." is a known abbreviation
                                "He said: \"Prices rose 3.5% in the U.S.\"", "Did it work?",
                                "Shares fell.", "Bonds rose."}));
  for (const Passage& p : ps) EXPECT_EQ(p.kind, K::kSentence);
  ASSERT_EQ(ps.size(), 5u);
  EXPECT_EQ(text.substr(ps[3].marker_begin, 3), "\u2022");  // first sentence of the bullet
  EXPECT_EQ(ps[4].marker_begin, ps[4].begin);
}

TEST(SegmentSentences, RussianAcrossWrappedLines) {
  const std::string text =
      "Цены на нефть выросли на 5% после заявления министра, который сообщил\n"
      "о сокращении добычи. Аналитики ожидали роста! Что будет дальше?";
  const std::vector<Passage> ps = segment_sentences(text);
  EXPECT_EQ(contents(text, ps),
            (std::vector<std::string>{
                "Цены на нефть выросли на 5% после заявления министра, который сообщил\n"
                "о сокращении добычи.",
                "Аналитики ожидали роста!", "Что будет дальше?"}));
}

TEST(Segment, KindNames) {
  EXPECT_STREQ(passage_kind_name(K::kParagraph), "paragraph");
  EXPECT_STREQ(passage_kind_name(K::kLine), "line");
  EXPECT_STREQ(passage_kind_name(K::kBullet), "bullet");
  EXPECT_STREQ(passage_kind_name(K::kSentence), "sentence");
}

}  // namespace
}  // namespace docsift
