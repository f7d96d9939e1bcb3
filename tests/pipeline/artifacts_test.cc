// Artifacts (pipeline/artifacts/): save -> load -> equal on seeded random input, merge of random
// shards equal to the unsharded artifact byte for byte, and every kind of damaged or foreign
// file refused with a message that says what is wrong.

#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include "common/test_files.h"
#include "core/xxh3.h"
#include "group/near_dup.h"
#include "pipeline/artifacts/doc_cuts.h"
#include "pipeline/artifacts/duplicate_grouping.h"
#include "pipeline/artifacts/edge_list.h"
#include "pipeline/artifacts/signature_table.h"
#include "pipeline/artifacts/stage_report.h"

namespace docsift {
namespace {

namespace fs = std::filesystem;

const size_t kSizes[] = {0, 1, 3, 17, 1000};

OptionsText signature_options(unsigned ngram = 5) {
  return OptionsText{{"method", "minhash"}, {"unit", "word"},  {"ngram", std::to_string(ngram)},
                     {"seed", "1"},         {"num_perm", "8"}, {"fold_digits", "0"}};
}

using testing::read_file;  // common/test_files.h
using testing::write_file;

class ArtifactsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("docsift_artifacts_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  template <typename Saveable>
  std::string bytes_of(const Saveable& artifact) {
    const Status st = artifact.save(path("bytes.bin"));
    EXPECT_TRUE(st.ok()) << st.message();
    return read_file(path("bytes.bin"));
  }

  // Every proper prefix and every single flipped byte of the file at `p` is refused by `load`
  // (with InvalidInput), and the intact file loads.
  void expect_damage_refused(const std::string& p,
                             const std::function<Status(const std::string&)>& load) {
    const std::string bytes = read_file(p);
    ASSERT_TRUE(load(p).ok()) << load(p).message();
    for (size_t len = 0; len < bytes.size(); ++len) {
      write_file(path("damaged.bin"), std::string_view(bytes).substr(0, len));
      const Status st = load(path("damaged.bin"));
      EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << "prefix " << len << ": " << st.message();
    }
    for (size_t pos = 0; pos < bytes.size(); ++pos) {
      std::string flipped = bytes;
      flipped[pos] = static_cast<char>(flipped[pos] ^ (0x80 >> (pos % 8)));
      write_file(path("damaged.bin"), flipped);
      const Status st = load(path("damaged.bin"));
      EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << "byte " << pos << ": " << st.message();
    }
  }

  // Every byte of the counts and payload of the file at `p`, flipped with the checksum made
  // valid again (so the artifact's own validation, not the checksum, has to catch it): the
  // load either fails with InvalidInput or gives an artifact that saves back to exactly the
  // damaged bytes (the loader accepts only canonical files). Run under ASan, this is the
  // fuzzing the loaders get in CI.
  void expect_validated_after_flip(const std::string& p,
                                   const std::function<Status(const std::string&)>& load_and_save) {
    const std::string bytes = read_file(p);
    ASSERT_GE(bytes.size(), 32u);
    const size_t text_bytes = static_cast<unsigned char>(bytes[16]) |
                              static_cast<size_t>(static_cast<unsigned char>(bytes[17])) << 8;
    size_t accepted = 0;
    for (size_t pos = 24 + text_bytes; pos + 8 < bytes.size(); ++pos) {
      for (unsigned bit : {0u, 7u}) {
        std::string damaged = bytes;
        damaged[pos] = static_cast<char>(damaged[pos] ^ (1u << bit));
        const uint64_t sum = XXH3_64bits(damaged.data(), damaged.size() - 8);
        for (int i = 0; i < 8; ++i) {
          damaged[damaged.size() - 8 + i] = static_cast<char>(sum >> (8 * i));
        }
        write_file(path("damaged.bin"), damaged);
        const Status st = load_and_save(path("damaged.bin"));
        if (st.ok()) {
          ++accepted;
          EXPECT_EQ(read_file(path("resaved.bin")), damaged) << "byte " << pos << " bit " << bit;
        } else {
          EXPECT_EQ(st.code(), StatusCode::kInvalidInput) << "byte " << pos << ": " << st.message();
        }
      }
    }
    RecordProperty("accepted_flips", static_cast<int>(accepted));
  }

  // The file at `p` with its version field set to 3 is refused naming both versions.
  void expect_version_refused(const std::string& p,
                              const std::function<Status(const std::string&)>& load) {
    std::string bytes = read_file(p);
    bytes[4] = 3;
    write_file(path("v3.bin"), bytes);
    const Status st = load(path("v3.bin"));
    EXPECT_NE(st.message().find("format version 3, this docsift reads 1"), std::string::npos)
        << st.message();
  }

  fs::path dir_;
};

// ---------------------------------------------------------------------------------------------
// SignatureTable

SignatureTable random_table(uint64_t seed, size_t n, unsigned num_perm = 8) {
  std::mt19937_64 rng(seed);
  SignatureTable table(num_perm, signature_options());
  uint64_t id = rng() % 5;
  std::vector<uint32_t> sig(num_perm);
  for (size_t d = 0; d < n; ++d) {
    for (auto& v : sig) v = static_cast<uint32_t>(rng());
    EXPECT_TRUE(table.append(id, sig).ok());
    id += 1 + rng() % 1000;
  }
  return table;
}

TEST_F(ArtifactsTest, SignatureTableRoundTrips) {
  for (size_t n : kSizes) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const SignatureTable table = random_table(n, n);
    ASSERT_TRUE(table.save(path("sig.bin")).ok());
    const OptionsText options = signature_options();
    Result<SignatureTable> back = SignatureTable::load(path("sig.bin"), &options);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, table);
    EXPECT_EQ(back->size(), n);
    for (size_t r = 0; r < n; r += 7) {
      EXPECT_EQ(back->row_of(table.ids()[r]), r);
      EXPECT_TRUE(std::equal(back->signature(r).begin(), back->signature(r).end(),
                             table.signature(r).begin()));
    }
    EXPECT_EQ(bytes_of(*back), read_file(path("sig.bin")));
  }
}

