// docsift dedup --index: batches 1..4 of a generated corpus, each with --update, remove the same
// documents as one run over all four; the CLI killed (-9) at several moments of an --update
// leaves an index that answers as before or as after it; refusals.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/dedup_job.h"
#include "pipeline/indexed_dedup_job.h"
#include "store/stored_index.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  auto dir = fs::path(::testing::TempDir()) /
             ("docsift_indexed_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const fs::path& p) {
  std::vector<std::string> out;
  std::ifstream in(p);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// "id" values of report lines that name a duplicate (not skipped records).
std::set<std::string> removed_ids(const std::vector<fs::path>& reports) {
  std::set<std::string> ids;
  for (const fs::path& r : reports) {
    for (const std::string& line : lines_of(r)) {
      if (line.find("\"duplicate_of\"") == std::string::npos) continue;
      const size_t b = line.find("\"id\":\"") + 6;
      ids.insert(line.substr(b, line.find('"', b) - b));
    }
  }
  return ids;
}

int run_program(const std::string& command) { return std::system(command.c_str()); }

// A generated corpus (planted exact and near duplicates, DOCSIFT_BINARY_DIR/gen_corpus) cut into
// four batch files in order, and the whole.
struct Corpus {
  fs::path dir, all;
  std::vector<fs::path> batches;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    c.dir = scratch("corpus");
    c.all = c.dir / "all.jsonl";
    EXPECT_EQ(
        run_program(std::string(DOCSIFT_BINARY_DIR) + "/gen_corpus --docs 2400 --seed 5 " +
                    "--exact-frac 0.08 --near-frac 0.15 -o " + c.all.string() + " 2>/dev/null"),
        0);
    const auto lines = lines_of(c.all);
    for (size_t b = 0; b < 4; ++b) {
      c.batches.push_back(c.dir / ("batch" + std::to_string(b + 1) + ".jsonl"));
      std::ofstream out(c.batches.back());
      for (size_t i = b * lines.size() / 4; i < (b + 1) * lines.size() / 4; ++i) {
        out << lines[i] << "\n";
      }
    }
    return c;
  }();
  return c;
}

class IndexedDedupMethods : public ::testing::TestWithParam<DedupMethod> {};

TEST_P(IndexedDedupMethods, FourBatchesWithUpdateRemoveWhatOneRunOverAllRemoves) {
  const Corpus& c = corpus();
  const fs::path dir = scratch(std::string("batches_") + dedup_method_name(GetParam()));
  DedupOptions options;
  options.method = GetParam();
  options.threads = 2;
  std::vector<fs::path> reports;
  uint64_t by_index = 0;
  for (size_t b = 0; b < 4; ++b) {
    reports.push_back(dir / ("report" + std::to_string(b) + ".jsonl"));
    IndexedDedupPaths paths{.dedup = {.inputs = {c.batches[b].string()},
                                      .output = (dir / ("kept" + std::to_string(b))).string(),
                                      .report = reports.back().string()},
                            .index_dir = (dir / "index").string(),
                            .update = true};
    auto s = run_indexed_dedup(paths, options);
    ASSERT_TRUE(s.ok()) << s.status().message();
    by_index += s->removed_by_index;
    EXPECT_EQ(s->index_docs_after, s->index_docs_before + s->dedup.docs_kept);
  }
  DedupPaths one{.inputs = {},
                 .output = (dir / "kept_all").string(),
                 .report = (dir / "report_all.jsonl").string()};
  for (const fs::path& b : c.batches) one.inputs.push_back(b.string());
  auto all = run_dedup(one, options);
  ASSERT_TRUE(all.ok()) << all.status().message();
  const auto incremental = removed_ids(reports);
  const auto whole = removed_ids({dir / "report_all.jsonl"});
  // Exact: identical by construction (no chains: a removed document's key is its kept
  // document's key, which is indexed). MinHash (same seed) and SimHash: identical on this
  // corpus; a difference could only come from a chain through a document removed in an earlier
  // batch (not indexed, so not followed) or from a later batch not undoing an earlier keep.
  EXPECT_EQ(incremental, whole);
  EXPECT_GT(by_index, 20u);  // the batches do overlap, so the index did the work
  EXPECT_GT(whole.size(), 100u);
  // The kept documents concatenated are the one run's kept documents, in order.
  std::string kept;
  for (size_t b = 0; b < 4; ++b) kept += read_file(dir / ("kept" + std::to_string(b)));
  EXPECT_EQ(kept, read_file(dir / "kept_all"));
  // Index duplicates are reported with the indexed document's id and "source":"index".
  size_t index_lines = 0;
  for (const std::string& line : lines_of(reports[3])) {
    index_lines += line.find("\"source\":\"index\"") != std::string::npos;
  }
  EXPECT_GT(index_lines, 0u);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Methods, IndexedDedupMethods,
                         ::testing::Values(DedupMethod::kExact, DedupMethod::kMinHash,
                                           DedupMethod::kSimHash),
                         [](const auto& info) {
                           return std::string(dedup_method_name(info.param));
                         });

