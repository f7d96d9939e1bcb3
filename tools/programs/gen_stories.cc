// gen_stories: writes a planted story corpus for testing story clustering (docsift cluster
// --by story), as JSON Lines {"id","text","story","topic","date","source","lang"}.
//
// The model (news aggregators' "same event told by many sources"):
//   - topics (economy, sport, ...) each have a topic vocabulary and a few actors (names) that
//     recur in many of its stories, so different stories of one topic share words and actors;
//   - a story is one event of a topic: two of the topic's actors, a place, a date, and
//     `concepts` event-specific concepts, each with two wordings (the paraphrase a source
//     chooses), written in the language's script with case endings in Russian and Kazakh;
//   - a story is retold by 1..max-size sources; each report covers a random subset of the
//     concepts, picks a wording per concept, and is dated within --spread days of the event;
//   - words are drawn from the story (story_share), its actors and place, its topic
//     (topic_share) and common news words (the rest, Zipf over the language's word list).
// Reports are ordered by date (ties by a hash), so stories interleave; ids say nothing of the
// story. Words of topics and stories are made of syllables (fresh per seed), so that no
// accidental real-word overlap decides a test.
//
//   gen_stories --docs 2000 --seed 1 --lang en --output stories.jsonl
//
// Deterministic for a given seed and options (splitmix64, no <random> distributions).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "internal/corpus_text.h"
#include "internal/corpus_words.h"
#include "io/json_writer.h"

namespace {

using docsift::detail::Language;
using docsift::detail::Rng;

struct Script {
  std::vector<std::string> consonants, vowels;
  std::vector<std::string> endings;  // case endings added to story words (inflection)
};

Script script_of(Language lang) {
  if (lang == Language::kEnglish)
    return {{"b", "d", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "g", "f"},
            {"a", "e", "i", "o", "u"},
            {"", "", "", "s"}};
  Script s{{"б", "д", "к", "л", "м", "н", "п", "р", "с", "т", "в", "з", "г", "ф"},
           {"а", "е", "и", "о", "у"},
           {}};
  if (lang == Language::kRussian) {
    s.endings = {"", "а", "у", "ом", "е", "ы", "ов"};
  } else {
    s.vowels.push_back("ы");
    s.endings = {"", "ның", "ға", "ды", "да", "дан", "мен"};
  }
  return s;
}

// A fresh pseudo-word of 2-4 consonant-vowel syllables, distinct from every earlier one.
std::string fresh_word(Rng& rng, const Script& s, std::set<std::string>& used) {
  while (true) {
    std::string w;
    const int syllables = rng.between(2, 4);
    for (int i = 0; i < syllables; ++i) {
      w += s.consonants[rng.below(static_cast<uint32_t>(s.consonants.size()))];
      w += s.vowels[rng.below(static_cast<uint32_t>(s.vowels.size()))];
    }
    if (rng.chance(0.5)) w += s.consonants[rng.below(static_cast<uint32_t>(s.consonants.size()))];
    if (used.insert(w).second) return w;
  }
}

// Capitalises an ASCII or Cyrillic first letter (the names).
std::string capitalised(const std::string& w) {
  std::string out;
  size_t i = 0;
  const char32_t cp = docsift::detail::utf8_next(w, i);
  char32_t up = cp;
  if (cp >= U'a' && cp <= U'z') up = cp - 32;
  if (cp >= U'а' && cp <= U'я') up = cp - 32;
  docsift::detail::utf8_append(out, up);
  out += w.substr(i);
  return out;
}

struct Topic {
  std::string name;
  std::vector<std::string> words;
  std::vector<std::string> actors;
};

struct Story {
  size_t topic = 0;
  std::vector<std::string> actors;  // two of the topic's
  std::string place;
  std::vector<std::array<std::string, 2>> concepts;  // two wordings each
  int day = 0;
  int size = 1;
};

struct Options {
  size_t docs = 2000;
  uint64_t seed = 1;
  std::string lang = "en";
  size_t topics = 8;
  size_t topic_words = 40;
  size_t actors = 6;
  size_t concepts = 8;
  int max_size = 12;
  double singleton_share = 0.3;
  int days = 60;
  int spread = 3;
  double story_share = 0.2;
  double actor_share = 0.06;
  double topic_share = 0.25;
  double paraphrase = 0.5;  // chance a report uses a concept's second wording
  double coverage = 0.6;    // share of the story's concepts a report mentions
};

std::string date_text(int day) {
  // Day 0 is 2024-01-01; months of 2024 (a leap year), enough for --days up to 366.
  static const int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int month = 0;
  while (month < 11 && day >= kMonthDays[month]) day -= kMonthDays[month++];
  char buf[32];
  std::snprintf(buf, sizeof buf, "2024-%02d-%02d", month + 1, day + 1);
  return buf;
}

class Writer {
 public:
  Writer(const Options& o, Language lang)
      : o_(o), script_(script_of(lang)), words_(docsift::detail::language_words(lang)) {}