TEST_F(ArtifactsTest, SignatureTableMergeOfShardsEqualsTheWholeTable) {
  for (size_t n : kSizes) {
    for (unsigned num_shards : {1u, 2u, 7u}) {
      SCOPED_TRACE("n=" + std::to_string(n) + " shards=" + std::to_string(num_shards));
      const SignatureTable whole = random_table(n + 11, n);
      std::mt19937_64 rng(n * 31 + num_shards);
      std::vector<SignatureTable> shards(num_shards, SignatureTable(8, whole.options()));
      for (size_t r = 0; r < n; ++r) {
        ASSERT_TRUE(shards[rng() % num_shards].append(whole.ids()[r], whole.signature(r)).ok());
      }
      std::shuffle(shards.begin(), shards.end(), rng);  // rank order does not matter
      Result<SignatureTable> merged = SignatureTable::merge(shards);
      ASSERT_TRUE(merged.ok()) << merged.status().message();
      EXPECT_EQ(*merged, whole);
      EXPECT_EQ(bytes_of(*merged), bytes_of(whole));
    }
  }
}

TEST_F(ArtifactsTest, SignatureTableRefusesBadInput) {
  SignatureTable table(4, signature_options());
  const std::vector<uint32_t> sig = {1, 2, 3, 4};
  ASSERT_TRUE(table.append(10, sig).ok());
  EXPECT_NE(table.append(10, sig).message().find("strictly increasing"), std::string::npos);
  EXPECT_NE(table.append(11, std::vector<uint32_t>{1, 2}).message().find("got 2"),
            std::string::npos);
  std::vector<SignatureTable> shards = {table, table};
  Result<SignatureTable> merged = SignatureTable::merge(shards);
  EXPECT_NE(merged.status().message().find("document id 10 is in shards 0 and 1"),
            std::string::npos)
      << merged.status().message();
  shards[1] = SignatureTable(4, signature_options(3));
  merged = SignatureTable::merge(shards);
  EXPECT_NE(merged.status().message().find("shard 1 was made with ngram=3, this run uses ngram=5"),
            std::string::npos)
      << merged.status().message();
  shards[1] = SignatureTable(5, signature_options());
  EXPECT_NE(SignatureTable::merge(shards).status().message().find("num_perm 5"), std::string::npos);
  EXPECT_FALSE(SignatureTable::merge({}).ok());
}

