// Short-line boilerplate (passages/line_boilerplate.h): the key rules on hand-made lines, and a
// differential test of LineIndex + LineDecider against the brute-force reference
// (tests/reference/line_boilerplate_reference.h) on seeded random corpora drawn from a small pool
// of lines (so they recur in varying numbers of documents), with digit, case and whitespace
// variants, blank lines and lines of fewer than two letters, over thread counts and batch sizes.

#include "passages/line_boilerplate.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "reference/line_boilerplate_reference.h"

namespace docsift {
namespace {

TEST(LineKey, FoldsDigitsCaseAndSpaces) {
  EXPECT_EQ(line_key_text("  Read more: https://x.ru/news/48213  "),
            "read more: https://x.ru/news/0");
  EXPECT_EQ(line_key_text("Read   MORE:\thttps://x.ru/news/7"), "read more: https://x.ru/news/0");
  EXPECT_EQ(line_key_text("Поделиться\u00a0 Facebook\r"), "Поделиться facebook");
  EXPECT_EQ(line_key_text(" \t "), "");
  EXPECT_EQ(line_key_text("1.2.2024"), "0.0.0");
}

TEST(LineKey, LettersAndWords) {
  EXPECT_EQ(line_letters("VK OK"), 4u);
  EXPECT_EQ(line_letters("12.03.2024, 20:14"), 0u);
  EXPECT_EQ(line_letters("Ъ"), 1u);
  EXPECT_EQ(line_words("Subscribe | Send us news"), 4u);
  EXPECT_EQ(line_words("#новости #Москва"), 2u);
  EXPECT_EQ(line_words("Поделиться"), 1u);
}

TEST(LineKey, DocsNeeded) {
  EXPECT_EQ(docs_needed(1, 10), 100u);
  EXPECT_EQ(docs_needed(2, 10), 20u);
  EXPECT_EQ(docs_needed(3, 10), 14u);
  EXPECT_EQ(docs_needed(4, 10), 10u);
  EXPECT_EQ(docs_needed(40, 10), 10u);
  EXPECT_EQ(docs_needed(3, 2), 3u);
}

TEST(LineKey, ScanTrimsAndPairs) {
  std::vector<ScannedLine> lines;
  scan_lines("  Hello world \n\n--\nx\nShare it\n", lines);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].begin, 2u);
  EXPECT_EQ(lines[0].end, 13u);
  EXPECT_FALSE(lines[0].has_pair);
  EXPECT_TRUE(lines[1].has_pair);  // blank and letterless lines between are skipped
  EXPECT_EQ(lines[1].words, 2u);
}

std::vector<std::string> random_corpus(std::mt19937_64& rng, size_t num_docs) {
  const std::vector<std::string> pool = {"Share",
                                         "Поделиться",
                                         "Facebook LinkedIn Twitter VK OK",
                                         "Subscribe | Send us news",
                                         "Read more: https://x.ru/news/123",
                                         "#news",
                                         "#news #Moscow",
                                         "Moscow, Russia",
                                         "Photo: Reuters",
                                         "Three word line",
                                         "a",
                                         "--",
                                         "42",
                                         "Ъ",
                                         "Х Ъ"};
  std::vector<std::string> out;
  for (size_t d = 0; d < num_docs; ++d) {
    std::string text = "Unique title " + std::to_string(d) + " zq" + std::to_string(rng() % 1000);
    const int lines = static_cast<int>(rng() % 7);
    for (int k = 0; k < lines; ++k) {
      text += rng() % 4 == 0 ? "\n\n" : "\n";
      // Skewed: the first lines of the pool are drawn most often.
      const size_t i = std::min<size_t>(rng() % pool.size(), rng() % pool.size());
      std::string line = pool[i];
      switch (rng() % 6) {
        case 0:
          for (char& c : line) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
          break;
        case 1:
          line = "  " + line + " \t";
          break;
        case 2:
          for (char& c : line)
            if (c >= '0' && c <= '9') c = static_cast<char>('0' + rng() % 10);
          line += std::to_string(rng() % 3);  // "Share7": another line unless it had digits
          break;
        case 3:
          if (rng() % 2) line += " " + std::to_string(rng() % 100000);
          break;
        default:
          break;
      }
      text += line;
    }
    if (rng() % 3 == 0) text += "\n";
    out.push_back(std::move(text));
  }
  return out;
}

TEST(LineBoilerplate, MatchesReference) {
  for (uint64_t seed : {1, 2, 3, 4, 5, 6}) {
    std::mt19937_64 rng(seed);
    const size_t num_docs = 20 + rng() % 100;
    const std::vector<std::string> docs = random_corpus(rng, num_docs);
    for (unsigned min_docs : {2u, 3u, 5u}) {
      for (bool keep_first : {false, true}) {
        const auto expected = reference::boilerplate_lines(docs, min_docs, keep_first);
        for (unsigned threads : {1u, 3u}) {
          LineOptions options{.enabled = true, .min_docs = min_docs};
          LineIndex index(options, threads);
          const size_t batch = 1 + seed * 7;
          for (size_t b = 0; b < docs.size(); b += batch) {
            std::vector<Record> records;
            for (size_t d = b; d < std::min(docs.size(), b + batch); ++d) {
              records.push_back({"d" + std::to_string(d), docs[d], "", false, "", 0});
            }
            ASSERT_TRUE(index.add(records).ok());
          }
          index.finish();
          LineDecider decider(index, keep_first);
          std::vector<LineRow> rows;
          size_t removed = 0;
          for (size_t d = 0; d < docs.size(); ++d) {
            decider.decide(static_cast<uint32_t>(d), docs[d], rows);
            std::vector<std::pair<uint32_t, uint32_t>> got;
            for (const LineRow& r : rows) {
              got.push_back({r.begin, r.end});
              ASSERT_NE(r.of.doc, d) << "a line repeats another document's";
              ASSERT_GE(r.stat->docs, 2u);
            }
            removed += got.size();
            ASSERT_EQ(got, expected[d])
                << "seed " << seed << " min_docs " << min_docs << " keep_first " << keep_first
                << " threads " << threads << " doc " << d << ":\n"
                << docs[d];
          }
          if (min_docs == 2 && !keep_first) {
            EXPECT_GT(removed, 0u) << "seed " << seed;
          }
        }
      }
    }
  }
}

TEST(LineBoilerplate, MergeWithPassageCuts) {
  // Passage cuts [0,10) and [30,40); lines [5,8) (inside the first), [12,20), [35,45).
  std::vector<Cut> cuts = {{0, 10}, {30, 40}};
  LineStat stat;
  stat.docs = 5;
  std::vector<LineRow> rows = {{5, 8, &stat, {}}, {12, 20, &stat, {}}, {35, 45, &stat, {}}};
  std::vector<char> is_line;
  merge_line_cuts(cuts, rows, is_line);
  ASSERT_EQ(cuts.size(), 3u);
  EXPECT_EQ(cuts[0].marker_begin, 0u);
  EXPECT_EQ(cuts[0].end, 10u);
  EXPECT_EQ(cuts[1].marker_begin, 12u);
  EXPECT_EQ(cuts[2].marker_begin, 30u);
  EXPECT_EQ(cuts[2].end, 45u);
  EXPECT_EQ(is_line, (std::vector<char>{0, 1, 0}));
  ASSERT_EQ(rows.size(), 2u);  // the line inside a passage cut is not reported again
  EXPECT_EQ(rows[0].begin, 12u);
}

}  // namespace
}  // namespace docsift
