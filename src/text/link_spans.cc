#include "text/link_spans.h"

#include <cstdint>

namespace docsift {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return is_lower(c) || is_upper(c) || is_digit(c); }
bool is_label_char(char c) { return is_alnum(c) || c == '-'; }
bool is_handle_char(char c) { return is_alnum(c) || c == '_'; }

bool is_leading_junk(char c) {
  return c == '(' || c == '[' || c == '{' || c == '<' || c == '"' || c == '\'';
}
bool is_trailing_junk(char c) {
  return c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' ||
         c == ']' || c == '}' || c == '>' || c == '"' || c == '\'';
}

// Length of the domain at the start of `s` (labels joined by single dots, the last one 2-24
// lower-case letters) when it is followed by the end or one of / ? # :, else 0.
size_t domain_length(std::string_view s) {
  size_t i = 0, labels = 0, last_begin = 0;
  while (true) {
    const size_t begin = i;
    while (i < s.size() && is_label_char(s[i])) ++i;
    if (i == begin) return 0;  // an empty label
    ++labels;
    last_begin = begin;
    if (i < s.size() && s[i] == '.' && i + 1 < s.size() && is_label_char(s[i + 1])) {
      ++i;
      continue;
    }
    break;
  }
  if (labels < 2) return 0;
  const size_t tld = i - last_begin;
  if (tld < 2 || tld > 24) return 0;
  for (size_t j = last_begin; j < i; ++j)
    if (!is_lower(s[j])) return 0;
  if (i < s.size() && s[i] != '/' && s[i] != '?' && s[i] != '#' && s[i] != ':') return 0;
  return i;
}

// The link span within chunk [b, e) of `text`, as [begin, end) offsets; begin == end for none.
TokenSpan link_in_chunk(std::string_view text, size_t b, size_t e) {
  while (b < e && is_leading_junk(text[b])) ++b;
  while (e > b && is_trailing_junk(text[e - 1])) --e;
  const std::string_view c = text.substr(b, e - b);
  const auto whole = TokenSpan{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
  if (c.size() < 3) return {};
  if (c.find("://") != std::string_view::npos || c.starts_with("www.")) return whole;
  if (c[0] == '@') {
    size_t j = 1;
    while (j < c.size() && is_handle_char(c[j])) ++j;
    if (j >= 3) return {static_cast<uint32_t>(b), static_cast<uint32_t>(b + j)};
    return {};
  }
  const size_t at = c.find('@');
  if (at != std::string_view::npos && at > 0 && is_alnum(c[at - 1]) &&
      domain_length(c.substr(at + 1)) > 0)
    return whole;
  if (domain_length(c) > 0) return whole;
  return {};
}

}  // namespace

void find_link_spans(std::string_view text, std::vector<TokenSpan>& out) {
  out.clear();
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    while (i < n && is_space(text[i])) ++i;
    const size_t b = i;
    bool candidate = false;  // only chunks with one of . @ / can hold a link
    while (i < n && !is_space(text[i])) {
      const char c = text[i];
      candidate = candidate || c == '.' || c == '@' || c == '/';
      ++i;
    }
    if (!candidate) continue;
    const TokenSpan s = link_in_chunk(text, b, i);
    if (s.end > s.begin) out.push_back(s);
  }
}

bool is_hash_like(std::string_view word) {
  size_t letters = 0, points = 0, case_changes = 0;
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if (is_lower(c) || is_upper(c)) {
      ++letters;
      if (is_upper(c) && i > 0 && is_lower(word[i - 1])) ++case_changes;
    } else if (!is_digit(c) && c != '_') {
      return false;  // not ASCII letters, digits and '_'
    }
    ++points;
  }
  if (points < 8) return false;
  if (case_changes >= 3) return true;
  // A digit with something else on both sides: digits only in front ("2024th") or at the end
  // ("covid19", "iPhone15") make a word, not an id.
  size_t b = 0, e = word.size();
  while (b < e && is_digit(word[b])) ++b;
  while (e > b && is_digit(word[e - 1])) --e;
  bool inner_digit = false;
  for (size_t i = b; i < e; ++i) inner_digit = inner_digit || is_digit(word[i]);
  return inner_digit && letters > 0;
}

bool is_link_like_word(std::string_view word) {
  if (word.empty()) return false;
  if (word.find_first_of("_@/") != std::string_view::npos) return true;
  if (domain_length(word) == word.size()) return true;
  auto equals_folded = [&](std::string_view lower) {
    if (word.size() != lower.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      const char c = is_upper(word[i]) ? static_cast<char>(word[i] - 'A' + 'a') : word[i];
      if (c != lower[i]) return false;
    }
    return true;
  };
  if (equals_folded("http") || equals_folded("https") || equals_folded("www")) return true;
  return is_hash_like(word);
}

}  // namespace docsift
