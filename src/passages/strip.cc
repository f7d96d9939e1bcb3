#include "passages/strip.h"

#include <algorithm>

#include "core/assert.h"

namespace docsift {
namespace {

bool is_hspace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Widens [b, e) to whole lines when nothing but horizontal whitespace shares its lines;
// otherwise to the spaces that follow it (or precede it at the end of a line).
void widen(std::string_view text, uint32_t& b, uint32_t& e) {
  size_t lb = b;
  while (lb > 0 && is_hspace(text[lb - 1])) --lb;
  const bool starts_line = lb == 0 || text[lb - 1] == '\n';
  size_t le = e;
  while (le < text.size() && is_hspace(text[le])) ++le;
  const bool ends_line = le == text.size() || text[le] == '\n';
  if (starts_line && ends_line) {
    b = static_cast<uint32_t>(lb);
    e = static_cast<uint32_t>(le < text.size() ? le + 1 : le);
  } else if (!ends_line) {
    e = static_cast<uint32_t>(le);  // "A. B. C." minus B -> "A. C."
  } else {
    b = static_cast<uint32_t>(lb);  // a sentence at the end of a line takes the space before it
  }
}

// Length of the whitespace prefix of s that consists of whole blank lines (up to and including
// the last '\n' in the leading whitespace), and how many newlines it holds.
size_t leading_blank_lines(std::string_view s, int& newlines) {
  newlines = 0;
  size_t cut = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '\n') {
      ++newlines;
      cut = i + 1;
    } else if (!is_hspace(c)) {
      break;
    }
  }
  return cut;
}

int trailing_newlines(std::string_view s) {
  int n = 0;
  for (size_t i = s.size(); i > 0; --i) {
    const char c = s[i - 1];
    if (c == '\n')
      ++n;
    else if (!is_hspace(c))
      break;
  }
  return n;
}

}  // namespace

std::string strip_passages(std::string_view text, std::span<const Cut> cuts) {
  if (cuts.empty()) return std::string(text);
  std::string out;
  out.reserve(text.size());
  uint32_t pos = 0;
  bool after_cut = false;
  auto append_segment = [&](std::string_view seg) {
    if (after_cut) {
      // Tidy the junction: no blank lines at the start, at most one blank line between blocks.
      int head_nl = 0;
      const size_t blank = leading_blank_lines(seg, head_nl);
      if (out.empty()) {
        seg.remove_prefix(blank);
      } else {
        const int tail_nl = trailing_newlines(out);
        int drop = std::max(0, tail_nl + head_nl - 2);
        // Drop whole leading blank lines of the segment, one newline at a time.
        size_t i = 0;
        while (drop > 0 && i < blank) {
          if (seg[i] == '\n') --drop;
          ++i;
        }
        seg.remove_prefix(i);
      }
    }
    out.append(seg);
  };
  for (const Cut& cut : cuts) {
    DOCSIFT_ASSERT(cut.marker_begin <= cut.end && cut.end <= text.size());
    uint32_t b = std::max(cut.marker_begin, pos);
    uint32_t e = std::max(cut.end, b);
    widen(text, b, e);
    b = std::max(b, pos);
    append_segment(text.substr(pos, b - pos));
    pos = std::max(pos, e);
    after_cut = true;
  }
  const std::string_view rest = text.substr(pos);
  append_segment(rest);
  // A cut at the end of the text: keep the original ending (one newline or none), not the blank
  // lines the cut exposed. Trailing bytes the cuts did not reach are left alone.
  if (rest.find_first_not_of(" \t\r\f\v\n") == std::string_view::npos) {
    size_t end = out.size();
    while (end > 0 && (out[end - 1] == '\n' || is_hspace(out[end - 1]))) --end;
    out.resize(end);
    if (!out.empty() && trailing_newlines(text) > 0) out.push_back('\n');
  }
  return out;
}

}  // namespace docsift
