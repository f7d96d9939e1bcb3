// End-to-end tests of `docsift substrings`: a licence block pasted mid-paragraph into several
// documents (not on a passage boundary), a quote repeated inside one document, and unique text.

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "cli_test_util.h"
#include "io/json_writer.h"

namespace docsift::testing {
namespace {

const std::string kLicence =
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software — «без ограничений» — to deal in the Software without restriction";
const std::string kQuote = "Жизнь прожить — не поле перейти, говорит старая русская пословица.";

std::vector<std::pair<std::string, std::string>> docs() {
  return {
      {"d1", "Our project is released under a permissive licence. " + kLicence +
                 ", including the rights to use it. Written in 2024."},
      {"d2", "Readme of another tool #2: " + kLicence + "; see COPYING for details."},
      {"d3",
       "Стихи и проза. " + kQuote + " Ещё немного текста между цитатами. " + kQuote + " Конец."},
      {"d4", "A unique document with nothing repeated in it at all, just plain words."},
      {"d5", "Third copy (" + kLicence + ")."},
  };
}

std::string jsonl(const std::vector<std::pair<std::string, std::string>>& ds) {
  std::string out;
  for (auto& [id, text] : ds) {
    JsonObject(out).field("id", id).field("text", text).close();
    out += "\n";
  }
  return out;
}

// Minimal field extraction from docsift's own single-line JSON output; `from` skips ahead.
std::string field(const std::string& line, const std::string& name, size_t from = 0) {
  const std::string key = "\"" + name + "\":";
  size_t at = line.find(key, from);
  if (at == std::string::npos) return "";
  at += key.size();
  if (line[at] == '"') return line.substr(at + 1, line.find('"', at + 1) - at - 1);
  size_t end = line.find_first_of(",}", at);
  return line.substr(at, end - at);
}

struct Row {
  std::string id, kind, of_id, documents, removed, similarity;
  size_t start = 0, end = 0, of_start = 0, of_end = 0;
};

std::vector<Row> parse_report(const std::filesystem::path& p) {
  std::vector<Row> rows;
  for (const std::string& line : read_lines(p)) {
    EXPECT_EQ(line.front(), '{');
    EXPECT_EQ(line.back(), '}');
    Row r;
    const size_t dup = line.find("\"duplicate_of\":{");
    EXPECT_NE(dup, std::string::npos) << line;
    const std::string head = line.substr(0, dup);
    r.id = field(head, "id");
    r.start = std::stoul(field(head, "start"));
    r.end = std::stoul(field(head, "end"));
    r.kind = field(head, "kind");
    r.of_id = field(line, "id", dup);
    r.of_start = std::stoul(field(line, "start", dup));
    r.of_end = std::stoul(field(line, "end", dup));
    r.similarity = field(line, "similarity", dup);
    r.documents = field(line, "documents", dup);
    r.removed = field(line, "removed", dup);
    rows.push_back(r);
  }
  return rows;
}

std::map<std::string, std::string> texts_of(
    const std::vector<std::pair<std::string, std::string>>& ds) {
  return {ds.begin(), ds.end()};
}

TEST(SubstringsCli, ReportsRepeatedSpansWithOffsets) {
  auto dir = scratch_dir("substrings_report");
  write_file(dir / "in.jsonl", jsonl(docs()));
  auto r = run_docsift("substrings '" + (dir / "in.jsonl").string() + "' --min-bytes 50 -r '" +
                           (dir / "r.jsonl").string() + "' -q",
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto text = texts_of(docs());
  const std::vector<Row> rows = parse_report(dir / "r.jsonl");
  std::map<std::string, int> per_doc;
  for (const Row& row : rows) {
    ++per_doc[row.id];
    const std::string span = text.at(row.id).substr(row.start, row.end - row.start);
    const std::string of = text.at(row.of_id).substr(row.of_start, row.of_end - row.of_start);
    EXPECT_GE(span.size(), 50u);
    // The place it duplicates holds the same bytes, but for the last character: a repeat that
    // ends inside a character is widened to the whole character on both sides.
    size_t common = 0;
    while (common < std::min(span.size(), of.size()) && span[common] == of[common]) ++common;
    EXPECT_GE(common, 50u) << row.id;
    EXPECT_GE(common + 4, std::max(span.size(), of.size())) << row.id;
    EXPECT_EQ(row.similarity, "1");
    EXPECT_EQ(row.removed, "true");
    EXPECT_EQ(row.kind, row.id == row.of_id ? "within" : "across");
  }
  // later (default): the licence goes from d2 and d5 (first copy in d1), the quote's second
  // copy from d3; d1 and d4 keep everything.
  EXPECT_EQ(per_doc.count("d1"), 0u);
  EXPECT_EQ(per_doc.count("d4"), 0u);
  EXPECT_EQ(per_doc["d2"], 1);
  EXPECT_EQ(per_doc["d5"], 1);
  EXPECT_EQ(per_doc["d3"], 1);
  for (const Row& row : rows) {
    if (row.id == "d2" || row.id == "d5") {
      EXPECT_EQ(row.of_id, "d1");
      // d2's span starts with the space before the licence, which d5's copy lacks.
      EXPECT_EQ(row.documents, row.id == "d5" ? "3" : "2");
      EXPECT_EQ(text.at(row.id).substr(row.start, row.end - row.start),
                text.at(row.of_id).substr(row.of_start, row.of_end - row.of_start));
      EXPECT_NE(text.at(row.id).substr(row.start, row.end - row.start).find(kLicence),
                std::string::npos);
    }
    if (row.id == "d3") {
      EXPECT_EQ(row.kind, "within");
      EXPECT_EQ(row.documents, "1");
    }
  }
}

TEST(SubstringsCli, StripRemovesSpansLaterVersusAll) {
  auto dir = scratch_dir("substrings_strip");
  write_file(dir / "in.jsonl", jsonl(docs()));
  const std::string in = "'" + (dir / "in.jsonl").string() + "'";
  auto later = run_docsift(
      "substrings " + in + " --min-bytes 50 --strip '" + (dir / "later.jsonl").string() + "' -q",
      dir);
  ASSERT_EQ(later.exit_code, 0) << later.err;
  auto all = run_docsift("substrings " + in + " --min-bytes 50 --remove all --strip '" +
                             (dir / "all.jsonl").string() + "' -r '" +
                             (dir / "all_r.jsonl").string() + "' -q",
                         dir);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  const auto later_lines = read_lines(dir / "later.jsonl");
  const auto all_lines = read_lines(dir / "all.jsonl");
  ASSERT_EQ(later_lines.size(), 5u);  // every document, in input order
  ASSERT_EQ(all_lines.size(), 5u);
  const std::string licence_head = "Permission is hereby granted";
  const std::string quote_head = "Жизнь прожить";
  auto count = [](const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count(later_lines[0], licence_head), 1u);  // the first copy stays
  EXPECT_EQ(count(later_lines[1], licence_head), 0u);
  EXPECT_EQ(count(later_lines[4], licence_head), 0u);
  EXPECT_EQ(count(later_lines[2], quote_head), 1u);
  EXPECT_EQ(later_lines[3], jsonl({docs()[3]}).substr(0, later_lines[3].size()));
  for (const std::string& line : all_lines) {
    EXPECT_EQ(count(line, licence_head), 0u) << line;
    EXPECT_EQ(count(line, quote_head), 0u) << line;
  }
  EXPECT_NE(later_lines[1].find("Readme of another tool #2:"), std::string::npos);
  EXPECT_NE(later_lines[1].find("see COPYING for details."), std::string::npos);
  EXPECT_EQ(parse_report(dir / "all_r.jsonl").size(), 5u);  // 3 licences + 2 quotes
}

TEST(SubstringsCli, ThreadCountDoesNotChangeOutput) {
  auto dir = scratch_dir("substrings_threads");
  std::string corpus = jsonl(docs());
  for (int i = 0; i < 300; ++i) {  // several batches
    corpus += jsonl({{"x" + std::to_string(i), "Copy " + std::to_string(i % 7) + ": " + kLicence +
                                                   " / " + std::to_string(i * 7919)}});
  }
  write_file(dir / "in.jsonl", corpus);
  for (const char* t : {"1", "2", "4"}) {
    auto r =
        run_docsift("substrings '" + (dir / "in.jsonl").string() + "' --min-bytes 40 -r '" +
                        (dir / ("r" + std::string(t) + ".jsonl")).string() + "' --strip '" +
                        (dir / ("s" + std::string(t) + ".jsonl")).string() + "' --threads " + t +
                        " --stats '" + (dir / ("st" + std::string(t) + ".json")).string() + "' -q",
                    dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  // --threads N sorts N shards (merged), one thread one shard.
  EXPECT_NE(read_file(dir / "st1.json").find("\"shards\":1,"), std::string::npos);
  EXPECT_NE(read_file(dir / "st2.json").find("\"shards\":2,"), std::string::npos);
  EXPECT_NE(read_file(dir / "st4.json").find("\"shards\":4,"), std::string::npos);
  EXPECT_EQ(read_file(dir / "r1.jsonl"), read_file(dir / "r4.jsonl"));
  EXPECT_EQ(read_file(dir / "s1.jsonl"), read_file(dir / "s4.jsonl"));
  // Under a budget that needs several shards: the same report and output.
  auto sharded =
      run_docsift("substrings '" + (dir / "in.jsonl").string() + "' --min-bytes 40 -r '" +
                      (dir / "r3.jsonl").string() + "' --strip '" + (dir / "s3.jsonl").string() +
                      "' --max-memory 0.3 --stats '" + (dir / "st.json").string() + "' -q",
                  dir);
  ASSERT_EQ(sharded.exit_code, 0) << sharded.err;
  EXPECT_EQ(read_file(dir / "r1.jsonl"), read_file(dir / "r3.jsonl"));
  EXPECT_EQ(read_file(dir / "s1.jsonl"), read_file(dir / "s3.jsonl"));
  EXPECT_NE(read_file(dir / "st.json").find("\"shards\":"), std::string::npos);
  EXPECT_EQ(read_file(dir / "st.json").find("\"shards\":1,"), std::string::npos);
  EXPECT_FALSE(read_file(dir / "r1.jsonl").empty());
  EXPECT_EQ(read_file(dir / "r1.jsonl"), read_file(dir / "r2.jsonl"));
  EXPECT_EQ(read_file(dir / "s1.jsonl"), read_file(dir / "s2.jsonl"));
}

TEST(SubstringsCli, NormalizedFindsCaseWidthAndSpaceVariants) {
  auto dir = scratch_dir("substrings_normalized");
  std::string shouted;
  for (char c : std::string("Permission is hereby granted, free of charge, to any person")) {
    shouted += c == ' ' ? std::string("  ") : std::string(1, static_cast<char>(std::toupper(c)));
  }
  const auto ds = std::vector<std::pair<std::string, std::string>>{
      {"a", "Intro. Permission is hereby granted, free of charge, to any person. Outro one."},
      {"b", "Other text: " + shouted + "! End of the second."},
      {"c", "Nothing repeated here at all."}};
  write_file(dir / "in.jsonl", jsonl(ds));
  const std::string in = "'" + (dir / "in.jsonl").string() + "'";
  auto plain = run_docsift(
      "substrings " + in + " --min-bytes 30 -r '" + (dir / "plain.jsonl").string() + "' -q", dir);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_TRUE(read_file(dir / "plain.jsonl").empty());
  for (const char* t : {"1", "2"}) {
    auto r =
        run_docsift("substrings " + in + " --normalized --min-bytes 30 --threads " + t + " -r '" +
                        (dir / ("n" + std::string(t) + ".jsonl")).string() + "' --strip '" +
                        (dir / ("s" + std::string(t) + ".jsonl")).string() + "' -q",
                    dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  EXPECT_EQ(read_file(dir / "n1.jsonl"), read_file(dir / "n2.jsonl"));
  EXPECT_EQ(read_file(dir / "s1.jsonl"), read_file(dir / "s2.jsonl"));
  const auto rows = parse_report(dir / "n1.jsonl");
  ASSERT_EQ(rows.size(), 1u);
  const auto texts = texts_of(ds);
  EXPECT_EQ(rows[0].id, "b");
  EXPECT_EQ(rows[0].of_id, "a");
  // Original bytes on both sides: the shouted, double-spaced copy and the plain one, each with
  // the gaps (punctuation and spaces) the repeat's edge spaces stand for.
  EXPECT_EQ(texts.at("b").substr(rows[0].start, rows[0].end - rows[0].start),
            ": " + shouted + "! ");
  EXPECT_EQ(texts.at("a").substr(rows[0].of_start, rows[0].of_end - rows[0].of_start),
            ". Permission is hereby granted, free of charge, to any person. ");
  EXPECT_EQ(read_file(dir / "s1.jsonl").find("PERMISSION"), std::string::npos);
}

TEST(SubstringsCli, CleanSubstringsCutsRepeatedSpansFromKeptDocuments) {
  auto dir = scratch_dir("substrings_clean");
  write_file(dir / "in.jsonl", jsonl(docs()));
  const std::string in = "'" + (dir / "in.jsonl").string() + "'";
  auto sub = run_docsift(
      "substrings " + in + " --min-bytes 40 -r '" + (dir / "sub.jsonl").string() + "' -q", dir);
  ASSERT_EQ(sub.exit_code, 0) << sub.err;
  auto plain = run_docsift("clean " + in + " -o '" + (dir / "plain.jsonl").string() + "' -r '" +
                               (dir / "plain_r.jsonl").string() + "' -q",
                           dir);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  auto with = run_docsift("clean " + in + " --substrings 40 -o '" + (dir / "out.jsonl").string() +
                              "' -r '" + (dir / "r.jsonl").string() + "' --stats '" +
                              (dir / "st.json").string() + "' -q",
                          dir);
  ASSERT_EQ(with.exit_code, 0) << with.err;
  // The report: clean's lines, and after each document's passage lines one flat substring row
  // per span `substrings` finds in it (no document of this corpus is a duplicate, so the kept
  // documents are all of them), with the same offsets in bytes and code points.
  std::string others;
  std::vector<std::string> spans;
  for (const std::string& line : read_lines(dir / "r.jsonl")) {
    if (line.find("\"type\":\"substring\"") == std::string::npos) {
      others += line + "\n";
    } else {
      spans.push_back(line);
    }
  }
  EXPECT_EQ(others, read_file(dir / "plain_r.jsonl"));
  const std::vector<std::string> sub_lines = read_lines(dir / "sub.jsonl");
  ASSERT_FALSE(sub_lines.empty());
  ASSERT_EQ(spans.size(), sub_lines.size());
  for (size_t i = 0; i < spans.size(); ++i) {
    const std::string& flat = spans[i];
    const std::string& nested = sub_lines[i];
    const size_t dup = nested.find("\"duplicate_of\":{");
    ASSERT_NE(dup, std::string::npos) << nested;
    for (const char* name : {"id", "start", "end", "char_start", "char_end"}) {
      EXPECT_EQ(field(flat, name), field(nested.substr(0, dup), name)) << name << " " << flat;
      EXPECT_EQ(field(flat, std::string("duplicate_of_") + name), field(nested, name, dup))
          << name << " " << flat;
    }
    for (const char* name : {"kind", "documents", "similarity", "removed"}) {
      EXPECT_EQ(field(flat, name), field(nested, name)) << name << " " << flat;
    }
  }
  // The licence stays in d1 only; the quote once in d3.
  const std::string out = read_file(dir / "out.jsonl");
  const std::string licence_head = kLicence.substr(0, 40);
  EXPECT_NE(out.find(licence_head), std::string::npos);
  EXPECT_EQ(out.find(licence_head), out.rfind(licence_head));
  EXPECT_NE(read_file(dir / "st.json").find("\"substrings\":{\"spans\":"), std::string::npos);
  EXPECT_EQ(
      run_docsift("clean " + in + " --substrings 0 -o '" + (dir / "x.jsonl").string() + "' -q", dir)
          .exit_code,
      2);
}

TEST(SubstringsCli, RefusesOverBudgetAndBadOptions) {
  auto dir = scratch_dir("substrings_refuse");
  write_file(dir / "in.jsonl", jsonl(docs()));
  const std::string in = "'" + (dir / "in.jsonl").string() + "'";
  auto r = run_docsift(
      "substrings " + in + " --max-memory 0.001 -r '" + (dir / "r.jsonl").string() + "' -q", dir);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("raise --max-memory"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "r.jsonl"));
  EXPECT_EQ(run_docsift("substrings " + in + " --min-bytes 0 -q", dir).exit_code, 2);
  EXPECT_EQ(run_docsift("substrings " + in + " --remove first -q", dir).exit_code, 2);
  // Longer than any repeat: nothing reported.
  auto none = run_docsift(
      "substrings " + in + " --min-bytes 1000 -r '" + (dir / "none.jsonl").string() + "' -q", dir);
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_TRUE(read_file(dir / "none.jsonl").empty());
}

}  // namespace
}  // namespace docsift::testing
