// End-to-end tests of `docsift passages` and `docsift clean` on planted passages in English,
// Russian and Kazakh.

#include <gtest/gtest.h>

#include <map>

#include "cli_test_util.h"
#include "io/json_writer.h"

namespace docsift::testing {
namespace {

std::string jsonl(const std::vector<std::pair<std::string, std::string>>& docs) {
  std::string out;
  for (auto& [id, text] : docs) {
    JsonObject(out).field("id", id).field("text", text).close();
    out += "\n";
  }
  return out;
}

// Minimal field extraction from docsift's own single-line JSON output.
std::string field(const std::string& line, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  size_t at = line.find(key);
  if (at == std::string::npos) return "";
  at += key.size();
  if (line[at] == '"') return line.substr(at + 1, line.find('"', at + 1) - at - 1);
  size_t end = line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

const std::string kLead =
    "The Government approved a programme to modernise rural schools across the country.";
const std::string kFooter = "Поделиться новостью в социальных сетях Facebook Twitter VK OK";
const std::string kFooterNear =
    "Поделиться новостью в социальных сетях Facebook Twitter VK Telegram";
const std::string kKazakh =
    "Қазақстан Үкіметі ауыл мектептерін жаңғырту бағдарламасын бекітті бүгін";

std::vector<std::pair<std::string, std::string>> planted_docs() {
  return {
      {"lead", "Schools news\n\n" + kLead +
                   " It starts next year.\n\nMore details follow in the "
                   "second paragraph of the report today.\n\n  • " +
                   kLead + "\n  • " + kLead + "\n"},
      {"ru1", "Новость первая о встрече министров иностранных дел в столице.\n\n" + kFooter},
      {"ru2", "Вторая новость о подписании соглашения по торговле и транспорту.\n\n" + kFooter},
      {"ru3", "Третья новость о визите делегации в регион и новых проектах.\n\n" + kFooter},
      {"ru4",
       "Четвёртая новость о культурном обмене между университетами страны.\n\n" + kFooterNear},
      {"kk", kKazakh + "\n\nБасқа мәтін осы жерде жазылған және ол қайталанбайды мүлде.\n\n" +
                 kKazakh + "\n\n" + kKazakh + "\n"},
      {"short", "2024-01-01\n\nBy Staff\n\n2024-01-01\n\nBy Staff\n"},
  };
}

TEST(PassagesCli, FindsPlantedPassagesWithExactOffsets) {
  auto dir = scratch_dir("passages_planted");
  const auto docs = planted_docs();
  write_file(dir / "in.jsonl", jsonl(docs));
  auto r =
      run_docsift("passages " + (dir / "in.jsonl").string() + " -r " +
                      (dir / "rep.jsonl").string() + " --strip " + (dir / "strip.jsonl").string(),
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> text_of(docs.begin(), docs.end());
  std::map<std::string, int> within, across;
  for (const auto& line : read_lines(dir / "rep.jsonl")) {
    const std::string id = field(line, "id");
    const size_t start = std::stoul(field(line, "start")), end = std::stoul(field(line, "end"));
    const std::string passage = text_of[id].substr(start, end - start);
    if (field(line, "kind") == "within") {
      ++within[id];
      if (id == "lead") {
        EXPECT_EQ(passage, kLead) << line;
      }
      if (id == "kk") {
        EXPECT_EQ(passage, kKazakh) << line;
      }
    } else {
      ++across[id];
      EXPECT_TRUE(passage == kFooter || passage == kFooterNear) << line;
      EXPECT_EQ(field(line, "documents"), "4") << line;
    }
  }
  // The lead sentence opens the first paragraph and is repeated by both bullets: both bullets are
  // found (the first against the sentence inside the paragraph).
  EXPECT_EQ(within["lead"], 2) << r.err;
  EXPECT_EQ(within["kk"], 2);
  EXPECT_EQ(within.count("short"), 0u) << "passages under --min-words are never reported";
  EXPECT_EQ(across["ru1"] + across["ru2"] + across["ru3"] + across["ru4"], 4);

  auto stripped = read_lines(dir / "strip.jsonl");
  ASSERT_EQ(stripped.size(), docs.size()) << "every document appears in the output";
  // Boilerplate (in >= 3 documents) is removed from all of them, the near variant too.
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(stripped[i].find("Поделиться"), std::string::npos) << stripped[i];
  }
  EXPECT_EQ(stripped[6],
            R"({"id":"short","text":"2024-01-01\n\nBy Staff\n\n2024-01-01\n\nBy Staff\n"})");
  EXPECT_NE(r.err.find("most repeated"), std::string::npos) << r.err;
}

TEST(PassagesCli, LeadParagraphRepeatedAsTwoBulletsIsKeptOnce) {
  auto dir = scratch_dir("passages_bullets");
  // The lead paragraph alone in its paragraph, then repeated as two bullet items.
  const std::string text = kLead + "\n\nSecond paragraph with other words about budgets.\n\n• " +
                           kLead + "\n• " + kLead + "\n";
  write_file(dir / "in.jsonl", jsonl({{"a", text}}));
  auto r =
      run_docsift("passages -q " + (dir / "in.jsonl").string() + " -r " +
                      (dir / "rep.jsonl").string() + " --strip " + (dir / "strip.jsonl").string(),
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto report = read_lines(dir / "rep.jsonl");
  ASSERT_EQ(report.size(), 2u);
  for (const auto& line : report) {
    EXPECT_EQ(field(line, "kind"), "within");
    const size_t start = std::stoul(field(line, "start")), end = std::stoul(field(line, "end"));
    EXPECT_EQ(text.substr(start, end - start), kLead);
  }
  std::string expected;
  JsonObject(expected)
      .field("id", "a")
      .field("text", kLead + "\n\nSecond paragraph with other words about budgets.\n")
      .close();
  EXPECT_EQ(read_lines(dir / "strip.jsonl").at(0), expected);
}

TEST(CleanCli, CleaningTwiceEqualsCleaningOnce) {
  auto dir = scratch_dir("clean_twice");
  auto docs = planted_docs();
  docs.push_back({"ru1-copy", docs[1].second});  // an exact duplicate document
  write_file(dir / "in.jsonl", jsonl(docs));
  auto r1 = run_docsift("clean " + (dir / "in.jsonl").string() + " -o " +
                            (dir / "once.jsonl").string() + " -r " + (dir / "rep1.jsonl").string(),
                        dir);
  ASSERT_EQ(r1.exit_code, 0) << r1.err;
  auto r2 = run_docsift("clean -q " + (dir / "once.jsonl").string() + " -o " +
                            (dir / "twice.jsonl").string() + " -r " + (dir / "rep2.jsonl").string(),
                        dir);
  ASSERT_EQ(r2.exit_code, 0) << r2.err;
  EXPECT_EQ(read_file(dir / "once.jsonl"), read_file(dir / "twice.jsonl"));
  EXPECT_EQ(read_file(dir / "rep2.jsonl"), "");
  const std::string report = read_file(dir / "rep1.jsonl");
  EXPECT_NE(
      report.find(R"({"type":"document","id":"ru1-copy","start":-1,"end":-1,)"
                  R"("char_start":-1,"char_end":-1,"kind":"duplicate","duplicate_of_id":"ru1")"),
      std::string::npos)
      << report;
  EXPECT_NE(report.find(R"({"type":"passage","id":"lead")"), std::string::npos) << report;
  EXPECT_EQ(read_lines(dir / "once.jsonl").size(), docs.size() - 1);
}

}  // namespace
}  // namespace docsift::testing

namespace docsift::testing {
namespace {

// The generator's form of the pattern: a two-sentence lead paragraph whose sentences come back
// as two bullet items at the end. Both bullets go; the paragraph stays whole.
TEST(PassagesCli, LeadSentencesRepeatedAsBulletsAreRemoved) {
  auto dir = scratch_dir("passages_lead_sentences");
  const std::string s1 = "The council approved the new budget for regional hospitals on Monday.";
  const std::string s2 = "Officials said construction of two clinics will begin in the spring.";
  const std::string text = "Budget news\n\n" + s1 + " " + s2 +
                           "\n\nA second paragraph about other matters entirely here.\n\n  • " +
                           s1 + "\n  • " + s2 + "\n";
  write_file(dir / "in.jsonl", jsonl({{"a", text}}));
  auto r =
      run_docsift("passages -q " + (dir / "in.jsonl").string() + " -r " +
                      (dir / "rep.jsonl").string() + " --strip " + (dir / "strip.jsonl").string(),
                  dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto report = read_lines(dir / "rep.jsonl");
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(field(report[0], "kind"), "within");
  EXPECT_EQ(
      text.substr(std::stoul(field(report[0], "start")),
                  std::stoul(field(report[0], "end")) - std::stoul(field(report[0], "start"))),
      s1);
  std::string expected;
  JsonObject(expected)
      .field("id", "a")
      .field("text", "Budget news\n\n" + s1 + " " + s2 +
                         "\n\nA second paragraph about other matters entirely here.\n")
      .close();
  EXPECT_EQ(read_lines(dir / "strip.jsonl").at(0), expected);
}

}  // namespace
}  // namespace docsift::testing
