// StoredIndex and its segments against brute-force references on random data: every lookup
// equals a scan of everything added, whatever the batching and merging; options and layout
// mismatches, a second writer, corrupt files and crashes at each point of an update.

#include "store/stored_index.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <bit>
#include <filesystem>
#include <fstream>
#include <random>

#include "index/lsh_index.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
  auto dir =
      fs::path(::testing::TempDir()) / ("docsift_store_" + name + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  return dir;
}

const OptionsText kOptions{{"store", "test"}, {"seed", "1"}};

// Random documents with planted near copies, for all three kinds at once.
struct Docs {
  std::vector<std::string> ids;
  std::vector<Key128> keys;
  std::vector<uint32_t> signatures;
  std::vector<uint64_t> fingerprints;
};

constexpr unsigned kPerm = 32, kBands = 8, kRows = 4, kHamming = 4;

Docs random_docs(size_t n, uint64_t seed, const std::string& prefix) {
  std::mt19937_64 rng(seed);
  Docs d;
  d.signatures.resize(n * kPerm);
  for (size_t i = 0; i < n; ++i) {
    d.ids.push_back(prefix + std::to_string(i));
    const bool copy = i > 0 && rng() % 3 == 0;
    const size_t base = copy ? rng() % i : i;
    d.keys.push_back(copy ? d.keys[base] : Key128{rng() % 64, rng()});
    uint64_t fp = copy ? d.fingerprints[base] : rng();
    if (copy) fp ^= uint64_t{1} << (rng() % 64);
    d.fingerprints.push_back(fp);
    for (unsigned j = 0; j < kPerm; ++j) {
      d.signatures[i * kPerm + j] =
          copy && rng() % 4 != 0 ? d.signatures[base * kPerm + j] : static_cast<uint32_t>(rng());
    }
  }
  return d;
}

SegmentData slice(const Docs& d, size_t b, size_t e) {
  SegmentData s;
  s.ids.assign(d.ids.begin() + b, d.ids.begin() + e);
  s.exact_keys.assign(d.keys.begin() + b, d.keys.begin() + e);
  s.fingerprints.assign(d.fingerprints.begin() + b, d.fingerprints.begin() + e);
  s.signatures = std::span<const uint32_t>(d.signatures).subspan(b * kPerm, (e - b) * kPerm);
  return s;
}

StoredIndexLayout layout_of(StoredKind kind) {
  switch (kind) {
    case StoredKind::kExact:
      return {StoredKind::kExact};
    case StoredKind::kMinHash:
      return {StoredKind::kMinHash, kPerm, kBands, kRows};
    case StoredKind::kSimHash:
      return {StoredKind::kSimHash, 0, 0, 0, kHamming};
    case StoredKind::kCounts:  // tested in passage_counts_test.cc
      return {StoredKind::kCounts};
  }
  return {};
}

// The earliest stored document a brute-force scan of `stored` finds for query q of `queries`.
std::optional<uint64_t> brute(StoredKind kind, const Docs& stored, size_t n, const Docs& queries,
                              size_t q, double min_similarity) {
  for (size_t d = 0; d < n; ++d) {
    switch (kind) {
      case StoredKind::kExact:
        if (stored.keys[d] == queries.keys[q]) return d;
        break;
      case StoredKind::kSimHash:
        if (std::popcount(stored.fingerprints[d] ^ queries.fingerprints[q]) <= int{kHamming}) {
          return d;
        }
        break;
      case StoredKind::kMinHash: {
        bool shares_band = false;
        unsigned equal = 0;
        for (unsigned b = 0; b < kBands; ++b) {
          bool same = true;
          for (unsigned r = 0; r < kRows; ++r) {
            same &= stored.signatures[d * kPerm + b * kRows + r] ==
                    queries.signatures[q * kPerm + b * kRows + r];
          }
          shares_band |= same;
        }
        for (unsigned j = 0; j < kPerm; ++j) {
          equal += stored.signatures[d * kPerm + j] == queries.signatures[q * kPerm + j];
        }
        if (shares_band && float(equal) / float(kPerm) >= min_similarity) return d;
        break;
      }
      case StoredKind::kCounts:
        break;
    }
  }
  return std::nullopt;
}

std::optional<uint64_t> lookup(const StoredIndex& index, StoredKind kind, const Docs& queries,
                               size_t q, double min_similarity) {
  std::optional<StoredMatch> m;
  switch (kind) {
    case StoredKind::kExact:
      m = index.find_exact(queries.keys[q]);
      break;
    case StoredKind::kMinHash:
      m = index.find_minhash(
          std::span<const uint32_t>(queries.signatures).subspan(q * kPerm, kPerm), min_similarity);
      break;
    case StoredKind::kSimHash:
      m = index.find_simhash(queries.fingerprints[q]);
      break;
    case StoredKind::kCounts:
      break;
  }
  if (!m) return std::nullopt;
  return m->doc;
}

