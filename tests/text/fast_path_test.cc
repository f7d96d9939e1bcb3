// Differential tests: the fast path (default) against the pure-ICU path (force_icu) and the
// naive UTF-16 reference, on seeded random strings, exhaustive short strings and every code point
// of the fast-path table in context.

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "reference/text_reference.h"
#include "text/internal/char_table.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

using detail::WordClass;

std::string describe(const TokenizedText& t) {
  std::string s;
  for (size_t i = 0; i < t.size(); ++i) {
    s += "[" + std::to_string(t.spans[i].begin) + "," + std::to_string(t.spans[i].end) +
         ")=" + std::string(t.norm(i)) + " ";
  }
  return s;
}

bool same_tokens(const TokenizedText& a, const TokenizedText& b) {
  if (a.size() != b.size() || a.norm_chars != b.norm_chars || a.norm_offsets != b.norm_offsets) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.spans[i].begin != b.spans[i].begin || a.spans[i].end != b.spans[i].end) return false;
  }
  return true;
}

bool same_as_reference(const TokenizedText& a, const std::vector<reference::RefToken>& ref) {
  if (a.size() != ref.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.spans[i].begin != ref[i].begin || a.spans[i].end != ref[i].end ||
        a.norm(i) != ref[i].form) {
      return false;
    }
  }
  return true;
}

std::string utf8(uint32_t cp) {
  std::string s;
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
  return s;
}

class FastVsIcu {
 public:
  explicit FastVsIcu(bool fold_digits)
      : fast_(NormalizeOptions{.fold_digits = fold_digits}),
        icu_(NormalizeOptions{.fold_digits = fold_digits, .force_icu = true}) {}

  // Returns true when both paths agree on `text`; reports the difference otherwise.
  bool check(const std::string& text) {
    fast_.tokenize(text, a_);
    icu_.tokenize(text, b_);
    if (same_tokens(a_, b_)) return true;
    ADD_FAILURE() << "text: \"" << text << "\"\nfast: " << describe(a_)
                  << "\nicu:  " << describe(b_);
    return false;
  }
  const TokenizedText& fast_result() const { return a_; }

 private:
  Tokenizer fast_, icu_;
  TokenizedText a_, b_;
};

// Pieces random strings are built from: everything the fast path handles, plus code points that
// force the ICU path (combining marks, soft hyphen, CJK, Thai, emoji, Hebrew) to exercise cuts.
const std::vector<std::string>& pieces() {
  static const std::vector<std::string> p = [] {
    std::vector<std::string> v;
    for (char c = 'a'; c <= 'z'; c += 3) v.emplace_back(1, c);
    for (char c = 'A'; c <= 'Z'; c += 5) v.emplace_back(1, c);
    for (char c = '0'; c <= '9'; c += 2) v.emplace_back(1, c);
    for (const char* s : {".", ",", ":", ";", "'", "_", "@",  "-",  "!",    "\"", "(",
                          ")", "/", "%", " ", " ", " ", "\t", "\n", "\r\n", "\v"}) {
      v.emplace_back(s);
    }
    for (const char* s : {"А", "б", "В", "г", "Ж", "я", "Ё", "ё", "ы", "Щ", "ъ", "ә", "Ә", "ғ", "Ғ",
                          "қ", "Қ", "ң", "Ң", "ө", "Ө", "ұ", "Ұ", "ү", "Ү", "һ", "Һ", "і", "І"}) {
      v.emplace_back(s);
    }
    for (const char* s : {"é", "É", "ß", "ẞ", "ñ", "ø", "Ä", "ÿ", "µ", "ª", "º", "ŉ",
                          "ǅ", "ΐ", "Σ", "ς", "İ", "ı", "ſ", "²", "½", "٣", "Ա", "և"}) {
      v.emplace_back(s);
    }
    for (const char* s : {"’", "‘", "ʼ", "\u00a0", "\u202f", "\u2009", "—", "–", "…", "«", "»", "“",
                          "”", "·", "\u2024", "\u2027", "\u2044", "\u2028", "\u200b"}) {
      v.emplace_back(s);
    }
    for (const char* s :
         {"\u0301", "\u00ad", "我们", "学生", "สวัสดี", "😀", "א", "ש", "\u200d", "ｶﾀ", "Ａ", "ﬁ"}) {
      v.emplace_back(s);
    }
    return v;
  }();
  return p;
}

std::string random_text(std::mt19937_64& rng, size_t max_pieces, bool allow_slow) {
  const auto& p = pieces();
  const size_t slow_begin = p.size() - 12;  // the last 12 pieces force ICU
  const size_t limit = allow_slow ? p.size() : slow_begin;
  std::string s;
  const size_t n = rng() % (max_pieces + 1);
  for (size_t i = 0; i < n; ++i) s += p[rng() % limit];
  return s;
}

