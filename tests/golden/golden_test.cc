// Golden outputs: every subcommand of the built `docsift` (and its main option variants) runs on
// the bundled sample (news.jsonl, reports/), on a corpus that gen_corpus makes at test time
// (deterministic for its seed), on a small JSONL without ids and on news.jsonl with a malformed
// record (--on-error skip). Each run is made at
// --threads 1 and --threads 2; the two must give the same bytes, and the XXH3-128 of every output
// file must equal the one frozen in tests/golden/checksums.txt. A deliberate change of outputs
// regenerates that file (DOCSIFT_UPDATE_GOLDEN=1 build/tests/golden_test) in its own commit,
// saying why.

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/xxh3.h"

namespace {

namespace fs = std::filesystem;

const fs::path kSource = DOCSIFT_SOURCE_DIR;
const fs::path kBinary = DOCSIFT_BINARY_DIR;
const fs::path kChecksums = kSource / "tests/golden/checksums.txt";

// The docsift under test: DOCSIFT_GOLDEN_BINARY (e.g. an older build, to compare), else the
// build tree's.
std::string docsift_binary() {
  const char* other = std::getenv("DOCSIFT_GOLDEN_BINARY");
  return other && *other ? std::string(other) : (kBinary / "docsift").string();
}

struct Case {
  std::string name;
  std::string args;                  // with {news}, {reports}, {gen}, {noid}, {body} and {out}
  std::vector<std::string> outputs;  // files written under {out}
};

std::vector<Case> cases() {
  std::vector<Case> all;
  const std::vector<std::pair<std::string, std::string>> inputs = {
      {"news", "{news}"}, {"reports", "{reports}"}, {"gen", "{gen}"}};
  for (const auto& [in_name, in] : inputs) {
    for (const char* m : {"exact", "minhash", "simhash"}) {
      all.push_back({in_name + "_dedup_" + m,
                     std::string("dedup -m ") + m + " " + in + " -o {out}/kept -r {out}/report",
                     {"kept", "report"}});
    }
    all.push_back({in_name + "_passages",
                   "passages " + in + " -r {out}/report --strip {out}/strip",
                   {"report", "strip"}});
    all.push_back({in_name + "_passages_exact_only",
                   "passages --exact-only " + in + " -r {out}/report --strip {out}/strip",
                   {"report", "strip"}});
    all.push_back({in_name + "_clean",
                   "clean " + in + " -o {out}/clean -r {out}/report",
                   {"clean", "report"}});
    all.push_back({in_name + "_cluster_k3",
                   "cluster --k 3 " + in + " -o {out}/assign -s {out}/topics",
                   {"assign", "topics"}});
    all.push_back({in_name + "_cluster_auto_dedup",
                   "cluster --k auto --dedup " + in + " -o {out}/assign -s {out}/topics",
                   {"assign", "topics"}});
  }
  all.push_back({"news_dedup_minhash_clusters_longest",
                 "dedup -m minhash --keep longest {news} -o {out}/kept -r {out}/report "
                 "--clusters {out}/clusters",
                 {"kept", "report", "clusters"}});
  all.push_back({"news_dedup_simhash_clusters",
                 "dedup -m simhash {news} -o {out}/kept -r {out}/report --clusters {out}/clusters",
                 {"kept", "report", "clusters"}});
  all.push_back({"news_dedup_exact_csv",
                 "dedup -m exact --report-format csv {news} -o {out}/kept -r {out}/report",
                 {"kept", "report"}});
  all.push_back({"gen_clean_exact",
                 "clean -m exact {gen} -o {out}/clean -r {out}/report",
                 {"clean", "report"}});
  // Inputs without ids (ids are the input's file:line), a text directory read with a renamed
  // text field, and a record skipped under --on-error skip (listed in every report).
  all.push_back({"noid_clean", "clean {noid} -o {out}/clean -r {out}/report", {"clean", "report"}});
  all.push_back({"noid_passages",
                 "passages {noid} -r {out}/report --strip {out}/strip",
                 {"report", "strip"}});
  all.push_back({"reports_clean_text_field",
                 "clean --text-field body {reports} -o {out}/clean -r {out}/report",
                 {"clean", "report"}});
  for (const char* cmd : {"dedup -m minhash", "clean"}) {
    all.push_back({std::string("skip_") + (cmd[0] == 'd' ? "dedup" : "clean"),
                   std::string(cmd) + " --on-error skip {skip} -o {out}/out -r {out}/report",
                   {"out", "report"}});
  }
  all.push_back({"skip_passages",
                 "passages --on-error skip {skip} -r {out}/report --strip {out}/strip",
                 {"report", "strip"}});
  all.push_back({"skip_cluster",
                 "cluster --on-error skip --k 3 {skip} -o {out}/assign -s {out}/topics",
                 {"assign", "topics"}});
  return all;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

int run_shell(const std::string& cmd) {
  const int rc = std::system(cmd.c_str());
  return rc != -1 && WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string hash_hex(const std::string& bytes) {
  const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
  char buf[40];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(h.high64),
                static_cast<unsigned long long>(h.low64));
  return buf;
}

// "<case>/<file> <hash>" lines.
std::map<std::string, std::string> load_checksums() {
  std::map<std::string, std::string> sums;
  std::ifstream in(kChecksums);
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const size_t sp = line.find(' ');
    if (sp != std::string::npos) sums[line.substr(0, sp)] = line.substr(sp + 1);
  }
  return sums;
}

class GoldenTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(::testing::TempDir()) / ("docsift_golden_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    gen_ok_ = run_shell((kBinary / "gen_corpus").string() +
                        " --bytes 2M --seed 7 --threads 1 --output '" +
                        (dir_ / "gen.jsonl").string() + "' 2>/dev/null") == 0;
    // JSONL without an id field: ids are "noid.jsonl:<line>"; repeated documents and a passage.
    const std::string boiler =
        "Share this article with your friends and colleagues on social media.";
    std::ofstream noid(dir_ / "noid.jsonl", std::ios::binary);
    noid << "{\"text\":\"The river flooded the lower town after three days of rain.\\n\\n"
         << boiler << "\"}\n"
         << "{\"text\":\"The river flooded the lower town after three days of rain.\\n\\n"
         << boiler << "\"}\n"
         << "{\"text\":\"Prices of bread rose again in the markets of the capital this week.\\n\\n"
         << boiler << "\"}\n"
         << "{\"text\":\"A new bridge opened across the bay, cutting the commute by an hour.\\n\\n"
         << boiler << "\"}\n";
    noid.close();
    make_skip_corpus();
  }
  static void make_skip_corpus() {
    // news.jsonl's first 60 documents with a malformed record as line 4.
    std::ifstream in(kSource / "datasets/sample/news.jsonl", std::ios::binary);
    std::ofstream out(dir_ / "skip.jsonl", std::ios::binary);
    std::string line;
    for (int i = 0; i < 60 && std::getline(in, line); ++i) {
      out << line << "\n";
      if (i == 2) out << "{\"id\":\"broken\",\"text\":\n";
    }
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static fs::path dir_;
  static bool gen_ok_;
};