std::string kind_name(const ::testing::TestParamInfo<StoredKind>& info) {
  const char* names[] = {"exact", "minhash", "simhash"};
  return names[static_cast<int>(info.param)];
}

class StoredIndexKinds : public ::testing::TestWithParam<StoredKind> {};

TEST_P(StoredIndexKinds, LookupsEqualABruteForceScanThroughBatchesMergesAndCompaction) {
  const StoredKind kind = GetParam();
  const fs::path dir = scratch("lookups");
  const Docs stored = random_docs(700, 11, "s");
  Docs queries = random_docs(300, 12, "q");
  // Half the queries are (near) copies of stored documents.
  std::mt19937_64 rng(13);
  for (size_t q = 0; q < 150; ++q) {
    const size_t d = rng() % stored.ids.size();
    queries.keys[q] = stored.keys[d];
    queries.fingerprints[q] =
        stored.fingerprints[d] ^ (uint64_t{1} << (rng() % 64)) ^ (uint64_t{1} << (rng() % 64));
    for (unsigned j = 0; j < kPerm; ++j) {
      if (rng() % 5 != 0) queries.signatures[q * kPerm + j] = stored.signatures[d * kPerm + j];
    }
  }
  auto check = [&](const StoredIndex& index, size_t n, const char* when) {
    ASSERT_EQ(index.num_docs(), n);
    size_t found = 0;
    for (size_t q = 0; q < queries.ids.size(); ++q) {
      const auto want = brute(kind, stored, n, queries, q, 0.6);
      ASSERT_EQ(lookup(index, kind, queries, q, 0.6), want)
          << when << ", " << n << " documents, query " << q;
      found += want.has_value();
    }
    if (n == stored.ids.size()) {
      EXPECT_GE(found, 100u) << when;  // the planted copies
    }
    for (size_t d = 0; d < n; d += 37) ASSERT_EQ(index.id(d), stored.ids[d]);
  };
  {
    auto w = StoredIndex::open_writer(dir, layout_of(kind), kOptions);
    ASSERT_TRUE(w.ok()) << w.status().message();
    // Batches of uneven sizes (one empty) drive the binary-counter merges.
    const size_t cuts[] = {0, 100, 150, 150, 400, 460, 700};
    for (size_t i = 0; i + 1 < std::size(cuts); ++i) {
      ASSERT_TRUE((*w)->add_batch(slice(stored, cuts[i], cuts[i + 1])).ok());
      check(**w, cuts[i + 1], "writer");
    }
    EXPECT_EQ((*w)->info().num_batches, 6u);
    EXPECT_LE((*w)->info().num_segments, 4u);
  }
  {
    auto r = StoredIndex::open(dir, &kOptions);
    ASSERT_TRUE(r.ok()) << r.status().message();
    check(**r, 700, "reader");
  }
  {
    auto w = StoredIndex::open_writer(dir, layout_of(kind), kOptions);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->compact().ok());
    EXPECT_EQ((*w)->info().num_segments, 1u);
    check(**w, 700, "compacted");
    EXPECT_TRUE((*w)->verify().ok());
  }
  // Compaction removed the merged segments: one segment file is left.
  size_t segment_files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    segment_files += e.path().filename().string().rfind("seg-", 0) == 0;
  }
  EXPECT_EQ(segment_files, 1u);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(Kinds, StoredIndexKinds,
                         ::testing::Values(StoredKind::kExact, StoredKind::kMinHash,
                                           StoredKind::kSimHash),
                         kind_name);

TEST(StoredIndex, OtherOptionsAreRefusedNamingTheDifference) {
  const fs::path dir = scratch("options");
  const Docs d = random_docs(50, 1, "x");
  {
    auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), kOptions);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add_batch(slice(d, 0, 50)).ok());
  }
  const OptionsText other{{"store", "test"}, {"seed", "2"}};
  auto r = StoredIndex::open(dir, &other);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("seed=1"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("seed=2"), std::string::npos) << r.status().message();
  auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), other);
  EXPECT_FALSE(w.ok());
  // The same options with another layout (bands) are refused too.
  StoredIndexLayout l = layout_of(StoredKind::kMinHash);
  l.num_bands = 4;
  auto w2 = StoredIndex::open_writer(dir, l, kOptions);
  ASSERT_FALSE(w2.ok());
  EXPECT_NE(w2.status().message().find("layout"), std::string::npos);
  auto absent = StoredIndex::open(dir / "nothing", nullptr);
  ASSERT_FALSE(absent.ok());
  EXPECT_NE(absent.status().message().find("no docsift index"), std::string::npos);
  fs::remove_all(dir);
}

