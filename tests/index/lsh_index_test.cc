#include "index/lsh_index.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <numeric>
#include <random>
#include <string>

#include "reference/lsh_reference.h"
#include "reference/pairs_reference.h"

namespace docsift {
namespace {

// Random sets, each followed by 0-3 near copies (a few elements replaced), turned into
// signatures with the reference MinHash.
std::vector<uint32_t> planted_signatures(uint64_t seed, size_t num_base, unsigned num_perm,
                                         size_t* num_docs) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> signatures;
  *num_docs = 0;
  for (size_t i = 0; i < num_base; ++i) {
    std::vector<uint64_t> set(20 + rng() % 60);
    for (auto& x : set) x = rng();
    const size_t copies = rng() % 4;
    for (size_t c = 0; c <= copies; ++c) {
      std::vector<uint64_t> copy = set;
      if (c > 0) {
        const size_t changes = rng() % (copy.size() / 4 + 1);
        for (size_t k = 0; k < changes; ++k) copy[rng() % copy.size()] = rng();
      }
      std::sort(copy.begin(), copy.end());
      copy.erase(std::unique(copy.begin(), copy.end()), copy.end());
      const auto sig = reference::toy_minhash(copy, num_perm, 42);
      signatures.insert(signatures.end(), sig.begin(), sig.end());
      ++*num_docs;
    }
  }
  return signatures;
}

// Signature values from a tiny alphabet: many collisions and large buckets.
std::vector<uint32_t> crowded_signatures(uint64_t seed, size_t num_docs, unsigned num_perm,
                                         uint32_t alphabet) {
  std::mt19937_64 rng(seed);
  std::vector<uint32_t> signatures(num_docs * num_perm);
  for (auto& v : signatures) v = static_cast<uint32_t>(rng() % alphabet);
  return signatures;
}

void expect_subset_of_band_sharing(const std::vector<DocPair>& pairs,
                                   const std::vector<uint32_t>& signatures, unsigned num_perm,
                                   LshParams p) {
  for (const DocPair& e : pairs) {
    ASSERT_LT(e.a, e.b);
    ASSERT_TRUE(
        reference::shares_band(signatures, num_perm, p.num_bands, p.rows_per_band, e.a, e.b))
        << e.a << "," << e.b;
  }
  EXPECT_TRUE(std::is_sorted(pairs.begin(), pairs.end()));
  EXPECT_EQ(std::adjacent_find(pairs.begin(), pairs.end()), pairs.end());
}

TEST(LshIndex, SmallBucketsGiveExactlyThePairsSharingABand) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    for (LshParams p : {LshParams{16, 4}, LshParams{8, 8}, LshParams{10, 6}, LshParams{64, 1}}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " b=" + std::to_string(p.num_bands) +
                   " r=" + std::to_string(p.rows_per_band));
      const unsigned num_perm = 64;
      size_t n = 0;
      const auto signatures = planted_signatures(seed, 120, num_perm, &n);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = p;
      opt.max_bucket_size = 1u << 30;
      opt.threads = 2;
      LshStats stats;
      const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
      const auto want =
          reference::pairs_sharing_band(signatures, n, num_perm, p.num_bands, p.rows_per_band);
      EXPECT_EQ(got, want);
      EXPECT_EQ(stats.num_candidates, got.size());
      EXPECT_EQ(stats.large_buckets, 0u);
      EXPECT_FALSE(want.empty());  // the planted copies do collide
    }
  }
}

TEST(LshIndex, LargeBucketsAreChainedButKeepComponents) {
  for (uint64_t seed : {7u, 8u}) {
    for (size_t max_bucket : {2u, 3u, 6u}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " max_bucket=" + std::to_string(max_bucket));
      const unsigned num_perm = 24;
      const LshParams p{6, 3};
      const size_t n = 400;
      const auto signatures = crowded_signatures(seed, n, num_perm, 4);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = p;
      opt.max_bucket_size = max_bucket;
      opt.threads = 3;
      LshStats stats;
      const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
      expect_subset_of_band_sharing(got, signatures, num_perm, p);
      const auto sharing =
          reference::pairs_sharing_band(signatures, n, num_perm, p.num_bands, p.rows_per_band);
      EXPECT_GT(stats.large_buckets, 0u);
      EXPECT_LT(got.size(), sharing.size());
      EXPECT_EQ(reference::bfs_components(n, got), reference::bfs_components(n, sharing));
      // Chaining keeps work linear: at most (bucket - 1) edges for each large bucket.
      EXPECT_LE(got.size(), n * p.num_bands * max_bucket);
    }
  }
}

