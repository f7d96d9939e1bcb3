#include "text/display_width.h"

#include <gtest/gtest.h>

#include <string>

namespace docsift {
namespace {

// Code points of valid UTF-8 (a naive count: bytes that do not continue a sequence).
size_t code_points(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool valid_utf8_prefix_of(const std::string& cut, const std::string& whole, size_t ellipsis) {
  const std::string kept = cut.substr(0, cut.size() - ellipsis);
  if (whole.compare(0, kept.size(), kept) != 0) return false;
  // Ends on a code point boundary of the original.
  return kept.size() == whole.size() ||
         (static_cast<unsigned char>(whole[kept.size()]) & 0xC0) != 0x80;
}

TEST(DisplayWidth, CountsColumnsNotBytes) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("plain English"), 13u);
  EXPECT_EQ(display_width("Привет, мир"), 11u);             // Russian: 2 bytes a letter
  EXPECT_EQ(display_width("Қазақстан Республикасы"), 22u);  // Kazakh letters (Қ, ә, ұ...)
  EXPECT_EQ(display_width("әңғүұқөһі"), 9u);
  EXPECT_EQ(display_width("日本語"), 6u);  // wide CJK: 2 columns each
  EXPECT_EQ(display_width("中文 abc"), 8u);
  EXPECT_EQ(display_width("ｆｕｌｌ"), 8u);                  // fullwidth Latin
  EXPECT_EQ(display_width("e\xCC\x81"), 1u);                 // e + COMBINING ACUTE ACCENT
  EXPECT_EQ(display_width("й"), 1u);                         // и + COMBINING BREVE
  EXPECT_EQ(display_width("\xE1\x84\x80\xE1\x85\xA1"), 2u);  // Hangul L + V jamo: one syllable
  EXPECT_EQ(display_width("a\xE2\x80\x8D"
                          "b"),
            2u);  // ZERO WIDTH JOINER is 0
}

TEST(ClipToWidth, FittingTextIsUnchanged) {
  EXPECT_EQ(clip_to_width("short", 10), "short");
  EXPECT_EQ(clip_to_width("exactly ten", 11), "exactly ten");
  EXPECT_EQ(clip_to_width("日本語", 6), "日本語");
  EXPECT_EQ(clip_to_width("", 0), "");
}

TEST(ClipToWidth, CutsByColumnsInEveryScript) {
  // 70 columns: 67 characters and "..." whatever the script (the old cut was 70 bytes).
  const std::string en(100, 'a');
  std::string ru, kk;
  for (int i = 0; i < 50; ++i) ru += "Жж";
  for (int i = 0; i < 50; ++i) kk += "Қә";
  for (const std::string& s : {en, ru, kk}) {
    const std::string cut = clip_to_width(s, 70);
    EXPECT_EQ(display_width(cut), 70u) << cut;
    EXPECT_EQ(code_points(cut), 70u) << cut;
    EXPECT_EQ(cut.substr(cut.size() - 3), "...");
    EXPECT_TRUE(valid_utf8_prefix_of(cut, s, 3)) << cut;
  }
  EXPECT_EQ(clip_to_width("Қазақстан Республикасы", 12), "Қазақстан...");
  EXPECT_EQ(clip_to_width("Привет, мир, как дела", 10), "Привет,...");
}

TEST(ClipToWidth, WideCharactersCountTwoAndAreNeverHalved) {
  // 10 CJK characters = 20 columns. 9 columns: 3 characters (6) + "..." (3).
  const std::string cjk = "一二三四五六七八九十";
  EXPECT_EQ(clip_to_width(cjk, 9), "一二三...");
  // 10 columns: 3 characters + "..." is 9; a fourth would make 11.
  EXPECT_EQ(clip_to_width(cjk, 10), "一二三...");
  EXPECT_EQ(clip_to_width(cjk, 11), "一二三四...");
  for (size_t w = 0; w <= 21; ++w) {
    const std::string cut = clip_to_width(cjk, w);
    EXPECT_LE(display_width(cut), w) << w;
    if (cut != cjk) {
      EXPECT_TRUE(valid_utf8_prefix_of(cut, cjk, std::min<size_t>(3, w))) << w;
    }
  }
}

TEST(ClipToWidth, KeepsCombiningMarksWithTheirBase) {
  // "é" written e + U+0301 six times: 6 columns, 18 bytes.
  std::string s;
  for (int i = 0; i < 6; ++i) s += "e\xCC\x81";
  EXPECT_EQ(display_width(s), 6u);
  const std::string cut = clip_to_width(s, 5);  // 2 clusters + "..."
  EXPECT_EQ(cut,
            "e\xCC\x81"
            "e\xCC\x81"
            "...");
  // Russian with combining stress marks (а́): never a mark without its letter.
  const std::string stressed = "за\xCC\x81мок за\xCC\x81мок за\xCC\x81мок";
  for (size_t w = 4; w < display_width(stressed); ++w) {
    const std::string c = clip_to_width(stressed, w);
    const std::string kept = c.substr(0, c.size() - 3);
    EXPECT_NE(stressed.compare(kept.size(), 2, "\xCC\x81"), 0) << "cut before a mark at " << w;
    EXPECT_LE(display_width(c), w);
  }
}

TEST(ClipToWidth, NarrowBudgets) {
  EXPECT_EQ(clip_to_width("abcdef", 3), "...");
  EXPECT_EQ(clip_to_width("abcdef", 2), "..");
  EXPECT_EQ(clip_to_width("abcdef", 0), "");
  EXPECT_EQ(clip_to_width("abcdef", 4, "\xE2\x80\xA6"), "abc\xE2\x80\xA6");  // one-column ellipsis
}

}  // namespace
}  // namespace docsift
