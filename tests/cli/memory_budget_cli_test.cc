// --max-memory (core/memory_budget.h) end to end: every command, on a generated corpus, stops
// with exit 4 and one line naming the estimate when the budget is too small, leaving no output
// and no temporary file; with enough budget its outputs are those of a run without one. Under
// `ulimit -v` a run stops on the budget (exit 4, the budget's message) instead of being killed.

#include <sys/wait.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli_test_util.h"

namespace docsift::testing {
namespace {

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool kSanitizedBuild = true;
#else
constexpr bool kSanitizedBuild = false;
#endif

// `docs` JSONL documents of about 80 words from a seeded generator, every seventh a copy of an
// earlier one with one word changed and every fifth with a repeated boilerplate paragraph, so
// that every command has duplicates, passages, repeats and topics to find.
std::string generated_corpus(size_t docs) {
  static const char* const kWords[] = {
      "river",   "market", "engine", "garden", "policy", "signal", "harbor",  "winter",  "copper",
      "forest",  "ticket", "museum", "planet", "bridge", "silver", "motion",  "orange",  "castle",
      "cotton",  "valley", "rocket", "camera", "meadow", "pillar", "lantern", "voyage",  "mirror",
      "thunder", "basket", "candle", "anchor", "desert", "falcon", "glacier", "harvest", "island"};
  const size_t num_words = sizeof kWords / sizeof kWords[0];
  uint64_t state = 12345;
  auto next = [&] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<size_t>(state >> 33);
  };
  std::vector<std::string> texts;
  std::string out;
  for (size_t d = 0; d < docs; ++d) {
    std::string text;
    if (d % 7 == 6 && !texts.empty()) {
      text = texts[next() % texts.size()];
      text.replace(0, text.find(' '), kWords[next() % num_words]);
    } else {
      const size_t topic = next() % 6;
      for (int w = 0; w < 80; ++w) {
        const size_t word = w % 3 == 0 ? (topic * 6 + next() % 6) % num_words : next() % num_words;
        text += kWords[word];
        text += w % 12 == 11 ? ".\n\n" : " ";
      }
      if (d % 5 == 0)
        text += "\n\nSubscribe to our newsletter for more stories like this one today.";
    }
    texts.push_back(text);
    std::string escaped;
    for (char c : text) {
      if (c == '\n') {
        escaped += "\\n";
      } else {
        escaped += c;
      }
    }
    out += "{\"id\":\"d" + std::to_string(d) + "\",\"text\":\"" + escaped + "\"}\n";
  }
  return out;
}

std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name != "stderr.txt" && name != "in.jsonl") names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

// A JSON number field of the --stats object.
uint64_t stats_field(const std::string& json, const std::string& name) {
  const size_t at = json.find("\"" + name + "\":");
  if (at == std::string::npos) return 0;
  return std::stoull(json.substr(at + name.size() + 3));
}

// The bytes of a --max-memory value as the tests write it: "<n>B" or "<n>G".
uint64_t parse_size_for_test(const std::string& value) {
  const uint64_t n = std::stoull(value);
  return value.back() == 'G' ? n << 30 : n;
}

struct Command {
  std::string name;
  std::string args;                                          // before the input; outputs are added
  std::vector<std::pair<std::string, std::string>> outputs;  // option, file name
};

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"dedup",
       "dedup -m minhash",
       {{"-o", "kept.jsonl"}, {"-r", "report.jsonl"}, {"--clusters", "clusters.jsonl"}}},
      {"dedup", "dedup -m exact", {{"-o", "kept.jsonl"}, {"-r", "report.jsonl"}}},
      {"dedup", "dedup -m simhash", {{"-o", "kept.jsonl"}}},
      {"passages", "passages", {{"-r", "report.jsonl"}, {"--strip", "strip.jsonl"}}},
      {"clean", "clean", {{"-o", "clean.jsonl"}, {"-r", "report.jsonl"}}},
      {"cluster", "cluster -k 6 --n-init 2", {{"-o", "assign.jsonl"}, {"-s", "summary.jsonl"}}},
      {"substrings",
       "substrings --min-bytes 60",
       {{"-r", "report.jsonl"}, {"--strip", "strip.jsonl"}}},
  };
  return kCommands;
}

class MemoryBudgetCli : public ::testing::TestWithParam<size_t> {};

