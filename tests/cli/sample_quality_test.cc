// The bundled sample (datasets/sample, made by gen_corpus with ground truth) run through the real
// binary and scored by the evaluators: the README's corpus must come out right.

#include <gtest/gtest.h>

#include "cli_test_util.h"

namespace docsift::testing {
namespace {

const std::string kSample = std::string(DOCSIFT_SOURCE_DIR) + "/datasets/sample/news.jsonl";
const std::string kTruth = std::string(DOCSIFT_SOURCE_DIR) + "/datasets/sample/truth.jsonl";

// Runs an evaluator with --json and returns its output line.
std::string evaluate(const std::string& tool, const std::string& args,
                     const std::filesystem::path& dir) {
  const auto out = dir / (tool + ".json");
  const std::string cmd = std::string(DOCSIFT_BINARY_DIR) + "/" + tool + " " + args +
                          " --json > '" + out.string() + "'";
  EXPECT_EQ(std::system(cmd.c_str()), 0) << cmd;
  return read_file(out);
}

double number_after(const std::string& json, const std::string& key, size_t from = 0) {
  const size_t at = json.find("\"" + key + "\":", from);
  EXPECT_NE(at, std::string::npos) << key << " in " << json;
  return at == std::string::npos ? -1 : std::stod(json.substr(at + key.size() + 3));
}

TEST(SampleQuality, MinHashFindsPlantedDuplicates) {
  auto dir = scratch_dir("sample_minhash");
  auto r = run_docsift("dedup -q --method minhash " + kSample + " -r " + (dir / "r.jsonl").string(),
                       dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string json = evaluate(
      "eval_dedup",
      "--truth " + kTruth + " --report " + (dir / "r.jsonl").string() + " --min-jaccard 0.85", dir);
  const size_t exact = json.find("\"exact\"");
  const size_t near = json.find("\"near\"");
  EXPECT_EQ(number_after(json, "recall", exact), 1.0) << json;
  EXPECT_EQ(number_after(json, "precision", exact), 1.0) << json;
  EXPECT_GE(number_after(json, "recall", near), 0.9) << json;
  EXPECT_GE(number_after(json, "precision", near), 0.95) << json;
}

TEST(SampleQuality, ExactFindsEveryPlantedExactDuplicateAndNoNearOne) {
  auto dir = scratch_dir("sample_exact");
  auto r = run_docsift("dedup -q " + kSample + " -r " + (dir / "r.jsonl").string(), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string json =
      evaluate("eval_dedup", "--truth " + kTruth + " --report " + (dir / "r.jsonl").string(), dir);
  const size_t exact = json.find("\"exact\"");
  EXPECT_EQ(number_after(json, "recall", exact), 1.0) << json;
  EXPECT_EQ(number_after(json, "precision", json.find("\"all\"")), 1.0) << json;
}

TEST(SampleQuality, PassagesFindPlantedRepeatsAndBoilerplate) {
  auto dir = scratch_dir("sample_passages");
  auto r = run_docsift("passages -q " + kSample + " -r " + (dir / "p.jsonl").string(), dir);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string json = evaluate(
      "eval_passages", "--truth " + kTruth + " --report " + (dir / "p.jsonl").string(), dir);
  EXPECT_EQ(number_after(json, "boilerplate"), 1.0) << json;
  EXPECT_EQ(number_after(json, "within-repeat"), 1.0) << json;
  EXPECT_GE(number_after(json, "bullet-repeat"), 0.9) << json;
  EXPECT_EQ(number_after(json, "precision"), 1.0) << json;
}

TEST(SampleQuality, MaxMemoryIsAClearFailureNotACrash) {
  auto dir = scratch_dir("sample_max_memory");
  auto r = run_docsift(
      "passages " + kSample + " -r " + (dir / "p.jsonl").string() + " --max-memory 0.01", dir);
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("--max-memory"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "p.jsonl"));
}

}  // namespace
}  // namespace docsift::testing
