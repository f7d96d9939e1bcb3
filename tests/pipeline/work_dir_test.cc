#include "pipeline/work_dir.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>

#include "pipeline/clean_job.h"
#include "pipeline/dedup_job.h"
#include "pipeline_test_util.h"

namespace docsift {
namespace {

using namespace pipeline_testing;
namespace fs = std::filesystem;

// Documents with exact and near duplicates (a changed last word), and boilerplate for clean.
std::string corpus(int docs) {
  const char* words[] = {"river",  "mountain", "harvest", "market", "council", "station",
                         "winter", "library",  "garden",  "bridge", "engine",  "village"};
  std::string out;
  for (int d = 0; d < docs; ++d) {
    const int base = d % 3 == 2 ? d - 1 : d;  // every third document near-repeats the one before
    std::string text;
    for (int w = 0; w < 40; ++w) {
      text += words[(base * 7 + w * (base % 5 + 1)) % 12];
      text += ' ';
    }
    text += d % 3 == 2 ? "ending" : "closing";
    text += ". ";
    text += kBoilerplate;
    out += "{\"id\":\"d" + std::to_string(d) + "\",\"text\":\"" + text + "\"}\n";
    if (d % 4 == 0) out += "{\"id\":\"x" + std::to_string(d) + "\",\"text\":\"" + text + "\"}\n";
  }
  return out;
}

struct Outputs {
  std::string kept, report, clusters;
  bool operator==(const Outputs&) const = default;
};

Result<DedupSummary> dedup(const fs::path& dir, const std::string& tag, const DedupOptions& o,
                           const std::string& work, Outputs& out) {
  DedupPaths paths{.inputs = {(dir / "in.jsonl").string()},
                   .output = (dir / (tag + ".kept")).string(),
                   .report = (dir / (tag + ".report")).string(),
                   .clusters = (dir / (tag + ".clusters")).string(),
                   .work_dir = work};
  auto s = run_dedup(paths, o);
  if (s.ok()) {
    out = {read_file(paths.output), read_file(paths.report), read_file(paths.clusters)};
  }
  return s;
}

std::vector<DedupOptions> all_methods() {
  std::vector<DedupOptions> all;
  for (DedupMethod m : {DedupMethod::kExact, DedupMethod::kMinHash, DedupMethod::kSimHash}) {
    for (KeepPolicy k : {KeepPolicy::kFirst, KeepPolicy::kLongest}) {
      DedupOptions o;
      o.method = m;
      o.keep = k;
      o.threads = 2;
      o.threshold = 0.7;
      all.push_back(o);
    }
  }
  return all;
}

TEST(WorkDir, DedupResumedFromTheGroupingWritesTheSameBytes) {
  const auto dir = scratch("work_dir_resume");
  write_file(dir / "in.jsonl", corpus(60));
  int n = 0;
  for (const DedupOptions& o : all_methods()) {
    SCOPED_TRACE(std::string(dedup_method_name(o.method)) + " keep " +
                 std::to_string(static_cast<int>(o.keep)));
    const std::string work = (dir / ("w" + std::to_string(n++))).string();
    Outputs plain, saved, resumed;
    auto a = dedup(dir, "plain", o, "", plain);
    auto b = dedup(dir, "saved", o, work, saved);
    auto c = dedup(dir, "resumed", o, work, resumed);
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
    EXPECT_GT(a->docs_removed, 0u);
    EXPECT_EQ(plain, saved);
    EXPECT_EQ(plain, resumed);
    EXPECT_TRUE(b->stages_resumed.empty());
    EXPECT_EQ(c->stages_resumed, std::vector<std::string>{"read+group"});
    EXPECT_FALSE(b->work_dir_stale || c->work_dir_stale);
    EXPECT_EQ(a->docs_kept, c->docs_kept);
    EXPECT_EQ(a->candidate_pairs, c->candidate_pairs);
    EXPECT_EQ(a->num_bands, c->num_bands);
    EXPECT_EQ(a->rows_per_band, c->rows_per_band);
    EXPECT_EQ(a->text_bytes, c->text_bytes);
    EXPECT_EQ(a->text_bytes_removed, c->text_bytes_removed);
    EXPECT_EQ(a->duplicate_groups, c->duplicate_groups);
  }
}

TEST(WorkDir, OtherOptionsOrInputsAreNotResumedAndReplaceTheArtifacts) {
  const auto dir = scratch("work_dir_stale");
  write_file(dir / "in.jsonl", corpus(60));
  const std::string work = (dir / "w").string();
  DedupOptions o;
  o.method = DedupMethod::kMinHash;
  Outputs out, expected;
  ASSERT_TRUE(dedup(dir, "first", o, work, out).ok());
  // Another threshold: not resumed, said to be stale, same output as without a work dir.
  o.threshold = 0.5;
  auto s = dedup(dir, "other", o, work, out);
  ASSERT_TRUE(s.ok() && dedup(dir, "expected", o, "", expected).ok());
  EXPECT_TRUE(s->stages_resumed.empty());
  EXPECT_TRUE(s->work_dir_stale);
  EXPECT_EQ(out, expected);
  // Then its own artifacts are resumed.
  s = dedup(dir, "again", o, work, out);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed.size(), 1u);
  EXPECT_EQ(out, expected);
  // Threads do not shape the grouping: still resumed.
  o.threads = 1;
  s = dedup(dir, "threads", o, work, out);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed.size(), 1u);
  // A changed input (one document fewer, so the old grouping would not even fit): not resumed.
  write_file(dir / "in.jsonl", corpus(59));
  s = dedup(dir, "changed", o, work, out);
  ASSERT_TRUE(s.ok() && dedup(dir, "expected", o, "", expected).ok());
  EXPECT_TRUE(s->stages_resumed.empty());
  EXPECT_TRUE(s->work_dir_stale);
  EXPECT_EQ(out, expected);
  // The same size and a new modification time count as a change too.
  const auto grouping = fs::last_write_time(dir / "in.jsonl");
  fs::last_write_time(dir / "in.jsonl", grouping + std::chrono::seconds(5));
  s = dedup(dir, "touched", o, work, out);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->stages_resumed.empty());
  EXPECT_TRUE(s->work_dir_stale);
}

