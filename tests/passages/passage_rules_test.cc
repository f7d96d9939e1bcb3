// Differential test of the exact-duplicate passage rules (within / across / stretch /
// boilerplate, keep-first): run_passages --exact-only on seeded random documents, compared row by
// row and text by text with the naive reference (tests/reference/passage_rules_reference.h).
// Documents are drawn from a small pool of English and Russian sentences so that paragraphs
// repeat within and across documents, bullets repeat sentences of the lead paragraph (alone, in
// pairs, next to a short sentence), footers appear in many documents and short lines fall under
// min_words; spelling variants (case, punctuation) must count as the same passage.

#include <gtest/gtest.h>
// The installed simdjson target compiles its users with SIMDJSON_THREADS_ENABLED=1, which
// changes dom::parser's layout; docsift links simdjson privately, so this test does not inherit
// the definition and states it itself to match libsimdjson (without it ASan catches a bad read).
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "io/corpus_reader.h"
#include "io/json_writer.h"
#include "pipeline/passages_job.h"
#include "reference/passage_rules_reference.h"
#include "text/normalize.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;
using reference::PassageDoc;
using reference::PassageRow;
using reference::PassageRuleOptions;

const std::vector<std::string> kSentences = {
    "The central bank raised its key interest rate by half a point on Tuesday.",
    "Analysts had expected a smaller increase after weak retail figures.",
    "The decision was taken unanimously by the board of governors.",
    "Inflation reached its highest level in more than a decade last month.",
    "The ministry announced a new programme for rural schools and teachers.",
    "Local officials said the new bridge will open to traffic next spring.",
    "Heavy rain caused flooding in several districts of the northern region.",
    "The company reported a sharp rise in quarterly profits and revenue.",
    "Центральный банк повысил ключевую ставку на половину процентного пункта.",
    "Аналитики ожидали меньшего повышения после слабых данных о продажах.",
    "Решение было принято единогласно советом директоров банка.",
    "Инфляция достигла самого высокого уровня за последние десять лет.",
    "Министерство объявило о новой программе для сельских школ.",
    "Местные власти сообщили, что новый мост откроется весной.",
};
const std::vector<std::string> kShort = {
    "Read more.",     "Updated today.", "Not true.",   "See below.",
    "Не пропустите.", "Фото: ТАСС.",    "Key points:",
};
const std::vector<std::string> kFooters = {
    "Share this article with your friends on social media and by email.",
    "All rights reserved, reproduction without written permission is prohibited.",
    "Подпишитесь на наш канал, чтобы не пропустить главные новости дня.",
};
const std::vector<std::string> kMarkers = {"- ", "• ", "* ", "1. ", "2) ", "– ", "▪ "};

// The same sentence as another spelling: case and final punctuation (ASCII letters only, so
// UTF-8 stays valid); normalisation must make it equal to the original.
std::string variant(std::mt19937_64& rng, const std::string& s) {
  std::string out = s;
  switch (rng() % 4) {
    case 0:
      for (char& c : out) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      }
      break;
    case 1:
      if (!out.empty() && out.back() == '.') out.back() = '!';
      break;
    default:
      break;
  }
  return out;
}

std::string paragraph(std::mt19937_64& rng, std::vector<std::string>& sentences_out) {
  const size_t count = 1 + rng() % 3;
  std::string p;
  for (size_t i = 0; i < count; ++i) {
    const std::string& s = kSentences[rng() % kSentences.size()];
    sentences_out.push_back(s);
    if (!p.empty()) p += rng() % 4 == 0 ? "\n" : " ";  // sometimes wrapped
    p += s;
  }
  return p;
}