TEST_F(ArtifactsTest, SignatureTableRefusesForeignAndDamagedFiles) {
  const SignatureTable table = random_table(2, 3, 4);
  ASSERT_TRUE(table.save(path("signatures.bin")).ok());
  const OptionsText other = signature_options(3);
  Result<SignatureTable> r = SignatureTable::load(path("signatures.bin"), &other);
  EXPECT_EQ(r.status().message(),
            path("signatures.bin") + " was made with ngram=5, this run uses ngram=3");
  Result<EdgeList> as_edges = EdgeList::load(path("signatures.bin"), nullptr);
  EXPECT_NE(as_edges.status().message().find("not a docsift edge list: bad magic"),
            std::string::npos)
      << as_edges.status().message();
  auto load = [](const std::string& p) { return SignatureTable::load(p, nullptr).status(); };
  expect_version_refused(path("signatures.bin"), load);
  expect_damage_refused(path("signatures.bin"), load);
  expect_validated_after_flip(path("signatures.bin"), [&](const std::string& p) {
    Result<SignatureTable> t = SignatureTable::load(p, nullptr);
    return t.ok() ? t->save(path("resaved.bin")) : t.status();
  });
}

// ---------------------------------------------------------------------------------------------
// EdgeList

std::vector<Edge> random_edges(uint64_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  const uint32_t num_docs = static_cast<uint32_t>(2 + n / 2);  // repeats are likely
  std::vector<Edge> edges;
  while (edges.size() < n) {
    const uint32_t a = static_cast<uint32_t>(rng() % num_docs);
    const uint32_t b = static_cast<uint32_t>(rng() % num_docs);
    if (a == b) continue;
    edges.push_back({a, b, static_cast<float>(rng() % 65) / 64.0f});
  }
  return edges;
}

TEST_F(ArtifactsTest, EdgeListKeepsPairsSortedUniqueWithTheLargestSimilarity) {
  const auto edges = random_edges(3, 1000);
  EdgeList list(OptionsText{{"verify", "estimate"}});
  ASSERT_TRUE(list.insert(edges).ok());
  // Reference: the max similarity per unordered pair, by a plain scan.
  std::vector<Edge> want;
  for (const Edge& e : edges) {
    const Edge n{std::min(e.a, e.b), std::max(e.a, e.b), e.similarity};
    auto it = std::find_if(want.begin(), want.end(),
                           [&](const Edge& w) { return w.a == n.a && w.b == n.b; });
    if (it == want.end()) {
      want.push_back(n);
    } else {
      it->similarity = std::max(it->similarity, n.similarity);
    }
  }
  std::sort(want.begin(), want.end(),
            [](const Edge& x, const Edge& y) { return x.a != y.a ? x.a < y.a : x.b < y.b; });
  ASSERT_EQ(list.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(list.edges()[i].a, want[i].a);
    EXPECT_EQ(list.edges()[i].b, want[i].b);
    EXPECT_EQ(list.edges()[i].similarity, want[i].similarity);
  }
  EXPECT_LT(list.size(), edges.size());  // the input did repeat pairs

  const std::vector<DocPair> pairs = {{4, 9}, {1, 2}};
  EdgeList candidates(OptionsText{});
  ASSERT_TRUE(candidates.insert(pairs).ok());
  ASSERT_EQ(candidates.size(), 2u);
  EXPECT_EQ(candidates.edges()[0].a, 1u);
  EXPECT_EQ(candidates.edges()[1].similarity, 0.0f);
  EXPECT_FALSE(candidates.insert(std::vector<Edge>{{3, 3, 1.0f}}).ok());
  EXPECT_FALSE(candidates.insert(std::vector<Edge>{{3, 4, 1.5f}}).ok());
  EXPECT_FALSE(candidates.insert(std::vector<Edge>{{3, 4, std::nanf("")}}).ok());
  EXPECT_EQ(candidates.size(), 2u);
}

