#pragma once
// Building blocks of gen_corpus: a seeded generator, UTF-8 case mapping for Latin and
// Cyrillic (Russian and Kazakh letters), news-like report plans (title, date line, paragraphs,
// planted repeats and boilerplate), the exact-duplicate transforms that normalised matching
// must see through, the word-level edits that make near-duplicates, and the word 5-shingle
// Jaccard used to describe how near a near-duplicate is.
//
//   ReportWriter writer(Language::kRussian);
//   Rng rng(derive_seed(seed, doc_index, kPlanSalt));
//   ReportPlan plan = writer.plan(rng, options);
//
// Everything is a pure function of its seed: no global state, no std::hash, no
// implementation-defined distributions, so a corpus is byte-identical across runs and
// platforms for the same --seed. Not thread-safe per object; use one writer per thread.

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "corpus_words.h"

namespace docsift::detail {

// splitmix64 (Steele et al. 2014): tiny state, good enough statistics for synthetic text.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n), n < 2^32 (Lemire's multiply-shift; bias < 2^-32, irrelevant here).
  uint32_t below(uint32_t n) { return static_cast<uint32_t>(((next() >> 32) * n) >> 32); }
  int between(int lo, int hi) {
    return lo + static_cast<int>(below(static_cast<uint32_t>(hi - lo + 1)));
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }

 private:
  uint64_t state_;
};

// Independent streams per (document, purpose), so that regenerating document i (to copy it
// into a duplicate) gives the same plan without storing it.
inline constexpr uint64_t kPlanSalt = 1;
inline constexpr uint64_t kKindSalt = 2;
inline constexpr uint64_t kExactSalt = 3;
inline constexpr uint64_t kNearSalt = 4;
inline uint64_t derive_seed(uint64_t seed, uint64_t index, uint64_t salt) {
  const uint64_t in[2] = {index, salt};
  return XXH3_64bits_withSeed(in, sizeof in, seed);
}

// ---- UTF-8 -------------------------------------------------------------------------------

// Decodes the code point at s[i] (valid UTF-8 assumed: the generator only sees its own text)
// and advances i.
inline char32_t utf8_next(std::string_view s, size_t& i) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) return s[i++];
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x3F >> (len - 1));
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  i += len;
  return cp;
}

inline void utf8_append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Kazakh letters outside the Russian alphabet come in (upper, lower) pairs U+04xx.
inline constexpr std::array<char32_t, 8> kKazakhUpper = {0x492, 0x49A, 0x4A2, 0x4AE,
                                                         0x4B0, 0x4BA, 0x4D8, 0x4E8};

inline char32_t to_upper(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 0x20;
  if (c >= 0x450 && c <= 0x45F) return c - 0x50;  // ё і ...
  for (char32_t u : kKazakhUpper)
    if (c == u + 1) return u;
  return c;
}
inline char32_t to_lower(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  for (char32_t u : kKazakhUpper)
    if (c == u) return u + 1;
  return c;
}
inline bool is_letter(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0x400 && c <= 0x4FF);
}

// Appends `word` with its first letter upper-cased.
inline void append_capitalized(std::string& out, std::string_view word) {
  size_t i = 0;
  if (word.empty()) return;
  utf8_append(out, to_upper(utf8_next(word, i)));
  out.append(word.substr(i));
}

// ---- Report plans -----------------------------------------------------------------------

struct PlanOptions {
  int min_words = 150;  // body length is uniform in [min_words, max_words]
  int max_words = 600;
  double date_frac = 0.6;               // reports with a date line under the title
  double bullet_frac = 0.05;            // reports ending with their lead repeated as two bullets
  double within_frac = 0.03;            // reports with one paragraph appearing three times
  double boilerplate_frac = 0.2;        // reports with one or two standard footer blocks
  double near_boilerplate_frac = 0.03;  // reports with a footer that has one word changed
};

struct Block {
  int index = 0;     // which of the language's boilerplate blocks
  std::string text;  // the block, or its one-word variant
  bool near = false;
};

// A report before rendering: near-duplicates edit the plan, then render it with the same
// planted structure so that passage offsets stay exact.
struct ReportPlan {
  Language lang = Language::kEnglish;
  std::string title;
  std::string date;                          // empty: no date line
  std::vector<std::string> paras;            // paras[0] is the lead (at least two sentences)
  int repeat_para = -1;                      // within-repeat: this paragraph appears twice more...
  std::array<int, 2> repeat_after = {0, 0};  // ...right after these paragraphs (>= repeat_para)
  bool bullets = false;
  std::vector<Block> blocks;
};

