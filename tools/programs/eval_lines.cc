// eval_lines: measures short-line boilerplate removal (issue 12 point 9) from a corpus and its
// cleaned copy, as the issue states the goal:
//   recall     of the lines with 2 or more letters that recur in >= --min-posts posts (>=
//              --min-posts-word posts for one-word lines), the share of their occurrences
//              removed (goal >= 97%);
//   precision  the share of removed lines that occur (digits ignored) in another post (goal
//              >= 95%);
//   content    when the input has "content_lines" (gen_feed), the share of those lines'
//              occurrences removed (real content that recurs a little; lower is better).
// A line's identity here is the line with surrounding whitespace trimmed and every ASCII digit
// deleted ("digits ignored"); it is recomputed from the texts, independent of docsift's rules.
// A line of the input is removed when its document's cleaned text has no (unmatched) line of
// the same identity. Documents missing from the cleaned copy are left out and counted.
//
//   eval_lines --input feed.jsonl --output stripped.jsonl
//   eval_lines --input feed.jsonl --baseline-ccnet 3      # CCNet-style exact-line dedup
//
// --baseline-ccnet N makes the cleaned copy itself: every line (with 2+ letters, lower-cased,
// digits as 0) found in >= N posts is removed from all of them, as plain exact-line dedup does
// (Wenzek et al. 2020). Inputs: JSON Lines {"id","text",...} or a directory of text files (id =
// path relative to it, as docsift names them).

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "io/jsonl_objects.h"

namespace {

struct Doc {
  std::string id, text;
  std::vector<std::string> content_lines;
};

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (true) {
    const size_t nl = text.find('\n', pos);
    out.push_back(
        text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  const char* ws = " \t\r\f\v";
  const size_t b = s.find_first_not_of(ws);
  if (b == std::string_view::npos) return {};
  return s.substr(b, s.find_last_not_of(ws) - b + 1);
}

// Trimmed, ASCII digits deleted.
std::string identity(std::string_view line) {
  std::string out;
  for (char c : trim(line)) {
    if (c < '0' || c > '9') out.push_back(c);
  }
  return out;
}

int letters(std::string_view s) {
  int n = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    UChar32 cp;
    U8_NEXT(p, i, static_cast<int32_t>(s.size()), cp);
    if (cp >= 0 && u_isalpha(cp)) ++n;
  }
  return n;
}

bool one_word(std::string_view line) {
  const std::string_view t = trim(line);
  return !t.empty() && t.find_first_of(" \t") == std::string_view::npos;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string load(const std::string& path, std::vector<Doc>& docs) {
  if (std::filesystem::is_directory(path)) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(path)) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      docs.push_back({std::filesystem::relative(f, path).generic_string(), read_file(f), {}});
    }
    return {};
  }
  return docsift::for_each_jsonl_object(
             path,
             [&](simdjson::dom::object obj, uint64_t) {
               std::string_view id, text;
               if (obj["id"].get_string().get(id) || obj["text"].get_string().get(text)) {
                 return std::string("record needs string id and text");
               }
               Doc d{std::string(id), std::string(text), {}};
               simdjson::dom::array content;
               if (!obj["content_lines"].get_array().get(content)) {
                 for (simdjson::dom::element e : content) {
                   std::string_view s;
                   if (!e.get_string().get(s)) d.content_lines.emplace_back(s);
                 }
               }
               docs.push_back(std::move(d));
               return std::string();
             })
      .message();
}

