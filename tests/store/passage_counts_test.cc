// docsift passages --index (pipeline/passage_count_index.h): batch 1 then batch 2 with --update
// give batch 2 the boilerplate decisions of one run over both batches; a footer seen in 500
// earlier documents goes from a batch where it occurs once; refused options; the CLI killed
// (-9) during --update leaves an index that answers as before or as after it; count segments
// (StoredKind::kCounts) against a brute-force sum.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "pipeline/passage_count_index.h"
#include "pipeline/passages_job.h"
#include "store/stored_index.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  auto dir = fs::path(::testing::TempDir()) /
             ("docsift_pcounts_" + name + "_" + std::to_string(::getpid()));
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

int run_program(const std::string& command) { return std::system(command.c_str()); }

// Random words from a vocabulary of 3000: two random paragraphs of 12+ words are never near
// duplicates at Jaccard 0.8, so near-duplicate grouping plays no part and the exact counts the
// index carries are the whole story.
struct CorpusMaker {
  explicit CorpusMaker(uint32_t seed) : rng(seed) {
    for (int i = 0; i < 3000; ++i) {
      std::string w;
      const int len = 3 + static_cast<int>(rng() % 6);
      for (int k = 0; k < len; ++k) w.push_back(static_cast<char>('a' + rng() % 26));
      vocab.push_back(w);
    }
    for (int i = 0; i < 12; ++i) footers.push_back(paragraph(8 + i));
    // Short lines of 1 to 4 words (line boilerplate needs 10x, 2x, ... documents).
    for (int i = 0; i < 10; ++i) {
      std::string l;
      for (int k = 0; k <= i % 4; ++k) l += (k ? " " : "") + vocab[rng() % vocab.size()];
      short_lines.push_back(l);
    }
  }
  std::string paragraph(int words) {
    std::string p;
    for (int k = 0; k < words; ++k) p += (k ? " " : "") + vocab[rng() % vocab.size()];
    return p + ".";
  }
  // A document: unique paragraphs, footers and short lines drawn with skewed frequencies (so
  // some are boilerplate only with both batches' counts), a within-document repeat now and then.
  std::string document() {
    std::vector<std::string> parts;
    const int n = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < n; ++i) parts.push_back(paragraph(12 + static_cast<int>(rng() % 20)));
    for (size_t f = 0; f < footers.size(); ++f) {
      if (rng() % 100 < 40 / (f + 1)) parts.push_back(footers[f]);
    }
    for (size_t l = 0; l < short_lines.size(); ++l) {
      if (rng() % 100 < 60 / (l + 1)) parts.push_back(short_lines[l]);
    }
    if (rng() % 10 == 0) parts.push_back(parts[0]);
    std::shuffle(parts.begin() + n, parts.end(), rng);
    std::string text;
    for (const std::string& p : parts) text += (text.empty() ? "" : "\n\n") + p;
    return text;
  }
  std::mt19937 rng;
  std::vector<std::string> vocab, footers, short_lines;
};

std::string json_doc(const std::string& id, const std::string& text) {
  return "{\"id\":\"" + id + "\",\"text\":\"" + [&] {
    std::string e;
    for (char c : text) {
      if (c == '\n')
        e += "\\n";
      else
        e += c;
    }
    return e;
  }() + "\"}\n";
}

// Batch 1 (n1 documents), batch 2 (n2), and both.
struct Batches {
  fs::path b1, b2, both;
};

Batches make_batches(const fs::path& dir, uint32_t seed, int n1, int n2) {
  CorpusMaker m(seed);
  Batches b{dir / "b1.jsonl", dir / "b2.jsonl", dir / "both.jsonl"};
  std::ofstream o1(b.b1), o2(b.b2), both(b.both);
  for (int i = 0; i < n1 + n2; ++i) {
    const std::string line = json_doc("d" + std::to_string(i), m.document());
    (i < n1 ? o1 : o2) << line;
    both << line;
  }
  return b;
}

PassagePaths paths_of(const fs::path& input, const std::string& report = "",
                      const std::string& strip = "") {
  PassagePaths p;
  p.inputs = {input.string()};
  p.report = report;
  p.strip = strip;
  return p;
}

struct Mode {
  bool near;
  BoilerplateMode boilerplate;
};

class PassageCountsModes : public ::testing::TestWithParam<Mode> {};

