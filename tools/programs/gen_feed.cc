// gen_feed: writes a synthetic news-feed corpus (posts of many channels, as Telegram and RSS
// feeds carry them) for testing short-line boilerplate removal (passages/line_boilerplate.h),
// as JSON Lines {"id","text","channel","content_lines":[...]}.
//
// The model (what real feeds close their posts with, issue 12 point 9):
//   - channels have Zipf-distributed sizes (channel c gets a share ~ 1/(c+1)^0.8), a language
//     (Russian or English), a made-up name, handle and domain;
//   - each channel has its own signature: a one-line "Subscribe to X | Send us news" row, or a
//     two-line block "X" + "Subscribe" (two one-word lines), or an "@handle" line; a digit-varying
//     link ("Read more: https://x.ru/news/48213"); optionally a copyright line with a year; 3% of
//     the one-line rows are edited (two words added), near duplicates no other post has exactly;
//   - share-button rows are drawn from a pool shared by channels ("Поделиться" + blank line +
//     "Facebook LinkedIn Twitter VK OK");
//   - hashtag lines: one or two of the channel's tags ("#новости", "#новости #Москва");
//   - real content: a title, 2..5 paragraphs of Zipf words, and short content lines that recur a
//     little: one-word datelines ("Алматы", in about 1 in 10 posts) and place + month lines
//     ("Алматы, марта"), each in a few to a few dozen posts. These are listed in
//     "content_lines" so an evaluator can count how many a method wrongly removes.
// Posts are in a shuffled channel order (ids say nothing of the channel).
//
//   gen_feed --posts 17500 --channels 24 --seed 1 --output feed.jsonl
//
// Deterministic for a given seed and options (splitmix64, no <random> distributions).

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "internal/corpus_text.h"
#include "internal/corpus_words.h"
#include "io/json_writer.h"