TEST_F(ArtifactsTest, SignatureTableAdoptsTheSignStagesArrayAsAppendWouldBuildIt) {
  for (size_t n : kSizes) {
    SCOPED_TRACE("n=" + std::to_string(n));
    std::mt19937_64 rng(n);
    MappedArray<uint32_t> values;
    values.resize(n * 8);
    for (size_t i = 0; i < values.size(); ++i) values[i] = static_cast<uint32_t>(rng());
    const uint32_t* data = values.data();
    SignatureTable appended(8, signature_options());
    for (size_t d = 0; d < n; ++d) {
      ASSERT_TRUE(appended.append(100 + d, std::span<const uint32_t>(data + d * 8, 8)).ok());
    }
    Result<SignatureTable> adopted =
        SignatureTable::adopt(8, signature_options(), 100, std::move(values));
    ASSERT_TRUE(adopted.ok()) << adopted.status().message();
    EXPECT_EQ(*adopted, appended);
    if (n > 0) {
      EXPECT_EQ(adopted->values().data(), data);  // the same memory: no copy
    }
    const SignatureTable copy = *adopted;                  // copies are deep
    EXPECT_EQ(copy, *adopted);
    if (n > 0) {
      EXPECT_NE(copy.values().data(), data);
    }
  }
  MappedArray<uint32_t> ragged;
  ragged.resize(12);
  EXPECT_NE(SignatureTable::adopt(8, signature_options(), 0, std::move(ragged))
                .status()
                .message()
                .find("not whole signatures"),
            std::string::npos);
}

TEST_F(ArtifactsTest, EdgeListFromSortedTakesSortedEdgesAndRefusesOthers) {
  const auto edges = random_edges(5, 500);
  EdgeList inserted(OptionsText{{"verify", "estimate"}});
  ASSERT_TRUE(inserted.insert(edges).ok());
  std::vector<Edge> sorted(inserted.edges().begin(), inserted.edges().end());
  Result<EdgeList> adopted = EdgeList::from_sorted(inserted.options(), sorted);
  ASSERT_TRUE(adopted.ok()) << adopted.status().message();
  EXPECT_EQ(*adopted, inserted);
  const std::vector<std::vector<Edge>> bad = {{{2, 1, 0.5f}},
                                              {{1, 1, 0.5f}},
                                              {{1, 2, 0.5f}, {1, 2, 0.5f}},
                                              {{1, 3, 0.5f}, {1, 2, 0.5f}},
                                              {{1, 2, 2.0f}},
                                              {{1, 2, std::nanf("")}}};
  for (const auto& b : bad) {
    EXPECT_NE(EdgeList::from_sorted(OptionsText{}, b).status().message().find("breaks a < b"),
              std::string::npos);
  }
  Result<EdgeList> zero = EdgeList::from_sorted(OptionsText{}, {{1, 2, -0.0f}});
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE(std::signbit(zero->edges()[0].similarity));  // one byte pattern, as insert
}

TEST_F(ArtifactsTest, EdgeListRoundTripsAndMergesLikeTheWhole) {
  const OptionsText options{{"verify", "estimate"}, {"threshold", "0.8"}};
  for (size_t n : kSizes) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const auto edges = random_edges(n + 5, n);
    EdgeList whole(options);
    ASSERT_TRUE(whole.insert(edges).ok());
    ASSERT_TRUE(whole.save(path("edges.bin")).ok());
    Result<EdgeList> back = EdgeList::load(path("edges.bin"), &options);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, whole);
    for (unsigned num_shards : {1u, 3u, 8u}) {
      std::mt19937_64 rng(n + num_shards);
      std::vector<std::vector<Edge>> parts(num_shards);
      for (const Edge& e : edges) parts[rng() % num_shards].push_back(e);
      std::vector<EdgeList> shards;
      for (auto& part : parts) {
        shards.emplace_back(options);
        // Several inserts per shard, as bands or batches arrive.
        const size_t half = part.size() / 2;
        ASSERT_TRUE(shards.back().insert(std::span<const Edge>(part).subspan(0, half)).ok());
        ASSERT_TRUE(shards.back().insert(std::span<const Edge>(part).subspan(half)).ok());
      }
      std::shuffle(shards.begin(), shards.end(), rng);
      Result<EdgeList> merged = EdgeList::merge(shards);
      ASSERT_TRUE(merged.ok()) << merged.status().message();
      EXPECT_EQ(*merged, whole) << "shards=" << num_shards;
      EXPECT_EQ(bytes_of(*merged), read_file(path("edges.bin"))) << "shards=" << num_shards;
    }
  }
}