std::string random_document(std::mt19937_64& rng) {
  std::vector<std::string> blocks;
  std::vector<std::string> lead_sentences;
  blocks.push_back(paragraph(rng, lead_sentences));
  const size_t extra = 1 + rng() % 6;
  for (size_t b = 0; b < extra; ++b) {
    switch (rng() % 6) {
      case 0: {  // a new paragraph (repeats across documents: the pool is small)
        std::vector<std::string> ignored;
        blocks.push_back(paragraph(rng, ignored));
        break;
      }
      case 1:  // an earlier block again, maybe spelled differently
        blocks.push_back(variant(rng, blocks[rng() % blocks.size()]));
        break;
      case 2:
      case 3: {  // bullets repeating the lead
        std::string list;
        const size_t items = 1 + rng() % 4;
        const std::string& marker = kMarkers[rng() % kMarkers.size()];
        for (size_t i = 0; i < items; ++i) {
          const size_t k = rng() % lead_sentences.size();
          std::string item;
          switch (rng() % 6) {
            case 0:
            case 1:
              item = variant(rng, lead_sentences[k]);
              break;
            case 2:  // two sentences of the lead: a stretch when they are adjacent
              item = lead_sentences[k] + " " +
                     lead_sentences[std::min(k + 1, lead_sentences.size() - 1)];
              break;
            case 3:  // a short sentence next to a repeated one
              item = kShort[rng() % kShort.size()] + " " + lead_sentences[k];
              break;
            case 4:
              item = kSentences[rng() % kSentences.size()];
              break;
            default:
              item = kShort[rng() % kShort.size()];
              break;
          }
          if (!list.empty()) list += "\n";
          list += (rng() % 3 == 0 ? "  " : "") + marker + item;
        }
        blocks.push_back(list);
        break;
      }
      case 4:
        blocks.push_back(kShort[rng() % kShort.size()]);
        break;
      default:
        blocks.push_back(kFooters[rng() % kFooters.size()]);
        break;
    }
  }
  if (rng() % 2 == 0) blocks.push_back(kFooters[0]);  // boilerplate in many documents
  std::string text;
  for (const std::string& b : blocks) {
    if (!text.empty()) text += "\n\n";
    text += b;
  }
  if (rng() % 2 == 0) text += "\n";
  return text;
}

std::vector<PassageDoc> random_corpus(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<PassageDoc> docs(2 + rng() % 10);
  for (size_t d = 0; d < docs.size(); ++d) {
    docs[d].id = "d" + std::to_string(d);
    docs[d].text = random_document(rng);
  }
  return docs;
}