TEST(LshIndex, AllIdenticalSignaturesFormOneChain) {
  const unsigned num_perm = 32;
  const size_t n = 20000;  // all pairs would be 2e8: only a chain is affordable
  std::vector<uint32_t> signatures(n * num_perm);
  for (unsigned i = 0; i < num_perm; ++i) signatures[i] = 1000 + i;
  for (size_t d = 1; d < n; ++d) {
    std::copy_n(signatures.begin(), num_perm, signatures.begin() + d * num_perm);
  }
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {8, 4};
  opt.threads = 2;
  LshStats stats;
  const auto got = lsh_candidate_pairs(signatures, n, opt, &stats);
  ASSERT_EQ(got.size(), n - 1);
  for (size_t i = 0; i + 1 < n; ++i) {
    EXPECT_EQ(got[i], (DocPair{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)}));
  }
  EXPECT_EQ(stats.largest_bucket, n);
  EXPECT_EQ(stats.large_buckets, 8u);
}

TEST(LshIndex, EmptyDocumentsShareEveryBand) {
  const unsigned num_perm = 16;
  size_t n = 0;
  auto signatures = planted_signatures(11, 40, num_perm, &n);
  std::vector<uint32_t> empties;
  for (size_t d = 0; d < n; d += 5) {
    std::fill_n(signatures.begin() + d * num_perm, num_perm, UINT32_MAX);
    empties.push_back(static_cast<uint32_t>(d));
  }
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {4, 4};
  const auto got = lsh_candidate_pairs(signatures, n, opt);
  EXPECT_EQ(got, reference::pairs_sharing_band(signatures, n, num_perm, 4, 4));
  for (size_t i = 0; i + 1 < empties.size(); ++i) {
    EXPECT_TRUE(std::binary_search(got.begin(), got.end(), DocPair{empties[i], empties[i + 1]}));
  }
}

TEST(LshIndex, TinyInputs) {
  LshIndexOptions opt;
  opt.num_perm = 8;
  opt.params = {4, 2};
  EXPECT_TRUE(lsh_candidate_pairs({}, 0, opt).empty());
  std::vector<uint32_t> one(8, 3);
  EXPECT_TRUE(lsh_candidate_pairs(one, 1, opt).empty());
  std::vector<uint32_t> two(16, 3);
  EXPECT_EQ(lsh_candidate_pairs(two, 2, opt), (std::vector<DocPair>{{0, 1}}));
}

TEST(LshIndex, SameOutputForAnyThreadCount) {
  const unsigned num_perm = 32;
  const size_t n = 3000;
  const auto signatures = crowded_signatures(5, n, num_perm, 3);
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {16, 2};
  opt.max_bucket_size = 8;
  opt.threads = 1;
  const auto one = lsh_candidate_pairs(signatures, n, opt);
  for (unsigned threads : {2u, 4u, 7u}) {
    opt.threads = threads;
    EXPECT_EQ(lsh_candidate_pairs(signatures, n, opt), one) << "threads=" << threads;
  }
}

// ---------------------------------------------------------------------------------------------
// LshIndex

namespace fs = std::filesystem;

std::vector<IdPair> as_id_pairs(const std::vector<DocPair>& pairs) {
  std::vector<IdPair> out;
  for (const DocPair& p : pairs) out.push_back({p.a, p.b});
  return out;
}

LshIndex make_index(const LshIndexOptions& opt, const OptionsText& sig = {}) {
  Result<LshIndex> index = LshIndex::create(opt, sig);
  EXPECT_TRUE(index.ok()) << index.status().message();
  return std::move(index).value();
}

// Distinct random 64-bit ids.
std::vector<uint64_t> random_ids(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  std::vector<uint64_t> ids;
  while (ids.size() < n) {
    ids.push_back(rng() >> (rng() % 60));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  }
  std::shuffle(ids.begin(), ids.end(), rng);
  return ids;
}

