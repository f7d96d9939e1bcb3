// Throughput of the passage front end: segment a document into passages (blocks or sentences)
// and give every passage its exact key (tokenise + NFKC/case-fold + XXH3-128), the per-document
// work of `docsift passages --exact-only` before the index. Reports bytes/s and passages/s.
//
// Documents are report-like: headings, wrapped paragraphs, bulleted and numbered lists, and
// boilerplate (disclaimers, footers, repeated bullets) planted in several documents, in English,
// Russian and Kazakh. Before timing, each configuration is checked against a reference: the
// passages are in order, in bounds and non-overlapping, every passage's key equals the key the
// pure-ICU tokenizer gives, and every planted boilerplate passage gets one key in all documents.

#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "text/normalize.h"
#include "text/segment.h"
#include "text/tokenize.h"

namespace docsift {
namespace {

enum class Lang { kEnglish, kRussian, kKazakh };

const std::vector<std::string>& vocabulary(Lang lang) {
  static const std::vector<std::string> en = {
      "the",      "committee", "reviewed",  "quarterly", "results",  "and",      "noted",
      "that",     "revenue",   "increased", "by",        "percent",  "in",       "region",
      "while",    "costs",     "remained",  "stable",    "project",  "team",     "will",
      "deliver",  "report",    "to",        "board",     "before",   "end",      "of",
      "month",    "risks",     "include",   "delays",    "supplier", "contract", "staff",
      "training", "budget",    "approved",  "for",       "next",     "year",     "audit"};
  static const std::vector<std::string> ru = {
      "комитет", "рассмотрел", "квартальные", "результаты", "и",         "отметил",
      "что",     "выручка",    "выросла",     "на",         "процента",  "в",
      "регионе", "при",        "этом",        "расходы",    "остались",  "стабильными",
      "проект",  "команда",    "представит",  "отчёт",      "совету",    "до",
      "конца",   "месяца",     "риски",       "включают",   "задержки",  "поставщика",
      "договор", "обучение",   "персонала",   "бюджет",     "утверждён", "год"};
  static const std::vector<std::string> kk = {
      "комитет",        "тоқсандық", "нәтижелерді", "қарап",      "шықты",     "және",
      "түсім",          "пайызға",   "өсті",        "өңірде",     "шығындар",  "тұрақты",
      "болды",          "жоба",      "тобы",        "есепті",     "кеңеске",   "айдың",
      "соңына",         "дейін",     "ұсынады",     "тәуекелдер", "жеткізуші", "келісімшарт",
      "қызметкерлерді", "оқыту",     "бюджет",      "келесі",     "жылға",     "бекітілді"};
  switch (lang) {
    case Lang::kRussian:
      return ru;
    case Lang::kKazakh:
      return kk;
    default:
      return en;
  }
}

std::string sentence(std::mt19937_64& rng, Lang lang, int min_words, int max_words) {
  const auto& words = vocabulary(lang);
  const int n = min_words + static_cast<int>(rng() % (max_words - min_words + 1));
  std::string s;
  for (int w = 0; w < n; ++w) {
    if (w > 0) s += (rng() % 12 == 0) ? ", " : " ";
    std::string word = words[rng() % words.size()];
    if (w == 0 && word[0] >= 'a' && word[0] <= 'z') word[0] = static_cast<char>(word[0] - 32);
    s += word;
    if (rng() % 20 == 0) {  // appended piecewise: "x" + std::string trips GCC 12's -Wrestrict
      s += ' ';
      s += std::to_string(rng() % 1000);
    }
  }
  return s + ".";
}

// Boilerplate shared by documents: a disclaimer paragraph, a footer line and a bullet.
struct Boilerplate {
  std::vector<std::string> blocks;
};

Boilerplate make_boilerplate(uint64_t seed) {
  std::mt19937_64 rng(seed);
  Boilerplate b;
  for (Lang lang : {Lang::kEnglish, Lang::kRussian, Lang::kKazakh}) {
    b.blocks.push_back(sentence(rng, lang, 12, 20) + " " + sentence(rng, lang, 12, 20));
    b.blocks.push_back(sentence(rng, lang, 6, 9));
  }
  return b;
}

// A report of about `bytes` bytes: heading, wrapped paragraphs, bulleted and numbered lists,
// and one or two boilerplate blocks (as a paragraph or as a bullet).
std::string make_report(std::mt19937_64& rng, const Boilerplate& boiler, size_t bytes) {
  const Lang lang = static_cast<Lang>(rng() % 3);
  std::string doc = sentence(rng, lang, 3, 6) + "\n\n";
  auto add_boilerplate = [&] {
    const std::string& block = boiler.blocks[rng() % boiler.blocks.size()];
    if (rng() % 2) doc += "• ";
    doc += block;
    doc += "\n\n";
  };
  add_boilerplate();
  while (doc.size() < bytes) {
    switch (rng() % 3) {
      case 0: {  // a paragraph wrapped at ~70 columns
        std::string para;
        for (int s = 2 + static_cast<int>(rng() % 3); s > 0; --s)
          para += sentence(rng, lang, 8, 20) + " ";
        size_t column = 0;
        for (char c : para) {
          if (c == ' ' && column >= 70) {
            doc += '\n';
            column = 0;
          } else {
            doc += c;
            ++column;
          }
        }
        doc += "\n\n";
        break;
      }
      case 1: {  // a bulleted list
        static const char* kMarkers[] = {"- ", "* ", "• ", "– "};
        const char* marker = kMarkers[rng() % 4];
        for (int i = 3 + static_cast<int>(rng() % 4); i > 0; --i) {
          doc += std::string(marker) + sentence(rng, lang, 5, 14) + "\n";
        }
        doc += "\n";
        break;
      }
      default: {  // a numbered list
        for (int i = 1; i <= 2 + static_cast<int>(rng() % 4); ++i) {
          doc += std::to_string(i) + ". " + sentence(rng, lang, 5, 14) + "\n";
        }
        doc += "\n";
        break;
      }
    }
  }
  if (rng() % 2) add_boilerplate();
  return doc;
}

struct Corpus {
  std::vector<std::string> docs;
  Boilerplate boilerplate;
  size_t bytes = 0;
};

// About 4 MB of reports of ~doc_bytes each (so every size times the same amount of text).
const Corpus& corpus(size_t doc_bytes) {
  static std::unordered_map<size_t, Corpus> cache;
  Corpus& c = cache[doc_bytes];
  if (c.docs.empty()) {
    c.boilerplate = make_boilerplate(7);
    std::mt19937_64 rng(1000 + doc_bytes);
    while (c.bytes < (4u << 20)) {
      c.docs.push_back(make_report(rng, c.boilerplate, doc_bytes));
      c.bytes += c.docs.back().size();
    }
  }
  return c;
}

std::vector<Passage> segment(std::string_view text, bool sentences) {
  return sentences ? segment_sentences(text) : segment_blocks(text);
}

// The reference check; returns an empty string when everything holds.
std::string check(const Corpus& c, bool sentences) {
  Tokenizer fast;
  Tokenizer icu(NormalizeOptions{.force_icu = true});
  TokenizedText tokens;
  std::unordered_set<Key128, Key128Hash> keys;
  for (const std::string& doc : c.docs) {
    uint32_t last_end = 0;
    for (const Passage& p : segment(doc, sentences)) {
      if (p.begin < last_end || p.end <= p.begin || p.end > doc.size() ||
          p.marker_begin > p.begin) {
        return "passage out of order or out of bounds";
      }
      last_end = p.end;
      const std::string_view text = std::string_view(doc).substr(p.begin, p.end - p.begin);
      fast.tokenize(text, tokens);
      const Key128 key = exact_key(tokens);
      if (!(key == exact_key(icu, text))) return "fast-path key differs from the ICU key";
      keys.insert(key);
    }
  }
  if (!sentences) {
    // Every planted boilerplate block is one passage whose key must have been seen.
    for (const std::string& block : c.boilerplate.blocks) {
      if (!keys.contains(exact_key(fast, block))) return "a boilerplate block was not found whole";
    }
  }
  return {};
}

void BM_SegmentAndKey(benchmark::State& state, bool sentences) {
  const Corpus& c = corpus(static_cast<size_t>(state.range(0)));
  if (const std::string error = check(c, sentences); !error.empty()) {
    state.SkipWithError(error.c_str());
    return;
  }
  Tokenizer tokenizer;
  TokenizedText tokens;
  uint64_t passages = 0;
  for (auto _ : state) {
    passages = 0;
    for (const std::string& doc : c.docs) {
      for (const Passage& p : segment(doc, sentences)) {
        tokenizer.tokenize(std::string_view(doc).substr(p.begin, p.end - p.begin), tokens);
        benchmark::DoNotOptimize(exact_key(tokens));
        ++passages;
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * passages));
  state.counters["docs"] = static_cast<double>(c.docs.size());
  state.counters["passages"] = static_cast<double>(passages);
  state.SetLabel(sentences ? "sentences" : "blocks");
}

// Segmentation alone, to show how the time splits between segmenting and keying.
void BM_SegmentOnly(benchmark::State& state, bool sentences) {
  const Corpus& c = corpus(static_cast<size_t>(state.range(0)));
  for (auto _ : state) {
    for (const std::string& doc : c.docs) benchmark::DoNotOptimize(segment(doc, sentences).data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.SetLabel(sentences ? "sentences" : "blocks");
}

// Document sizes: a short memo, a typical report, a long document.
#define DOC_SIZES Arg(600)->Arg(4000)->Arg(64000)->Unit(benchmark::kMillisecond)

BENCHMARK_CAPTURE(BM_SegmentAndKey, blocks, false)->DOC_SIZES;
BENCHMARK_CAPTURE(BM_SegmentAndKey, sentences, true)->DOC_SIZES;
BENCHMARK_CAPTURE(BM_SegmentOnly, blocks, false)->DOC_SIZES;
BENCHMARK_CAPTURE(BM_SegmentOnly, sentences, true)->DOC_SIZES;

}  // namespace
}  // namespace docsift