class PassageRules : public ::testing::Test {
 protected:
  void SetUp() override {
    // Outputs are fsynced when committed: on tmpfs that costs nothing (20 s -> 2 s here).
    const fs::path base = fs::is_directory("/dev/shm") && ::access("/dev/shm", W_OK) == 0
                              ? fs::path("/dev/shm")
                              : fs::path(::testing::TempDir());
    dir_ = base / ("docsift_passage_rules_" + std::to_string(::getpid()) + "_" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Tokenizer tokenizer_{NormalizeOptions{}};

  // Runs the job on `docs`; fills the parsed report rows and the stripped texts in order.
  void run_job(const std::vector<PassageDoc>& docs, const PassageRuleOptions& rules,
               unsigned threads, std::vector<PassageRow>& rows, std::vector<std::string>& texts) {
    const std::string input = (dir_ / "in.jsonl").string();
    {
      std::ofstream out(input, std::ios::binary);
      for (const PassageDoc& d : docs) {
        std::string line;
        JsonObject(line).field("id", d.id).field("text", d.text).close();
        out << line << '\n';
      }
    }
    PassagePaths paths;
    paths.inputs = {input};
    paths.report = (dir_ / "report.jsonl").string();
    paths.strip = (dir_ / "strip.jsonl").string();
    PassageOptions options;
    options.near = false;  // --exact-only
    // The reference models passages only (short lines: line_boilerplate_test.cc).
    options.lines.enabled = false;
    options.min_words = rules.min_words;
    options.min_docs = rules.min_docs;
    options.boilerplate = rules.boilerplate;
    options.unit = rules.unit;
    options.threads = threads;
    auto summary = run_passages(paths, options);
    ASSERT_TRUE(summary.ok()) << summary.status().message();

    rows.clear();
    std::ifstream report(paths.report, std::ios::binary);
    simdjson::dom::parser parser;
    for (std::string line; std::getline(report, line);) {
      simdjson::dom::element e;
      ASSERT_EQ(parser.parse(line).get(e), simdjson::SUCCESS) << line;
      PassageRow row;
      std::string_view id, kind, of_id;
      uint64_t start = 0, end = 0, of_start = 0, of_end = 0, documents = 0;
      double similarity = 0;
      bool removed = false;
      ASSERT_EQ(e["id"].get(id), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["start"].get(start), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["end"].get(end), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["kind"].get(kind), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["duplicate_of"]["id"].get(of_id), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["duplicate_of"]["start"].get(of_start), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["duplicate_of"]["end"].get(of_end), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["similarity"].get(similarity), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["documents"].get(documents), simdjson::SUCCESS) << line;
      ASSERT_EQ(e["removed"].get(removed), simdjson::SUCCESS) << line;
      // Exact duplicates only: 1 for the same normalised text. A bullet repeating a stretch of
      // its lead is scored against that stretch, which may hold more or less than the bullet.
      const std::string& text = docs[std::stoul(std::string(id.substr(1)))].text;
      const std::string& of_text = docs[std::stoul(std::string(of_id.substr(1)))].text;
      if (normalize_for_match(tokenizer_, text.substr(start, end - start)) ==
          normalize_for_match(tokenizer_, of_text.substr(of_start, of_end - of_start))) {
        EXPECT_EQ(similarity, 1.0) << line;
      } else {
        EXPECT_EQ(kind, "within") << line;
        EXPECT_GT(similarity, 0.0) << line;
        EXPECT_LT(similarity, 1.0) << line;
      }
      row.id = std::string(id);
      row.start = static_cast<uint32_t>(start);
      row.end = static_cast<uint32_t>(end);
      row.kind = std::string(kind);
      row.duplicate_of_id = std::string(of_id);
      row.duplicate_of_start = static_cast<uint32_t>(of_start);
      row.duplicate_of_end = static_cast<uint32_t>(of_end);
      row.documents = documents;
      row.removed = removed;
      rows.push_back(std::move(row));
    }
    EXPECT_EQ(summary->duplicate_occurrences, rows.size());

    texts.clear();
    auto reader = CorpusReader::open({paths.strip}, ReadOptions{});
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    Record rec;
    while (true) {
      auto more = reader.value()->next(rec);
      ASSERT_TRUE(more.ok()) << more.status().message();
      if (!*more) break;
      texts.push_back(rec.text);
    }
  }

  // Compares the job with the reference on one corpus; returns false (with failures recorded)
  // on the first difference.
  bool agrees(uint64_t seed, const std::vector<PassageDoc>& docs, const PassageRuleOptions& rules,
              unsigned threads) {
    std::vector<PassageRow> rows;
    std::vector<std::string> texts;
    run_job(docs, rules, threads, rows, texts);
    if (::testing::Test::HasFatalFailure()) return false;
    const reference::PassageRulesResult want = reference::passage_rules_reference(docs, rules);
    std::ostringstream where;
    where << "seed " << seed << " min_words=" << rules.min_words << " min_docs=" << rules.min_docs
          << " boilerplate="
          << (rules.boilerplate == BoilerplateMode::kRemove ? "remove" : "keep-first")
          << " unit=" << (rules.unit == PassageUnit::kBlock ? "block" : "sentence")
          << " threads=" << threads;
    auto corpus = [&] {
      std::string all;
      for (const PassageDoc& d : docs) all += "--- " + d.id + " ---\n" + d.text + "\n";
      return all;
    };
    const size_t common = std::min(rows.size(), want.rows.size());
    for (size_t i = 0; i < common; ++i) {
      if (!(rows[i] == want.rows[i])) {
        ADD_FAILURE() << where.str() << ": report row " << i
                      << "\n  job:       " << reference::to_string(rows[i])
                      << "\n  reference: " << reference::to_string(want.rows[i]) << "\n"
                      << corpus();
        return false;
      }
    }
    if (rows.size() != want.rows.size()) {
      const auto& longer = rows.size() > want.rows.size() ? rows : want.rows;
      ADD_FAILURE() << where.str() << ": job has " << rows.size() << " rows, reference "
                    << want.rows.size() << "; first extra: " << reference::to_string(longer[common])
                    << " (in the " << (rows.size() > want.rows.size() ? "job" : "reference")
                    << ")\n"
                    << corpus();
      return false;
    }
    if (texts.size() != docs.size()) {
      ADD_FAILURE() << where.str() << ": strip output has " << texts.size() << " documents";
      return false;
    }
    for (size_t d = 0; d < docs.size(); ++d) {
      if (texts[d] != want.stripped[d]) {
        ADD_FAILURE() << where.str() << ": stripped " << docs[d].id << "\n  job:\n"
                      << texts[d] << "\n  reference:\n"
                      << want.stripped[d] << "\n"
                      << corpus();
        return false;
      }
    }
    return true;
  }

  // What the reference decided over a sweep: the generator must reach every rule.
  struct RuleCounts {
    size_t corpora = 0;
    size_t within = 0;
    size_t stretch = 0;  // within rows whose duplicate_of is a stretch, not one equal passage
    size_t across_kept = 0;
    size_t across_removed = 0;
  };

  // Seeds 1..num_seeds, both boilerplate modes, min_words 3 or 5, min_docs 2 or 3, blocks (and
  // sentences for every fifth seed), 1 to 3 threads. Stops at the first difference.
  RuleCounts sweep(bool strict_stretch, uint64_t num_seeds) {
    RuleCounts counts;
    Tokenizer tokenizer(NormalizeOptions{});
    for (uint64_t seed = 1; seed <= num_seeds; ++seed) {
      const std::vector<PassageDoc> docs = random_corpus(seed);
      for (BoilerplateMode mode : {BoilerplateMode::kRemove, BoilerplateMode::kKeepFirst}) {
        PassageRuleOptions rules;
        rules.min_words = seed % 3 == 0 ? 3 : 5;
        rules.min_docs = 2 + seed % 2;
        rules.boilerplate = mode;
        rules.unit = seed % 5 == 0 ? PassageUnit::kSentence : PassageUnit::kBlock;
        rules.strict_stretch = strict_stretch;
        if (!agrees(seed, docs, rules, 1 + seed % 3)) return counts;
        ++counts.corpora;
        for (const PassageRow& r : reference::passage_rules_reference(docs, rules).rows) {
          if (r.kind == "within") {
            ++counts.within;
            const std::string& text = docs[std::stoul(r.id.substr(1))].text;
            counts.stretch +=
                normalize_for_match(tokenizer, text.substr(r.start, r.end - r.start)) !=
                normalize_for_match(
                    tokenizer,
                    text.substr(r.duplicate_of_start, r.duplicate_of_end - r.duplicate_of_start));
          } else {
            ++(r.removed ? counts.across_removed : counts.across_kept);
          }
        }
      }
    }
    return counts;
  }

  fs::path dir_;
};

// The rule as passage_decisions.h states it: a stretch needs every sentence of the block, short
// ones included, to have appeared earlier (strict_stretch; the job followed the lenient rule
// until the bug below was fixed, and this test was then disabled).
TEST_F(PassageRules, JobMatchesTheStrictReferenceOnRandomDocuments) {
  const RuleCounts counts = sweep(/*strict_stretch=*/true, 300);
  EXPECT_EQ(counts.corpora, 600u);
  // The generator reaches every rule often (a check of the test itself, not of the job). Seen:
  // 11740 within (1832 stretches), 706 across kept, 4738 across removed.
  EXPECT_GT(counts.within, 2000u);
  EXPECT_GT(counts.stretch, 300u);
  EXPECT_GT(counts.across_kept, 100u);
  EXPECT_GT(counts.across_removed, 500u);
}

// Found by the sweep (seed 1): a bullet made of a short sentence and a repeated one was cut as a
// repeat, losing "Not true.", which appears nowhere else.
TEST_F(PassageRules, ShortSentenceBesideARepeatedOneIsKept) {
  const std::string lead = "Revenue grew five percent in the third quarter of the year.";
  const std::vector<PassageDoc> docs = {
      {"d0", lead + "\n\n\u2022 Not true. " + lead + "\n\nThe board will meet again in May.\n"},
      {"d1", "Another report about the harvest in the southern provinces.\n"}};
  PassageRuleOptions rules;
  std::vector<PassageRow> rows;
  std::vector<std::string> texts;
  run_job(docs, rules, 1, rows, texts);
  ASSERT_FALSE(HasFatalFailure());
  EXPECT_TRUE(rows.empty());
  ASSERT_EQ(texts.size(), 2u);
  EXPECT_EQ(texts[0], docs[0].text);
}

}  // namespace
}  // namespace docsift