TEST_P(PassageCountsModes, SecondBatchDecidesAsOneRunOverBoth) {
  const uint32_t seed = 7;
  SCOPED_TRACE("seed " + std::to_string(seed));
  const fs::path dir = scratch("equal");
  const int n1 = 300, n2 = 120;
  const Batches b = make_batches(dir, seed, n1, n2);
  PassageOptions options;
  options.near = GetParam().near;
  options.boilerplate = GetParam().boilerplate;
  options.threads = 2;
  options.lines.min_docs = 4;
  const std::string index = (dir / "index").string();
  PassagePaths first = paths_of(b.b1, "", (dir / "s1.jsonl").string());
  first.index_dir = index;
  first.update = true;
  ASSERT_TRUE(run_passages(first, options).ok());
  PassagePaths second = paths_of(b.b2, "", (dir / "s2.jsonl").string());
  second.index_dir = index;
  second.update = true;
  auto incremental = run_passages(second, options);
  ASSERT_TRUE(incremental.ok()) << incremental.status().message();
  EXPECT_EQ(incremental->index_docs_before, uint64_t(n1));
  EXPECT_EQ(incremental->index_docs_after, uint64_t(n1 + n2));
  PassagePaths whole = paths_of(b.both, "", (dir / "all.jsonl").string());
  auto one_run = run_passages(whole, options);
  ASSERT_TRUE(one_run.ok());
  const auto all = lines_of(dir / "all.jsonl");
  const auto got = lines_of(dir / "s2.jsonl");
  ASSERT_EQ(all.size(), size_t(n1 + n2));
  ASSERT_EQ(got.size(), size_t(n2));
  size_t differ = 0;
  for (int i = 0; i < n2; ++i) differ += got[i] != all[n1 + i];
  EXPECT_EQ(differ, 0u);
  // Batch 2 alone removes less: the index is what makes the difference.
  PassagePaths alone = paths_of(b.b2, "", (dir / "alone.jsonl").string());
  ASSERT_TRUE(run_passages(alone, options).ok());
  EXPECT_NE(read_file(dir / "alone.jsonl"), read_file(dir / "s2.jsonl"));
  // Batch 1's strip with an empty index is batch 1's strip alone.
  PassagePaths b1_alone = paths_of(b.b1, "", (dir / "s1a.jsonl").string());
  ASSERT_TRUE(run_passages(b1_alone, options).ok());
  EXPECT_EQ(read_file(dir / "s1.jsonl"), read_file(dir / "s1a.jsonl"));
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    Modes, PassageCountsModes,
    ::testing::Values(Mode{false, BoilerplateMode::kRemove}, Mode{true, BoilerplateMode::kRemove},
                      Mode{false, BoilerplateMode::kKeepFirst},
                      Mode{true, BoilerplateMode::kKeepFirst}),
    [](const auto& info) {
      return std::string(info.param.near ? "near" : "exact") +
             (info.param.boilerplate == BoilerplateMode::kRemove ? "_remove" : "_keep_first");
    });

TEST(PassageCounts, FooterSeen500TimesGoesFromABatchWhereItOccursOnce) {
  const fs::path dir = scratch("footer");
  CorpusMaker m(11);
  const std::string footer = "Subscribe to the Daily Courier newsletter for more stories like this";
  // 3 words, a paragraph of its own (shorter than min_words: no passage): boilerplate as a
  // line in ceil(4 * 10 / 3) documents.
  const std::string line = "Share this story";
  {
    std::ofstream b1(dir / "b1.jsonl"), b2(dir / "b2.jsonl");
    for (int i = 0; i < 500; ++i) {
      b1 << json_doc("a" + std::to_string(i), m.paragraph(20) + "\n\n" + footer + "\n\n" + line);
    }
    b2 << json_doc("b0", "A story of this batch about the harbour and its boats.\n\n" + footer +
                             "\n\n" + line);
    b2 << json_doc("b1", m.paragraph(25));
  }
  PassageOptions options;
  options.threads = 1;
  const std::string index = (dir / "index").string();
  PassagePaths first = paths_of((dir / "b1.jsonl"));
  first.index_dir = index;
  first.update = true;
  ASSERT_TRUE(run_passages(first, options).ok());
  PassagePaths second =
      paths_of((dir / "b2.jsonl"), (dir / "r2.jsonl").string(), (dir / "s2.jsonl").string());
  second.index_dir = index;
  auto s = run_passages(second, options);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->passages_removed, 1u) << read_file(dir / "r2.jsonl");
  EXPECT_EQ(s->lines_removed, 1u);
  const auto out = lines_of(dir / "s2.jsonl");
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].find("Subscribe"), std::string::npos) << out[0];
  EXPECT_EQ(out[0].find("Share this"), std::string::npos) << out[0];
  EXPECT_NE(out[0].find("harbour"), std::string::npos);
  // The report counts the stored documents with the batch's.
  EXPECT_NE(read_file(dir / "r2.jsonl").find("\"documents\":501"), std::string::npos)
      << read_file(dir / "r2.jsonl");
  // Without the index the footer (one document) stays.
  PassagePaths alone = paths_of((dir / "b2.jsonl"), "", (dir / "alone.jsonl").string());
  ASSERT_TRUE(run_passages(alone, options).ok());
  EXPECT_NE(read_file(dir / "alone.jsonl").find("Subscribe"), std::string::npos);
  // Read without --update: the index is unchanged.
  auto info = StoredIndex::open(index, nullptr);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ((*info)->num_docs(), 500u);
  EXPECT_EQ((*info)->info().num_batches, 1u);
  fs::remove_all(dir);
}