TEST(WorkDir, ARunKilledAfterTheGroupingResumesWithTheSameOutputs) {
  const auto dir = scratch("work_dir_kill");
  write_file(dir / "in.jsonl", corpus(60));
  const std::string work = (dir / "w").string();
  DedupOptions o;
  o.method = DedupMethod::kMinHash;
  o.threads = 1;
  Outputs expected, out;
  ASSERT_TRUE(dedup(dir, "expected", o, "", expected).ok());
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    // Killed once the grouping is saved, while writing: no output committed.
    DedupPaths paths{.inputs = {(dir / "in.jsonl").string()},
                     .output = (dir / "killed.kept").string(),
                     .report = "",
                     .clusters = "",
                     .work_dir = work};
    (void)run_dedup(paths, o, [](const char* stage, uint64_t, uint64_t, uint64_t) {
      if (std::strcmp(stage, "write") == 0) ::raise(SIGKILL);
    });
    ::_exit(0);  // not reached when the kill works
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
  EXPECT_FALSE(fs::exists(dir / "killed.kept"));
  auto s = dedup(dir, "rerun", o, work, out);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+group"});
  EXPECT_EQ(out, expected);
}

TEST(WorkDir, CleanResumesItsDocumentDedup) {
  const auto dir = scratch("work_dir_clean");
  write_file(dir / "in.jsonl", corpus(60));
  auto clean = [&](const std::string& tag, const std::string& work, std::string& out) {
    CleanPaths paths{.inputs = {(dir / "in.jsonl").string()},
                     .output = (dir / (tag + ".clean")).string(),
                     .report = (dir / (tag + ".report")).string(),
                     .work_dir = work};
    DedupOptions d;
    d.method = DedupMethod::kMinHash;
    d.threshold = 0.7;
    auto s = run_clean(paths, d, PassageOptions{});
    if (s.ok()) out = read_file(paths.output) + read_file(paths.report);
    return s;
  };
  std::string plain, saved, resumed;
  const std::string work = (dir / "w").string();
  auto a = clean("plain", "", plain);
  auto b = clean("saved", work, saved);
  auto c = clean("resumed", work, resumed);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_GT(a->documents.docs_removed, 0u);
  EXPECT_GT(a->passages.passages_removed, 0u);
  EXPECT_EQ(plain, saved);
  EXPECT_EQ(plain, resumed);
  EXPECT_TRUE(b->documents.stages_resumed.empty());
  EXPECT_EQ(c->documents.stages_resumed.size(), 1u);
  EXPECT_EQ(a->documents.text_bytes_removed, c->documents.text_bytes_removed);
}

TEST(WorkDir, StdinInputIsNeverResumed) {
  const auto dir = scratch("work_dir_stdin");
  auto wd = WorkDir::open((dir / "w").string(), "dedup", {"-"}, OptionsText{{"a", "1"}});
  ASSERT_TRUE(wd.ok());
  ASSERT_TRUE(wd->complete("group").ok());
  auto again = WorkDir::open((dir / "w").string(), "dedup", {"-"}, OptionsText{{"a", "1"}});
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has("group"));
}

}  // namespace
}  // namespace docsift
