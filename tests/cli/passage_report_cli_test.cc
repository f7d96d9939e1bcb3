// The passage reports as a user reads them (issue 12, points 1-5), end to end on the bundled
// sample and on planted documents: identical spans score 1; the summary counts passages and
// distinct passages alike and cuts strings by display width; char_start/char_end are code point
// offsets and --with-text the passage itself; clean's report is one flat schema, in JSONL and
// CSV alike; passages --report-format csv holds the rows of the JSONL report.

#include <gtest/gtest.h>
// As in tests/passages/passage_rules_test.cc: match libsimdjson's parser layout.
#ifndef SIMDJSON_THREADS_ENABLED
#define SIMDJSON_THREADS_ENABLED 1
#endif
#include <simdjson.h>

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

const std::string kSample = std::string(DOCSIFT_SOURCE_DIR) + "/datasets/sample/news.jsonl";

// id -> text of a JSONL corpus.
std::unordered_map<std::string, std::string> read_texts(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  simdjson::dom::parser parser;
  for (const std::string& line : read_lines(path)) {
    simdjson::dom::element e;
    EXPECT_EQ(parser.parse(line).get(e), simdjson::SUCCESS);
    std::string_view id, text;
    EXPECT_EQ(e["id"].get(id), simdjson::SUCCESS);
    EXPECT_EQ(e["text"].get(text), simdjson::SUCCESS);
    out[std::string(id)] = std::string(text);
  }
  return out;
}

// Code points before byte `byte`, counted one by one (what Python's str index is).
int64_t code_points_before(std::string_view text, uint64_t byte) {
  int64_t n = 0;
  for (uint64_t i = 0; i < byte; ++i) n += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return n;
}

// One passage row read back from a report, whatever its layout.
struct Row {
  std::string id, kind, of_id, text;
  uint64_t start = 0, end = 0, of_start = 0, of_end = 0;
  int64_t char_start = 0, char_end = 0, of_char_start = 0, of_char_end = 0;
  double similarity = 0;
};

std::vector<Row> read_nested_rows(const fs::path& report) {
  std::vector<Row> rows;
  simdjson::dom::parser parser;
  for (const std::string& line : read_lines(report)) {
    simdjson::dom::element e;
    EXPECT_EQ(parser.parse(line).get(e), simdjson::SUCCESS) << line;
    Row r;
    std::string_view id, kind, of_id, text;
    if (e["kind"].get(kind)) continue;  // a skipped record's line
    EXPECT_EQ(e["id"].get(id), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["start"].get(r.start), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["end"].get(r.end), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["char_start"].get(r.char_start), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["char_end"].get(r.char_end), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["duplicate_of"]["id"].get(of_id), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["duplicate_of"]["start"].get(r.of_start), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["duplicate_of"]["end"].get(r.of_end), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["duplicate_of"]["char_start"].get(r.of_char_start), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["duplicate_of"]["char_end"].get(r.of_char_end), simdjson::SUCCESS) << line;
    EXPECT_EQ(e["similarity"].get(r.similarity), simdjson::SUCCESS) << line;
    if (!e["text"].get(text)) r.text = std::string(text);
    r.id = std::string(id);
    r.kind = std::string(kind);
    r.of_id = std::string(of_id);
    rows.push_back(r);
  }
  return rows;
}

// Splits one CSV record (RFC 4180 quoting; the records here hold no newline unless quoted).
std::vector<std::string> csv_cells(std::string_view line) {
  std::vector<std::string> cells(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        cells.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cells.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.emplace_back();
    } else {
      cells.back() += c;
    }
  }
  return cells;
}

// CSV records of a file, a quoted newline kept inside its record.
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  const std::string all = read_file(path);
  std::vector<std::vector<std::string>> out;
  size_t begin = 0;
  bool quoted = false;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] == '"') quoted = !quoted;
    if (all[i] == '\n' && !quoted) {
      out.push_back(csv_cells(std::string_view(all).substr(begin, i - begin)));
      begin = i + 1;
    }
  }
  return out;
}