TEST_P(MemoryBudgetCli, TooSmallIsExit4BeforeAnyOutputAndEnoughGivesTheSameOutput) {
  const Command& c = commands()[GetParam()];
  auto dir = scratch_dir("memory_budget_" + std::to_string(GetParam()));
  write_file(dir / "in.jsonl", generated_corpus(6000));
  auto command_line = [&](const std::string& max_memory, bool stats) {
    std::string line = c.args + " '" + (dir / "in.jsonl").string() + "' -q --threads 2";
    for (const auto& [option, file] : c.outputs)
      line += " " + option + " '" + (dir / file).string() + "'";
    if (stats) line += " --stats '" + (dir / "stats.json").string() + "'";
    return line + " --max-memory " + max_memory;
  };
  auto read_outputs = [&] {
    std::vector<std::string> contents;
    for (const auto& [option, file] : c.outputs) contents.push_back(read_file(dir / file));
    return contents;
  };
  auto remove_outputs = [&] {
    for (const auto& [option, file] : c.outputs) fs::remove(dir / file);
    fs::remove(dir / "stats.json");
  };

  // No budget (0): charges are counted, never refused; the stats give their peak.
  auto free_run = run_docsift(command_line("0", true), dir);
  ASSERT_EQ(free_run.exit_code, 0) << free_run.err;
  const std::vector<std::string> expected = read_outputs();
  const std::string stats = read_file(dir / "stats.json");
  const uint64_t charged = stats_field(stats, "memory_charged_peak_bytes");
  ASSERT_GT(charged, uint64_t{1} << 20) << stats;
  EXPECT_EQ(stats_field(stats, "max_memory_bytes"), 0u) << stats;
  remove_outputs();

  // Too small: a budget under what the run charged at its peak.
  // (substrings: --max-memory bounds its suffix-array state, which its plan shards to fit, so
  // only a budget below its fixed part is too small.)
  for (double share : {0.3, 0.85}) {
    if (c.name == "substrings" && share > 0.5) continue;
    // Under ASan the program's resident size (charged when the budget is made) dominates the
    // free run's peak, and 0.3x of it still fits substrings' sharded plan: only checked without
    // sanitizers.
    if (c.name == "substrings" && kSanitizedBuild) continue;
    const uint64_t limit = static_cast<uint64_t>(static_cast<double>(charged) * share);
    auto r = run_docsift(command_line(std::to_string(limit) + "B", false), dir);
    EXPECT_EQ(r.exit_code, 4) << share << ": " << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("--max-memory"), std::string::npos) << r.err;
    if (c.name != "substrings") {  // substrings may stop in its suffix-array plan instead
      EXPECT_NE(r.err.find("docsift: " + c.name + " needs about "), std::string::npos) << r.err;
      EXPECT_NE(r.err.find("raise --max-memory or split the input"), std::string::npos) << r.err;
    }
    EXPECT_EQ(files_in(dir), std::vector<std::string>{}) << share << ": " << r.err;
  }

  // Enough: just above the charged peak (and, without sanitizers, the peak resident size,
  // which the budget checks too), and plenty; the same bytes as without a budget.
  const uint64_t resident = kSanitizedBuild ? 0 : stats_field(stats, "peak_memory_bytes");
  const uint64_t tight = std::max(charged, resident) + (uint64_t{8} << 20);
  for (const std::string& limit : {std::to_string(tight) + "B", std::string("4G")}) {
    if (c.name == "substrings" && limit != "4G") continue;  // its plan takes what is left
    auto r = run_docsift(command_line(limit, true), dir);
    ASSERT_EQ(r.exit_code, 0) << limit << ": " << r.err;
    EXPECT_EQ(read_outputs(), expected) << limit;
    const std::string s = read_file(dir / "stats.json");
    EXPECT_EQ(stats_field(s, "max_memory_bytes"), parse_size_for_test(limit)) << s;
    EXPECT_LE(stats_field(s, "memory_charged_peak_bytes"), stats_field(s, "max_memory_bytes"));
    remove_outputs();
  }
}

// The budget bounds what the process holds, not only what its estimates say: a run that
// finishes under --max-memory L never had more than L resident (peak RSS from getrusage), give
// or take what grows between two charges. The limits swept lie between the charged peak and
// the resident peak of a run without a budget, where the estimates alone would let a run
// through that holds more than its limit.
TEST_P(MemoryBudgetCli, AFinishedRunNeverHeldMoreThanItsLimit) {
  if (kSanitizedBuild) GTEST_SKIP() << "the resident size under sanitizers is not the program's";
  const Command& c = commands()[GetParam()];
  // substrings plans its suffix-array state to fit --max-memory (its own bound); the program,
  // its reader and ids are not charged besides and pass the limit (32 MiB held at 8 MiB).
  if (c.name == "substrings") GTEST_SKIP() << "substrings' reader is not charged to the budget";
  auto dir = scratch_dir("memory_budget_rss_" + std::to_string(GetParam()));
  write_file(dir / "in.jsonl", generated_corpus(6000));
  auto command_line = [&](const std::string& max_memory) {
    std::string line = c.args + " '" + (dir / "in.jsonl").string() + "' -q --threads 2";
    for (const auto& [option, file] : c.outputs)
      line += " " + option + " '" + (dir / file).string() + "'";
    return line + " --stats '" + (dir / "stats.json").string() + "' --max-memory " + max_memory;
  };
  auto free_run = run_docsift(command_line("0"), dir);
  ASSERT_EQ(free_run.exit_code, 0) << free_run.err;
  const std::string stats = read_file(dir / "stats.json");
  const uint64_t charged = stats_field(stats, "memory_charged_peak_bytes");
  const uint64_t resident = stats_field(stats, "peak_memory_bytes");
  std::cerr << c.args << ": charged peak " << (charged >> 20) << " MiB, resident peak "
            << (resident >> 20) << " MiB\n";
  constexpr uint64_t kBetweenCharges = uint64_t{4} << 20;
  const uint64_t low = std::min(charged, resident), high = std::max(charged, resident);
  for (int step = 0; step <= 4; ++step) {
    const uint64_t limit = low + (high - low) * step / 4 + (uint64_t{1} << 20);
    fs::remove(dir / "stats.json");
    auto r = run_docsift(command_line(std::to_string(limit) + "B"), dir);
    if (r.exit_code == 4) {
      EXPECT_NE(r.err.find("raise --max-memory"), std::string::npos) << r.err;
      continue;
    }
    ASSERT_EQ(r.exit_code, 0) << limit << ": " << r.err;
    const uint64_t held = stats_field(read_file(dir / "stats.json"), "peak_memory_bytes");
    EXPECT_LE(held, limit + kBetweenCharges) << c.args << ": --max-memory " << (limit >> 20)
                                             << " MiB finished holding " << (held >> 20) << " MiB";
  }
}

