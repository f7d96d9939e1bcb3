// Throughput and memory of exact substring dedup (substrings/substring_repeats.h): add the
// documents to a SubstringCorpus and find every span of at least 100 bytes repeated anywhere
// (shards' suffix arrays by libdivsufsort, sorted concurrently and merged by key), at three
// corpus sizes on 1 and 2 threads. Reports bytes/s of text (real time), the state bytes per
// text byte the stage holds, and the process's peak RSS. The 2-thread run is checked to give the
// 1-thread answer before it is timed.
//
// Documents are random words (a Zipf-like vocabulary, so short repeats are common, as in real
// text) with planted repeats: a licence block pasted mid-paragraph into every 20th document and
// a quote repeated inside every 50th. Before timing, each size is checked: every planted copy
// but the first is inside a removed span (kLater), and no span is shorter than 100 bytes.

#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <random>
#include <string>
#include <vector>

#include "substrings/substring_repeats.h"

namespace docsift {
namespace {

const std::string kLicence =
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this "
    "software and associated documentation files, to deal in the Software without restriction.";
const std::string kQuote =
    "«Жизнь прожить — не поле перейти», говорит старая пословица, и с ней трудно спорить.";

struct Corpus {
  std::vector<std::string> docs;
  size_t licences = 0, quotes = 0;
  size_t bytes = 0;
};

Corpus make_corpus(size_t bytes) {
  std::mt19937_64 rng(7);
  std::vector<std::string> words;
  for (int i = 0; i < 5000; ++i) {
    std::string w;
    const int len = 2 + static_cast<int>(rng() % 8);
    for (int k = 0; k < len; ++k) w += static_cast<char>('a' + rng() % 26);
    words.push_back(w);
  }
  std::exponential_distribution<double> zipfish(1.0 / 400);
  Corpus c;
  while (c.bytes < bytes) {
    const size_t d = c.docs.size();
    std::string text;
    const size_t len = 1000 + rng() % 6000;
    while (text.size() < len) {
      text += words[static_cast<size_t>(zipfish(rng)) % words.size()];
      text += (rng() % 12 == 0) ? ". " : " ";
      if (d % 20 == 0 && text.size() > len / 2 && text.find(kLicence) == std::string::npos) {
        text += kLicence + " ";
        ++c.licences;
      }
    }
    if (d % 50 == 0) {
      text += kQuote + " and again " + kQuote;
      c.quotes += 2;
    }
    c.bytes += text.size();
    c.docs.push_back(std::move(text));
  }
  return c;
}

uint64_t peak_rss_bytes() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<uint64_t>(u.ru_maxrss) * 1024;
}

Result<std::vector<SubstringSpan>> run(const Corpus& c, unsigned threads) {
  SubstringCorpus corpus;
  corpus.reserve(c.bytes + c.docs.size());
  for (const std::string& d : c.docs) DOCSIFT_RETURN_IF_ERROR(corpus.add(d));
  return corpus.find({.min_bytes = 100, .remove = SubstringRemove::kLater, .threads = threads});
}

// Every planted copy but the first lies inside a removed span.
bool check(const Corpus& c, const std::vector<SubstringSpan>& spans) {
  size_t covered = 0;
  for (const std::string* planted : {&kLicence, &kQuote}) {
    for (const SubstringSpan& s : spans) {
      if (s.end - s.begin < 100) return false;
      const std::string& t = c.docs[s.doc];
      if (t.substr(s.begin, s.end - s.begin).find(*planted) != std::string::npos) ++covered;
    }
  }
  return covered + 1 >= c.licences + c.quotes / 2;
}

void BM_Substrings(benchmark::State& state) {
  const Corpus c = make_corpus(static_cast<size_t>(state.range(0)) << 20);
  const unsigned threads = static_cast<unsigned>(state.range(1));
  auto first = run(c, threads);
  if (!first.ok() || !check(c, first.value())) {
    state.SkipWithError("planted repeats not found");
    return;
  }
  // The merged shards give the one-thread answer.
  if (threads > 1) {
    auto one = run(c, 1);
    if (!one.ok() || one.value() != first.value()) {
      state.SkipWithError("threads change the answer");
      return;
    }
  }
  for (auto _ : state) {
    auto spans = run(c, threads);
    benchmark::DoNotOptimize(spans);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["state_B_per_B"] = static_cast<double>(SubstringCorpus::merged_state_bytes(
                                        c.bytes + c.docs.size(), c.docs.size(), threads, false)) /
                                    static_cast<double>(c.bytes);
  state.counters["peak_rss_MB"] = static_cast<double>(peak_rss_bytes()) / 1e6;
  state.counters["spans"] = static_cast<double>(first.value().size());
}
BENCHMARK(BM_Substrings)
    ->ArgsProduct({{4, 16, 64}, {1, 2}})
    ->ArgNames({"MiB", "threads"})
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace
}  // namespace docsift