// Text for one language: Zipf-Mandelbrot words (s = 1, q = 10 over the frequency-ordered list,
// so the commonest word is ~2.5% of tokens, close to English "the" minus its article share) with
// place names, organisations and numbers mixed in at news-like rates.
class ReportWriter {
 public:
  explicit ReportWriter(Language lang) : lang_(lang), src_(language_words(lang)) {
    auto expand = [](const std::vector<std::string_view>& in) {
      std::vector<std::string> out;
      for (std::string_view w : in) {
        std::string s(w);
        std::replace(s.begin(), s.end(), '_', ' ');
        out.push_back(std::move(s));
      }
      return out;
    };
    words_ = expand(src_.words);
    places_ = expand(src_.places);
    orgs_ = expand(src_.orgs);
    units_ = expand(src_.units);
    std::vector<double> cdf(words_.size());
    double total = 0;
    for (size_t r = 0; r < words_.size(); ++r)
      cdf[r] = total += 1.0 / (static_cast<double>(r) + 10.0);
    for (size_t k = 0; k < kZipfTable; ++k) {
      const double u = (static_cast<double>(k) + 0.5) / kZipfTable * total;
      zipf_[k] = static_cast<uint16_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    }
  }

  Language lang() const { return lang_; }
  const LanguageWords& source() const { return src_; }
  const std::string& random_word(Rng& rng) const { return words_[zipf_[rng.below(kZipfTable)]]; }

  ReportPlan plan(Rng& rng, const PlanOptions& opt) const {
    ReportPlan p;
    p.lang = lang_;
    title(rng, p.title);
    if (rng.chance(opt.date_frac)) date(rng, p.date);
    const int target = rng.between(opt.min_words, opt.max_words);
    int words = 0;
    std::string para;
    const int lead_sentences = rng.between(2, 3);
    for (int s = 0; s < lead_sentences; ++s) {
      if (s) para.push_back(' ');
      sentence(rng, rng.between(10, 22), para, words);
    }
    p.paras.push_back(std::move(para));
    while (words < target) {
      para.clear();
      const int count = rng.between(2, 5);
      for (int s = 0; s < count && words < target; ++s) {
        if (s) para.push_back(' ');
        sentence(rng, rng.between(8, 22), para, words);
      }
      p.paras.push_back(para);
    }
    p.bullets = rng.chance(opt.bullet_frac);
    const int np = static_cast<int>(p.paras.size());
    if (np >= 2 && rng.chance(opt.within_frac)) {
      p.repeat_para = rng.between(1, np - 1);
      p.repeat_after[0] = rng.between(p.repeat_para, np - 1);
      p.repeat_after[1] = rng.between(p.repeat_after[0], np - 1);
    }
    if (rng.chance(opt.boilerplate_frac)) {
      const int first = rng.between(0, 2);
      p.blocks.push_back(standard_block(first));
      if (rng.chance(0.3)) p.blocks.push_back(standard_block((first + rng.between(1, 2)) % 3));
    }
    if (rng.chance(opt.near_boilerplate_frac))
      p.blocks.push_back(near_block(rng, rng.between(0, 2)));
    return p;
  }

  Block standard_block(int index) const {
    return Block{index, std::string(src_.boilerplate[index]), false};
  }