// Keys of a flat JSON line, in order, and whether each value is a number/bool/string (no null,
// no object).
std::vector<std::string> flat_keys(const std::string& line, std::map<std::string, char>& types) {
  simdjson::dom::parser parser;
  simdjson::dom::object obj;
  EXPECT_EQ(parser.parse(line).get(obj), simdjson::SUCCESS) << line;
  std::vector<std::string> keys;
  for (auto field : obj) {
    const std::string key(field.key);
    keys.push_back(key);
    char t = '?';
    switch (field.value.type()) {
      case simdjson::dom::element_type::INT64:
      case simdjson::dom::element_type::UINT64:
        t = 'i';
        break;
      case simdjson::dom::element_type::DOUBLE:
        t = 'd';
        break;
      case simdjson::dom::element_type::BOOL:
        t = 'b';
        break;
      case simdjson::dom::element_type::STRING:
        t = 's';
        break;
      default:
        ADD_FAILURE() << key << " is neither number, bool nor string: " << line;
    }
    // similarity is 1 on some lines: a number either way.
    if (t == 'd' || (t == 'i' && key == "similarity")) t = 'n';
    auto [it, inserted] = types.emplace(key, t);
    EXPECT_EQ(it->second, t) << key << " changes type: " << line;
  }
  return keys;
}

