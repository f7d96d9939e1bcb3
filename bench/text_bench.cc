// Throughput of the text stage on English and Russian news-like text: tokenisation (fast path and
// pure ICU), exact keys, token hashes, block and sentence segmentation. Each input is checked
// (fast path == ICU path) before it is timed.

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "text/normalize.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

// News-like text: sentences of 8-25 words drawn from a vocabulary, with commas, numbers,
// quotes, dashes and paragraph breaks. Deterministic for a given seed.
std::string make_news(bool russian, size_t bytes, uint64_t seed) {
  static const std::vector<std::string> en = {
      "the",       "government", "said",      "on",        "Monday",   "that",     "it",
      "would",     "increase",   "spending",  "of",        "and",      "to",       "in",
      "a",         "percent",    "officials", "market",    "prices",   "rose",     "after",
      "report",    "company",    "shares",    "analysts",  "expected", "year",     "billion",
      "U.S.",      "it's",       "President", "minister",  "economy",  "growth",   "inflation",
      "central",   "bank",       "rates",     "investors", "week",     "election", "policy",
      "according", "statement",  "Reuters",   "new"};
  static const std::vector<std::string> ru = {
      "правительство", "заявило",   "в",         "понедельник", "что",    "оно",
      "увеличит",      "расходы",   "на",        "и",           "по",     "процента",
      "чиновники",     "рынок",     "цены",      "выросли",     "после",  "доклада",
      "компания",      "акции",     "аналитики", "ожидали",     "года",   "миллиардов",
      "рублей",        "Президент", "министр",   "экономики",   "рост",   "инфляции",
      "Центральный",   "банк",      "ставки",    "инвесторы",   "неделе", "выборов",
      "политики",      "сообщает",  "ТАСС",      "новый",       "Москва", "России"};
  const auto& words = russian ? ru : en;
  std::mt19937_64 rng(seed);
  std::string text;
  while (text.size() < bytes) {
    const int sentences = 2 + static_cast<int>(rng() % 4);
    for (int s = 0; s < sentences; ++s) {
      const int n = 8 + static_cast<int>(rng() % 18);
      for (int w = 0; w < n; ++w) {
        const std::string& word = words[rng() % words.size()];
        text += word;
        if (w == 0 && word[0] >= 'a' && word[0] <= 'z') {
          text[text.size() - word.size()] = static_cast<char>(word[0] - 32);
        }
        const uint64_t r = rng() % 40;
        if (w + 1 == n) {
          text += r < 30 ? ". " : r < 35 ? "! " : "? ";
        } else if (r < 3) {
          text += ", ";
        } else if (r == 3) {
          text += russian ? " — " : " - ";
        } else if (r == 4) {
          text += ' ';
          text += std::to_string(rng() % 10000);
          text += ' ';
        } else if (r == 5) {  // a quoted word
          text += russian ? " «" : " \"";
          text += words[rng() % words.size()];
          text += russian ? "» " : "\" ";
        } else {
          text += ' ';
        }
      }
    }
    text += "\n\n";
  }
  return text;
}

const std::string& corpus(bool russian, size_t bytes) {
  static std::string cache[2][3];
  const int size_index = bytes <= 400 ? 0 : bytes <= 8000 ? 1 : 2;
  std::string& s = cache[russian][size_index];
  if (s.empty()) s = make_news(russian, bytes, 42 + bytes);
  return s;
}

bool fast_matches_icu(const std::string& text) {
  Tokenizer fast;
  Tokenizer icu(NormalizeOptions{.force_icu = true});
  TokenizedText a, b;
  fast.tokenize(text, a);
  icu.tokenize(text, b);
  if (a.size() != b.size() || a.norm_chars != b.norm_chars) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.spans[i].begin != b.spans[i].begin || a.spans[i].end != b.spans[i].end) return false;
  }
  return true;
}

void BM_Tokenize(benchmark::State& state, bool russian, bool force_icu) {
  const std::string& text = corpus(russian, static_cast<size_t>(state.range(0)));
  if (!fast_matches_icu(text)) {
    state.SkipWithError("fast path differs from ICU");
    return;
  }
  Tokenizer tok(NormalizeOptions{.force_icu = force_icu});
  TokenizedText out;
  for (auto _ : state) {
    tok.tokenize(text, out);
    benchmark::DoNotOptimize(out.norm_chars.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(out.size());
}

void BM_ExactKey(benchmark::State& state, bool russian) {
  const std::string& text = corpus(russian, static_cast<size_t>(state.range(0)));
  Tokenizer tok;
  for (auto _ : state) benchmark::DoNotOptimize(exact_key(tok, text));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_TokenizeAndHash(benchmark::State& state, bool russian) {
  const std::string& text = corpus(russian, static_cast<size_t>(state.range(0)));
  Tokenizer tok;
  TokenizedText out;
  std::vector<uint64_t> hashes;
  for (auto _ : state) {
    tok.tokenize(text, out);
    token_hashes(out, 1, hashes);
    benchmark::DoNotOptimize(hashes.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_SegmentBlocks(benchmark::State& state, bool russian) {
  const std::string& text = corpus(russian, static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(segment_blocks(text).data());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_SegmentSentences(benchmark::State& state, bool russian) {
  const std::string& text = corpus(russian, static_cast<size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(segment_sentences(text).data());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

// Sizes: a short passage, a typical article, a long document.
#define TEXT_SIZES Arg(300)->Arg(4000)->Arg(64000)

BENCHMARK_CAPTURE(BM_Tokenize, english_fast, false, false)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_Tokenize, russian_fast, true, false)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_Tokenize, english_icu, false, true)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_Tokenize, russian_icu, true, true)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_ExactKey, english, false)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_ExactKey, russian, true)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_TokenizeAndHash, english, false)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_TokenizeAndHash, russian, true)->TEXT_SIZES;
BENCHMARK_CAPTURE(BM_SegmentBlocks, english, false)->Arg(64000);
BENCHMARK_CAPTURE(BM_SegmentBlocks, russian, true)->Arg(64000);
BENCHMARK_CAPTURE(BM_SegmentSentences, english, false)->Arg(64000);
BENCHMARK_CAPTURE(BM_SegmentSentences, russian, true)->Arg(64000);

}  // namespace
}  // namespace docsift