// Adds documents [0, n) in random batches, in a random batch order (so ids arrive out of
// order and the index's id merge runs).
void add_in_random_batches(LshIndex& index, const std::vector<uint32_t>& signatures,
                           const std::vector<uint64_t>& ids, unsigned num_perm, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::pair<size_t, size_t>> batches;
  for (size_t begin = 0; begin < ids.size();) {
    const size_t end = std::min(ids.size(), begin + 1 + rng() % 50);
    batches.push_back({begin, end});
    begin = end;
  }
  std::shuffle(batches.begin(), batches.end(), rng);
  for (auto [begin, end] : batches) {
    const Status st = index.add(
        std::span<const uint32_t>(signatures).subspan(begin * num_perm, (end - begin) * num_perm),
        std::span<const uint64_t>(ids).subspan(begin, end - begin));
    ASSERT_TRUE(st.ok()) << st.message();
  }
}

class LshIndexFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("docsift_lsh_index_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  static std::string read_bytes(const std::string& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  static void write_bytes(const std::string& p, std::string_view bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  }
  std::string saved_bytes(const LshIndex& index) {
    const Status st = index.save(path("tmp.bin"));
    EXPECT_TRUE(st.ok()) << st.message();
    return read_bytes(path("tmp.bin"));
  }

  fs::path dir_;
};

TEST(LshIndexObject, CandidatePairsEqualTheFreeFunction) {
  for (uint64_t seed : {1u, 2u}) {
    for (size_t max_bucket : {2u, 5u, 64u, 1u << 30}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " max_bucket=" + std::to_string(max_bucket));
      const unsigned num_perm = 24;
      const size_t n = 500;
      const auto signatures = crowded_signatures(seed, n, num_perm, 5);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = {6, 3};
      opt.max_bucket_size = max_bucket;
      opt.threads = 3;
      std::vector<uint64_t> ids(n);
      std::iota(ids.begin(), ids.end(), 0);
      LshIndex index = make_index(opt);
      add_in_random_batches(index, signatures, ids, num_perm, seed);
      LshStats want_stats, got_stats;
      const auto want = lsh_candidate_pairs(signatures, n, opt, &want_stats);
      EXPECT_EQ(index.candidate_pairs(&got_stats), as_id_pairs(want));
      EXPECT_EQ(got_stats.num_candidates, want_stats.num_candidates);
      EXPECT_EQ(got_stats.large_buckets, want_stats.large_buckets);
      EXPECT_EQ(got_stats.largest_bucket, want_stats.largest_bucket);
    }
  }
  // Planted near copies, the shape dedup sees.
  size_t n = 0;
  const auto signatures = planted_signatures(3, 150, 64, &n);
  LshIndexOptions opt;
  opt.num_perm = 64;
  opt.params = {10, 6};
  std::vector<uint64_t> ids(n);
  std::iota(ids.begin(), ids.end(), 0);
  LshIndex index = make_index(opt);
  ASSERT_TRUE(index.add(signatures, ids).ok());
  EXPECT_EQ(index.candidate_pairs(), as_id_pairs(lsh_candidate_pairs(signatures, n, opt)));
}

TEST(LshIndexObject, QueryAndPairsMatchBruteForce) {
  for (uint64_t seed : {4u, 5u, 6u}) {
    for (LshParams p : {LshParams{8, 2}, LshParams{4, 4}, LshParams{16, 1}}) {
      SCOPED_TRACE("seed=" + std::to_string(seed) + " b=" + std::to_string(p.num_bands) +
                   " r=" + std::to_string(p.rows_per_band));
      const unsigned num_perm = 17;  // bands * rows < num_perm: trailing slots unused
      const size_t n = 300;
      const auto signatures = crowded_signatures(seed, n, num_perm, 6);
      const auto ids = random_ids(seed, n);
      LshIndexOptions opt;
      opt.num_perm = num_perm;
      opt.params = p;
      opt.max_bucket_size = 1u << 30;
      LshIndex index = make_index(opt);
      add_in_random_batches(index, signatures, ids, num_perm, seed + 100);
      EXPECT_EQ(index.size(), n);
      EXPECT_EQ(index.candidate_pairs(),
                reference::id_pairs_sharing_band_key(signatures, ids, num_perm, p.num_bands,
                                                     p.rows_per_band));
      // Queries: added documents (find themselves) and fresh signatures.
      const auto fresh = crowded_signatures(seed + 1000, 40, num_perm, 6);
      for (size_t q = 0; q < 80; ++q) {
        const std::span<const uint32_t> query =
            q < 40 ? std::span<const uint32_t>(signatures).subspan(q * 7 * num_perm, num_perm)
                   : std::span<const uint32_t>(fresh).subspan((q - 40) * num_perm, num_perm);
        const auto got = index.query(query);
        EXPECT_EQ(got, reference::ids_sharing_band_key(signatures, ids, num_perm, p.num_bands,
                                                       p.rows_per_band, query))
            << "query " << q;
        if (q < 40) {
          EXPECT_TRUE(std::binary_search(got.begin(), got.end(), ids[q * 7]));
        }
      }
    }
  }
}