  // The block with one word (never its first, the "Share:"-style label) replaced by another
  // single word.
  Block near_block(Rng& rng, int index) const {
    std::string_view text = src_.boilerplate[index];
    std::vector<std::string_view> tokens = split_words(text);
    const size_t k = 1 + rng.below(static_cast<uint32_t>(tokens.size() - 1));
    std::string_view old = tokens[k];
    size_t core = old.size();
    while (core > 0 && (old[core - 1] == '.' || old[core - 1] == ',')) --core;
    std::string replacement;
    do {
      replacement = random_word(rng);
    } while (replacement == old.substr(0, core) || replacement.find(' ') != std::string::npos);
    Block b{index, {}, true};
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (t) b.text.push_back(' ');
      if (t == k) {
        b.text += replacement;
        b.text += old.substr(core);
      } else {
        b.text += tokens[t];
      }
    }
    return b;
  }

 private:
  static constexpr size_t kZipfTable = 4096;
  static constexpr size_t kFunctionWords = 30;  // every list starts with at least this many

  // Headline: content words (past the function words at the head of the list), often led by
  // a place or an organisation; no final full stop.
  void title(Rng& rng, std::string& out) const {
    const int count = rng.between(5, 9);
    const uint32_t r = rng.below(10);
    if (r < 2) {
      out += places_[rng.below(static_cast<uint32_t>(places_.size()))];
      out += ':';
    } else if (r < 4) {
      append_capitalized(out, orgs_[rng.below(static_cast<uint32_t>(orgs_.size()))]);
    }
    for (int w = 0; w < count; ++w) {
      const std::string& word =
          words_[kFunctionWords + rng.below(static_cast<uint32_t>(words_.size() - kFunctionWords))];
      if (out.empty()) {
        append_capitalized(out, word);
      } else {
        out.push_back(' ');
        out += word;
      }
    }
  }

  // Appends one sentence of about `count` words ending in '.', counting words into `words`.
  void sentence(Rng& rng, int count, std::string& out, int& words) const {
    for (int w = 0; w < count; ++w) {
      if (w) out.push_back(' ');
      const uint32_t r = rng.below(1000);
      if (r < 40) {
        out += places_[rng.below(static_cast<uint32_t>(places_.size()))];
      } else if (r < 65) {
        const std::string& org = orgs_[rng.below(static_cast<uint32_t>(orgs_.size()))];
        if (w == 0) {
          append_capitalized(out, org);
        } else {
          out += org;
        }
      } else if (r < 95) {
        number(rng, out);
      } else if (w == 0) {
        append_capitalized(out, random_word(rng));
      } else {
        out += random_word(rng);
      }
      if (w + 1 < count && rng.below(100) < 6) out.push_back(',');
    }
    out.push_back('.');
    words += count;
  }

  void number(Rng& rng, std::string& out) const {
    const uint32_t kind = rng.below(4);
    char buf[32];
    if (kind == 0) {  // a plain count
      std::snprintf(buf, sizeof buf, "%u", 2 + rng.below(998));
      out += buf;
    } else if (kind == 1) {  // a decimal with a unit
      std::snprintf(buf, sizeof buf, lang_ == Language::kEnglish ? "%u.%u" : "%u,%u",
                    rng.below(100), rng.below(10));
      out += buf;
      out.push_back(' ');
      out += units_[rng.below(static_cast<uint32_t>(units_.size()))];
    } else if (kind == 2) {  // a large figure with a unit
      std::snprintf(buf, sizeof buf, lang_ == Language::kEnglish ? "%u,%03u" : "%u%03u",
                    1 + rng.below(99), rng.below(1000));
      out += buf;
      out.push_back(' ');
      out += units_[rng.below(static_cast<uint32_t>(units_.size()))];
    } else {  // a year
      std::snprintf(buf, sizeof buf, "%u", 2010 + rng.below(15));
      out += buf;
    }
  }

  void date(Rng& rng, std::string& out) const {
    const unsigned day = 1 + rng.below(28);
    const unsigned year = 2015 + rng.below(10);
    std::string_view month = src_.months[rng.below(12)];
    char buf[64];
    if (lang_ == Language::kEnglish) {
      std::snprintf(buf, sizeof buf, "%u %.*s %u", day, static_cast<int>(month.size()),
                    month.data(), year);
    } else if (lang_ == Language::kRussian) {
      std::snprintf(buf, sizeof buf, "%u %.*s %u года", day, static_cast<int>(month.size()),
                    month.data(), year);
    } else {
      std::snprintf(buf, sizeof buf, "%u жылғы %u %.*s", year, day, static_cast<int>(month.size()),
                    month.data());
    }
    out += buf;
  }

  Language lang_;
  const LanguageWords& src_;
  std::vector<std::string> words_, places_, orgs_, units_;
  std::array<uint16_t, kZipfTable> zipf_{};
};

// ---- Exact-duplicate transforms -----------------------------------------------------------

// Changes that normalised matching (NFKC + case folding, punctuation and whitespace ignored)
// must not see. Applied piece by piece so that planted passages keep known offsets.
enum ExactOp : unsigned {
  kCase = 1,
  kFullwidth = 2,
  kLigature = 4,
  kWhitespace = 8,
  kPunctuation = 16,
};
inline constexpr std::array<std::string_view, 5> kExactOpNames = {"case", "fullwidth", "ligature",
                                                                  "whitespace", "punctuation"};

class ExactTransform {
 public:
  explicit ExactTransform(uint64_t seed) : rng_(seed) {
    ops_ = rng_.below(32);
    // Case or whitespace changes always alter the bytes of a report; make sure one is on.
    if (!(ops_ & (kCase | kWhitespace))) ops_ |= rng_.chance(0.5) ? kCase : kWhitespace;
    case_mode_ = rng_.below(4);
  }
  unsigned ops() const { return ops_; }

