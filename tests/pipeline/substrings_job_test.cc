// run_substrings (pipeline/substrings_job.h): the report and strip output are byte-identical on
// 1, 2 and 3 threads, in forced small shards (merged, a document or a few per shard) and in the
// pairwise plan, with and without --normalized; the spans match SubstringCorpus's.

#include "pipeline/substrings_job.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

#include "io/json_writer.h"
#include "pipeline_test_util.h"

namespace docsift {
namespace {

using namespace pipeline_testing;

std::string corpus(int docs) {
  std::mt19937 rng(11);
  const std::vector<std::string> words = {"alpha", "Beta", "гамма", "ДЕЛЬТА", "epsilon", "zeta",
                                          "éta",   "θ",    "iota",  "kappa",  "lambda",  "mu"};
  std::string out;
  for (int d = 0; d < docs; ++d) {
    std::string text;
    for (int w = 0; w < 30 + static_cast<int>(rng() % 40); ++w) {
      text += words[rng() % words.size()];
      text += rng() % 5 ? " " : "  ";
      if (w == 10 && d % 4 == 0) text += std::string(kBoilerplate) + " ";
      if (w == 20 && d % 6 == 1) text += "SHARE THIS ARTICLE WITH YOUR FRIENDS  and colleagues ";
    }
    JsonObject(out).field("id", "d" + std::to_string(d)).field("text", text).close();
    out += "\n";
  }
  return out;
}

TEST(SubstringsJob, OutputsDoNotDependOnThreadsShardsOrPlan) {
  const auto dir = scratch("substrings_job");
  write_file(dir / "in.jsonl", corpus(120));
  for (bool normalized : {false, true}) {
    auto run = [&](const std::string& tag, unsigned threads, uint64_t shard_bytes, bool pairwise) {
      SubstringPaths paths{.inputs = {(dir / "in.jsonl").string()},
                           .report = (dir / (tag + ".report")).string(),
                           .strip = (dir / (tag + ".strip")).string()};
      SubstringJobOptions o;
      o.substrings.min_bytes = 30;
      o.substrings.shard_bytes = shard_bytes;
      o.substrings.pairwise = pairwise;
      o.threads = threads;
      o.normalized = normalized;
      auto s = run_substrings(paths, o);
      EXPECT_TRUE(s.ok()) << s.status().message();
      return s.ok() ? s.value() : SubstringSummary{};
    };
    const SubstringSummary one = run("t1", 1, 0, false);
    EXPECT_EQ(one.shards, 1u);
    EXPECT_GT(one.spans, 10u);
    const std::string report = read_file(dir / "t1.report");
    const std::string strip = read_file(dir / "t1.strip");
    struct Case {
      const char* tag;
      unsigned threads;
      uint64_t shard_bytes;
      bool pairwise;
      uint64_t min_shards;
    };
    for (const Case& c : {Case{"t2", 2, 0, false, 2}, Case{"t3", 3, 0, false, 3},
                          Case{"small1", 1, 300, false, 20}, Case{"small2", 2, 300, false, 20},
                          Case{"doc", 2, 1, false, 120}, Case{"pairs", 1, 2000, true, 3}}) {
      const SubstringSummary s = run(c.tag, c.threads, c.shard_bytes, c.pairwise);
      EXPECT_GE(s.shards, c.min_shards) << c.tag;
      EXPECT_EQ(s.pairwise, c.pairwise) << c.tag;
      EXPECT_EQ(s.spans, one.spans) << c.tag;
      EXPECT_EQ(read_file(dir / (std::string(c.tag) + ".report")), report)
          << c.tag << (normalized ? " normalized" : "");
      EXPECT_EQ(read_file(dir / (std::string(c.tag) + ".strip")), strip)
          << c.tag << (normalized ? " normalized" : "");
    }
  }
}

}  // namespace
}  // namespace docsift