  std::vector<Topic> topics(Rng& rng) {
    static const char* kNames[] = {"economy",     "sport",    "health",    "technology",
                                   "environment", "politics", "education", "culture"};
    std::vector<Topic> out(o_.topics);
    for (size_t t = 0; t < o_.topics; ++t) {
      out[t].name = t < 8 ? kNames[t] : "topic" + std::to_string(t);
      for (size_t i = 0; i < o_.topic_words; ++i) out[t].words.push_back(fresh(rng));
      for (size_t i = 0; i < o_.actors; ++i)
        out[t].actors.push_back(capitalised(fresh(rng)) + " " + capitalised(fresh(rng)));
    }
    return out;
  }

  Story story(Rng& rng, const std::vector<Topic>& topics) {
    Story s;
    s.topic = rng.below(static_cast<uint32_t>(topics.size()));
    const auto& actors = topics[s.topic].actors;
    const uint32_t a = rng.below(static_cast<uint32_t>(actors.size()));
    uint32_t b = rng.below(static_cast<uint32_t>(actors.size() - 1));
    if (b >= a) ++b;
    s.actors = {actors[a], actors[b]};
    const auto& places = words_.places;
    s.place = std::string(places[rng.below(static_cast<uint32_t>(places.size()))]);
    std::replace(s.place.begin(), s.place.end(), '_', ' ');
    for (size_t i = 0; i < o_.concepts; ++i) s.concepts.push_back({fresh(rng), fresh(rng)});
    s.day = rng.between(0, o_.days - 1);
    s.size = rng.chance(o_.singleton_share)
                 ? 1
                 : 2 + static_cast<int>(rng.uniform() * rng.uniform() * (o_.max_size - 1));
    return s;
  }

  // One source's report of story `s`.
  std::string report(Rng& rng, const Story& s, const Topic& topic) {
    std::vector<size_t> covered;
    for (size_t c = 0; c < s.concepts.size(); ++c)
      if (rng.chance(o_.coverage)) covered.push_back(c);
    if (covered.empty()) covered.push_back(rng.below(static_cast<uint32_t>(s.concepts.size())));
    std::vector<int> wording(s.concepts.size());
    for (int& w : wording) w = rng.chance(o_.paraphrase);
    auto concept_word = [&] {
      const size_t c = covered[rng.below(static_cast<uint32_t>(covered.size()))];
      std::string w = s.concepts[c][wording[c]];
      return w + script_.endings[rng.below(static_cast<uint32_t>(script_.endings.size()))];
    };
    std::string text = s.actors[0] + " " + concept_word() + " " + concept_word() + " " + s.place;
    text += "\n";
    const int sentences = rng.between(5, 9);
    for (int k = 0; k < sentences; ++k) {
      const int len = rng.between(8, 16);
      for (int i = 0; i < len; ++i) {
        const double u = rng.uniform();
        std::string w;
        if (u < o_.story_share) {
          w = concept_word();
        } else if (u < o_.story_share + o_.actor_share) {
          const uint32_t pick = rng.below(3);
          w = pick == 2 ? s.place : s.actors[pick];
        } else if (u < o_.story_share + o_.actor_share + o_.topic_share) {
          w = topic.words[rng.below(static_cast<uint32_t>(topic.words.size()))];
        } else {
          const double z = rng.uniform();
          const size_t n = std::min<size_t>(words_.words.size(), 400);
          w = std::string(words_.words[static_cast<size_t>(z * z * static_cast<double>(n))]);
          std::replace(w.begin(), w.end(), '_', ' ');
        }
        if (i == 0) w = capitalised(w);
        text += w;
        text += i + 1 == len ? ". " : " ";
      }
    }
    text.pop_back();
    return text;
  }