INSTANTIATE_TEST_SUITE_P(EveryCommand, MemoryBudgetCli, ::testing::Range<size_t>(0, 7));

TEST(MemoryBudgetCliOptions, EveryCommandTakesMaxMemoryAndShowsItsDefault) {
  auto dir = scratch_dir("memory_budget_help");
  for (const char* command : {"dedup", "passages", "clean", "cluster", "substrings"}) {
    const std::string out_path = (dir / "help.txt").string();
    const int status = std::system(
        (std::string(DOCSIFT_BINARY_DIR) + "/docsift " + command + " --help > '" + out_path + "'")
            .c_str());
    ASSERT_EQ(WEXITSTATUS(status), 0);
    const std::string help = read_file(out_path);
    const size_t at = help.find("--max-memory SIZE=");
    ASSERT_NE(at, std::string::npos) << command << "\n" << help;
    EXPECT_NE(help.find("available RAM", at), std::string::npos) << help;
  }
  write_file(dir / "in.jsonl", generated_corpus(20));
  for (const char* bad : {"-1", "nan", "inf", "12X", "-0.5G"}) {
    auto r = run_docsift("cluster -k 2 '" + (dir / "in.jsonl").string() + "' -o '" +
                             (dir / "o.jsonl").string() + "' --max-memory " + bad,
                         dir);
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.err;
    EXPECT_NE(r.err.find("--max-memory"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir / "o.jsonl"));
  }
}

// Linux overcommits, so past the machine's memory a run is usually killed rather than told
// std::bad_alloc. With the address space capped (ulimit -v) a little above what --max-memory
// allows, the run must stop on the budget: exit 4 with the budget's message, not a kill, an
// abort or the allocator's failure, and nothing left behind.
TEST(MemoryBudgetCliOptions, UnderUlimitTheBudgetStopsTheRunFirst) {
  if (kSanitizedBuild) GTEST_SKIP() << "sanitizers reserve address space; ulimit -v cannot be used";
  auto dir = scratch_dir("memory_budget_ulimit");
  write_file(dir / "in.jsonl", generated_corpus(60000));  // needs about 80 MiB charged (minhash)
  const std::string bin = std::string(DOCSIFT_BINARY_DIR) + "/docsift";
  auto sh = [&](const std::string& limit, const std::string& args) {
    const std::string cmd = "sh -c 'ulimit -v " + limit + "; " + bin + " " + args + "' 2> '" +
                            (dir / "stderr.txt").string() + "'";
    const int status = std::system(cmd.c_str());
    RunResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1000 - WTERMSIG(status);
    r.err = read_file(dir / "stderr.txt");
    return r;
  };
  const std::string run = "dedup -m minhash -q --threads 1 '" + (dir / "in.jsonl").string() +
                          "' -o '" + (dir / "kept.jsonl").string() + "' -r '" +
                          (dir / "report.jsonl").string() + "'";
  // --max-memory 48M under a 120 MiB address space (the program maps about 45 MiB of it).
  auto r = sh("122880", run + " --max-memory 48M");
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find("docsift: dedup needs about "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("out of memory"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(files_in(dir), std::vector<std::string>{});
  // The default budget follows the cap (3/4 of the address space left): without --max-memory
  // the run either fits or stops on the budget, never on the allocator or a signal.
  auto d = sh("122880", run);
  EXPECT_TRUE(d.exit_code == 0 ||
              (d.exit_code == 4 && d.err.find("docsift: dedup needs about ") != std::string::npos))
      << d.exit_code << ": " << d.err;
  EXPECT_EQ(d.err.find("out of memory"), std::string::npos) << d.err;
}

}  // namespace
}  // namespace docsift::testing