  void apply(std::string_view in, std::string& out) {
    std::string a(in), b;
    if (ops_ & kCase) change_case(a, b), a.swap(b);
    if (ops_ & kLigature) ligatures(a, b), a.swap(b);
    if (ops_ & kFullwidth) fullwidth(a, b), a.swap(b);
    if (ops_ & kPunctuation) punctuation(a, b), a.swap(b);
    if (ops_ & kWhitespace) whitespace(a, b), a.swap(b);
    out += a;
  }

 private:
  // Modes: all upper, all lower, some words upper, every word capitalised.
  void change_case(std::string_view s, std::string& out) {
    out.clear();
    bool prev_letter = false, word_upper = false;
    for (size_t i = 0; i < s.size();) {
      const char32_t c = utf8_next(s, i);
      const bool letter = is_letter(c);
      if (letter && !prev_letter) word_upper = rng_.chance(0.2);
      char32_t d = c;
      if (case_mode_ == 0) d = to_upper(c);
      if (case_mode_ == 1) d = to_lower(c);
      if (case_mode_ == 2 && word_upper) d = to_upper(c);
      if (case_mode_ == 3 && letter && !prev_letter) d = to_upper(c);
      utf8_append(out, d);
      prev_letter = letter;
    }
  }
  void ligatures(std::string_view s, std::string& out) {
    out.clear();
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == 'f' && i + 1 < s.size() &&
          (s[i + 1] == 'i' || s[i + 1] == 'l' || s[i + 1] == 'f') && rng_.chance(0.6)) {
        utf8_append(out, s[i + 1] == 'i' ? 0xFB01 : s[i + 1] == 'l' ? 0xFB02 : 0xFB00);
        ++i;
      } else {
        out.push_back(s[i]);
      }
    }
  }
  void fullwidth(std::string_view s, std::string& out) {
    out.clear();
    for (char ch : s) {
      const bool alnum =
          (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
      if (alnum && rng_.chance(0.15)) {
        utf8_append(out, static_cast<char32_t>(ch) + 0xFEE0);
      } else {
        out.push_back(ch);
      }
    }
  }
  // Only touches punctuation that is followed by a space, so numbers ("1,250", "3.5") and
  // tokens keep their form.
  void punctuation(std::string_view s, std::string& out) {
    out.clear();
    for (size_t i = 0; i < s.size();) {
      const bool before_space = i + 1 < s.size() && s[i + 1] == ' ';
      if (s[i] == ',' && before_space && rng_.chance(0.5)) {
        ++i;
        continue;
      }
      if (s[i] == '.' && before_space && rng_.chance(0.3)) {
        out += rng_.chance(0.5) ? "!" : "...";
        ++i;
        continue;
      }
      const size_t start = i;
      const char32_t c = utf8_next(s, i);
      out.append(s.substr(start, i - start));
      if (is_letter(c) && i < s.size() && s[i] == ' ' && rng_.chance(0.03)) out.push_back(',');
    }
  }
  void whitespace(std::string_view s, std::string& out) {
    out.clear();
    for (char ch : s) {
      if (ch == ' ') {
        const uint32_t r = rng_.below(100);
        if (r < 15) {
          out += "\u00A0";
        } else if (r < 20) {
          out.push_back('\t');
        } else if (r < 25) {
          out += "  ";
        } else {
          out.push_back(' ');
        }
      } else if (ch == '\n') {
        const uint32_t r = rng_.below(100);
        if (r < 10) out.push_back(' ');
        out.push_back('\n');
        if (r >= 10 && r < 40) out.push_back('\n');
      } else {
        out.push_back(ch);
      }
    }
  }

  Rng rng_;
  unsigned ops_ = 0;
  uint32_t case_mode_ = 0;
};

// ---- Near-duplicate edits -----------------------------------------------------------------

struct NearEdits {
  double edit_rate = 0;  // target probability of an edit per word
  int substitutions = 0;
  int insertions = 0;
  int deletions = 0;
  bool reordered = false;                 // two non-lead paragraphs swapped
  std::string_view boilerplate = "none";  // "added", "removed" or "none"
};