TEST(StoredIndex, SecondWriterIsRefusedReadersAreNot) {
  const fs::path dir = scratch("writers");
  auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kExact), kOptions);
  ASSERT_TRUE(w.ok());
  ASSERT_TRUE((*w)->add_batch(slice(random_docs(10, 1, "x"), 0, 10)).ok());
  // flock locks belong to the open file description: a second open in this process conflicts
  // as another process's would.
  auto second = StoredIndex::open_writer(dir, layout_of(StoredKind::kExact), kOptions);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("another process"), std::string::npos)
      << second.status().message();
  auto reader = StoredIndex::open(dir, &kOptions);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->num_docs(), 10u);
  w = Status::InvalidInput("closed");  // releases the lock
  EXPECT_TRUE(StoredIndex::open_writer(dir, layout_of(StoredKind::kExact), kOptions).ok());
  fs::remove_all(dir);
}

TEST(StoredIndex, CorruptOrTruncatedSegmentIsAnErrorNotACrash) {
  const fs::path dir = scratch("corrupt");
  {
    auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), kOptions);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->add_batch(slice(random_docs(40, 1, "x"), 0, 40)).ok());
  }
  fs::path seg;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("seg-", 0) == 0) seg = e.path();
  }
  ASSERT_FALSE(seg.empty());
  {  // a flipped payload byte: opens (sizes agree), the checksum catches it
    std::fstream f(seg, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(-20, std::ios::end);
    f.put('\x5a');
  }
  auto r = StoredIndex::open(dir, &kOptions);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE((*r)->verify().ok());
  fs::resize_file(seg, fs::file_size(seg) - 3);
  auto t = StoredIndex::open(dir, &kOptions);
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("truncated"), std::string::npos) << t.status().message();
  fs::remove_all(dir);
}

// kill -9 at each named point of add_batch and compact: the index reopens as before or after.
const char* g_kill_at = nullptr;
void kill_here(const char* point) {
  if (g_kill_at != nullptr && std::string_view(point) == g_kill_at) ::raise(SIGKILL);
}

TEST(StoredIndex, KilledAtEachPointOfAnUpdateReopensAsBeforeOrAfter) {
  const Docs d = random_docs(400, 5, "k");
  struct Case {
    const char* point;
    bool compact;
    bool after;  // the manifest had been switched
  };
  const Case cases[] = {{"segment_written", false, false},
                        {"merge_written", false, false},
                        {"manifest_written", false, true},
                        {"merge_written", true, false},
                        {"manifest_written", true, true}};
  for (const Case& c : cases) {
    const fs::path dir = scratch(std::string("kill_") + c.point);
    {
      auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), kOptions);
      ASSERT_TRUE(w.ok());
      ASSERT_TRUE((*w)->add_batch(slice(d, 0, 100)).ok());
      ASSERT_TRUE((*w)->add_batch(slice(d, 100, 200)).ok());  // merged with the first
      ASSERT_TRUE((*w)->add_batch(slice(d, 200, 250)).ok());
    }
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      g_kill_at = c.point;
      detail::set_store_crash_hook(kill_here);
      auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), kOptions);
      // 250 + 50: the new segment merges with the 50 (binary counter), so every point is hit.
      if (w.ok()) (void)(c.compact ? (*w)->compact() : (*w)->add_batch(slice(d, 250, 300)));
      ::_exit(0);
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << c.point;
    auto r = StoredIndex::open(dir, &kOptions);
    ASSERT_TRUE(r.ok()) << c.point << ": " << r.status().message();
    const size_t n = (*r)->num_docs();
    EXPECT_EQ(n, c.compact || !c.after ? 250u : 300u) << c.point;
    for (size_t q = 0; q < 300; ++q) {
      ASSERT_EQ(lookup(**r, StoredKind::kMinHash, d, q, 0.6),
                brute(StoredKind::kMinHash, d, n, d, q, 0.6))
          << c.point << " query " << q;
    }
    // The next writer removes what the dead one left and the update completes.
    auto w = StoredIndex::open_writer(dir, layout_of(StoredKind::kMinHash), kOptions);
    ASSERT_TRUE(w.ok()) << w.status().message();
    if (n == 250) {
      ASSERT_TRUE((*w)->add_batch(slice(d, 250, 300)).ok());
    }
    EXPECT_EQ((*w)->num_docs(), 300u);
    for (const auto& e : fs::directory_iterator(dir)) {
      EXPECT_EQ(e.path().filename().string().find(".tmp."), std::string::npos) << e.path();
    }
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace docsift
