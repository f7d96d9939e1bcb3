// CorpusReader throughput on JSON Lines: ~50 MB generated corpora of short, ~3 KB and long
// records, plain and zstd-compressed. Reports uncompressed bytes/s and documents/s for the whole
// path (read, split lines, simdjson parse, unescape, copy raw line, duplicate-id check).
//
//   build-rel/bench/io_bench --benchmark_filter=Jsonl
#include <benchmark/benchmark.h>
#include <unistd.h>
#include <zstd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "io/corpus_reader.h"
#include "io/json_writer.h"

namespace docsift {
namespace {
namespace fs = std::filesystem;

constexpr size_t kCorpusBytes = 50u << 20;

struct Corpus {
  std::string plain_path, zst_path;
  size_t bytes = 0;  // uncompressed
  size_t docs = 0;
  size_t text_bytes = 0;  // sum of unescaped text sizes, to check the reader before timing
};

// Text of mixed scripts with some characters that need escaping, `mean_len` bytes on average.
std::string make_text(std::mt19937_64& rng, size_t mean_len) {
  static const std::vector<std::string> kWords = {
      "the",   "corpus", "dedup",   "passage", "report", "\"quoted\"", "line\nbreak", "tab\tbed",
      "слово", "текст",  "қазақ",   "тіл",     "naïve",  "data",       "model",       "near",
      "exact", "hash",   "minhash", "shingle", "lsh",    "€100",       "path\\to",    "x"};
  std::uniform_int_distribution<size_t> len(mean_len / 2, mean_len * 3 / 2);
  const size_t target = len(rng);
  std::string text;
  while (text.size() < target) {
    text += kWords[rng() % kWords.size()];
    text += ' ';
  }
  return text;
}

const Corpus& corpus(size_t mean_len) {
  static std::map<size_t, Corpus> cache;
  auto it = cache.find(mean_len);
  if (it != cache.end()) return it->second;
  Corpus c;
  const fs::path dir =
      fs::temp_directory_path() / ("docsift_io_bench_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string name = "c";  // built step by step: g++ 12 false -Wrestrict on "c" + to_string()
  name += std::to_string(mean_len);
  name += ".jsonl";
  c.plain_path = (dir / name).string();
  c.zst_path = c.plain_path + ".zst";
  std::mt19937_64 rng(mean_len);
  std::string data;
  data.reserve(kCorpusBytes + (1 << 20));
  while (data.size() < kCorpusBytes) {
    const std::string text = make_text(rng, mean_len);
    data += "{\"id\":\"doc-" + std::to_string(c.docs) + "\",\"url\":\"https://example.org/" +
            std::to_string(rng() % 100000) + "\",\"text\":";
    append_json_string(data, text);
    data += ",\"score\":0.5}\n";
    c.text_bytes += text.size();
    ++c.docs;
  }
  c.bytes = data.size();
  std::ofstream(c.plain_path, std::ios::binary) << data;
  std::string z(ZSTD_compressBound(data.size()), '\0');
  z.resize(ZSTD_compress(z.data(), z.size(), data.data(), data.size(), 3));
  std::ofstream(c.zst_path, std::ios::binary) << z;
  return cache.emplace(mean_len, std::move(c)).first->second;
}

void read_corpus(benchmark::State& state, bool compressed) {
  const Corpus& c = corpus(static_cast<size_t>(state.range(0)));
  const std::string& path = compressed ? c.zst_path : c.plain_path;
  // Check the reader against the generator before timing it.
  {
    auto reader = CorpusReader::open({path}, ReadOptions{});
    Record rec;
    size_t docs = 0, text_bytes = 0;
    while (reader.ok() && (*reader)->next(rec).value()) {
      ++docs;
      text_bytes += rec.text.size();
    }
    if (!reader.ok() || docs != c.docs || text_bytes != c.text_bytes) {
      state.SkipWithError("reader disagrees with the generated corpus");
      return;
    }
  }
  for (auto _ : state) {
    auto reader = CorpusReader::open({path}, ReadOptions{});
    Record rec;
    size_t docs = 0;
    while ((*reader)->next(rec).value()) ++docs;
    benchmark::DoNotOptimize(docs);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * c.docs));
  state.counters["doc_bytes"] = static_cast<double>(c.bytes) / static_cast<double>(c.docs);
}

void BM_ReadJsonlPlain(benchmark::State& state) { read_corpus(state, false); }
void BM_ReadJsonlZstd(benchmark::State& state) { read_corpus(state, true); }

BENCHMARK(BM_ReadJsonlPlain)->Arg(300)->Arg(3000)->Arg(30000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReadJsonlZstd)->Arg(3000)->Unit(benchmark::kMillisecond);

// Removes the generated files when the program ends.
struct Cleanup {
  ~Cleanup() {
    std::error_code ec;
    fs::remove_all(fs::temp_directory_path() / ("docsift_io_bench_" + std::to_string(::getpid())),
                   ec);
  }
} cleanup;

}  // namespace
}  // namespace docsift