namespace {

using docsift::detail::Language;
using docsift::detail::ReportWriter;
using docsift::detail::Rng;

struct Channel {
  Language lang = Language::kRussian;
  std::string name, handle, domain;
  int signature_style = 0;  // 0 one-line row, 1 two one-word lines, 2 "@handle"
  double link_frac = 0, share_frac = 0, tag_frac = 0, copyright_frac = 0;
  int share_row = 0;
  std::vector<std::string> tags;
};

std::string capitalised_syllables(Rng& rng, bool cyrillic, int syllables) {
  static const char* const kLatin[] = {"ba", "do", "ki", "la", "me", "no", "pu",  "ra",
                                       "si", "to", "vi", "za", "gu", "fe", "sho", "mar"};
  static const char* const kCyr[] = {"ба", "до", "ки", "ла", "ме", "но", "пу", "ра",
                                     "си", "то", "ви", "за", "гу", "фе", "шо", "мар"};
  std::string out;
  for (int s = 0; s < syllables; ++s) out += (cyrillic ? kCyr : kLatin)[rng.below(16)];
  std::string cap;
  docsift::detail::append_capitalized(cap, out);
  return cap;
}

std::string latin_syllables(Rng& rng, int syllables) {
  static const char* const kLatin[] = {"ba", "do", "ki", "la", "me", "no", "pu",  "ra",
                                       "si", "to", "vi", "za", "gu", "fe", "sho", "mar"};
  std::string out;
  for (int s = 0; s < syllables; ++s) out += kLatin[rng.below(16)];
  return out;
}

const char* const kShareRows[] = {
    "Поделиться\n\nFacebook LinkedIn Twitter VK OK",
    "Поделиться:\nВКонтакте Одноклассники Telegram",
    "Share this:\nFacebook Twitter LinkedIn Email",
    "Share",
};

Channel make_channel(Rng& rng) {
  Channel c;
  c.lang = rng.chance(0.7) ? Language::kRussian : Language::kEnglish;
  const bool ru = c.lang == Language::kRussian;
  c.name = capitalised_syllables(rng, ru, rng.between(2, 3));
  c.handle = latin_syllables(rng, 3) + std::to_string(rng.between(1, 99));
  c.domain = latin_syllables(rng, 2) + (ru ? ".ru" : ".com");
  c.signature_style = static_cast<int>(rng.below(3));
  c.link_frac = rng.chance(0.6) ? 0.4 + 0.6 * rng.uniform() : 0;
  c.share_frac = rng.chance(0.5) ? 0.3 + 0.7 * rng.uniform() : 0;
  c.tag_frac = rng.chance(0.5) ? 0.3 + 0.5 * rng.uniform() : 0;
  c.copyright_frac = rng.chance(0.3) ? 0.5 : 0;
  c.share_row = ru ? static_cast<int>(rng.below(2)) : 2 + static_cast<int>(rng.below(2));
  const int num_tags = rng.between(3, 8);
  const ReportWriter words(c.lang);
  c.tags.push_back(ru ? "#новости" : "#news");
  for (int t = 1; t < num_tags; ++t) c.tags.push_back("#" + words.random_word(rng));
  return c;
}

void append_sentence(const ReportWriter& words, Rng& rng, int count, std::string& out) {
  for (int w = 0; w < count; ++w) {
    if (w) out.push_back(' ');
    if (w == 0) {
      docsift::detail::append_capitalized(out, words.random_word(rng));
    } else {
      out += words.random_word(rng);
    }
  }
  out.push_back('.');
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t posts = 17500, channels = 24, seed = 1;
  std::string output;
  CLI::App app{"gen_feed: a synthetic multi-channel news feed with short boilerplate lines"};
  app.add_option("--posts", posts, "Posts to write")->check(CLI::Range(1, 10000000));
  app.add_option("--channels", channels, "Channels (Zipf sizes)")->check(CLI::Range(1, 10000));
  app.add_option("--seed", seed, "Seed (same seed and options, same bytes)");
  app.add_option("--output,-o", output, "Output JSONL")->required();
  CLI11_PARSE(app, argc, argv);

  Rng setup(docsift::detail::derive_seed(seed, 0, 101));
  std::vector<Channel> chans;
  std::vector<double> cdf;
  double total = 0;
  for (uint64_t c = 0; c < channels; ++c) {
    chans.push_back(make_channel(setup));
    cdf.push_back(total += 1.0 / std::pow(static_cast<double>(c) + 1.0, 0.8));
  }
  const ReportWriter writers[2] = {ReportWriter(Language::kEnglish),
                                   ReportWriter(Language::kRussian)};

  std::ofstream out(output, std::ios::binary);
  if (!out) {
    std::fprintf(stderr, "gen_feed: cannot write %s\n", output.c_str());
    return 1;
  }
  std::string text, line;
  std::vector<std::string> content;
  for (uint64_t p = 0; p < posts; ++p) {
    Rng rng(docsift::detail::derive_seed(seed, p, 102));
    const double u = rng.uniform() * total;
    const size_t ci =
        static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    const Channel& ch = chans[std::min(ci, chans.size() - 1)];
    const bool ru = ch.lang == Language::kRussian;
    const ReportWriter& words = writers[ru ? 1 : 0];
    const auto& src = words.source();
    text.clear();
    content.clear();
    // Title.
    line.clear();
    append_sentence(words, rng, rng.between(5, 10), line);
    line.pop_back();
    text += line + "\n\n";
    // Real content that recurs a little: datelines.
    auto place = [&] {
      std::string s(src.places[rng.below(static_cast<uint32_t>(src.places.size()))]);
      std::replace(s.begin(), s.end(), '_', ' ');
      return s;
    };
    if (rng.chance(0.1)) {
      content.push_back(place());
    } else if (rng.chance(0.15)) {
      content.push_back(place() + ", " + std::string(src.months[rng.below(12)]));
    }
    if (!content.empty()) text += content.back() + "\n";
    const int paras = rng.between(2, 5);
    for (int k = 0; k < paras; ++k) {
      line.clear();
      const int sentences = rng.between(1, 4);
      for (int s = 0; s < sentences; ++s) {
        if (s) line.push_back(' ');
        append_sentence(words, rng, rng.between(6, 20), line);
      }
      text += line + "\n\n";
    }
    // Closing boilerplate.
    if (rng.chance(ch.tag_frac)) {
      line = ch.tags[rng.below(static_cast<uint32_t>(ch.tags.size()))];
      if (rng.chance(0.3)) line += " " + ch.tags[rng.below(static_cast<uint32_t>(ch.tags.size()))];
      text += line + "\n\n";
    }
    if (rng.chance(ch.link_frac)) {
      text += std::string(ru ? "Читать полностью: https://" : "Read more: https://") + ch.domain +
              "/news/" + std::to_string(rng.between(10000, 999999)) + "\n";
    }
    if (rng.chance(ch.share_frac)) text += std::string(kShareRows[ch.share_row]) + "\n\n";
    if (rng.chance(0.9)) {
      switch (ch.signature_style) {
        case 0:
          text += ru ? "Подписывайся на " + ch.name + " | Прислать новость"
                     : "Subscribe to " + ch.name + " | Send us news";
          // An edited row now and then: a near duplicate no other post has exactly.
          if (rng.chance(0.03)) text += " " + words.random_word(rng) + " " + words.random_word(rng);
          text += "\n";
          break;
        case 1:
          text += ch.name + (ru ? "\nПодписаться\n" : "\nSubscribe\n");
          break;
        default:
          text += "@" + ch.handle + "\n";
      }
    }
    if (rng.chance(ch.copyright_frac)) {
      text += "© " + std::to_string(rng.between(2015, 2024)) + " " + ch.name + "\n";
    }
    while (!text.empty() && text.back() == '\n') text.pop_back();
    std::string rec;
    docsift::JsonObject o(rec);
    char id[32];
    std::snprintf(id, sizeof id, "p%07llu", static_cast<unsigned long long>(p));
    o.field("id", id)
        .field("text", text)
        .field("channel", static_cast<uint64_t>(&ch - chans.data()));
    std::string list = "[";
    for (size_t k = 0; k < content.size(); ++k) {
      if (k) list += ",";
      docsift::append_json_string(list, content[k]);
    }
    list += "]";
    o.raw_field("content_lines", list).close();
    out << rec << '\n';
  }
  return out.good() ? 0 : 1;
}