// Edits the body of `plan` in place: each word is, with probability edit_rate, replaced,
// deleted or followed by an inserted word; then maybe two paragraphs swap and a footer block
// comes or goes. At least one word edit is always made. Sentence ends are never deleted, so
// the lead keeps its sentence boundaries (needed to re-plant the bullet repeat).
inline NearEdits edit_plan(const ReportWriter& writer, Rng& rng, double edit_rate,
                           ReportPlan& plan) {
  NearEdits e;
  e.edit_rate = edit_rate;
  auto ends_sentence = [](std::string_view t) {
    return !t.empty() && (t.back() == '.' || t.back() == ',');
  };
  auto substitute = [&](std::string_view tok, std::string& out) {
    size_t core = tok.size();
    while (core > 0 && (tok[core - 1] == '.' || tok[core - 1] == ',')) --core;
    out += writer.random_word(rng);
    out += tok.substr(core);
  };
  for (std::string& para : plan.paras) {
    std::vector<std::string_view> tokens = split_words(para);
    std::string out;
    out.reserve(para.size() + 16);
    for (std::string_view tok : tokens) {
      const size_t before = out.size();
      if (before) out.push_back(' ');
      if (!rng.chance(edit_rate)) {
        out += tok;
        continue;
      }
      const uint32_t op = rng.below(3);
      if (op == 0 || (op == 1 && (ends_sentence(tok) || tokens.size() < 4))) {
        substitute(tok, out);
        ++e.substitutions;
      } else if (op == 1) {
        out.resize(before);
        ++e.deletions;
      } else {
        out += tok;
        out.push_back(' ');
        out += writer.random_word(rng);
        ++e.insertions;
      }
    }
    para.swap(out);
  }
  if (e.substitutions + e.insertions + e.deletions == 0) {
    std::string& para = plan.paras[rng.below(static_cast<uint32_t>(plan.paras.size()))];
    std::vector<std::string_view> tokens = split_words(para);
    const size_t k = rng.below(static_cast<uint32_t>(tokens.size()));
    std::string out;
    for (size_t t = 0; t < tokens.size(); ++t) {
      if (t) out.push_back(' ');
      if (t == k) {
        substitute(tokens[t], out);
      } else {
        out += tokens[t];
      }
    }
    para.swap(out);
    ++e.substitutions;
  }
  const int np = static_cast<int>(plan.paras.size());
  if (np >= 3 && rng.chance(0.3)) {
    const int a = rng.between(1, np - 1);
    int b = rng.between(1, np - 2);
    if (b >= a) ++b;
    std::swap(plan.paras[a], plan.paras[b]);
    e.reordered = true;
  }
  if (rng.chance(0.3)) {
    if (!plan.blocks.empty()) {
      plan.blocks.pop_back();
      e.boilerplate = "removed";
    } else {
      plan.blocks.push_back(writer.standard_block(rng.between(0, 2)));
      e.boilerplate = "added";
    }
  }
  return e;
}

// ---- Word 5-shingle Jaccard -------------------------------------------------------------

// Sorted, unique hashes of the 5-word shingles of `text`: words are whitespace-separated
// tokens with surrounding ASCII punctuation and bullets stripped (case kept).
inline std::vector<uint64_t> word_shingles(std::string_view text) {
  std::vector<uint64_t> words;
  size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t'; };
  auto is_punct = [](char c) { return c == '.' || c == ',' || c == ':' || c == '!' || c == '?'; };
  while (i < text.size()) {
    while (i < text.size() && is_space(text[i])) ++i;
    size_t j = i;
    while (j < text.size() && !is_space(text[j])) ++j;
    size_t b = i, e = j;
    while (b < e && is_punct(text[b])) ++b;
    while (e > b && is_punct(text[e - 1])) --e;
    std::string_view w = text.substr(b, e - b);
    if (!w.empty() && w != "\u2022") words.push_back(XXH3_64bits(w.data(), w.size()));
    i = j;
  }
  constexpr size_t kShingle = 5;
  std::vector<uint64_t> out;
  if (words.size() < kShingle) {
    if (!words.empty()) out.push_back(XXH3_64bits(words.data(), words.size() * sizeof(uint64_t)));
    return out;
  }
  for (size_t k = 0; k + kShingle <= words.size(); ++k)
    out.push_back(XXH3_64bits(&words[k], kShingle * sizeof(uint64_t)));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

inline double jaccard(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  size_t inter = 0, i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++inter, ++i, ++j;
    }
  }
  const size_t uni = a.size() + b.size() - inter;
  return uni == 0 ? 1.0 : static_cast<double>(inter) / static_cast<double>(uni);
}

}  // namespace docsift::detail
