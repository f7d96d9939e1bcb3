// pipeline/internal/distributed_minhash.h: the band-exchange grouping gives exactly the serial
// find_near_duplicates_minhash result on the concatenated signatures. Run plainly the world has
// one rank; tests/dist/mpi_dedup_test.sh also runs it under mpirun -np 1..4, where every rank
// builds the same synthetic corpus, takes an uneven slice of it, and rank 0 compares.

#include "pipeline/internal/distributed_minhash.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "group/doc_grouping.h"

namespace docsift::detail {
namespace {

class DistributedMinHash : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    static bool started = false;
    if (started) return;
    started = true;
    ASSERT_TRUE(dist::Comm::init(nullptr, nullptr).ok());
    std::atexit(dist::Comm::finalize);
  }
};

// Near copies of 120 sources (0 to 35 % of the slots changed), 88 exact copies of source 0 (a
// bucket above 64 members in every band) and two empty-set signatures.
DocFeatureTable synthetic_corpus(unsigned num_perm) {
  std::mt19937_64 rng(20261202);
  std::vector<std::vector<uint32_t>> sources(120, std::vector<uint32_t>(num_perm));
  for (auto& s : sources) {
    for (uint32_t& v : s) v = static_cast<uint32_t>(rng());
  }
  DocFeatureTable t;
  auto add = [&](const std::vector<uint32_t>& sig) {
    const size_t at = t.signatures.size();
    t.signatures.resize(at + num_perm);
    for (unsigned i = 0; i < num_perm; ++i) t.signatures.data()[at + i] = sig[i];
    t.lengths.push_back(100 + rng() % 50);
  };
  for (int d = 0; d < 700; ++d) {
    std::vector<uint32_t> sig = sources[rng() % sources.size()];
    const unsigned changed = static_cast<unsigned>(rng() % (num_perm * 35 / 100 + 1));
    for (unsigned c = 0; c < changed; ++c) sig[rng() % num_perm] = static_cast<uint32_t>(rng());
    add(sig);
    if (d == 300 || d == 500) add(std::vector<uint32_t>(num_perm, UINT32_MAX));
    if (d % 8 == 0) add(sources[0]);
  }
  return t;
}

void check_same_as_serial(const DedupOptions& options) {
  const dist::Comm& comm = dist::Comm::world();
  const DocFeatureTable all = synthetic_corpus(options.num_perm);
  const uint64_t n = all.size();
  // Uneven slices: rank r gets a share proportional to r + 1 (rank 0 the smallest).
  const uint64_t p = static_cast<uint64_t>(comm.size());
  std::vector<uint64_t> first{0};
  for (uint64_t r = 0; r < p; ++r) first.push_back(n * (r + 1) * (r + 2) / (p * (p + 1)));
  ASSERT_EQ(first.back(), n);
  const uint64_t r = static_cast<uint64_t>(comm.rank());
  const std::span<const uint32_t> mine = all.signatures.span().subspan(
      first[r] * options.num_perm, (first[r + 1] - first[r]) * options.num_perm);
  NearDupStats stats;
  Result<Grouping> got = distributed_minhash_grouping(
      comm, mine, first, comm.root() ? all.lengths : std::vector<uint64_t>{}, options, 1, &stats);
  ASSERT_TRUE(got.ok()) << got.status().message();
  NearDupStats serial_stats;
  Result<Grouping> want = find_near_duplicates_minhash(
      all.signatures.span(), n, near_dup_options(all, options, 1), &serial_stats);
  ASSERT_TRUE(want.ok());
  EXPECT_EQ(stats.candidate_pairs, serial_stats.candidate_pairs);
  EXPECT_EQ(stats.verified_edges, serial_stats.verified_edges);
  EXPECT_GT(serial_stats.verified_edges, 500u);
  if (!comm.root()) return;
  EXPECT_EQ(got->kept_of, want->kept_of);
  EXPECT_EQ(got->cluster_of, want->cluster_of);
  EXPECT_EQ(got->cluster_size, want->cluster_size);
  EXPECT_EQ(got->similarity, want->similarity);
}

TEST_F(DistributedMinHash, SameAsSerialKeepFirst) {
  DedupOptions options;
  options.method = DedupMethod::kMinHash;
  check_same_as_serial(options);
}

TEST_F(DistributedMinHash, SameAsSerialKeepLongestSmallBands) {
  DedupOptions options;
  options.method = DedupMethod::kMinHash;
  options.keep = KeepPolicy::kLongest;
  options.num_perm = 64;
  options.threshold = 0.7;
  check_same_as_serial(options);
}

}  // namespace
}  // namespace docsift::detail