TEST(PassageCounts, RefusalsNameTheReason) {
  const fs::path dir = scratch("refusals");
  const Batches b = make_batches(dir, 3, 40, 10);
  const std::string index = (dir / "index").string();
  PassageOptions options;
  options.threads = 1;
  PassagePaths paths = paths_of(b.b1);
  paths.index_dir = index;
  auto absent = run_passages(paths, options);
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find("no docsift index"), std::string::npos);
  paths.update = true;
  ASSERT_TRUE(run_passages(paths, options).ok());
  auto refused = [&](PassageOptions o, const std::string& expect) {
    auto r = run_passages(paths, o);
    ASSERT_FALSE(r.ok()) << expect;
    EXPECT_NE(r.status().message().find(expect), std::string::npos) << r.status().message();
  };
  PassageOptions words = options;
  words.min_words = 7;
  refused(words, "min_words=5, this run uses min_words=7");
  PassageOptions lines = options;
  lines.lines.enabled = false;
  refused(lines, "lines=1, this run uses lines=0");
  PassageOptions digits = options;
  digits.normalize.fold_digits = true;
  refused(digits, "fold_digits=0, this run uses fold_digits=1");
  PassageOptions sentences = options;
  sentences.unit = PassageUnit::kSentence;
  refused(sentences, "unit=0, this run uses unit=1");
  // Thresholds and near options are not part of the counts: accepted.
  PassageOptions thresholds = options;
  thresholds.min_docs = 5;
  thresholds.lines.min_docs = 20;
  thresholds.near = false;
  EXPECT_TRUE(run_passages(paths, thresholds).ok());
  PassagePaths no_index = paths_of(b.b1);
  no_index.update = true;
  auto update_alone = run_passages(no_index, options);
  ASSERT_FALSE(update_alone.ok());
  EXPECT_NE(update_alone.status().message().find("--update needs --index"), std::string::npos);
  PassagePaths work = paths;
  work.work_dir = (dir / "work").string();
  EXPECT_FALSE(run_passages(work, options).ok());
  // A second writer while the first holds the lock.
  auto held = PassageCountIndex::open(index, options, true);
  ASSERT_TRUE(held.ok());
  auto second = run_passages(paths, options);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another process"), std::string::npos);
  held->reset();
  // A dedup index is not a passage count index.
  const std::string dedup_index = (dir / "dedup").string();
  ASSERT_EQ(run_program(std::string(DOCSIFT_BINARY_DIR) + "/docsift dedup -q -m exact --index " +
                        dedup_index + " --update " + b.b1.string()),
            0);
  PassagePaths on_dedup = paths;
  on_dedup.index_dir = dedup_index;
  on_dedup.update = false;
  auto wrong = run_passages(on_dedup, options);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.status().message().find("store=docsift dedup index"), std::string::npos)
      << wrong.status().message();
  fs::remove_all(dir);
}

