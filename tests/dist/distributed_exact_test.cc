// pipeline/internal/distributed_exact.h: the key-exchange grouping gives exactly the serial
// exact grouping (group_documents, --method exact) of the concatenated documents. Run plainly
// the world has one rank; tests/dist/mpi_dedup_test.sh also runs it under mpirun -np 1..4, where
// every rank builds the same synthetic corpus, takes an uneven slice of it, and rank 0 compares.

#include "pipeline/internal/distributed_exact.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <unordered_map>
#include <vector>

#include "group/doc_grouping.h"
#include "pipeline/internal/document_dedup.h"

namespace docsift::detail {
namespace {

class DistributedExact : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool started = false;
    if (started) return;
    started = true;
    ASSERT_TRUE(dist::Comm::init(nullptr, nullptr).ok());
    std::atexit(dist::Comm::finalize);
  }
};

// 900 documents over 400 keys drawn unevenly (many singletons, a few large groups, one key in
// every tenth document), lengths from a small range so that --keep longest has ties.
struct Corpus {
  std::vector<Key128> keys;
  std::vector<uint64_t> lengths;
};
Corpus synthetic_corpus() {
  std::mt19937_64 rng(20261203);
  std::vector<Key128> distinct(400);
  for (Key128& k : distinct) k = {rng(), rng()};
  Corpus c;
  for (int d = 0; d < 900; ++d) {
    const size_t pick = d % 10 == 0 ? 7 : (rng() % 2 ? rng() % 40 : rng() % distinct.size());
    c.keys.push_back(distinct[pick]);
    c.lengths.push_back(100 + rng() % 4);
  }
  return c;
}

void check_same_as_serial(KeepPolicy keep, bool want_all) {
  const dist::Comm& comm = dist::Comm::world();
  const Corpus all = synthetic_corpus();
  const uint64_t n = all.keys.size();
  // Uneven slices: rank r gets a share proportional to r + 1 (rank 0 the smallest).
  const uint64_t p = static_cast<uint64_t>(comm.size());
  std::vector<uint64_t> first{0};
  for (uint64_t r = 0; r < p; ++r) first.push_back(n * (r + 1) * (r + 2) / (p * (p + 1)));
  ASSERT_EQ(first.back(), n);
  const uint64_t r = static_cast<uint64_t>(comm.rank());
  const size_t count = first[r + 1] - first[r];
  DedupOptions options;
  options.method = DedupMethod::kExact;
  options.keep = keep;
  options.large_group_warning = 20;
  ExactGroupingResult got;
  ASSERT_TRUE(
      distributed_exact_grouping(comm, std::span<const Key128>(all.keys).subspan(first[r], count),
                                 std::span<const uint64_t>(all.lengths).subspan(first[r], count),
                                 first, options, want_all, &got)
          .ok());
  // The serial grouping: clusters numbered by first appearance, as FeatureScan numbers them.
  DocFeatureTable table;
  std::unordered_map<Key128, uint32_t, Key128Hash> cluster_of_key;
  for (size_t d = 0; d < n; ++d) {
    table.exact_cluster.push_back(
        cluster_of_key.try_emplace(all.keys[d], static_cast<uint32_t>(cluster_of_key.size()))
            .first->second);
    table.lengths.push_back(all.lengths[d]);
  }
  Result<Grouping> want = group_documents(table, options, 1, nullptr);
  ASSERT_TRUE(want.ok());
  // Kept flags of this rank's documents.
  ASSERT_EQ(got.kept_flags.size(), count);
  for (size_t d = 0; d < count; ++d) {
    EXPECT_EQ(got.kept_flags[d] != 0, want->kept_of[first[r] + d] == first[r] + d) << d;
  }
  DedupSummary counts;
  counts.docs_read = n;
  count_groups(*want, options, counts);
  EXPECT_EQ(got.docs_kept, counts.docs_kept);
  EXPECT_EQ(got.duplicate_groups, counts.duplicate_groups);
  EXPECT_EQ(got.largest_group, counts.largest_group);
  EXPECT_EQ(got.large_groups, counts.large_groups);
  EXPECT_GT(counts.large_groups, 0u);
  if (!comm.root()) {
    EXPECT_TRUE(got.rows.empty());
    return;
  }
  std::vector<ExactRow> expected;
  for (uint32_t d = 0; d < n; ++d) {
    if (!want_all && want->kept_of[d] == d) continue;
    expected.push_back(
        {d, want->kept_of[d], want->cluster_of[d], want->cluster_size[want->cluster_of[d]]});
  }
  ASSERT_EQ(got.rows.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(got.rows[i].doc, expected[i].doc);
    EXPECT_EQ(got.rows[i].kept, expected[i].kept) << expected[i].doc;
    EXPECT_EQ(got.rows[i].cluster, expected[i].cluster) << expected[i].doc;
    EXPECT_EQ(got.rows[i].size, expected[i].size) << expected[i].doc;
  }
}

TEST_F(DistributedExact, SameAsSerialKeepFirst) { check_same_as_serial(KeepPolicy::kFirst, false); }

TEST_F(DistributedExact, SameAsSerialKeepLongest) {
  check_same_as_serial(KeepPolicy::kLongest, false);
}

TEST_F(DistributedExact, EveryDocumentForTheClustersFile) {
  check_same_as_serial(KeepPolicy::kFirst, true);
  check_same_as_serial(KeepPolicy::kLongest, true);
}

}  // namespace
}  // namespace docsift::detail