TEST_F(ArtifactsTest, EdgeListRefusesForeignAndDamagedFiles) {
  const OptionsText options{{"verify", "estimate"}, {"threshold", "0.8"}};
  EdgeList list(options);
  ASSERT_TRUE(list.insert(random_edges(1, 4)).ok());
  ASSERT_TRUE(list.save(path("edges.bin")).ok());
  const OptionsText other{{"verify", "exact"}, {"threshold", "0.8"}};
  EXPECT_EQ(EdgeList::load(path("edges.bin"), &other).status().message(),
            path("edges.bin") + " was made with verify=estimate, this run uses verify=exact");
  std::vector<EdgeList> shards = {list, EdgeList(other)};
  EXPECT_NE(EdgeList::merge(shards).status().message().find("shard 1 was made with verify=exact"),
            std::string::npos);
  EXPECT_NE(SignatureTable::load(path("edges.bin"), nullptr)
                .status()
                .message()
                .find("not a docsift signature table: bad magic"),
            std::string::npos);
  auto load = [](const std::string& p) { return EdgeList::load(p, nullptr).status(); };
  expect_version_refused(path("edges.bin"), load);
  expect_damage_refused(path("edges.bin"), load);
  expect_validated_after_flip(path("edges.bin"), [&](const std::string& p) {
    Result<EdgeList> e = EdgeList::load(p, nullptr);
    return e.ok() ? e->save(path("resaved.bin")) : e.status();
  });
}

// ---------------------------------------------------------------------------------------------
// Duplicate grouping

Grouping random_grouping(uint64_t seed, size_t n, bool checked) {
  std::mt19937_64 rng(seed);
  std::vector<Edge> edges;
  for (size_t i = 0; n >= 2 && i < n; ++i) {
    const uint32_t a = static_cast<uint32_t>(rng() % n);
    const uint32_t b = static_cast<uint32_t>(rng() % n);
    if (a != b) edges.push_back({std::min(a, b), std::max(a, b), 0.5f + (rng() % 33) / 64.0f});
  }
  std::vector<uint64_t> lengths(n);
  for (auto& l : lengths) l = rng() % 50;
  if (!checked) return group_edges(n, edges, KeepRule::kLongest, lengths);
  // Similarity from a per-document value, so some members fall below the bar and are split.
  std::vector<float> value(n);
  for (auto& v : value) v = static_cast<float>(rng() % 100) / 100.0f;
  auto similarity = [&](uint32_t d, uint32_t k) { return 1.0f - std::abs(value[d] - value[k]); };
  return group_edges(n, edges, KeepRule::kFirst, {}, similarity, ClusterCheck{0.8f, 8});
}

bool same_grouping(const Grouping& x, const Grouping& y) {
  return x.cluster_of == y.cluster_of && x.kept_of == y.kept_of && x.similarity == y.similarity &&
         x.cluster_size == y.cluster_size;
}

TEST_F(ArtifactsTest, DuplicateGroupingRoundTrips) {
  const OptionsText options{{"keep", "first"}, {"threshold", "0.8"}};
  for (size_t n : kSizes) {
    for (bool checked : {false, true}) {
      SCOPED_TRACE("n=" + std::to_string(n) + " checked=" + std::to_string(checked));
      const Grouping g = random_grouping(n * 3 + checked, n, checked);
      ASSERT_TRUE(validate_duplicate_grouping(g).ok()) << validate_duplicate_grouping(g).message();
      ASSERT_TRUE(save_duplicate_grouping(g, options, path("grouping.bin")).ok());
      OptionsText made_with;
      Result<Grouping> back = load_duplicate_grouping(path("grouping.bin"), &options, &made_with);
      ASSERT_TRUE(back.ok()) << back.status().message();
      EXPECT_TRUE(same_grouping(*back, g));
      EXPECT_EQ(made_with, options);
      if (n == 1000) {
        EXPECT_LT(g.cluster_size.size(), n);  // there are duplicate groups to store
      }
    }
  }
}

