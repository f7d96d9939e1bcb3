#include "pipeline/work_dir.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstring>
#include <functional>

#include "pipeline/clean_job.h"
#include "pipeline/cluster_job.h"
#include "pipeline/dedup_job.h"
#include "pipeline/passages_job.h"
#include "pipeline/substrings_job.h"
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

// Runs `fn` in a child process that `kill_at` (a progress stage name) kills with SIGKILL.
void run_killed(const std::function<void(const ProgressCallback&)>& fn, const char* kill_at) {
  std::fflush(nullptr);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    fn([kill_at](const char* stage, uint64_t, uint64_t, uint64_t) {
      if (std::strcmp(stage, kill_at) == 0) ::raise(SIGKILL);
    });
    ::_exit(0);  // not reached when the kill works
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

TEST(WorkDir, DedupKilledAfterItsFirstStageResumesFromItWithTheSameOutputs) {
  const auto dir = scratch("work_dir_kill_first");
  write_file(dir / "in.jsonl", corpus(60));
  int n = 0;
  for (const DedupOptions& o : all_methods()) {
    SCOPED_TRACE(std::string(dedup_method_name(o.method)) + " keep " +
                 std::to_string(static_cast<int>(o.keep)));
    const std::string work = (dir / ("k" + std::to_string(n++))).string();
    Outputs expected, out;
    ASSERT_TRUE(dedup(dir, "expected", o, "", expected).ok());
    // Killed as the grouping starts: minhash has saved its signatures then.
    run_killed(
        [&](const ProgressCallback& progress) {
          DedupPaths paths{.inputs = {(dir / "in.jsonl").string()},
                           .output = (dir / "killed.kept").string(),
                           .work_dir = work};
          (void)run_dedup(paths, o, progress);
        },
        "group");
    EXPECT_FALSE(fs::exists(dir / "killed.kept"));
    auto s = dedup(dir, "rerun", o, work, out);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(out, expected);
    if (o.method == DedupMethod::kMinHash) {
      EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+signatures"});
    } else {
      EXPECT_TRUE(s->stages_resumed.empty());
    }
    // Then every stage is there: the grouping is resumed.
    s = dedup(dir, "again", o, work, out);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+group"});
    EXPECT_EQ(out, expected);
  }
}

TEST(WorkDir, MinHashDedupResumesFromItsVerifiedEdges) {
  const auto dir = scratch("work_dir_edges");
  write_file(dir / "in.jsonl", corpus(60));
  DedupOptions o;
  o.method = DedupMethod::kMinHash;
  o.threshold = 0.7;
  const std::string work = (dir / "w").string();
  Outputs expected, out;
  auto a = dedup(dir, "expected", o, "", expected);
  ASSERT_TRUE(a.ok() && dedup(dir, "saved", o, work, out).ok());
  for (const char* stage : {"signatures", "candidates", "edges", "group"}) {
    EXPECT_TRUE(fs::is_regular_file(fs::path(work) / (std::string(stage) + ".bin"))) << stage;
  }
  // Without the grouping's artifact the manifest's last usable stage is the edges.
  fs::remove(fs::path(work) / "group.bin");
  auto s = dedup(dir, "resumed", o, work, out);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+edges"});
  EXPECT_EQ(out, expected);
  EXPECT_EQ(s->candidate_pairs, a->candidate_pairs);
  EXPECT_EQ(s->num_bands, a->num_bands);
  EXPECT_EQ(s->duplicate_groups, a->duplicate_groups);
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

TEST(WorkDir, CleanKilledAfterItsFirstStageResumesFromTheSignatures) {
  const auto dir = scratch("work_dir_clean_kill");
  write_file(dir / "in.jsonl", corpus(60));
  DedupOptions d;
  d.method = DedupMethod::kMinHash;
  d.threshold = 0.7;
  auto clean = [&](const std::string& tag, const std::string& work, const ProgressCallback& p) {
    CleanPaths paths{.inputs = {(dir / "in.jsonl").string()},
                     .output = (dir / (tag + ".clean")).string(),
                     .report = (dir / (tag + ".report")).string(),
                     .work_dir = work};
    return run_clean(paths, d, PassageOptions{}, p);
  };
  const std::string work = (dir / "w").string();
  ASSERT_TRUE(clean("plain", "", {}).ok());
  run_killed([&](const ProgressCallback& p) { (void)clean("killed", work, p); }, "group");
  EXPECT_FALSE(fs::exists(dir / "killed.clean"));
  auto s = clean("rerun", work, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->documents.stages_resumed, std::vector<std::string>{"read+signatures"});
  EXPECT_EQ(read_file(dir / "rerun.clean"), read_file(dir / "plain.clean"));
  EXPECT_EQ(read_file(dir / "rerun.report"), read_file(dir / "plain.report"));
}

TEST(WorkDir, PassagesKilledAfterItsDecisionsResumesWithTheSameOutputs) {
  const auto dir = scratch("work_dir_passages");
  write_file(dir / "in.jsonl", corpus(60));
  auto passages = [&](const std::string& tag, const std::string& work, const PassageOptions& o,
                      const ProgressCallback& p) {
    PassagePaths paths{.inputs = {(dir / "in.jsonl").string()},
                       .report = (dir / (tag + ".report")).string(),
                       .strip = (dir / (tag + ".strip")).string(),
                       .work_dir = work};
    return run_passages(paths, o, p);
  };
  auto same = [&](const std::string& a, const std::string& b) {
    EXPECT_EQ(read_file(dir / (a + ".report")), read_file(dir / (b + ".report")));
    EXPECT_EQ(read_file(dir / (a + ".strip")), read_file(dir / (b + ".strip")));
  };
  PassageOptions o;
  o.threads = 2;
  const std::string work = (dir / "w").string();
  auto plain = passages("plain", "", o, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_GT(plain->passages_removed, 0u);
  // Killed as the writing pass starts: the decisions are saved.
  run_killed([&](const ProgressCallback& p) { (void)passages("killed", work, o, p); }, "write");
  EXPECT_FALSE(fs::exists(dir / "killed.strip"));
  auto s = passages("rerun", work, o, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+decisions"});
  same("rerun", "plain");
  EXPECT_EQ(s->duplicate_occurrences, plain->duplicate_occurrences);
  EXPECT_EQ(s->passages_removed, plain->passages_removed);
  EXPECT_EQ(s->bytes_removed, plain->bytes_removed);
  EXPECT_EQ(s->docs_changed, plain->docs_changed);
  EXPECT_EQ(s->distinct_passages, plain->distinct_passages);
  ASSERT_EQ(s->most_repeated.size(), plain->most_repeated.size());
  for (size_t i = 0; i < s->most_repeated.size(); ++i) {
    EXPECT_EQ(s->most_repeated[i].text, plain->most_repeated[i].text);
    EXPECT_EQ(s->most_repeated[i].occurrences, plain->most_repeated[i].occurrences);
  }
  // Other options: stale, not resumed, same outputs as without a work directory.
  o.min_words = 6;
  ASSERT_TRUE(passages("plain6", "", o, {}).ok());
  s = passages("other", work, o, {});
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->stages_resumed.empty());
  EXPECT_TRUE(s->work_dir_stale);
  same("other", "plain6");
}

TEST(WorkDir, SubstringsKilledAfterItsSpansResumesWithTheSameOutputs) {
  const auto dir = scratch("work_dir_substrings");
  write_file(dir / "in.jsonl", corpus(60));
  auto substrings = [&](const std::string& tag, const std::string& work,
                        const ProgressCallback& p) {
    SubstringPaths paths{.inputs = {(dir / "in.jsonl").string()},
                         .report = (dir / (tag + ".report")).string(),
                         .strip = (dir / (tag + ".strip")).string(),
                         .work_dir = work};
    SubstringJobOptions o;
    o.substrings.min_bytes = 40;
    return run_substrings(paths, o, p);
  };
  const std::string work = (dir / "w").string();
  auto plain = substrings("plain", "", {});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_GT(plain->spans, 0u);
  run_killed([&](const ProgressCallback& p) { (void)substrings("killed", work, p); }, "write");
  EXPECT_FALSE(fs::exists(dir / "killed.strip"));
  auto s = substrings("rerun", work, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"read+spans"});
  EXPECT_EQ(read_file(dir / "rerun.report"), read_file(dir / "plain.report"));
  EXPECT_EQ(read_file(dir / "rerun.strip"), read_file(dir / "plain.strip"));
  EXPECT_EQ(s->spans, plain->spans);
  EXPECT_EQ(s->bytes_removed, plain->bytes_removed);
  EXPECT_EQ(s->docs_changed, plain->docs_changed);
}

TEST(WorkDir, ClusterKilledAfterItsDedupResumesWithTheSameOutputs) {
  const auto dir = scratch("work_dir_cluster");
  write_file(dir / "in.jsonl", corpus(60));
  auto cluster = [&](const std::string& tag, const std::string& work, const ProgressCallback& p) {
    ClusterPaths paths{.inputs = {(dir / "in.jsonl").string()},
                       .assignments = (dir / (tag + ".assign")).string(),
                       .summary = (dir / (tag + ".topics")).string(),
                       .work_dir = work};
    ClusterJobOptions o;
    o.dedup = true;
    o.cluster.kmeans.k = 3;
    o.threads = 2;
    return run_cluster(paths, o, p);
  };
  const std::string work = (dir / "w").string();
  auto plain = cluster("plain", "", {});
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_GT(plain->duplicates_removed, 0u);
  run_killed([&](const ProgressCallback& p) { (void)cluster("killed", work, p); }, "cluster");
  EXPECT_FALSE(fs::exists(dir / "killed.assign"));
  auto s = cluster("rerun", work, {});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->stages_resumed, std::vector<std::string>{"dedup"});
  EXPECT_EQ(read_file(dir / "rerun.assign"), read_file(dir / "plain.assign"));
  EXPECT_EQ(read_file(dir / "rerun.topics"), read_file(dir / "plain.topics"));
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