TEST(LshIndexObject, RefusesBadInput) {
  LshIndexOptions opt;
  opt.num_perm = 8;
  opt.params = {4, 3};
  Result<LshIndex> bad = LshIndex::create(opt);
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("at most num_perm (8)"), std::string::npos);
  opt.params = {4, 2};
  LshIndex index = make_index(opt);
  std::vector<uint32_t> sig(16, 1);
  std::vector<uint64_t> ids = {5, 9};
  ASSERT_TRUE(index.add(sig, ids).ok());
  Status st = index.add(std::span<const uint32_t>(sig).subspan(0, 8), std::vector<uint64_t>{9});
  EXPECT_NE(st.message().find("id 9 is already in the index"), std::string::npos) << st.message();
  st = index.add(sig, std::vector<uint64_t>{3, 3});
  EXPECT_NE(st.message().find("id 3 given twice"), std::string::npos) << st.message();
  st = index.add(sig, std::vector<uint64_t>{1});
  EXPECT_NE(st.message().find("need 8 signature values"), std::string::npos) << st.message();
  EXPECT_EQ(index.size(), 2u);  // failed adds add nothing
  EXPECT_EQ(index.candidate_pairs(), (std::vector<IdPair>{{5, 9}}));
}

TEST_F(LshIndexFileTest, MergeOfShardsEqualsTheWholeIndexByteForByte) {
  const unsigned num_perm = 16;
  const size_t n = 1000;
  const auto signatures = crowded_signatures(21, n, num_perm, 4);
  const auto ids = random_ids(21, n);
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {4, 4};
  opt.max_bucket_size = 8;
  const OptionsText sig{{"unit", "word"}, {"ngram", "5"}};
  LshIndex whole = make_index(opt, sig);
  ASSERT_TRUE(whole.add(signatures, ids).ok());
  const std::string whole_bytes = saved_bytes(whole);
  for (unsigned num_shards : {1u, 2u, 5u}) {
    SCOPED_TRACE("shards=" + std::to_string(num_shards));
    std::mt19937_64 rng(num_shards);
    std::vector<std::vector<uint32_t>> shard_sigs(num_shards);
    std::vector<std::vector<uint64_t>> shard_ids(num_shards);
    for (size_t d = 0; d < n; ++d) {
      const size_t s = rng() % num_shards;
      shard_sigs[s].insert(shard_sigs[s].end(), signatures.begin() + d * num_perm,
                           signatures.begin() + (d + 1) * num_perm);
      shard_ids[s].push_back(ids[d]);
    }
    LshIndex merged = make_index(opt, sig);
    for (unsigned s = 0; s < num_shards; ++s) {
      LshIndex shard = make_index(opt, sig);
      ASSERT_TRUE(shard.add(shard_sigs[s], shard_ids[s]).ok());
      const Status st = merged.merge(shard);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    EXPECT_EQ(merged.candidate_pairs(), whole.candidate_pairs());
    EXPECT_EQ(saved_bytes(merged), whole_bytes);
  }
  // Overlapping ids and other options are refused.
  LshIndex again = make_index(opt, sig);
  ASSERT_TRUE(again
                  .add(std::span<const uint32_t>(signatures).subspan(0, num_perm),
                       std::span<const uint64_t>(ids).subspan(0, 1))
                  .ok());
  Status st = again.merge(whole);
  EXPECT_NE(st.message().find("is already in the index"), std::string::npos) << st.message();
  LshIndexOptions other = opt;
  other.params = {2, 8};
  st = make_index(other, sig).merge(whole);
  EXPECT_EQ(st.message(),
            "LSH index merge: the other index was made with bands=4, rows=4, this run uses "
            "bands=2, rows=8");
  st = make_index(opt, OptionsText{{"unit", "word"}, {"ngram", "3"}}).merge(whole);
  EXPECT_NE(st.message().find("made with ngram=5, this run uses ngram=3"), std::string::npos)
      << st.message();
}

TEST_F(LshIndexFileTest, SaveLoadRoundTrips) {
  for (size_t n : {0u, 1u, 3u, 17u, 1000u}) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const unsigned num_perm = 12;
    const auto signatures = crowded_signatures(n + 7, n, num_perm, 3);
    const auto ids = random_ids(n + 7, n);
    LshIndexOptions opt;
    opt.num_perm = num_perm;
    opt.params = {3, 4};
    opt.max_bucket_size = 6;
    const OptionsText sig{{"method", "minhash"}, {"ngram", "5"}};
    LshIndex index = make_index(opt, sig);
    add_in_random_batches(index, signatures, ids, num_perm, n);
    ASSERT_TRUE(index.save(path("index.bin")).ok());
    const OptionsText expected = lsh_index_options_text(opt, sig);
    Result<LshIndex> back = LshIndex::load(path("index.bin"), &expected, 2);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(back->size(), n);
    EXPECT_EQ(back->options_text(), index.options_text());
    EXPECT_EQ(back->options().params.num_bands, 3u);
    EXPECT_EQ(back->options().max_bucket_size, 6u);
    EXPECT_EQ(back->candidate_pairs(), index.candidate_pairs());
    for (size_t q = 0; q < std::min<size_t>(n, 20); ++q) {
      const auto query = std::span<const uint32_t>(signatures).subspan(q * num_perm, num_perm);
      EXPECT_EQ(back->query(query), index.query(query));
    }
    EXPECT_EQ(saved_bytes(*back), read_bytes(path("index.bin")));
  }
}

