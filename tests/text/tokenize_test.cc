#include "text/tokenize.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "reference/text_reference.h"
#include "text/normalize.h"

namespace docsift {
namespace {

std::vector<std::string> forms(const TokenizedText& t) {
  std::vector<std::string> out;
  for (size_t i = 0; i < t.size(); ++i) out.emplace_back(t.norm(i));
  return out;
}

std::vector<std::string> tokenize_forms(std::string_view text, NormalizeOptions options = {}) {
  Tokenizer tok(options);
  TokenizedText t;
  tok.tokenize(text, t);
  return forms(t);
}

// Spans are in order, non-overlapping, and each span's bytes normalise to the token's form.
void expect_round_trip(std::string_view text, const TokenizedText& t, bool fold_digits) {
  uint32_t last_end = 0;
  for (size_t i = 0; i < t.size(); ++i) {
    SCOPED_TRACE("token " + std::to_string(i));
    ASSERT_LE(last_end, t.spans[i].begin);
    ASSERT_LT(t.spans[i].begin, t.spans[i].end);
    ASSERT_LE(t.spans[i].end, text.size());
    const std::string_view original =
        text.substr(t.spans[i].begin, t.spans[i].end - t.spans[i].begin);
    EXPECT_EQ(reference::normalize_token(original, fold_digits), t.norm(i)) << original;
    last_end = t.spans[i].end;
  }
}

TEST(Normalize, Examples) {
  Tokenizer tok;
  EXPECT_EQ(normalize_for_match(tok, "ＡＢＣ"), "abc");
  EXPECT_EQ(normalize_for_match(tok, "ﬁnal"), "final");
  EXPECT_EQ(normalize_for_match(tok, "Straße"), normalize_for_match(tok, "STRASSE"));
  EXPECT_EQ(normalize_for_match(tok, "Straße"), "strasse");
  EXPECT_EQ(normalize_for_match(tok, "ПРИВЕТ"), "привет");
  EXPECT_EQ(normalize_for_match(tok, "ӘҒҚҢӨҰҮҺІ"), "әғқңөұүһі");
  EXPECT_EQ(normalize_for_match(tok, "a\u00a0b"), normalize_for_match(tok, "a b"));
  EXPECT_EQ(normalize_for_match(tok, "Hello, world!"), "hello world");
  EXPECT_EQ(normalize_for_match(tok, "don't stop U.S. 3.14"), "dont stop us 314");
  EXPECT_EQ(normalize_for_match(tok, "  \t\n "), "");
  EXPECT_EQ(normalize_for_match(tok, "Ｔｈｅ ﬁnal\u00a0Report!"), "the final report");
  EXPECT_EQ(normalize_for_match(tok, "1\u202f000 km"), "1000 km");  // NNBSP glues digits in ICU
}

TEST(Normalize, DigitFolding) {
  Tokenizer plain;
  Tokenizer folded(NormalizeOptions{.fold_digits = true});
  EXPECT_EQ(normalize_for_match(plain, "Report 2021, page ٣"), "report 2021 page ٣");
  EXPECT_EQ(normalize_for_match(folded, "Report 2021, page ٣"), "report 0000 page 0");
  EXPECT_EQ(normalize_for_match(folded, "１２ v2"), "00 v0");
  EXPECT_EQ(exact_key(folded, "Q3 2021 results"), exact_key(folded, "Q4 2024 results"));
  EXPECT_NE(exact_key(plain, "Q3 2021 results"), exact_key(plain, "Q4 2024 results"));
}

TEST(ExactKey, EqualForVariants) {
  Tokenizer tok;
  const Key128 en = exact_key(tok, "The final report, 2021: profits rose!");
  EXPECT_EQ(en, exact_key(tok, "THE FINAL REPORT 2021 PROFITS ROSE"));
  EXPECT_EQ(en, exact_key(tok, "Ｔｈｅ ﬁnal\u00a0report — 2021; profits   rose."));
  EXPECT_EQ(en, exact_key(tok, "\n  the final report\t2021 profits rose  \n"));
  EXPECT_EQ(en, exact_key(tok, "«The» “final” report... 2021 -- profits, rose?"));
  const Key128 ru = exact_key(tok, "Правительство утвердило новый бюджет на 2024 год.");
  EXPECT_EQ(ru, exact_key(tok, "ПРАВИТЕЛЬСТВО УТВЕРДИЛО НОВЫЙ БЮДЖЕТ НА 2024 ГОД"));
  EXPECT_EQ(ru, exact_key(tok, "«Правительство» утвердило\u00a0новый бюджет — на 2024 год!"));
  const Key128 kk = exact_key(tok, "Үкімет жаңа бюджетті бекітті.");
  EXPECT_EQ(kk, exact_key(tok, "ҮКІМЕТ ЖАҢА БЮДЖЕТТІ БЕКІТТІ"));
}

TEST(ExactKey, DifferentForOneWord) {
  Tokenizer tok;
  EXPECT_NE(exact_key(tok, "The final report says profits rose"),
            exact_key(tok, "The final report says profits fell"));
  EXPECT_NE(exact_key(tok, "Правительство утвердило новый бюджет"),
            exact_key(tok, "Правительство отклонило новый бюджет"));
  EXPECT_NE(exact_key(tok, "a b c"), exact_key(tok, "a b"));
  EXPECT_NE(exact_key(tok, "ab c"), exact_key(tok, "a bc"));  // the joining space matters
}

TEST(ExactKey, MatchesJoinAndReference) {
  Tokenizer tok;
  TokenizedText t;
  const std::string text = "Ｔｈｅ ﬁnal Report — Правительство, 我们是学生!";
  tok.tokenize(text, t);
  EXPECT_EQ(join_normalized(t), reference::join(reference::tokenize(text, false)));
  EXPECT_EQ(exact_key(t), exact_key(tok, text));
  EXPECT_EQ(normalize_for_match(tok, text), join_normalized(t));
}

// Frozen values: a change here changes every stored exact key, so it must be deliberate.
TEST(ExactKey, Golden) {
  Tokenizer tok;
  const std::string en_text = "The quick brown fox jumps over the lazy dog.";
  const std::string ru_text = "Съешь же ещё этих мягких французских булок, да выпей чаю!";
  EXPECT_EQ(normalize_for_match(tok, en_text), "the quick brown fox jumps over the lazy dog");
  EXPECT_EQ(normalize_for_match(tok, ru_text),
            "съешь же ещё этих мягких французских булок да выпей чаю");
  const Key128 en = exact_key(tok, en_text);
  const Key128 ru = exact_key(tok, ru_text);
  EXPECT_EQ(en.low, 0x15c21eead63fa21fULL);
  EXPECT_EQ(en.high, 0xe9a1932627d7f46dULL);
  EXPECT_EQ(ru.low, 0xe056ab3ec67d51b3ULL);
  EXPECT_EQ(ru.high, 0xc87fd8067db0102eULL);
  // No tokens: XXH3-128 of the empty string (xxHash's own test vector).
  const Key128 empty = exact_key(tok, " ,. ");
  EXPECT_EQ(empty.low, 0x6001c324468d497fULL);
  EXPECT_EQ(empty.high, 0x99aa06d3014798d8ULL);
}

struct ScriptCase {
  const char* name;
  const char* text;
  std::vector<std::string> expected;  // empty: only checked against the reference
  size_t min_tokens;
};

TEST(Tokenize, FiveScripts) {
  const std::vector<ScriptCase> cases = {
      {"english",
       "Hello, World! It's 3.5% of U.S. GDP in 2021.",
       {"hello", "world", "its", "35", "of", "us", "gdp", "in", "2021"},
       9},
      {"russian", "Привет, МИР! Это — тест № 5.", {"привет", "мир", "это", "тест", "5"}, 5},
      {"kazakh",
       "Сәлем, ӘЛЕМ! Қазақстан Республикасы.",
       {"сәлем", "әлем", "қазақстан", "республикасы"},
       4},
      {"chinese", "我们是学生", {}, 2},
      {"japanese", "私は東京に住んでいます。カタカナ", {}, 3},
      {"thai", "สวัสดีครับ", {}, 2},
  };
  for (const ScriptCase& c : cases) {
    SCOPED_TRACE(c.name);
    for (bool force_icu : {false, true}) {
      Tokenizer tok(NormalizeOptions{.force_icu = force_icu});
      TokenizedText t;
      tok.tokenize(c.text, t);
      EXPECT_GE(t.size(), c.min_tokens);
      if (!c.expected.empty()) {
        EXPECT_EQ(forms(t), c.expected);
      }
      expect_round_trip(c.text, t, false);
      std::vector<reference::RefToken> ref = reference::tokenize(c.text, false);
      ASSERT_EQ(ref.size(), t.size());
      for (size_t i = 0; i < ref.size(); ++i) {
        EXPECT_EQ(ref[i].begin, t.spans[i].begin);
        EXPECT_EQ(ref[i].end, t.spans[i].end);
        EXPECT_EQ(ref[i].form, t.norm(i));
      }
    }
  }
}

TEST(Tokenize, ThaiSplitsIntoWords) {
  const std::vector<std::string> thai = tokenize_forms("สวัสดีครับ");
  ASSERT_EQ(thai.size(), 2u);
  EXPECT_EQ(thai[0], "สวัสดี");
  EXPECT_EQ(thai[1], "ครับ");
}

TEST(Tokenize, ReusesOutputAndHandlesEmpty) {
  Tokenizer tok;
  TokenizedText t;
  tok.tokenize("one two three", t);
  EXPECT_EQ(t.size(), 3u);
  tok.tokenize("", t);
  EXPECT_EQ(t.size(), 0u);
  EXPECT_EQ(t.norm_offsets.size(), 1u);
  EXPECT_EQ(join_normalized(t), "");
  tok.tokenize("four", t);
  EXPECT_EQ(forms(t), std::vector<std::string>{"four"});
}

TEST(Tokenize, MovedTokenizerWorks) {
  Tokenizer a;
  Tokenizer b = std::move(a);
  TokenizedText t;
  b.tokenize("мир 我们", t);
  EXPECT_GE(t.size(), 2u);
}

TEST(TokenHashes, SeededXxh3PerForm) {
  Tokenizer tok;
  TokenizedText t;
  tok.tokenize("Alpha beta ALPHA", t);
  std::vector<uint64_t> h1, h2;
  token_hashes(t, 1, h1);
  token_hashes(t, 2, h2);
  ASSERT_EQ(h1.size(), 3u);
  EXPECT_EQ(h1[0], h1[2]);
  EXPECT_NE(h1[0], h1[1]);
  EXPECT_NE(h1[0], h2[0]);
}

}  // namespace
}  // namespace docsift