TEST_F(ArtifactsTest, DuplicateGroupingValidationNamesTheBrokenInvariant) {
  // Documents 0..5: groups {0, 2} kept 0, {1, 3, 4} kept 3, {5}.
  const Grouping good{
      {0, 1, 0, 1, 1, 2}, {0, 3, 0, 3, 3, 5}, {1.0f, 0.9f, 0.8f, 1.0f, 0.85f, 1.0f}, {2, 3, 1}};
  ASSERT_TRUE(validate_duplicate_grouping(good).ok())
      << validate_duplicate_grouping(good).message();
  auto message = [&](const std::function<void(Grouping&)>& damage) {
    Grouping g = good;
    damage(g);
    return validate_duplicate_grouping(g).message();
  };
  auto has = [](const std::string& m, const std::string& part) {
    return m.find(part) != std::string::npos;
  };
  EXPECT_TRUE(has(message([](Grouping& g) { g.kept_of.pop_back(); }), "must be equal"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.cluster_of[5] = 3; }), "duplicate group 3 of 3"));
  EXPECT_TRUE(
      has(message([](Grouping& g) { std::swap(g.cluster_of[0], g.cluster_of[1]); }), "not dense"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.kept_of[2] = 6; }), "out of range"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.kept_of[2] = 5; }), "in another duplicate group"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.kept_of[4] = 1; }), "itself not kept"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.kept_of[4] = 4; }), "keeps both 3 and 4"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.similarity[1] = 1.5f; }), "similarity"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.similarity[3] = 0.5f; }), "1 for a kept"));
  EXPECT_TRUE(has(message([](Grouping& g) { g.cluster_size[1] = 2; }), "cluster_size says 2"));
  EXPECT_TRUE(
      has(message([](Grouping& g) { g.cluster_size.push_back(0); }), "4 group sizes for 3 groups"));
  Grouping bad = good;
  bad.kept_of[4] = 1;
  EXPECT_FALSE(save_duplicate_grouping(bad, {}, path("bad.bin")).ok());
  EXPECT_FALSE(fs::exists(path("bad.bin")));
}

TEST_F(ArtifactsTest, DuplicateGroupingRefusesForeignAndDamagedFiles) {
  const OptionsText options{{"keep", "first"}};
  const Grouping g{{0, 1, 0}, {0, 1, 0}, {1.0f, 1.0f, 0.75f}, {2, 1}};
  ASSERT_TRUE(save_duplicate_grouping(g, options, path("grouping.bin")).ok());
  const OptionsText other{{"keep", "longest"}};
  EXPECT_EQ(load_duplicate_grouping(path("grouping.bin"), &other).status().message(),
            path("grouping.bin") + " was made with keep=first, this run uses keep=longest");
  EXPECT_NE(DocCuts::load(path("grouping.bin"), nullptr)
                .status()
                .message()
                .find("not a docsift document cuts: bad magic"),
            std::string::npos);
  auto load = [](const std::string& p) { return load_duplicate_grouping(p, nullptr).status(); };
  expect_version_refused(path("grouping.bin"), load);
  expect_damage_refused(path("grouping.bin"), load);
  expect_validated_after_flip(path("grouping.bin"), [&](const std::string& p) {
    OptionsText made_with;
    Result<Grouping> g = load_duplicate_grouping(p, nullptr, &made_with);
    return g.ok() ? save_duplicate_grouping(*g, made_with, path("resaved.bin")) : g.status();
  });
}

// ---------------------------------------------------------------------------------------------
// DocCuts

// Cuts of n random documents (ids with gaps), 1-4 sorted non-overlapping cuts each.
struct CutSpec {
  uint64_t doc;
  Cut range;
  CutReason reason;
};

std::vector<CutSpec> random_cuts(uint64_t seed, size_t num_docs) {
  std::mt19937_64 rng(seed);
  std::vector<CutSpec> cuts;
  uint64_t doc = rng() % 3;
  for (size_t d = 0; d < num_docs; ++d) {
    uint32_t pos = static_cast<uint32_t>(rng() % 10);
    const size_t k = 1 + rng() % 4;
    for (size_t c = 0; c < k; ++c) {
      const uint32_t begin = pos + static_cast<uint32_t>(rng() % 20);
      const uint32_t end = begin + 1 + static_cast<uint32_t>(rng() % 200);
      cuts.push_back({doc, {begin, end}, static_cast<CutReason>(rng() % kNumCutReasons)});
      pos = end;
    }
    doc += 1 + rng() % 100;
  }
  return cuts;
}

