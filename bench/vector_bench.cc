// Topic clustering speed on ~20,000 news-length synthetic documents (20 planted topics, 250
// words each): TF-IDF build, spherical k-means (k = 20), and both together. Tokens are made
// here by a whitespace splitter so the benchmark does not depend on the ICU tokenizer. Before
// timing, the clustering is checked against the planted topics (V-measure counter).
//
//   build-rel/bench/vector_bench --benchmark_counters_tabular=true

#include <benchmark/benchmark.h>

#include <cctype>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "vector/cluster_metrics.h"
#include "vector/spherical_kmeans.h"
#include "vector/tfidf.h"

namespace {

using namespace docsift;

struct Corpus {
  std::vector<std::string> texts;
  std::vector<std::string_view> views;
  std::vector<TokenizedText> tokens;
  std::vector<int64_t> topic;
  size_t bytes = 0;
};

TokenizedText split(std::string_view text) {
  TokenizedText t;
  t.clear();
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const size_t b = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (b == i) continue;
    t.spans.push_back({static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
    for (size_t k = b; k < i; ++k) t.norm_chars.push_back(static_cast<char>(std::tolower(text[k])));
    t.norm_offsets.push_back(static_cast<uint32_t>(t.norm_chars.size()));
  }
  return t;
}

// Shared words (function and common words, Zipf over 2,000) and 300 words per topic, with a
// fifth of the topic words borrowed from a neighbouring topic, as news vocabularies overlap.
const Corpus& corpus(size_t num_docs = 20000, size_t num_topics = 20) {
  static Corpus c = [&] {
    Corpus c;
    std::mt19937_64 rng(2024);
    std::uniform_real_distribution<double> u(0, 1);
    for (size_t d = 0; d < num_docs; ++d) {
      const size_t t = rng() % num_topics;
      const size_t len = 150 + rng() % 250;
      std::string text;
      for (size_t w = 0; w < len; ++w) {
        if (w) text.push_back(' ');
        const double r = u(rng);
        if (r < 0.65) {
          text.push_back('s');
          text += std::to_string(static_cast<size_t>(std::pow(2000.0, u(rng))));
        } else {
          const size_t topic = u(rng) < 0.2 ? (t + 1) % num_topics : t;
          text.push_back(w % 17 == 0 ? 'T' : 't');  // some capitalised: surface forms
          text += std::to_string(topic);
          text.push_back('w');
          text += std::to_string(static_cast<size_t>(std::pow(300.0, u(rng))));
        }
        if (u(rng) < 0.03) {  // numbers: dropped
          text.push_back(' ');
          text += std::to_string(rng() % 3000);
        }
      }
      c.topic.push_back(static_cast<int64_t>(t));
      c.bytes += text.size();
      c.texts.push_back(std::move(text));
    }
    for (const auto& t : c.texts) {
      c.views.push_back(t);
      c.tokens.push_back(split(t));
    }
    return c;
  }();
  return c;
}

void BM_Tfidf(benchmark::State& state) {
  const Corpus& c = corpus();
  TfidfOptions opt;
  opt.ngram = static_cast<unsigned>(state.range(0));
  opt.threads = static_cast<unsigned>(state.range(1));
  size_t vocab = 0;
  for (auto _ : state) {
    Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, opt);
    if (!m.ok()) state.SkipWithError(m.status().message().c_str());
    vocab = m->terms.size();
    benchmark::DoNotOptimize(m->rows.nonZeros());
  }
  state.counters["vocab"] = static_cast<double>(vocab);
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.texts.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_Tfidf)
    ->ArgNames({"ngram", "threads"})
    ->Args({1, 1})
    ->Args({1, 2})
    ->Args({2, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

double v_measure(const std::vector<int32_t>& a) {
  return cluster_scores(corpus().topic, std::vector<int64_t>(a.begin(), a.end())).v_measure;
}

void BM_KMeans(benchmark::State& state) {
  const Corpus& c = corpus();
  TfidfOptions topt;
  topt.threads = 2;
  static Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, topt);
  KMeansOptions opt;
  opt.k = 20;
  opt.n_init = static_cast<unsigned>(state.range(0));
  opt.batch_size = static_cast<size_t>(state.range(1));
  opt.threads = static_cast<unsigned>(state.range(2));
  double v = 0, iterations = 0;
  for (auto _ : state) {
    Result<KMeansResult> r = spherical_kmeans(m->rows, opt);
    if (!r.ok()) state.SkipWithError(r.status().message().c_str());
    v = v_measure(r->assignment);
    iterations = r->iterations;
  }
  state.counters["v_measure"] = v;
  state.counters["iters"] = iterations;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.texts.size()));
}
BENCHMARK(BM_KMeans)
    ->ArgNames({"n_init", "batch", "threads"})
    ->Args({1, 0, 1})
    ->Args({1, 0, 2})
    ->Args({5, 0, 2})
    ->Args({5, 1024, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The end-to-end figure the target is stated for: TF-IDF + k-means (k = 20, 5 restarts, the default).
void BM_TfidfPlusKMeans(benchmark::State& state) {
  const Corpus& c = corpus();
  TfidfOptions topt;
  topt.threads = 2;
  KMeansOptions opt;
  opt.k = 20;
  opt.threads = 2;
  double v = 0;
  for (auto _ : state) {
    Result<TfidfMatrix> m = build_tfidf(c.views, c.tokens, topt);
    Result<KMeansResult> r = spherical_kmeans(m->rows, opt);
    v = v_measure(r->assignment);
  }
  state.counters["v_measure"] = v;
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(c.texts.size()));
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(c.bytes));
}
BENCHMARK(BM_TfidfPlusKMeans)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