 private:
  std::string fresh(Rng& rng) { return fresh_word(rng, script_, used_); }
  const Options& o_;
  Script script_;
  const docsift::detail::LanguageWords& words_;
  std::set<std::string> used_;
};

struct Report {
  int day = 0;
  uint64_t order = 0;  // hash: ties of day
  size_t story = 0;
  std::string text, source;
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Write a planted story corpus (JSONL) for testing story clustering"};
  Options o;
  std::string output;
  app.add_option("--docs", o.docs, "Number of reports")->capture_default_str();
  app.add_option("--seed", o.seed, "Seed")->capture_default_str();
  app.add_option("--lang", o.lang, "Language")
      ->check(CLI::IsMember({"en", "ru", "kk"}))
      ->capture_default_str();
  app.add_option("--topics", o.topics, "Topics")->check(CLI::Range(1, 64))->capture_default_str();
  app.add_option("--actors", o.actors, "Actors per topic (shared by its stories)")
      ->check(CLI::Range(2, 1000))
      ->capture_default_str();
  app.add_option("--concepts", o.concepts, "Event-specific concepts per story")
      ->check(CLI::Range(1, 100))
      ->capture_default_str();
  app.add_option("--max-size", o.max_size, "Most reports of one story")
      ->check(CLI::Range(2, 100000))
      ->capture_default_str();
  app.add_option("--days", o.days, "Days the events span")
      ->check(CLI::Range(1, 330))
      ->capture_default_str();
  app.add_option("--spread", o.spread, "Reports are dated up to this many days after the event")
      ->check(CLI::Range(0, 30))
      ->capture_default_str();
  app.add_option("--story-share", o.story_share, "Share of words from the story's concepts")
      ->check(CLI::Range(0.0, 0.6))
      ->capture_default_str();
  app.add_option("--topic-share", o.topic_share, "Share of words from the topic vocabulary")
      ->check(CLI::Range(0.0, 0.6))
      ->capture_default_str();
  app.add_option("--paraphrase", o.paraphrase, "Chance a report uses a concept's other wording")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("--coverage", o.coverage, "Share of a story's concepts a report mentions")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  app.add_option("-o,--output", output, "Output JSONL")->required();
  CLI11_PARSE(app, argc, argv);

  const Language lang = o.lang == "en"   ? Language::kEnglish
                        : o.lang == "ru" ? Language::kRussian
                                         : Language::kKazakh;
  Writer writer(o, lang);
  Rng rng(docsift::detail::derive_seed(o.seed, 0, 11));
  const std::vector<Topic> topics = writer.topics(rng);
  std::vector<Story> stories;
  std::vector<Report> reports;
  while (reports.size() < o.docs) {
    stories.push_back(writer.story(rng, topics));
    const Story& s = stories.back();
    for (int r = 0; r < s.size && reports.size() < o.docs; ++r) {
      Report rep;
      rep.story = stories.size() - 1;
      rep.day = std::min(s.day + rng.between(0, o.spread), o.days - 1 + o.spread);
      rep.order = rng.next();
      rep.source = "source" + std::to_string(rng.below(20));
      rep.text = writer.report(rng, s, topics[s.topic]);
      reports.push_back(std::move(rep));
    }
  }
  std::stable_sort(reports.begin(), reports.end(), [](const Report& a, const Report& b) {
    return a.day != b.day ? a.day < b.day : a.order < b.order;
  });
  std::ofstream out(output, std::ios::binary);
  if (!out) {
    std::fprintf(stderr, "gen_stories: %s: cannot open for writing\n", output.c_str());
    return 1;
  }
  std::string line;
  for (size_t i = 0; i < reports.size(); ++i) {
    const Report& r = reports[i];
    char id[32];
    std::snprintf(id, sizeof id, "r%06zu", i);
    line.clear();
    docsift::JsonObject(line)
        .field("id", id)
        .field("text", r.text)
        .field("story", uint64_t{r.story})
        .field("topic", topics[stories[r.story].topic].name)
        .field("date", date_text(r.day))
        .field("source", r.source)
        .field("lang", o.lang)
        .close();
    line.push_back('\n');
    out << line;
  }
  out.flush();
  if (!out) {
    std::fprintf(stderr, "gen_stories: %s: write failed\n", output.c_str());
    return 1;
  }
  std::fprintf(stderr, "gen_stories: %zu reports of %zu stories -> %s\n", reports.size(),
               stories.size(), output.c_str());
  return 0;
}