// CCNet-style key: trimmed, ASCII lower-cased, digit runs as one '0'.
std::string ccnet_key(std::string_view line) {
  std::string out;
  bool digit = false;
  for (char c : trim(line)) {
    if (c >= '0' && c <= '9') {
      if (!digit) out.push_back('0');
      digit = true;
      continue;
    }
    digit = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::vector<Doc> ccnet_baseline(const std::vector<Doc>& docs, unsigned min_posts) {
  std::unordered_map<std::string, uint32_t> posts;
  for (const Doc& d : docs) {
    std::unordered_set<std::string> seen;
    for (std::string_view l : split_lines(d.text)) {
      if (letters(l) >= 2 && seen.insert(ccnet_key(l)).second) ++posts[ccnet_key(l)];
    }
  }
  std::vector<Doc> out;
  for (const Doc& d : docs) {
    Doc c{d.id, {}, {}};
    for (std::string_view l : split_lines(d.text)) {
      if (letters(l) >= 2 && posts[ccnet_key(l)] >= min_posts) continue;
      c.text.append(l).push_back('\n');
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string input, output;
  unsigned min_posts = 20, min_posts_word = 200, baseline = 0;
  CLI::App app{"eval_lines: how much short-line boilerplate a cleaned corpus lost (issue 12.9)"};
  app.add_option("--input", input, "Original corpus: JSONL or a directory of text files")
      ->required();
  app.add_option("--output", output, "Cleaned corpus (JSONL, e.g. docsift passages --strip)");
  app.add_option("--baseline-ccnet", baseline,
                 "Evaluate exact-line dedup of every line in >= N posts instead of --output");
  app.add_option("--min-posts", min_posts, "Recurring lines: in at least this many posts");
  app.add_option("--min-posts-word", min_posts_word, "One-word lines: in at least this many");
  CLI11_PARSE(app, argc, argv);
  if (output.empty() == (baseline == 0)) {
    std::fprintf(stderr, "eval_lines: give one of --output and --baseline-ccnet\n");
    return 2;
  }
  std::vector<Doc> in_docs, out_docs;
  if (std::string err = load(input, in_docs); !err.empty()) {
    std::fprintf(stderr, "eval_lines: %s\n", err.c_str());
    return 1;
  }
  if (baseline) {
    out_docs = ccnet_baseline(in_docs, baseline);
  } else if (std::string err = load(output, out_docs); !err.empty()) {
    std::fprintf(stderr, "eval_lines: %s\n", err.c_str());
    return 1;
  }
  std::unordered_map<std::string, const Doc*> out_of;
  for (const Doc& d : out_docs) out_of[d.id] = &d;

  // Posts per line identity (each post once).
  std::unordered_map<std::string, uint32_t> posts;
  for (const Doc& d : in_docs) {
    std::unordered_set<std::string> seen;
    for (std::string_view l : split_lines(d.text)) {
      if (trim(l).empty()) continue;
      std::string k = identity(l);
      if (seen.insert(k).second) ++posts[k];
    }
  }
  uint64_t docs_missing = 0, lines = 0, recurring = 0, recurring_removed = 0, removed = 0,
           removed_elsewhere = 0, content = 0, content_removed = 0;
  std::set<std::string> recurring_lines;
  for (const Doc& d : in_docs) {
    const auto it = out_of.find(d.id);
    if (it == out_of.end()) {
      ++docs_missing;
      continue;
    }
    std::unordered_map<std::string, int> left;
    for (std::string_view l : split_lines(it->second->text)) {
      if (!trim(l).empty()) ++left[identity(l)];
    }
    std::multiset<std::string> content_of(d.content_lines.begin(), d.content_lines.end());
    for (std::string_view l : split_lines(d.text)) {
      if (trim(l).empty()) continue;
      ++lines;
      const std::string k = identity(l);
      int& n = left[k];
      const bool gone = n == 0;
      if (!gone) --n;
      const uint32_t p = posts[k];
      if (letters(l) >= 2 && p >= (one_word(l) ? min_posts_word : min_posts)) {
        ++recurring;
        recurring_removed += gone;
        recurring_lines.insert(k);
      }
      if (gone) {
        ++removed;
        removed_elsewhere += p >= 2;
      }
      if (auto c = content_of.find(std::string(trim(l))); c != content_of.end()) {
        content_of.erase(c);
        ++content;
        content_removed += gone;
      }
    }
  }
  // "n/a" when there is nothing to divide by.
  auto pct = [](uint64_t a, uint64_t b) {
    if (b == 0) return std::string("n/a");
    char s[32];
    std::snprintf(s, sizeof s, "%.2f%%", 100.0 * static_cast<double>(a) / static_cast<double>(b));
    return std::string(s);
  };
  std::printf("documents %zu (missing from output %llu), non-blank lines %llu\n", in_docs.size(),
              static_cast<unsigned long long>(docs_missing),
              static_cast<unsigned long long>(lines));
  std::printf(
      "recall: %llu distinct recurring lines (>= %u posts, >= %u for one word), %llu "
      "occurrences, %s removed\n",
      static_cast<unsigned long long>(recurring_lines.size()), min_posts, min_posts_word,
      static_cast<unsigned long long>(recurring), pct(recurring_removed, recurring).c_str());
  std::printf("precision: %llu lines removed, %s occur (digits ignored) in another post\n",
              static_cast<unsigned long long>(removed), pct(removed_elsewhere, removed).c_str());
  if (content) {
    std::printf("content lines: %llu occurrences, %s removed\n",
                static_cast<unsigned long long>(content), pct(content_removed, content).c_str());
  }
  return 0;
}
