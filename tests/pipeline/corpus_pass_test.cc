#include "pipeline/corpus_pass.h"

#include <gtest/gtest.h>

#include <set>

#include "pipeline/output_set.h"
#include "pipeline_test_util.h"

namespace docsift {
namespace {

using namespace pipeline_testing;

TEST(ShardInputs, RanksPartitionTheInputsInOrder) {
  for (size_t n : {0u, 1u, 2u, 3u, 7u, 10u}) {
    std::vector<std::string> inputs;
    for (size_t i = 0; i < n; ++i) inputs.push_back("f" + std::to_string(i));
    for (unsigned count : {1u, 2u, 3u, 4u, 8u}) {
      std::vector<std::string> joined;
      for (unsigned r = 0; r < count; ++r) {
        auto part = shard_inputs(inputs, Shard{r, count});
        ASSERT_TRUE(part.ok());
        EXPECT_LE(part->size(), (n + count - 1) / count) << "n=" << n << " count=" << count;
        joined.insert(joined.end(), part->begin(), part->end());
      }
      EXPECT_EQ(joined, inputs) << "n=" << n << " count=" << count;
    }
  }
  EXPECT_FALSE(shard_inputs({"a"}, Shard{0, 0}).ok());
  EXPECT_FALSE(shard_inputs({"a"}, Shard{2, 2}).ok());
}

TEST(CorpusPass, ShardReadsOnlyItsFilesAndAnEmptyShardReadsNothing) {
  const auto dir = scratch("shard");
  std::vector<std::string> inputs;
  for (int f = 0; f < 3; ++f) {
    const auto p = dir / ("f" + std::to_string(f) + ".jsonl");
    write_file(p, "{\"id\":\"" + std::to_string(f) + "a\",\"text\":\"x\"}\n{\"id\":\"" +
                      std::to_string(f) + "b\",\"text\":\"y\"}\n");
    inputs.push_back(p.string());
  }
  std::set<std::string> seen;
  for (unsigned r = 0; r < 4; ++r) {
    auto pass = CorpusPass::open(inputs, ReadOptions{}, 1, {}, Shard{r, 4});
    ASSERT_TRUE(pass.ok()) << pass.status().message();
    ASSERT_TRUE((*pass)->read("read", [](std::span<Record>, size_t) { return Status::Ok(); }).ok());
    for (size_t d = 0; d < (*pass)->docs(); ++d) {
      EXPECT_TRUE(seen.insert(std::string((*pass)->ids()[d])).second);
    }
    if (r == 0) {
      EXPECT_EQ((*pass)->docs(), 0u);  // 3 files over 4 ranks: rank 0 gets none
    }
  }
  EXPECT_EQ(seen.size(), 6u);
}

TEST(CorpusPass, RereadGivesTheSameBatchesAndDetectsAChangedInput) {
  const auto dir = scratch("reread");
  const auto path = dir / "in.jsonl";
  std::string corpus;
  for (int i = 0; i < 5000; ++i) {
    corpus +=
        "{\"id\":\"d" + std::to_string(i) + "\",\"text\":\"text " + std::to_string(i) + "\"}\n";
  }
  write_file(path, corpus);
  for (unsigned threads : {1u, 2u}) {
    auto pass = CorpusPass::open({path.string()}, ReadOptions{}, threads);
    ASSERT_TRUE(pass.ok());
    std::vector<std::pair<size_t, size_t>> first, second;
    ASSERT_TRUE((*pass)
                    ->read("read",
                           [&](std::span<Record> b, size_t f) {
                             first.emplace_back(f, b.size());
                             return Status::Ok();
                           })
                    .ok());
    ASSERT_TRUE((*pass)
                    ->reread("write",
                             [&](std::span<Record> b, size_t f) {
                               second.emplace_back(f, b.size());
                               return Status::Ok();
                             })
                    .ok());
    EXPECT_EQ((*pass)->docs(), 5000u);
    EXPECT_EQ(first, second);
    EXPECT_GT(first.size(), 1u);  // several batches
    // The file changes between passes: one id differs.
    write_file(path, std::string(corpus).replace(corpus.find("d4000"), 5, "e4000"));
    const Status changed =
        (*pass)->reread("write", [](std::span<Record>, size_t) { return Status::Ok(); });
    EXPECT_EQ(changed.code(), StatusCode::kIoError);
    EXPECT_TRUE(contains(changed.message(), "input changed")) << changed.message();
    EXPECT_TRUE(contains(changed.message(), "document 4001")) << changed.message();
    write_file(path, corpus.substr(0, corpus.find("{\"id\":\"d2500\"")));  // fewer documents
    EXPECT_EQ((*pass)->reread("w", [](std::span<Record>, size_t) { return Status::Ok(); }).code(),
              StatusCode::kIoError);
    write_file(path, corpus);
  }
}

TEST(OutputSet, RefusesTwoOutputsNamingOneFile) {
  const auto dir = scratch("outputs");
  const std::string x = (dir / "x.jsonl").string();
  const std::string x_again = (dir / "sub" / ".." / "x.jsonl").string();
  EXPECT_TRUE(OutputSet::check_distinct({x, "", (dir / "y.jsonl").string(), "-"}).ok());
  EXPECT_EQ(OutputSet::check_distinct({x, x}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OutputSet::check_distinct({x, "", x_again}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(OutputSet::check_distinct({"-", "-"}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(OutputSet::check_distinct({"/dev/null", "/dev/null", x}).ok());
}

// The set is committed as a whole: when the second output cannot be written, the first keeps its
// old content and neither leaves a temporary file behind.
TEST(OutputSet, ASecondOutputFailingReplacesNoneAndLeavesNoTemporary) {
  const auto dir = scratch("commit_all");
  const auto first = dir / "kept.jsonl";
  write_file(first, "old\n");
  auto only_old_file = [&] {
    size_t entries = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      ++entries;
      EXPECT_EQ(e.path().filename(), "kept.jsonl") << "left behind: " << e.path();
    }
    EXPECT_EQ(entries, 1u);
    EXPECT_EQ(read_file(first), "old\n");
  };
  {  // Disk full: /dev/full is written in place and every write to it fails with ENOSPC.
    OutputSet outputs({});
    auto a = outputs.add(first.string());
    auto b = outputs.add("/dev/full");
    ASSERT_TRUE(a.ok() && b.ok());
    (*a)->write("new\n");
    (*b)->write(std::string(4 << 20, 'x'));
    EXPECT_EQ(outputs.commit().code(), StatusCode::kIoError);
  }
  only_old_file();
  {  // The second output's directory removed after it was opened.
    const auto sub = dir / "sub";
    std::filesystem::create_directory(sub);
    OutputSet outputs({});
    auto a = outputs.add(first.string());
    auto b = outputs.add((sub / "report.jsonl").string());
    ASSERT_TRUE(a.ok() && b.ok());
    (*a)->write("new\n");
    (*b)->write("report\n");
    std::error_code ec;
    std::filesystem::remove(sub, ec);  // fails when the temporary is a named file in it
    if (!ec) {
      EXPECT_FALSE(outputs.commit().ok());
      only_old_file();
    }
  }
  // Control: both writable, both replaced.
  OutputSet outputs({});
  auto a = outputs.add(first.string());
  auto b = outputs.add((dir / "report.jsonl").string());
  ASSERT_TRUE(a.ok() && b.ok());
  (*a)->write("new\n");
  (*b)->write("r\n");
  ASSERT_TRUE(outputs.commit().ok());
  EXPECT_EQ(read_file(first), "new\n");
  EXPECT_EQ(read_file(dir / "report.jsonl"), "r\n");
}

}  // namespace
}  // namespace docsift
