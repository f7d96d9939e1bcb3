// Runs the gen_corpus program and checks its corpus and ground truth with independent readers:
// determinism, counts, JSON/UTF-8 validity, planted passage offsets, exact duplicates that
// differ in bytes but fold to the same words, and the recorded near-duplicate Jaccard.

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "tools_test_util.h"

namespace docsift::testing_tools {
namespace {

namespace fs = std::filesystem;

struct Corpus {
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::string> text;  // id -> text
  std::vector<Json> docs;                             // truth document lines, in order
  std::vector<Json> passages;                         // truth passage objects
};

// High planting rates so that a small corpus has every kind.
constexpr const char* kRichOptions =
    " --exact-frac 0.2 --near-frac 0.2 --bullet-frac 0.3 --within-frac 0.3"
    " --boilerplate-frac 0.5 --near-boilerplate-frac 0.3 --min-words 60 --max-words 200";

int generate(const fs::path& dir, const std::string& args) {
  return run_command(binary("gen_corpus") + " " + args + " --output " +
                     (dir / "docs.jsonl").string() + " --truth " + (dir / "truth.jsonl").string() +
                     " 2>/dev/null");
}

Corpus load(const fs::path& dir) {
  Corpus c;
  for (const std::string& line : read_lines(dir / "docs.jsonl")) {
    Json j;
    EXPECT_TRUE(JsonParser::parse(line, j)) << line.substr(0, 200);
    EXPECT_EQ(j.type, Json::Type::kObject);
    EXPECT_EQ(j.object.size(), 2u);
    EXPECT_EQ(j.at("id").type, Json::Type::kString);
    EXPECT_EQ(j.at("text").type, Json::Type::kString);
    c.ids.push_back(j.at("id").str);
    c.text[j.at("id").str] = j.at("text").str;
  }
  for (const std::string& line : read_lines(dir / "truth.jsonl")) {
    Json j;
    EXPECT_TRUE(JsonParser::parse(line, j)) << line;
    if (const Json* p = j.find("passage")) {
      c.passages.push_back(*p);
    } else {
      c.docs.push_back(j);
    }
  }
  return c;
}

// Reference folding for exact-duplicate checks: full-width ASCII and Latin ligatures
// decomposed, Latin and Cyrillic (with Kazakh letters) lower-cased, and everything that is not
// a letter or digit treated as a word separator. Returns the words joined by ' '.
std::string fold_words(std::string_view s) {
  std::u32string cps;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = len == 1 ? c : c & (0x3F >> (len - 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    if (cp == 0xFB00)
      cps += U"ff";
    else if (cp == 0xFB01)
      cps += U"fi";
    else if (cp == 0xFB02)
      cps += U"fl";
    else
      cps.push_back(cp);
  }
  static const std::pair<char32_t, char32_t> kKazakh[] = {
      {0x492, 0x493}, {0x49A, 0x49B}, {0x4A2, 0x4A3}, {0x4AE, 0x4AF},
      {0x4B0, 0x4B1}, {0x4BA, 0x4BB}, {0x4D8, 0x4D9}, {0x4E8, 0x4E9}};
  std::string out;
  bool in_word = false;
  for (char32_t cp : cps) {
    if (cp >= 'A' && cp <= 'Z') cp += 32;
    if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
    if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
    for (auto [up, low] : kKazakh)
      if (cp == up) cp = low;
    const bool word =
        (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 0x430 && cp <= 0x4FF);
    if (!word) {
      in_word = false;
      continue;
    }
    if (!in_word && !out.empty()) out.push_back(' ');
    in_word = true;
    // Re-encode (all folded code points are below U+0800).
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i <= s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    out.push_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

// Reference word 5-shingle Jaccard, as the truth file defines it: whitespace-separated words,
// ASCII . , : ! ? stripped at both ends, bullets dropped, case kept.
double reference_jaccard(std::string_view a, std::string_view b) {
  auto shingles = [](std::string_view t) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
      size_t x = 0, y = cur.size();
      auto punct = [](char c) { return c == '.' || c == ',' || c == ':' || c == '!' || c == '?'; };
      while (x < y && punct(cur[x])) ++x;
      while (y > x && punct(cur[y - 1])) --y;
      std::string w = cur.substr(x, y - x);
      if (!w.empty() && w != "\u2022") words.push_back(w);
      cur.clear();
    };
    for (char c : t) {
      if (c == ' ' || c == '\n' || c == '\t') {
        flush();
      } else {
        cur.push_back(c);
      }
    }
    flush();
    std::set<std::vector<std::string>> out;
    for (size_t k = 0; k + 5 <= words.size(); ++k)
      out.insert({words.begin() + k, words.begin() + k + 5});
    return out;
  };
  const auto sa = shingles(a), sb = shingles(b);
  size_t inter = 0;
  for (const auto& s : sa) inter += sb.count(s);
  return static_cast<double>(inter) / static_cast<double>(sa.size() + sb.size() - inter);
}

TEST(GenCorpus, SameSeedSameBytesOtherSeedOtherBytes) {
  const fs::path a = fresh_dir("det_a"), b = fresh_dir("det_b"), c = fresh_dir("det_c");
  ASSERT_EQ(generate(a, "--docs 80 --seed 11 --threads 1"), 0);
  ASSERT_EQ(generate(b, "--docs 80 --seed 11 --threads 2"), 0);
  ASSERT_EQ(generate(c, "--docs 80 --seed 12"), 0);
  EXPECT_EQ(read_file(a / "docs.jsonl"), read_file(b / "docs.jsonl"));
  EXPECT_EQ(read_file(a / "truth.jsonl"), read_file(b / "truth.jsonl"));
  EXPECT_NE(read_file(a / "docs.jsonl"), read_file(c / "docs.jsonl"));
  EXPECT_FALSE(read_file(a / "docs.jsonl").empty());
}

TEST(GenCorpus, DocumentsAndTruthAreConsistent) {
  const uint64_t seed = 21;
  SCOPED_TRACE("seed " + std::to_string(seed));
  const fs::path dir = fresh_dir("consistent");
  ASSERT_EQ(generate(dir, "--docs 150 --seed " + std::to_string(seed) + kRichOptions), 0);
  const Corpus c = load(dir);
  ASSERT_EQ(c.ids.size(), 150u);
  ASSERT_EQ(c.docs.size(), 150u);
  std::set<std::string> langs;
  int kinds[3] = {0, 0, 0};
  std::unordered_map<std::string, const Json*> doc_of;
  for (size_t i = 0; i < c.ids.size(); ++i) {
    char want[32];
    std::snprintf(want, sizeof want, "doc-%06zu", i + 1);
    EXPECT_EQ(c.ids[i], want);
    EXPECT_TRUE(valid_utf8(c.text.at(c.ids[i])));
    const Json& d = c.docs[i];
    EXPECT_EQ(d.at("id").str, c.ids[i]);
    doc_of[c.ids[i]] = &d;
    langs.insert(d.at("lang").str);
    const std::string& kind = d.at("kind").str;
    if (kind == "original") {
      ++kinds[0];
      EXPECT_TRUE(d.at("source").is_null());
      EXPECT_EQ(d.at("group").number, static_cast<double>(i + 1));
      continue;
    }
    ASSERT_TRUE(kind == "exact" || kind == "near") << kind;
    ++kinds[kind == "exact" ? 1 : 2];
    // The source is an earlier original in the same group.
    const std::string& src = d.at("source").str;
    ASSERT_TRUE(doc_of.count(src)) << c.ids[i] << " copies later or unknown " << src;
    EXPECT_EQ(doc_of[src]->at("kind").str, "original");
    EXPECT_EQ(doc_of[src]->at("group").number, d.at("group").number);
    const std::string& text = c.text.at(c.ids[i]);
    const std::string& source_text = c.text.at(src);
    EXPECT_NE(text, source_text) << c.ids[i];
    if (kind == "exact") {
      EXPECT_EQ(fold_words(text), fold_words(source_text)) << c.ids[i];
      EXPECT_FALSE(d.at("transforms").array.empty());
    } else {
      EXPECT_NE(fold_words(text), fold_words(source_text)) << c.ids[i];
      const double rate = d.at("edit_rate").number;
      EXPECT_GE(rate, 0.005 - 1e-4);
      EXPECT_LE(rate, 0.08 + 1e-4);
      EXPECT_NEAR(d.at("jaccard").number, reference_jaccard(source_text, text), 1e-4) << c.ids[i];
      const Json& ops = d.at("ops");
      EXPECT_GE(ops.at("substitute").number + ops.at("insert").number + ops.at("delete").number, 1);
    }
  }
  EXPECT_GT(kinds[1], 5);
  EXPECT_GT(kinds[2], 5);
  EXPECT_EQ(langs, (std::set<std::string>{"en", "ru", "kk"}));
}

TEST(GenCorpus, PlantedPassageOffsetsSliceTheRightText) {
  const uint64_t seed = 33;
  SCOPED_TRACE("seed " + std::to_string(seed));
  const fs::path dir = fresh_dir("passages");
  ASSERT_EQ(generate(dir, "--docs 150 --seed " + std::to_string(seed) + kRichOptions), 0);
  const Corpus c = load(dir);
  std::unordered_map<std::string, std::string> kind_of;
  for (const Json& d : c.docs) kind_of[d.at("id").str] = d.at("kind").str;
  std::map<std::string, std::set<std::string>> boilerplate;  // label -> texts (non-exact docs)
  std::vector<std::pair<std::string, std::string>> near_variants;
  std::map<std::string, int> seen;
  for (const Json& p : c.passages) {
    const std::string& id = p.at("id").str;
    const std::string& text = c.text.at(id);
    const auto start = static_cast<size_t>(p.at("start").number);
    const auto end = static_cast<size_t>(p.at("end").number);
    ASSERT_LT(start, end);
    ASSERT_LE(end, text.size());
    const std::string slice = text.substr(start, end - start);
    ASSERT_TRUE(valid_utf8(slice)) << id;  // offsets fall on character boundaries
    const std::string& kind = p.at("kind").str;
    ++seen[kind];
    const bool exact = kind_of[id] == "exact";
    SCOPED_TRACE(id + " " + kind);
    if (kind == "bullet-repeat" || kind == "within-repeat") {
      const auto src_start = static_cast<size_t>(p.at("source_start").number);
      const auto src_end = static_cast<size_t>(p.at("source_end").number);
      ASSERT_LT(src_end, start);
      const std::string source = text.substr(src_start, src_end - src_start);
      if (exact) {
        EXPECT_EQ(fold_words(slice), fold_words(source));
      } else {
        EXPECT_EQ(slice, source);
      }
      if (kind == "bullet-repeat" && !exact) {
        EXPECT_EQ(text.substr(start - 6, 6), "  \u2022 ");  // a bullet line
        // The two bullets together are the lead: the first paragraph after the header.
        const size_t lead_start = text.find("\n\n") + 2;
        const size_t lead_end = text.find("\n\n", lead_start);
        EXPECT_GE(src_start, lead_start);
        EXPECT_LE(src_end, lead_end);
        EXPECT_TRUE(src_start == lead_start || src_end == lead_end);
      }
      if (kind == "within-repeat" && !exact) {
        // A whole paragraph.
        EXPECT_EQ(text.substr(src_start - 2, 2), "\n\n");
        EXPECT_EQ(text.substr(start - 2, 2), "\n\n");
        EXPECT_TRUE(end == text.size() || text.substr(end, 2) == "\n\n");
      }
    } else if (kind == "boilerplate" || kind == "near-boilerplate") {
      ASSERT_TRUE(p.find("block"));
      if (exact) continue;
      if (kind == "boilerplate") {
        boilerplate[p.at("block").str].insert(slice);
      } else {
        near_variants.emplace_back(p.at("block").str, slice);
      }
    } else {
      ADD_FAILURE() << "unknown passage kind " << kind;
    }
  }
  for (const char* kind : {"bullet-repeat", "within-repeat", "boilerplate", "near-boilerplate"})
    EXPECT_GT(seen[kind], 3) << kind;
  // A boilerplate block is the same text wherever it is pasted.
  for (const auto& [label, texts] : boilerplate) EXPECT_EQ(texts.size(), 1u) << label;
  // A near-boilerplate block differs from its block in exactly one word.
  int compared = 0;
  for (const auto& [label, variant] : near_variants) {
    if (!boilerplate.count(label)) continue;
    auto a = split_spaces(*boilerplate[label].begin()), b = split_spaces(variant);
    ASSERT_EQ(a.size(), b.size()) << label;
    int diff = 0;
    for (size_t k = 0; k < a.size(); ++k) diff += a[k] != b[k];
    EXPECT_EQ(diff, 1) << label << ": " << variant;
    ++compared;
  }
  EXPECT_GT(compared, 0);
}

TEST(GenCorpus, BulletsRepeatTheLeadInTextDirectories) {
  const fs::path dir = fresh_dir("textdir");
  const std::string args = "--docs 12 --seed 5 --bullet-frac 0.5";
  ASSERT_EQ(run_command(binary("gen_corpus") + " " + args + " --format text-dir --output " +
                        (dir / "reports").string() + " --truth " +
                        (dir / "dir_truth.jsonl").string() + " 2>/dev/null"),
            0);
  ASSERT_EQ(generate(dir, args), 0);
  const Corpus c = load(dir);
  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "reports")) {
    ++files;
    const std::string name = entry.path().filename().string();
    ASSERT_EQ(name.size(), std::string("doc-000001.txt").size()) << name;
    // Same text as the JSONL document of the same number.
    EXPECT_EQ(read_file(entry.path()), c.text.at(name.substr(0, name.size() - 4))) << name;
  }
  EXPECT_EQ(files, 12u);
  int bullets = 0;
  for (const std::string& line : read_lines(dir / "dir_truth.jsonl")) {
    Json j;
    ASSERT_TRUE(JsonParser::parse(line, j));
    if (const Json* p = j.find("passage")) {
      EXPECT_EQ(p->at("id").str.substr(p->at("id").str.size() - 4), ".txt");
      if (p->at("kind").str == "bullet-repeat") ++bullets;
    } else {
      EXPECT_EQ(j.at("id").str.substr(j.at("id").str.size() - 4), ".txt");
    }
  }
  EXPECT_GT(bullets, 0);
}

TEST(GenCorpus, BytesTargetStopsAtTheFirstDocumentPastIt) {
  const fs::path dir = fresh_dir("bytes");
  ASSERT_EQ(run_command(binary("gen_corpus") + " --bytes 64k --seed 3 --output " +
                        (dir / "docs.jsonl").string() + " 2>/dev/null"),
            0);
  const std::vector<std::string> lines = read_lines(dir / "docs.jsonl");
  ASSERT_FALSE(lines.empty());
  const size_t total = read_file(dir / "docs.jsonl").size();
  EXPECT_GE(total, 64u * 1024);
  EXPECT_LT(total - lines.back().size() - 1, 64u * 1024);
}

TEST(GenCorpus, RejectsBadOptions) {
  const fs::path dir = fresh_dir("bad");
  EXPECT_NE(generate(dir, "--docs 5 --langs en,fr"), 0);
  EXPECT_NE(generate(dir, "--docs 5 --langs en,ru --lang-weights 1"), 0);
  EXPECT_NE(generate(dir, "--bytes 12Q"), 0);
  EXPECT_NE(generate(dir, "--docs 5 --exact-frac 0.7 --near-frac 0.6"), 0);
}

}  // namespace
}  // namespace docsift::testing_tools