TEST(IndexedDedup, OutputsDoNotDependOnTheThreadCount) {
  const Corpus& c = corpus();
  const fs::path dir = scratch("threads");
  std::string outputs[2];
  for (unsigned t = 1; t <= 2; ++t) {
    const fs::path index = dir / ("index" + std::to_string(t));
    DedupOptions options;
    options.method = DedupMethod::kMinHash;
    options.threads = t;
    for (size_t b = 0; b < 2; ++b) {
      IndexedDedupPaths paths{.dedup = {.inputs = {c.batches[b].string()},
                                        .output = (dir / "kept").string(),
                                        .report = (dir / "report").string()},
                              .index_dir = index.string(),
                              .update = true};
      ASSERT_TRUE(run_indexed_dedup(paths, options).ok());
    }
    outputs[t - 1] = read_file(dir / "kept") + read_file(dir / "report");
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  fs::remove_all(dir);
}

TEST(IndexedDedup, RefusalsNameTheReason) {
  const Corpus& c = corpus();
  const fs::path dir = scratch("refusals");
  const std::string index = (dir / "index").string();
  IndexedDedupPaths paths{
      .dedup = {.inputs = {c.batches[0].string()}, .output = (dir / "kept").string()},
      .index_dir = index,
      .update = false};
  DedupOptions options;
  options.method = DedupMethod::kMinHash;
  auto absent = run_indexed_dedup(paths, options);
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find("no docsift index"), std::string::npos);
  paths.update = true;
  ASSERT_TRUE(run_indexed_dedup(paths, options).ok());
  DedupOptions longest = options;
  longest.keep = KeepPolicy::kLongest;
  auto refused = run_indexed_dedup(paths, longest);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("--keep longest"), std::string::npos);
  DedupOptions other = options;
  other.ngram = 3;
  auto mismatch = run_indexed_dedup(paths, other);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_NE(mismatch.status().message().find("ngram=5"), std::string::npos)
      << mismatch.status().message();
  EXPECT_NE(mismatch.status().message().find("ngram=3"), std::string::npos);
  DedupOptions exact = options;
  exact.method = DedupMethod::kExact;
  EXPECT_FALSE(run_indexed_dedup(paths, exact).ok());
  // A second writer while the first holds the lock.
  auto writer = StoredIndex::open(index, nullptr);
  ASSERT_TRUE(writer.ok());
  auto held = StoredIndex::open_writer(index, (*writer)->info().layout, (*writer)->info().options);
  ASSERT_TRUE(held.ok());
  auto second = run_indexed_dedup(paths, options);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another process"), std::string::npos)
      << second.status().message();
  fs::remove_all(dir);
}

// The docsift CLI killed with SIGKILL after `delay_us` of an --update: the index must open and
// answer (a lookup-only run over the whole corpus) as before the update or as after it, and
// rerunning the update must give the after answers.
TEST(IndexedDedup, KilledDuringUpdateAnswersAsBeforeOrAfter) {
  const Corpus& c = corpus();
  const fs::path dir = scratch("kill");
  const std::string docsift = std::string(DOCSIFT_BINARY_DIR) + "/docsift";
  const std::string method = " -q -m minhash --threads 1 ";
  auto update = [&](const fs::path& index, const fs::path& batch) {
    return docsift + " dedup" + method + "--index " + index.string() + " --update " +
           batch.string() + " -o " + (dir / "k.jsonl").string() + " -r " +
           (dir / "r.jsonl").string();
  };
  auto answers = [&](const fs::path& index) {
    const fs::path report = dir / "answers.jsonl";
    EXPECT_EQ(run_program(docsift + " dedup" + method + "--index " + index.string() + " " +
                          c.all.string() + " -r " + report.string()),
              0);
    return read_file(report);
  };
  const fs::path before = dir / "before", after = dir / "after";
  for (size_t b = 0; b < 3; ++b) ASSERT_EQ(run_program(update(before, c.batches[b])), 0);
  fs::copy(before, after);
  ASSERT_EQ(run_program(update(after, c.batches[3])), 0);
  const std::string answers_before = answers(before), answers_after = answers(after);
  ASSERT_NE(answers_before, answers_after);
  int saw_before = 0, saw_after = 0;
  for (int delay_ms : {0, 20, 60, 120, 200, 300, 450, 700}) {
    const fs::path index = dir / ("killed" + std::to_string(delay_ms));
    fs::copy(before, index);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const std::string cmd = update(index, c.batches[3]);
      ::execl("/bin/sh", "sh", "-c", ("exec " + cmd).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::usleep(static_cast<useconds_t>(delay_ms) * 1000);
    ::kill(child, SIGKILL);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    const std::string got = answers(index);
    EXPECT_TRUE(got == answers_before || got == answers_after)
        << "killed after " << delay_ms << " ms: answers in between";
    saw_before += got == answers_before;
    saw_after += got == answers_after;
    ASSERT_EQ(run_program(update(index, c.batches[3])), 0) << delay_ms;  // lock released
    EXPECT_EQ(answers(index), answers_after) << delay_ms;
  }
  EXPECT_GT(saw_before, 0);  // the kills did land before the switch
  std::printf("kills answering as before: %d, as after: %d\n", saw_before, saw_after);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace docsift
