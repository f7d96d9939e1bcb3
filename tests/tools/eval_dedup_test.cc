// Runs eval_dedup on hand-made truth/report pairs whose pair counts are worked out by hand, and
// on a generated corpus with a report built from its own ground truth.

#include <filesystem>
#include <string>

#include "tools_test_util.h"

namespace docsift::testing_tools {
namespace {

namespace fs = std::filesystem;

// Groups: g1 = {a1 original, a2 exact, a3 near}, g2 = {b1 original, b2 near}, g3 = {c1}, g4 = {d1}.
// True pairs: g1 3 (exact: a1-a2), g2 1 (near) -> all 4, exact 1, near 3.
constexpr const char* kTruth =
    R"({"id":"a1","group":1,"kind":"original","source":null,"edit_rate":0}
{"id":"a2","group":1,"kind":"exact","source":"a1","edit_rate":0}
{"id":"a3","group":1,"kind":"near","source":"a1","edit_rate":0.05}
{"passage":{"id":"a1","start":0,"end":3,"kind":"boilerplate"}}
{"id":"b1","group":"two","kind":"original","source":null,"edit_rate":0}
{"id":"b2","group":"two","kind":"near","source":"b1","edit_rate":0.02}
{"id":"c1","group":3,"kind":"original","source":null,"edit_rate":0}

{"id":"d1","group":4,"kind":"original","source":null,"edit_rate":0}
)";

Json evaluate(const fs::path& dir, const std::string& report, int expect_rc = 0) {
  write_file(dir / "truth.jsonl", kTruth);
  write_file(dir / "report.jsonl", report);
  const fs::path out = dir / "eval.json";
  const int rc = run_command(binary("eval_dedup") + " --truth " + (dir / "truth.jsonl").string() +
                             " --report " + (dir / "report.jsonl").string() + " --json > " +
                             out.string() + " 2>/dev/null");
  EXPECT_EQ(rc, expect_rc);
  Json j;
  if (rc == 0) {
    EXPECT_TRUE(JsonParser::parse(read_file(out), j)) << read_file(out);
  }
  return j;
}

void expect_counts(const Json& j, const char* kind, double tp, double fp, double fn,
                   double precision, double recall) {
  SCOPED_TRACE(kind);
  const Json& c = j.at(kind);
  EXPECT_EQ(c.at("tp").number, tp);
  EXPECT_EQ(c.at("fp").number, fp);
  EXPECT_EQ(c.at("fn").number, fn);
  EXPECT_NEAR(c.at("precision").number, precision, 1e-4);
  EXPECT_NEAR(c.at("recall").number, recall, 1e-4);
  const double f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
  EXPECT_NEAR(c.at("f1").number, f1, 1e-4);
}

TEST(EvalDedup, PerfectReportScoresOne) {
  const fs::path dir = fresh_dir("eval_perfect");
  const Json j =
      evaluate(dir, R"({"id":"a2","duplicate_of":"a1","cluster":0,"similarity":1,"method":"exact"}
{"id":"a3","duplicate_of":"a1","cluster":0,"similarity":0.8,"method":"minhash"}
{"id":"b2","duplicate_of":"b1","cluster":1,"similarity":0.9,"method":"minhash"}
)");
  EXPECT_EQ(j.at("documents").number, 7);
  EXPECT_EQ(j.at("removed").number, 3);
  expect_counts(j, "all", 4, 0, 0, 1, 1);
  expect_counts(j, "exact", 1, 0, 0, 1, 1);
  expect_counts(j, "near", 3, 0, 0, 1, 1);
}

TEST(EvalDedup, WrongMergeAndMissedDuplicate) {
  // Predicted clusters {a1, a2, c1}, {b1, b2}, {a3}, {d1}: 4 predicted pairs, 2 of them true.
  // Non-near documents: predicted a1-a2, a1-c1, a2-c1 (1 true) against 1 true exact pair.
  const fs::path dir = fresh_dir("eval_wrong");
  const Json j = evaluate(dir, R"({"id":"a2","duplicate_of":"a1","cluster":1}
{"id":"c1","duplicate_of":"a1","cluster":1}
{"id":"b2","duplicate_of":"b1","cluster":2}
)");
  expect_counts(j, "all", 2, 2, 2, 0.5, 0.5);
  expect_counts(j, "exact", 1, 2, 0, 1.0 / 3, 1);
  expect_counts(j, "near", 1, 0, 2, 1, 1.0 / 3);
}

TEST(EvalDedup, ClusterValuesAloneJoinDocuments) {
  // No duplicate_of: a2 and a3 share cluster "k" (the kept a1 is not named) -> 1 predicted pair.
  const fs::path dir = fresh_dir("eval_cluster");
  const Json j = evaluate(dir, R"({"id":"a2","duplicate_of":null,"cluster":"k"}
{"id":"a3","cluster":"k"}
)");
  expect_counts(j, "all", 1, 0, 3, 1, 0.25);
  expect_counts(j, "exact", 0, 0, 1, 1, 0);
  expect_counts(j, "near", 1, 0, 2, 1, 1.0 / 3);
}

TEST(EvalDedup, EmptyReportHasFullPrecisionNoRecall) {
  const fs::path dir = fresh_dir("eval_empty");
  const Json j = evaluate(dir, "");
  expect_counts(j, "all", 0, 0, 4, 1, 0);
  EXPECT_EQ(j.at("removed").number, 0);
}

TEST(EvalDedup, RejectsUnknownIdsAndBadJson) {
  const fs::path dir = fresh_dir("eval_bad");
  evaluate(dir,
           R"({"id":"zz","duplicate_of":"a1"})"
           "\n",
           1);
  evaluate(dir,
           R"({"id":"a2","duplicate_of":"zz"})"
           "\n",
           1);
  evaluate(dir,
           R"({"id":"a2", "duplicate_of": )"
           "\n",
           1);
  evaluate(dir,
           R"({"id":"a2","cluster":[1]})"
           "\n",
           1);
}

TEST(EvalDedup, ReportBuiltFromGeneratedTruth) {
  const fs::path dir = fresh_dir("eval_generated");
  ASSERT_EQ(run_command(binary("gen_corpus") +
                        " --docs 200 --seed 9 --exact-frac 0.15 --near-frac 0.15 --output " +
                        (dir / "docs.jsonl").string() + " --truth " +
                        (dir / "truth.jsonl").string() + " 2>/dev/null"),
            0);
  std::string perfect, exact_only;
  int near_docs = 0;
  for (const std::string& line : read_lines(dir / "truth.jsonl")) {
    Json d;
    ASSERT_TRUE(JsonParser::parse(line, d));
    if (d.find("passage") || d.at("kind").str == "original") continue;
    const std::string entry = R"({"id":")" + d.at("id").str + R"(","duplicate_of":")" +
                              d.at("source").str + R"(","cluster":)" +
                              std::to_string(static_cast<int>(d.at("group").number)) +
                              R"(,"similarity":1,"method":"truth"})" + "\n";
    perfect += entry;
    if (d.at("kind").str == "exact") {
      exact_only += entry;
    } else {
      ++near_docs;
    }
  }
  ASSERT_GT(near_docs, 0);
  auto run = [&](const std::string& report) {
    write_file(dir / "report.jsonl", report);
    EXPECT_EQ(run_command(binary("eval_dedup") + " --truth " + (dir / "truth.jsonl").string() +
                          " --report " + (dir / "report.jsonl").string() + " --json > " +
                          (dir / "eval.json").string()),
              0);
    Json j;
    EXPECT_TRUE(JsonParser::parse(read_file(dir / "eval.json"), j));
    return j;
  };
  const Json all = run(perfect);
  for (const char* kind : {"all", "exact", "near"}) {
    SCOPED_TRACE(kind);
    EXPECT_EQ(all.at(kind).at("precision").number, 1);
    EXPECT_EQ(all.at(kind).at("recall").number, 1);
    EXPECT_EQ(all.at(kind).at("fp").number, 0);
  }
  // Leaving the near-duplicates out keeps exact scores and precision, and loses every near pair.
  const Json part = run(exact_only);
  EXPECT_EQ(part.at("exact").at("recall").number, 1);
  EXPECT_EQ(part.at("all").at("precision").number, 1);
  EXPECT_EQ(part.at("near").at("tp").number, 0);
  EXPECT_EQ(part.at("near").at("recall").number, 0);
  EXPECT_EQ(part.at("near").at("fn").number, all.at("near").at("tp").number);
  EXPECT_GT(part.at("near").at("fn").number, 0);
}

}  // namespace
}  // namespace docsift::testing_tools