TEST(PassageReportCli, IdenticalSpansScoreOneAndOffsetsAreCodePoints) {
  const auto dir = scratch_dir("passage_report_sample");
  const fs::path report = dir / "passages.jsonl";
  const RunResult r =
      run_docsift("passages -q '" + kSample + "' -r '" + report.string() + "' --with-text", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto texts = read_texts(kSample);
  const std::vector<Row> rows = read_nested_rows(report);
  ASSERT_GT(rows.size(), 50u);
  size_t identical = 0, identical_within = 0, within = 0;
  for (const Row& row : rows) {
    const std::string& text = texts.at(row.id);
    const std::string& of_text = texts.at(row.of_id);
    const std::string span = text.substr(row.start, row.end - row.start);
    const std::string of_span = of_text.substr(row.of_start, row.of_end - row.of_start);
    EXPECT_EQ(row.text, span);
    EXPECT_EQ(row.char_start, code_points_before(text, row.start));
    EXPECT_EQ(row.char_end, code_points_before(text, row.end));
    EXPECT_EQ(row.of_char_start, code_points_before(of_text, row.of_start));
    EXPECT_EQ(row.of_char_end, code_points_before(of_text, row.of_end));
    EXPECT_GT(row.similarity, 0.0) << row.id << " " << row.start << ": " << span;
    if (span == of_span) {
      // Byte-identical text (repeated bullets of the sample scored 0 or 0.0156 before).
      EXPECT_EQ(row.similarity, 1.0) << row.id << " " << row.start << ": " << span;
      ++identical;
      identical_within += row.kind == "within";
    }
    if (row.kind == "within") {
      // The sample's within rows all repeat their span up to spaces: all score 1.
      ++within;
      EXPECT_EQ(row.similarity, 1.0) << row.id << " " << row.start << ": " << span;
    }
  }
  // Measured on the sample: 54 within rows, 52 byte for byte (2 differ in spaces and NBSPs).
  EXPECT_EQ(within, 54u);
  EXPECT_EQ(identical_within, 52u);
  EXPECT_GT(identical, identical_within);
}

TEST(PassageReportCli, SummaryCountsDistinctAsPassagesAndCutsByWidth) {
  const auto dir = scratch_dir("passage_report_summary");
  // A long Russian footer in three documents: listed among the most repeated passages.
  std::string footer;
  for (int i = 0; i < 6; ++i) footer += "Подписывайтесь на наш канал и присылайте новости ";
  footer += "сюда";
  // Each document: a lead of two sentences, a bullet repeating the first, the footer. The lead's
  // second sentence is indexed only as a part of the lead (an anchor for bullets), never as a
  // passage: it must not count as a distinct passage.
  std::string corpus;
  for (int d = 0; d < 3; ++d) {
    const std::string n = std::to_string(d);
    const std::string first = "Новость номер " + n + " о событиях в нашем городе.";
    corpus += "{\"id\":\"d" + n + "\",\"text\":\"" + first + " Второе предложение " + n +
              " про планы на неделю вперёд.\\n\\n- " + first + "\\n\\n" + footer + "\"}\n";
  }
  write_file(dir / "in.jsonl", corpus);
  const RunResult r = run_docsift(
      "passages '" + (dir / "in.jsonl").string() + "' -r '" + (dir / "r.jsonl").string() + "'",
      dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // 9 passages (3 leads, 3 bullets, 3 footers) of 7 distinct texts (the footer once); counting
  // the parts' classes too gave "9 (10 distinct)".
  EXPECT_NE(r.err.find("9 (7 distinct)"), std::string::npos) << r.err;
  // The footer cut at 70 columns: 67 letters and "...", never 70 bytes (36 letters).
  size_t at = r.err.find("Подписывайтесь");
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::string shown = r.err.substr(at, r.err.find('\n', at) - at);
  int64_t points = code_points_before(shown, shown.size());
  EXPECT_EQ(points, 70) << shown;
  EXPECT_EQ(shown.substr(shown.size() - 3), "...") << shown;
  EXPECT_EQ(footer.compare(0, shown.size() - 3, shown, 0, shown.size() - 3), 0) << shown;
}

TEST(PassageReportCli, SampleSummaryHasNoMoreDistinctThanPassages) {
  const auto dir = scratch_dir("passage_report_counts");
  const RunResult r = run_docsift("passages '" + kSample + "'", dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const size_t at = r.err.find("  passages ");
  ASSERT_NE(at, std::string::npos) << r.err;
  const std::string line = r.err.substr(at, r.err.find('\n', at) - at);
  auto number_at = [](const std::string& s, size_t from) {
    uint64_t v = 0;
    size_t i = s.find_first_of("0123456789", from);
    for (; i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == ','); ++i) {
      if (s[i] != ',') v = v * 10 + static_cast<uint64_t>(s[i] - '0');
    }
    return std::pair<uint64_t, size_t>(v, i);
  };
  const auto [passages, after] = number_at(line, 0);
  const auto [distinct, unused] = number_at(line, after);
  EXPECT_GT(passages, 0u) << line;
  EXPECT_GT(distinct, 0u) << line;
  EXPECT_LE(distinct, passages) << line;
}

TEST(PassageReportCli, CleanReportIsOneFlatSchemaInJsonlAndCsv) {
  const auto dir = scratch_dir("passage_report_clean");
  const fs::path jsonl = dir / "report.jsonl", csv = dir / "report.csv";
  for (const auto& [path, format] : {std::pair{jsonl, "jsonl"}, std::pair{csv, "csv"}}) {
    const RunResult r =
        run_docsift("clean -q '" + kSample + "' -o '" + (dir / "out.jsonl").string() + "' -r '" +
                        path.string() + "' --with-text --report-format " + format,
                    dir);
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::vector<std::string> lines = read_lines(jsonl);
  ASSERT_GT(lines.size(), 10u);
  std::map<std::string, char> types;
  const std::vector<std::string> keys = flat_keys(lines[0], types);
  const std::vector<std::string> want = {"type",
                                         "id",
                                         "start",
                                         "end",
                                         "char_start",
                                         "char_end",
                                         "kind",
                                         "duplicate_of_id",
                                         "duplicate_of_start",
                                         "duplicate_of_end",
                                         "duplicate_of_char_start",
                                         "duplicate_of_char_end",
                                         "similarity",
                                         "documents",
                                         "removed",
                                         "cluster",
                                         "method",
                                         "source",
                                         "line",
                                         "byte_offset",
                                         "error",
                                         "text"};
  EXPECT_EQ(keys, want);
  size_t documents = 0, passages = 0;
  const auto texts = read_texts(kSample);
  for (const std::string& line : lines) {
    EXPECT_EQ(flat_keys(line, types), want) << line;
    simdjson::dom::parser parser;
    simdjson::dom::element e;
    ASSERT_EQ(parser.parse(line).get(e), simdjson::SUCCESS);
    std::string_view type, id, of_id, text;
    int64_t start, end, char_start, char_end, of_start, of_end, of_char_start, of_char_end;
    ASSERT_EQ(e["type"].get(type), simdjson::SUCCESS);
    ASSERT_EQ(e["id"].get(id), simdjson::SUCCESS);
    ASSERT_EQ(e["duplicate_of_id"].get(of_id), simdjson::SUCCESS);
    ASSERT_EQ(e["start"].get(start), simdjson::SUCCESS);
    ASSERT_EQ(e["end"].get(end), simdjson::SUCCESS);
    ASSERT_EQ(e["char_start"].get(char_start), simdjson::SUCCESS);
    ASSERT_EQ(e["char_end"].get(char_end), simdjson::SUCCESS);
    ASSERT_EQ(e["duplicate_of_start"].get(of_start), simdjson::SUCCESS);
    ASSERT_EQ(e["duplicate_of_end"].get(of_end), simdjson::SUCCESS);
    ASSERT_EQ(e["duplicate_of_char_start"].get(of_char_start), simdjson::SUCCESS);
    ASSERT_EQ(e["duplicate_of_char_end"].get(of_char_end), simdjson::SUCCESS);
    ASSERT_EQ(e["text"].get(text), simdjson::SUCCESS);
    if (type == "document") {
      ++documents;
      EXPECT_EQ(start, -1) << line;  // no span: the whole document goes
      EXPECT_EQ(of_char_end, -1) << line;
      EXPECT_TRUE(texts.count(std::string(of_id))) << line;
    } else {
      ++passages;
      EXPECT_EQ(type, "passage");
      const std::string& doc = texts.at(std::string(id));
      const std::string& of_doc = texts.at(std::string(of_id));
      EXPECT_EQ(text, doc.substr(start, end - start)) << line;
      EXPECT_EQ(char_start, code_points_before(doc, start)) << line;
      EXPECT_EQ(char_end, code_points_before(doc, end)) << line;
      EXPECT_EQ(of_char_start, code_points_before(of_doc, of_start)) << line;
      EXPECT_EQ(of_char_end, code_points_before(of_doc, of_end)) << line;
    }
  }
  EXPECT_GT(documents, 0u);
  EXPECT_GT(passages, 0u);
  // Integer columns are integers on every line (pandas reads them as int64), similarity a number.
  for (const char* key :
       {"start", "char_end", "duplicate_of_start", "documents", "cluster", "line"})
    EXPECT_EQ(types[key], 'i') << key;
  EXPECT_EQ(types["similarity"], 'n');

  // The CSV: a header with the same columns, then the JSONL's lines cell for cell.
  const auto records = read_csv(csv);
  ASSERT_EQ(records.size(), lines.size() + 1);
  EXPECT_EQ(records[0], want);
  for (size_t i = 0; i < lines.size(); ++i) {
    ASSERT_EQ(records[i + 1].size(), want.size()) << i;
    simdjson::dom::parser parser;
    simdjson::dom::object obj;
    ASSERT_EQ(parser.parse(lines[i]).get(obj), simdjson::SUCCESS);
    size_t c = 0;
    for (auto field : obj) {
      std::string value;
      if (field.value.is_string()) {
        value = std::string(field.value.get_string().value());
        if (!value.empty() && std::string_view("=+-@\t\r").find(value[0]) != std::string::npos) {
          value = "'" + value;  // CSV's formula guard
        }
      } else {
        value = simdjson::minify(field.value);
      }
      EXPECT_EQ(records[i + 1][c], value) << field.key << " of " << lines[i];
      ++c;
    }
  }
}

TEST(PassageReportCli, PassagesCsvHoldsTheJsonlRows) {
  const auto dir = scratch_dir("passage_report_csv");
  const fs::path jsonl = dir / "r.jsonl", csv = dir / "r.csv";
  ASSERT_EQ(run_docsift("passages -q '" + kSample + "' -r '" + jsonl.string() + "'", dir).exit_code,
            0);
  ASSERT_EQ(run_docsift(
                "passages -q '" + kSample + "' -r '" + csv.string() + "' --report-format csv", dir)
                .exit_code,
            0);
  const std::vector<Row> rows = read_nested_rows(jsonl);
  const auto records = read_csv(csv);
  ASSERT_EQ(records.size(), rows.size() + 1);
  const std::vector<std::string>& header = records[0];
  EXPECT_EQ(header[0], "id");
  std::map<std::string, size_t> col;
  for (size_t c = 0; c < header.size(); ++c) col[header[c]] = c;
  ASSERT_TRUE(col.count("duplicate_of_char_end"));
  EXPECT_FALSE(col.count("type"));
  EXPECT_FALSE(col.count("text"));
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::vector<std::string>& rec = records[i + 1];
    ASSERT_EQ(rec.size(), header.size());
    EXPECT_EQ(rec[col["id"]], rows[i].id);
    EXPECT_EQ(rec[col["start"]], std::to_string(rows[i].start));
    EXPECT_EQ(rec[col["char_end"]], std::to_string(rows[i].char_end));
    EXPECT_EQ(rec[col["kind"]], rows[i].kind);
    EXPECT_EQ(rec[col["duplicate_of_id"]], rows[i].of_id);
    EXPECT_EQ(rec[col["duplicate_of_char_start"]], std::to_string(rows[i].of_char_start));
    EXPECT_EQ(std::stod(rec[col["similarity"]]), rows[i].similarity);
  }
}

}  // namespace
}  // namespace docsift::testing