TEST(FastPath, TableCoversCyrillicLatinAndPunctuation) {
  const detail::CharTable& t = detail::char_table();
  size_t fast = 0;
  for (const auto& e : t.low) fast += e.cls != WordClass::kSlow;
  EXPECT_GT(fast, 1500u);
  for (uint32_t cp : {0x430u, 0x44Fu, 0x4D9u, 0x493u, 0x49Bu, 0x4A3u, 0x4E9u, 0x4B1u, 0x4AFu,
                      0x4BBu, 0x456u, 0xE9u, 0xDFu}) {
    EXPECT_EQ(t.low[cp].cls, WordClass::kLetter) << std::hex << cp;
  }
  EXPECT_EQ(t.low[static_cast<uint8_t>(':')].cls, WordClass::kOther);  // ICU root rules
  EXPECT_EQ(t.low[static_cast<uint8_t>('@')].cls, WordClass::kLetter);
  EXPECT_EQ(t.low[0x301].cls, WordClass::kSlow);  // combining acute
  EXPECT_EQ(t.low[0xAD].cls, WordClass::kSlow);   // soft hyphen (Format)
  EXPECT_EQ(t.punct[0x2019 - detail::kPunctBegin].cls, WordClass::kMidNumLet);
  EXPECT_EQ(t.punct[0x2014 - detail::kPunctBegin].cls, WordClass::kOther);
}

TEST(FastPath, RandomStringsMatchIcuAndReference) {
  const uint64_t seed = 20240611;
  std::mt19937_64 rng(seed);
  for (bool fold : {false, true}) {
    FastVsIcu check(fold);
    for (int iter = 0; iter < 3000; ++iter) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " fold " + std::to_string(fold) +
                   " iteration " + std::to_string(iter));
      const std::string text = random_text(rng, 40, /*allow_slow=*/iter % 4 == 3);
      ASSERT_TRUE(check.check(text));
      if (iter % 10 == 0) {  // the reference is slow (UTF-16, new iterator per call)
        ASSERT_TRUE(same_as_reference(check.fast_result(), reference::tokenize(text, fold)))
            << text << "\n"
            << describe(check.fast_result());
      }
    }
  }
}

TEST(FastPath, LongMixedTextsMatchIcu) {
  const uint64_t seed = 77;
  std::mt19937_64 rng(seed);
  FastVsIcu check(false);
  for (int iter = 0; iter < 40; ++iter) {
    SCOPED_TRACE("seed " + std::to_string(seed) + " iteration " + std::to_string(iter));
    std::string text;
    for (int k = 0; k < 30; ++k) text += random_text(rng, 30, rng() % 5 == 0) + " ";
    ASSERT_TRUE(check.check(text));
  }
}

// Every string of up to 3 code points over an alphabet of the classes that matter for the rules.
TEST(FastPath, ExhaustiveShortStrings) {
  const std::vector<std::string> alphabet = {
      "a", "Z",  "5", ".", ",", ":", ";",      "'",      "_",      "@", " ",      "\n",
      "-", "\"", "é", "Ж", "’", "·", "\u202f", "\u00a0", "\u0301", "٣", "\u2024", "我"};
  FastVsIcu check(false);
  const size_t n = alphabet.size();
  for (size_t a = 0; a < n; ++a) {
    for (size_t b = 0; b <= n; ++b) {
      for (size_t c = 0; c <= n; ++c) {
        std::string s = alphabet[a];
        if (b < n) s += alphabet[b];
        if (c < n) s += alphabet[c];
        ASSERT_TRUE(check.check(s));
        ASSERT_TRUE(check.check(s + s));
      }
    }
  }
}

// Every code point the table covers, between the characters the word rules care about.
TEST(FastPath, EveryTableCodePointInContext) {
  const std::vector<std::string> contexts = {"", "a", "1", "_", " ", "ж", ".", "'"};
  FastVsIcu check(true);
  auto run = [&](uint32_t cp) {
    const std::string c = utf8(cp);
    for (const std::string& left : contexts) {
      for (const std::string& right : contexts) {
        if (!check.check(left + c + right)) return false;
      }
    }
    return check.check("x" + c + c + "y") && check.check("7" + c + "8" + c + "9");
  };
  for (uint32_t cp = 1; cp < detail::kLowLimit; ++cp) {
    if (detail::char_table().low[cp].cls == WordClass::kSlow) continue;
    ASSERT_TRUE(run(cp)) << std::hex << "U+" << cp;
  }
  for (uint32_t cp = detail::kPunctBegin; cp < detail::kPunctEnd; ++cp) {
    if (detail::char_table().punct[cp - detail::kPunctBegin].cls == WordClass::kSlow) continue;
    ASSERT_TRUE(run(cp)) << std::hex << "U+" << cp;
  }
}

TEST(FastPath, IllFormedUtf8DoesNotCrash) {
  const std::vector<std::string> bad = {"\xC3",
                                        "a\xC3",
                                        "\xE2\x80",
                                        "ab\xFF"
                                        "cd",
                                        "\xC0\xAF",
                                        "\xED\xA0\x80",
                                        "x \xF0\x9F\x98",
                                        "\x80\x80 abc"};
  Tokenizer fast;
  Tokenizer icu(NormalizeOptions{.force_icu = true});
  TokenizedText a, b;
  for (const std::string& s : bad) {
    fast.tokenize(s, a);
    icu.tokenize(s, b);
    for (size_t i = 0; i < a.size(); ++i) EXPECT_LE(a.spans[i].end, s.size());
  }
}

}  // namespace
}  // namespace docsift