fs::path GoldenTest::dir_;
bool GoldenTest::gen_ok_ = false;

TEST_F(GoldenTest, EveryCaseMatchesItsChecksumsAtOneAndTwoThreads) {
  ASSERT_TRUE(gen_ok_) << "gen_corpus failed";
  const bool update = std::getenv("DOCSIFT_UPDATE_GOLDEN") != nullptr &&
                      std::string(std::getenv("DOCSIFT_UPDATE_GOLDEN")) == "1";
  const std::map<std::string, std::string> frozen = load_checksums();
  std::map<std::string, std::string> now;
  for (const Case& c : cases()) {
    std::map<std::string, std::string> bytes_at_1;
    for (int threads : {1, 2}) {
      const fs::path out = dir_ / (c.name + "_t" + std::to_string(threads));
      fs::create_directories(out);
      std::string args = c.args;
      args = replace_all(args, "{news}",
                         "'" + (kSource / "datasets/sample/news.jsonl").string() + "'");
      args = replace_all(args, "{reports}",
                         "'" + (kSource / "datasets/sample/reports").string() + "'");
      args = replace_all(args, "{gen}", "'" + (dir_ / "gen.jsonl").string() + "'");
      args = replace_all(args, "{noid}", "'" + (dir_ / "noid.jsonl").string() + "'");
      // Relative (the command runs in dir_): skipped records name their file as given.
      args = replace_all(args, "{skip}", "skip.jsonl");
      args = replace_all(args, "{out}", out.string());
      const std::string cmd = "cd '" + dir_.string() + "' && " + docsift_binary() + " " + args +
                              " --threads " + std::to_string(threads) + " -q 2> '" +
                              (out / "stderr").string() + "'";
      const int rc = run_shell(cmd);
      ASSERT_EQ(rc, 0) << c.name << ": " << cmd << "\n" << read_file(out / "stderr");
      for (const std::string& file : c.outputs) {
        const std::string bytes = read_file(out / file);
        EXPECT_FALSE(bytes.empty()) << c.name << "/" << file << " is empty";
        if (threads == 1) {
          bytes_at_1[file] = bytes;
          now[c.name + "/" + file] = hash_hex(bytes);
        } else {
          EXPECT_TRUE(bytes == bytes_at_1[file])
              << c.name << "/" << file << ": --threads 2 differs from --threads 1";
        }
      }
    }
  }
  if (update) {
    std::ofstream out(kChecksums, std::ios::binary);
    out << "# XXH3-128 of every golden output (tests/golden/golden_test.cc).\n"
        << "# Regenerate: DOCSIFT_UPDATE_GOLDEN=1 build/tests/golden_test\n";
    for (const auto& [key, hash] : now) out << key << " " << hash << "\n";
    GTEST_SKIP() << "wrote " << now.size() << " checksums to " << kChecksums;
  }
  for (const auto& [key, hash] : now) {
    const auto it = frozen.find(key);
    if (it == frozen.end()) {
      ADD_FAILURE() << key << ": no frozen checksum (regenerate with DOCSIFT_UPDATE_GOLDEN=1)";
    } else {
      EXPECT_EQ(hash, it->second) << key << ": output changed";
    }
  }
  for (const auto& [key, hash] : frozen) {
    EXPECT_TRUE(now.count(key)) << key << ": frozen but no longer produced";
  }
}

}  // namespace
