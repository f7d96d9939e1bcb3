// Shingling and sketching throughput. Every benchmark first checks its output against a plain
// reference loop (SkipWithError on mismatch), then times. MinHash runs over a pool of
// documents of 500 shingles: items/s = documents/s, plus a shingles/s counter. The MinHash
// variants: "scalar" is the reference double loop with vectorisation off (what a textbook
// implementation costs), "portable" the blocked specification at the baseline ISA, "avx2" the
// intrinsics kernel, "avx512" the portable loop auto-vectorised for AVX-512DQ, "dispatch" what
// MinHasher::sign picks on this CPU (label).
//
//   cmake -S . -B build-rel -DCMAKE_BUILD_TYPE=Release -DDOCSIFT_BUILD_TESTS=OFF
//   cmake --build build-rel --target sketch_bench && build-rel/bench/sketch_bench

#include <benchmark/benchmark.h>
#include <xxhash.h>

#include <random>
#include <string>
#include <vector>

#include "shingle/shingle.h"
#include "sketch/internal/minhash_kernels.h"
#include "sketch/minhash.h"
#include "sketch/one_perm.h"
#include "sketch/simhash.h"

namespace docsift {
namespace {

constexpr size_t kShinglesPerDoc = 500;
constexpr size_t kPoolDocs = 64;

const std::vector<std::vector<uint64_t>>& doc_pool() {
  static const auto pool = [] {
    std::mt19937_64 rng(2024);
    std::vector<std::vector<uint64_t>> docs(kPoolDocs, std::vector<uint64_t>(kShinglesPerDoc));
    for (auto& d : docs) {
      for (auto& x : d) x = rng();
    }
    return docs;
  }();
  return pool;
}

// The textbook loop: per slot, per shingle, full 64-bit multiply; never vectorised.
__attribute__((optimize("no-tree-vectorize"))) void scalar_minhash(
    const MinHasher::Coefficients& co, const std::vector<uint64_t>& s, uint32_t* out) {
  const size_t k = co.c.size();
  for (size_t i = 0; i < k; ++i) {
    const uint64_t a = co.a[i];
    const uint64_t b = co.b[i];
    uint32_t m = 0xFFFFFFFFu;
    for (const uint64_t x : s) {
      const uint32_t h =
          static_cast<uint32_t>((a * (x & 0xFFFFFFFFu) + b * (x >> 32) + co.c[i]) >> 32);
      m = h < m ? h : m;
    }
    out[i] = m;
  }
}

enum class Path { kScalar, kPortable, kAvx2, kAvx512, kDispatch };

void run_minhash(benchmark::State& state, Path path) {
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  const MinHasher hasher({.num_perm = k, .seed = 1});
  const auto args = detail::kernel_args(hasher.coefficients());
  const auto& pool = doc_pool();
  const char* label = "scalar";
  auto sign = [&](const std::vector<uint64_t>& doc, uint32_t* out) {
    switch (path) {
      case Path::kScalar:
        scalar_minhash(hasher.coefficients(), doc, out);
        break;
      case Path::kPortable:
        detail::minhash_sign_portable(args, doc.data(), doc.size(), out);
        break;
      case Path::kAvx2:
        detail::minhash_sign_avx2(args, doc.data(), doc.size(), out);
        break;
      case Path::kAvx512:
        detail::minhash_sign_avx512(args, doc.data(), doc.size(), out);
        break;
      case Path::kDispatch:
        hasher.sign(doc, std::span(out, k));
        break;
    }
  };
  if (path == Path::kAvx2 && !__builtin_cpu_supports("avx2")) {
    state.SkipWithError("CPU lacks AVX2");
    return;
  }
  if (path == Path::kAvx512 && !detail::avx512_supported()) {
    state.SkipWithError("CPU lacks AVX-512F/DQ");
    return;
  }
  if (path == Path::kPortable) label = "portable";
  if (path == Path::kAvx512) label = "avx512 (auto-vectorised portable loop)";
  if (path == Path::kAvx2) label = "avx2";
  if (path == Path::kDispatch) label = minhash_simd_path();
  std::vector<uint32_t> got(k), want(k);
  for (const auto& doc : pool) {
    sign(doc, got.data());
    scalar_minhash(hasher.coefficients(), doc, want.data());
    if (got != want) {
      state.SkipWithError("signature differs from the scalar reference");
      return;
    }
  }
  size_t d = 0;
  for (auto _ : state) {
    sign(pool[d], got.data());
    benchmark::DoNotOptimize(got.data());
    d = d + 1 == pool.size() ? 0 : d + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["shingles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kShinglesPerDoc), benchmark::Counter::kIsRate);
  state.SetLabel(label);
}

void BM_MinHashScalar(benchmark::State& s) { run_minhash(s, Path::kScalar); }
void BM_MinHashPortable(benchmark::State& s) { run_minhash(s, Path::kPortable); }
void BM_MinHashAvx2(benchmark::State& s) { run_minhash(s, Path::kAvx2); }
void BM_MinHashAvx512(benchmark::State& s) { run_minhash(s, Path::kAvx512); }
void BM_MinHashDispatch(benchmark::State& s) { run_minhash(s, Path::kDispatch); }
BENCHMARK(BM_MinHashScalar)->Arg(128)->Arg(256);
BENCHMARK(BM_MinHashPortable)->Arg(128)->Arg(256);
BENCHMARK(BM_MinHashAvx2)->Arg(128)->Arg(256);
BENCHMARK(BM_MinHashAvx512)->Arg(128)->Arg(256);
BENCHMARK(BM_MinHashDispatch)->Arg(128)->Arg(256);

void BM_OnePerm(benchmark::State& state) {
  const uint32_t k = static_cast<uint32_t>(state.range(0));
  const OnePermHasher oph({.num_perm = k, .seed = 1});
  const auto& pool = doc_pool();
  std::vector<uint32_t> sig(k), again(k);
  // Sanity before timing: a document compared with itself and with a half-overlapping one.
  oph.sign(pool[0], sig);
  std::vector<uint64_t> half(pool[0].begin(), pool[0].begin() + kShinglesPerDoc / 2);
  half.insert(half.end(), pool[1].begin(), pool[1].begin() + kShinglesPerDoc / 2);
  oph.sign(half, again);
  const double j = estimate_jaccard(sig, again);  // exact: 250 / 750
  if (j < 0.2 || j > 0.47) {
    state.SkipWithError("OPH estimate far from the exact Jaccard 1/3");
    return;
  }
  size_t d = 0;
  for (auto _ : state) {
    oph.sign(pool[d], sig);
    benchmark::DoNotOptimize(sig.data());
    d = d + 1 == pool.size() ? 0 : d + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["shingles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kShinglesPerDoc), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_OnePerm)->Arg(128)->Arg(256);

uint64_t naive_simhash(const std::vector<uint64_t>& f) {
  long v[64] = {};
  for (const uint64_t x : f) {
    for (int b = 0; b < 64; ++b) v[b] += ((x >> b) & 1) ? 1 : -1;
  }
  uint64_t fp = 0;
  for (int b = 0; b < 64; ++b) fp |= uint64_t{v[b] > 0} << b;
  return fp;
}

void BM_SimHash(benchmark::State& state) {
  const bool weighted = state.range(0) != 0;
  const auto& pool = doc_pool();
  const std::vector<float> ones(kShinglesPerDoc, 1.0f);
  for (const auto& doc : pool) {
    if (simhash(doc) != naive_simhash(doc) || simhash(doc, ones) != naive_simhash(doc)) {
      state.SkipWithError("simhash differs from the naive bit loop");
      return;
    }
  }
  size_t d = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(weighted ? simhash(pool[d], ones) : simhash(pool[d]));
    d = d + 1 == pool.size() ? 0 : d + 1;
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["shingles/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kShinglesPerDoc), benchmark::Counter::kIsRate);
  state.SetLabel(weighted ? "float weights" : "unweighted");
}
BENCHMARK(BM_SimHash)->Arg(0)->Arg(1);

void BM_WordShingles(benchmark::State& state) {
  const unsigned ngram = static_cast<unsigned>(state.range(0));
  std::mt19937_64 rng(7);
  std::vector<uint64_t> tokens(2000);
  for (auto& t : tokens) t = rng();
  std::vector<uint64_t> out;
  word_shingles(tokens, ngram, 0, out);
  if (out.size() != tokens.size() - ngram + 1 ||
      out[3] != XXH3_64bits_withSeed(tokens.data() + 3, ngram * 8, 0)) {
    state.SkipWithError("word shingles differ from direct window hashing");
    return;
  }
  for (auto _ : state) {
    word_shingles(tokens, ngram, 0, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * tokens.size() * sizeof(uint64_t));
  state.SetItemsProcessed(state.iterations() * out.size());  // shingles/s
}
BENCHMARK(BM_WordShingles)->Arg(3)->Arg(5)->Arg(9);

void BM_CharShingles(benchmark::State& state) {
  const unsigned ngram = static_cast<unsigned>(state.range(0));
  const bool multibyte = state.range(1) != 0;
  const std::vector<std::string> ascii = {"a", "b", "e", " ", "t", "o", "n"};
  const std::vector<std::string> mixed = {"\xD0\xB0",     "\xD3\x99", " ",       "e",
                                          "\xE4\xB8\xAD", "\xD2\x9B", "\xD1\x8F"};
  const auto& alphabet = multibyte ? mixed : ascii;
  std::mt19937_64 rng(8);
  std::string text;
  size_t points = 0;
  while (text.size() < 16384) {
    text += alphabet[rng() % alphabet.size()];
    ++points;
  }
  std::vector<uint64_t> out;
  char_shingles(text, ngram, 0, out);
  if (out.size() != points - ngram + 1) {
    state.SkipWithError("char shingle count differs from the number of windows");
    return;
  }
  for (auto _ : state) {
    char_shingles(text, ngram, 0, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(state.iterations() * text.size());
  state.SetItemsProcessed(state.iterations() * out.size());
  state.SetLabel(multibyte ? "cyrillic/kazakh/cjk mix" : "ascii");
}
BENCHMARK(BM_CharShingles)->Args({5, 0})->Args({5, 1})->Args({9, 1});

}  // namespace
}  // namespace docsift