TEST(PassageCounts, CountSegmentsSumAcrossBatchesAndMerges) {
  const fs::path dir = scratch("segments");
  const std::string index = (dir / "index").string();
  const OptionsText options{{"store", "test counts"}};
  const StoredIndexLayout layout{.kind = StoredKind::kCounts};
  std::mt19937_64 rng(5);
  std::map<std::pair<uint64_t, uint64_t>, uint64_t> want;
  std::vector<Key128> keys;
  for (int i = 0; i < 500; ++i) keys.push_back({rng(), rng()});
  auto check = [&](const StoredIndex& s) {
    for (const Key128& k : keys) {
      const auto it = want.find({k.low, k.high});
      EXPECT_EQ(s.count(k), it == want.end() ? 0u : it->second);
    }
  };
  for (int batch = 0; batch < 7; ++batch) {
    auto w = StoredIndex::open_writer(index, layout, options);
    ASSERT_TRUE(w.ok()) << w.status().message();
    SegmentData data;
    data.counted_docs = 10 + batch;
    for (size_t i = batch; i < keys.size(); i += 1 + batch % 3) {
      const uint32_t c = 1 + static_cast<uint32_t>(rng() % 9);
      data.counts.emplace_back(keys[i], c);
      want[{keys[i].low, keys[i].high}] += c;
    }
    ASSERT_TRUE((*w)->add_batch(data).ok());
    check(**w);
  }
  auto r = StoredIndex::open(index, &options);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)->num_docs(), uint64_t{10 + 11 + 12 + 13 + 14 + 15 + 16});
  EXPECT_LE((*r)->info().num_segments, 3u);  // binary-counter merges added counts
  check(**r);
  EXPECT_TRUE((*r)->verify().ok());
  {
    auto w = StoredIndex::open_writer(index, layout, options);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->compact().ok());
    EXPECT_EQ((*w)->info().num_segments, 1u);
    check(**w);
  }
  fs::remove_all(dir);
}

// The docsift CLI killed with SIGKILL at several moments of a `passages --index --update`: the
// index must open and answer (a lookup-only run's report) as before the update or as after it,
// and rerunning the update gives the after answers.
TEST(PassageCounts, KilledDuringUpdateAnswersAsBeforeOrAfter) {
  const fs::path dir = scratch("kill");
  const fs::path all = dir / "all.jsonl";
  ASSERT_EQ(run_program(std::string(DOCSIFT_BINARY_DIR) + "/gen_corpus --docs 4000 --seed 5 -o " +
                        all.string() + " 2>/dev/null"),
            0);
  const auto lines = lines_of(all);
  std::vector<fs::path> batches;
  for (size_t b = 0; b < 4; ++b) {
    batches.push_back(dir / ("batch" + std::to_string(b + 1) + ".jsonl"));
    std::ofstream out(batches.back());
    for (size_t i = b * lines.size() / 4; i < (b + 1) * lines.size() / 4; ++i) {
      out << lines[i] << "\n";
    }
  }
  const std::string docsift = std::string(DOCSIFT_BINARY_DIR) + "/docsift passages -q --threads 1 ";
  auto update = [&](const fs::path& index, const fs::path& batch) {
    return docsift + "--index " + index.string() + " --update " + batch.string() + " --strip " +
           (dir / "s.jsonl").string();
  };
  auto answers = [&](const fs::path& index) {
    const fs::path report = dir / "answers.jsonl";
    EXPECT_EQ(run_program(docsift + "--index " + index.string() + " " + batches[3].string() +
                          " -r " + report.string()),
              0);
    return read_file(report);
  };
  const fs::path before = dir / "before", after = dir / "after";
  for (size_t b = 0; b < 3; ++b) ASSERT_EQ(run_program(update(before, batches[b])), 0);
  fs::copy(before, after);
  ASSERT_EQ(run_program(update(after, batches[3])), 0);
  const std::string answers_before = answers(before), answers_after = answers(after);
  ASSERT_NE(answers_before, answers_after);
  int saw_before = 0, saw_after = 0;
  for (int delay_ms : {0, 30, 80, 150, 250, 400, 600, 900}) {
    const fs::path index = dir / ("killed" + std::to_string(delay_ms));
    fs::copy(before, index);
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const std::string cmd = update(index, batches[3]);
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
    // The index does not know which documents it counted: a batch added twice counts twice, so
    // only an update that did not land is run again.
    if (got == answers_before) {
      ASSERT_EQ(run_program(update(index, batches[3])), 0) << delay_ms;  // lock released
      EXPECT_EQ(answers(index), answers_after) << delay_ms;
    }
  }
  EXPECT_GT(saw_before, 0);  // the kills did land before the switch
  std::printf("kills answering as before: %d, as after: %d\n", saw_before, saw_after);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace docsift