TEST_F(LshIndexFileTest, LoadRefusesOtherOptionsAndDamage) {
  const unsigned num_perm = 8;
  const auto signatures = crowded_signatures(3, 3, num_perm, 3);
  const std::vector<uint64_t> ids = {10, 20, 30};
  LshIndexOptions opt;
  opt.num_perm = num_perm;
  opt.params = {2, 4};
  const OptionsText sig{{"ngram", "5"}};
  LshIndex index = make_index(opt, sig);
  ASSERT_TRUE(index.add(signatures, ids).ok());
  ASSERT_TRUE(index.save(path("index.bin")).ok());

  LshIndexOptions other = opt;
  other.params = {4, 2};
  const OptionsText wrong = lsh_index_options_text(other, sig);
  Result<LshIndex> r = LshIndex::load(path("index.bin"), &wrong);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), path("index.bin") +
                                      " was made with bands=2, rows=4, this run uses bands=4, "
                                      "rows=2");
  const OptionsText wrong_sig = lsh_index_options_text(opt, OptionsText{{"ngram", "3"}});
  r = LshIndex::load(path("index.bin"), &wrong_sig);
  EXPECT_NE(r.status().message().find("made with ngram=5, this run uses ngram=3"),
            std::string::npos)
      << r.status().message();

  const std::string bytes = read_bytes(path("index.bin"));
  for (size_t len = 0; len < bytes.size(); ++len) {
    write_bytes(path("cut.bin"), std::string_view(bytes).substr(0, len));
    r = LshIndex::load(path("cut.bin"), nullptr);
    EXPECT_FALSE(r.ok()) << "prefix " << len;
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    }
  }
  for (size_t pos = 0; pos < bytes.size(); ++pos) {
    std::string flipped = bytes;
    flipped[pos] = static_cast<char>(flipped[pos] ^ 0x10);
    write_bytes(path("flip.bin"), flipped);
    r = LshIndex::load(path("flip.bin"), nullptr);
    EXPECT_FALSE(r.ok()) << "byte " << pos;
  }
}

}  // namespace
}  // namespace docsift
