// Index and grouping throughput: LSH banding (num_perm 128, automatic bands) and SimHash tables
// (k = 3) per million documents, with 1 and 2 threads, plus the full near-duplicate pipelines.
// Inputs are random signatures / fingerprints with 20% planted near copies; every benchmark
// first checks that the planted copies are found (and, for SimHash, that a sample matches a
// naive Hamming scan) before timing.

#include <benchmark/benchmark.h>

#include <algorithm>
#include <bit>
#include <cstdio>
#include <cstdlib>
#include <random>

#include "group/near_dup.h"
#include "index/lsh_index.h"
#include "index/simhash_index.h"

namespace docsift {
namespace {

constexpr unsigned kNumPerm = 128;

struct MinHashCorpus {
  std::vector<uint32_t> signatures;
  std::vector<DocPair> planted;  // (base, copy) with ~90% equal slots
};

const MinHashCorpus& minhash_corpus(size_t n) {
  static std::vector<std::pair<size_t, MinHashCorpus>> cache;
  for (auto& [size, corpus] : cache) {
    if (size == n) return corpus;
  }
  MinHashCorpus c;
  std::mt19937_64 rng(1);
  c.signatures.resize(n * kNumPerm);
  for (size_t d = 0; d < n; ++d) {
    uint32_t* sig = &c.signatures[d * kNumPerm];
    if (d > 0 && rng() % 5 == 0) {
      const size_t base = rng() % d;
      std::copy_n(&c.signatures[base * kNumPerm], kNumPerm, sig);
      for (unsigned i = 0; i < kNumPerm / 10; ++i)
        sig[rng() % kNumPerm] = static_cast<uint32_t>(rng());
      c.planted.push_back(DocPair::make(base, d));
    } else {
      for (unsigned i = 0; i < kNumPerm; ++i) sig[i] = static_cast<uint32_t>(rng());
    }
  }
  cache.emplace_back(n, std::move(c));
  return cache.back().second;
}

std::vector<uint64_t> simhash_corpus(size_t n) {
  std::mt19937_64 rng(2);
  std::vector<uint64_t> fps(n);
  for (size_t d = 0; d < n; ++d) {
    fps[d] = rng();
    if (d > 0 && rng() % 5 == 0) {
      fps[d] = fps[rng() % d];
      for (unsigned i = 0, flips = rng() % 4; i < flips; ++i) fps[d] ^= uint64_t{1} << (rng() % 64);
    }
  }
  return fps;
}

void fail(const char* what) {
  std::fprintf(stderr, "index_bench: check failed: %s\n", what);
  std::abort();
}

LshIndexOptions lsh_options(unsigned threads) {
  LshIndexOptions opt;
  opt.num_perm = kNumPerm;
  opt.params = choose_lsh_params(kNumPerm, 0.8);
  opt.threads = threads;
  return opt;
}

void BM_LshCandidates(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto& corpus = minhash_corpus(n);
  const auto opt = lsh_options(static_cast<unsigned>(state.range(1)));
  {
    const auto pairs = lsh_candidate_pairs(corpus.signatures, n, opt);
    size_t found = 0;
    for (const DocPair& p : corpus.planted)
      found += std::binary_search(pairs.begin(), pairs.end(), p);
    if (found * 100 < corpus.planted.size() * 95) fail("LSH recall of planted copies < 95%");
    state.counters["candidates"] = static_cast<double>(pairs.size());
  }
  for (auto _ : state) benchmark::DoNotOptimize(lsh_candidate_pairs(corpus.signatures, n, opt));
  state.SetItemsProcessed(state.iterations() * n);
  state.SetBytesProcessed(state.iterations() * n * kNumPerm * sizeof(uint32_t));
  state.counters["bands"] = opt.params.num_bands;
}

void BM_MinHashNearDupPipeline(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto& corpus = minhash_corpus(n);
  NearDupOptions opt;
  opt.num_perm = kNumPerm;
  opt.threshold = 0.8;
  opt.threads = static_cast<unsigned>(state.range(1));
  {
    auto g = find_near_duplicates_minhash(corpus.signatures, n, opt);
    if (!g.ok()) fail("pipeline error");
    size_t dropped = 0;
    for (uint32_t d = 0; d < n; ++d) dropped += g->kept_of[d] != d;
    state.counters["dropped"] = static_cast<double>(dropped);
  }
  for (auto _ : state)
    benchmark::DoNotOptimize(find_near_duplicates_minhash(corpus.signatures, n, opt));
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_SimHashPairs(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto fps = simhash_corpus(n);
  SimHashIndexOptions opt;
  opt.max_hamming = 3;
  opt.threads = static_cast<unsigned>(state.range(1));
  {
    // A naive scan of the first 3000 fingerprints must equal the index on that prefix.
    const std::span<const uint64_t> sample(fps.data(), std::min<size_t>(3000, n));
    std::vector<DocPair> naive;
    bool identical = false;
    for (uint32_t a = 0; a < sample.size(); ++a) {
      for (uint32_t b = a + 1; b < sample.size(); ++b) {
        identical |= sample[a] == sample[b];
        if (std::popcount(sample[a] ^ sample[b]) <= 3) naive.push_back({a, b});
      }
    }
    if (!identical && simhash_pairs(sample, opt) != naive) fail("SimHash index != naive scan");
    SimHashStats stats;
    state.counters["pairs"] = static_cast<double>(simhash_pairs(fps, opt, &stats).size());
    state.counters["tables"] = static_cast<double>(stats.num_tables);
  }
  for (auto _ : state) benchmark::DoNotOptimize(simhash_pairs(fps, opt));
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_SimHashNearDupPipeline(benchmark::State& state) {
  const size_t n = static_cast<size_t>(state.range(0));
  const auto fps = simhash_corpus(n);
  const unsigned threads = static_cast<unsigned>(state.range(1));
  for (auto _ : state) {
    benchmark::DoNotOptimize(find_near_duplicates_simhash(fps, 3, threads, KeepRule::kFirst, {}));
  }
  state.SetItemsProcessed(state.iterations() * n);
}

BENCHMARK(BM_LshCandidates)
    ->ArgsProduct({{100000, 1000000}, {1, 2}})
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MinHashNearDupPipeline)->Args({1000000, 2})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimHashPairs)->ArgsProduct({{100000, 1000000}, {1, 2}})->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SimHashNearDupPipeline)->Args({1000000, 2})->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace docsift