DocCuts cuts_from(const std::vector<CutSpec>& specs, const OptionsText& options) {
  DocCuts cuts(options);
  for (const CutSpec& s : specs) {
    const Status st = cuts.add(s.doc, s.range, s.reason);
    EXPECT_TRUE(st.ok()) << st.message();
  }
  return cuts;
}

TEST_F(ArtifactsTest, DocCutsRoundTripAndLookUp) {
  const OptionsText options{{"passage_unit", "paragraph"}, {"min_words", "8"}};
  for (size_t n : kSizes) {
    SCOPED_TRACE("n=" + std::to_string(n));
    const auto specs = random_cuts(n + 2, n);
    const DocCuts cuts = cuts_from(specs, options);
    EXPECT_EQ(cuts.num_docs(), n);
    EXPECT_EQ(cuts.num_cuts(), specs.size());
    // cuts_of / reasons_of against the specs.
    for (size_t i = 0; i < specs.size();) {
      size_t j = i;
      while (j < specs.size() && specs[j].doc == specs[i].doc) ++j;
      const auto got = cuts.cuts_of(specs[i].doc);
      const auto why = cuts.reasons_of(specs[i].doc);
      ASSERT_EQ(got.size(), j - i);
      ASSERT_EQ(why.size(), j - i);
      for (size_t k = 0; k < got.size(); ++k) {
        EXPECT_EQ(got[k].marker_begin, specs[i + k].range.marker_begin);
        EXPECT_EQ(got[k].end, specs[i + k].range.end);
        EXPECT_EQ(why[k], specs[i + k].reason);
      }
      EXPECT_TRUE(cuts.cuts_of(specs[i].doc + 1).empty() ||
                  (j < specs.size() && specs[j].doc == specs[i].doc + 1));
      i = j;
    }
    ASSERT_TRUE(cuts.save(path("cuts.bin")).ok());
    Result<DocCuts> back = DocCuts::load(path("cuts.bin"), &options);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_EQ(*back, cuts);
    EXPECT_EQ(bytes_of(*back), read_file(path("cuts.bin")));
  }
}

TEST_F(ArtifactsTest, DocCutsMergeOfShardsEqualsTheWhole) {
  const OptionsText options{{"passage_unit", "paragraph"}};
  for (size_t n : kSizes) {
    for (unsigned num_shards : {1u, 2u, 6u}) {
      SCOPED_TRACE("n=" + std::to_string(n) + " shards=" + std::to_string(num_shards));
      const auto specs = random_cuts(n + 9, n);
      const DocCuts whole = cuts_from(specs, options);
      std::mt19937_64 rng(n + num_shards);
      std::vector<DocCuts> shards(num_shards, DocCuts(options));
      size_t shard = 0;
      for (size_t i = 0; i < specs.size(); ++i) {
        if (i == 0 || specs[i].doc != specs[i - 1].doc) shard = rng() % num_shards;
        ASSERT_TRUE(shards[shard].add(specs[i].doc, specs[i].range, specs[i].reason).ok());
      }
      std::shuffle(shards.begin(), shards.end(), rng);
      Result<DocCuts> merged = DocCuts::merge(shards);
      ASSERT_TRUE(merged.ok()) << merged.status().message();
      EXPECT_EQ(*merged, whole);
      EXPECT_EQ(bytes_of(*merged), bytes_of(whole));
    }
  }
}

TEST_F(ArtifactsTest, DocCutsRefuseBadInput) {
  DocCuts cuts(OptionsText{});
  ASSERT_TRUE(cuts.add(5, {10, 20}, CutReason::kBoilerplate).ok());
  EXPECT_NE(cuts.add(5, {15, 30}, CutReason::kBoilerplate).message().find("non-overlapping"),
            std::string::npos);
  EXPECT_NE(cuts.add(5, {30, 30}, CutReason::kBoilerplate).message().find("is empty"),
            std::string::npos);
  EXPECT_NE(cuts.add(4, {0, 3}, CutReason::kBoilerplate).message().find("increasing order"),
            std::string::npos);
  EXPECT_FALSE(cuts.add(6, {0, 3}, static_cast<CutReason>(9)).ok());
  ASSERT_TRUE(cuts.add(5, {20, 25}, CutReason::kSubstring).ok());  // touching is fine
  EXPECT_EQ(cuts.num_cuts(), 2u);
  EXPECT_EQ(std::string(cut_reason_name(CutReason::kPassageAcross)), "passage_across");
  std::vector<DocCuts> shards = {cuts, cuts};
  EXPECT_NE(DocCuts::merge(shards).status().message().find("document 5 has cuts in shards 0 and 1"),
            std::string::npos);
}

TEST_F(ArtifactsTest, DocCutsRefuseForeignAndDamagedFiles) {
  const OptionsText options{{"passage_unit", "paragraph"}};
  const DocCuts cuts = cuts_from(random_cuts(4, 2), options);
  ASSERT_TRUE(cuts.save(path("cuts.bin")).ok());
  const OptionsText other{{"passage_unit", "sentence"}};
  EXPECT_EQ(DocCuts::load(path("cuts.bin"), &other).status().message(),
            path("cuts.bin") +
                " was made with passage_unit=paragraph, this run uses passage_unit=sentence");
  EXPECT_NE(load_duplicate_grouping(path("cuts.bin"), nullptr)
                .status()
                .message()
                .find("not a docsift duplicate grouping: bad magic"),
            std::string::npos);
  auto load = [](const std::string& p) { return DocCuts::load(p, nullptr).status(); };
  expect_version_refused(path("cuts.bin"), load);
  expect_damage_refused(path("cuts.bin"), load);
  expect_validated_after_flip(path("cuts.bin"), [&](const std::string& p) {
    Result<DocCuts> c = DocCuts::load(p, nullptr);
    return c.ok() ? c->save(path("resaved.bin")) : c.status();
  });
}

// ---------------------------------------------------------------------------------------------
// StageReport

TEST_F(ArtifactsTest, StageReportRoundTripsAndRefusesForeignAndDamagedFiles) {
  const OptionsText options{{"stage", "passage decisions"}, {"min_words", "5"}};
  std::mt19937_64 rng(7);
  for (size_t n : kSizes) {
    SCOPED_TRACE("n=" + std::to_string(n));
    StageReport r{.options = options, .lines = {}, .most_repeated = {}};
    for (size_t i = 0; i < n; ++i) {
      r.lines += "{\"id\":\"d" + std::to_string(rng() % 1000) + "\"}\n";
    }
    for (size_t i = 0; i < std::min<size_t>(n, 10); ++i) {
      r.most_repeated.push_back(
          {std::string(rng() % 40, 'a' + static_cast<char>(i)), rng() % 99, rng() % 9});
    }
    ASSERT_TRUE(save_stage_report(r, path("report.bin")).ok());
    Result<StageReport> back = load_stage_report(path("report.bin"), &options);
    ASSERT_TRUE(back.ok()) << back.status().message();
    EXPECT_TRUE(*back == r);
    EXPECT_EQ(read_file(path("report.bin")), [&] {
      EXPECT_TRUE(save_stage_report(*back, path("again.bin")).ok());
      return read_file(path("again.bin"));
    }());
  }
  const OptionsText other{{"stage", "passage decisions"}, {"min_words", "6"}};
  EXPECT_NE(load_stage_report(path("report.bin"), &other).status().message().find("min_words=5"),
            std::string::npos);
  EXPECT_FALSE(save_stage_report({.options = options, .lines = "no newline", .most_repeated = {}},
                                 path("x.bin"))
                   .ok());
  StageReport small{.options = options,
                    .lines = "{\"a\":1}\n",
                    .most_repeated = {{"text", 3, 2}, {"other", 2, 2}}};
  ASSERT_TRUE(save_stage_report(small, path("small.bin")).ok());
  expect_damage_refused(path("small.bin"), [&](const std::string& p) {
    Result<StageReport> loaded = load_stage_report(p, &options);
    return loaded.ok() ? Status::Ok() : loaded.status();
  });
}

}  // namespace
}  // namespace docsift
