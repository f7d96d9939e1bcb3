#include "text/internal/line_scan.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstdint>

namespace docsift::detail {
namespace {

// Code point at text[i] and its length; ill-formed bytes decode as U+FFFD of length 1.
UChar32 decode_at(std::string_view text, size_t i, size_t end, size_t* len) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t pos = static_cast<int32_t>(i);
  UChar32 cp;
  U8_NEXT(s, pos, static_cast<int32_t>(end), cp);
  *len = static_cast<size_t>(pos) - i;
  return cp < 0 ? 0xFFFD : cp;
}

bool is_space_code_point(UChar32 cp) {
  switch (cp) {
    case ' ':
    case '\t':
    case '\r':
    case '\v':
    case '\f':
    case 0x00A0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200A;
  }
}

bool is_bullet_symbol(UChar32 cp) {
  switch (cp) {
    case 0x2022:
    case 0x2023:
    case 0x25E6:
    case 0x25AA:
    case 0x25A0:
    case 0x25A1:
    case 0x00B7:
    case 0x25CF:
    case 0x25CB:
    case 0x25BA:
    case 0x27A2:
    case 0x2713:
    case 0x2714:
    case '-':
    case '*':
    case 0x2013:
    case 0x2014:
      return true;
    default:
      return false;
  }
}

bool is_closer(UChar32 cp) {
  switch (cp) {
    case '"':
    case '\'':
    case ')':
    case ']':
    case 0x00BB:
    case 0x201D:
    case 0x2019:
    case 0x300D:
    case 0xFF09:
      return true;
    default:
      return false;
  }
}

bool is_sentence_final(UChar32 cp) {
  return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == 0x3002 || cp == 0xFF01 ||
         cp == 0xFF1F;
}

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

size_t whitespace_len(std::string_view text, size_t i) {
  if (i >= text.size()) return 0;
  const auto c = static_cast<uint8_t>(text[i]);
  if (c < 0x80) return (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') ? 1 : 0;
  if (c != 0xC2 && c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF) return 0;  // quick reject
  size_t len;
  const UChar32 cp = decode_at(text, i, text.size(), &len);
  return is_space_code_point(cp) ? len : 0;
}

size_t skip_whitespace(std::string_view text, size_t begin, size_t end) {
  while (begin < end) {
    const size_t len = whitespace_len(text, begin);
    if (len == 0 || begin + len > end) break;
    begin += len;
  }
  return begin;
}

size_t trim_end(std::string_view text, size_t begin, size_t end) {
  // Backwards, one code point at a time, so the cost is the trailing whitespace, not the line.
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    const size_t ws = whitespace_len(text, start);
    if (ws == 0 || start + ws != end) break;
    end = start;
  }
  return end;
}

size_t bullet_marker_end(std::string_view text, size_t begin, size_t end) {
  if (begin >= end) return begin;
  size_t marker_end = begin;
  size_t len;
  const UChar32 first = decode_at(text, begin, end, &len);
  if (is_bullet_symbol(first)) {
    marker_end = begin + len;
  } else {
    // "1." "12)" "(3)" "a)" "(b)"
    size_t i = begin;
    const bool open = text[i] == '(';
    if (open) ++i;
    size_t digits = 0;
    while (i < end && is_ascii_digit(text[i]) && digits < 4) ++i, ++digits;
    if (digits == 0 && i < end) {
      const UChar32 cp = decode_at(text, i, end, &len);
      if (!u_isalpha(cp)) return begin;
      i += len;
    } else if (digits == 0 || digits > 3) {
      return begin;
    }
    if (i >= end) return begin;
    const char close = text[i];
    if (close == ')' || (close == '.' && digits > 0 && !open)) {
      marker_end = i + 1;
    } else {
      return begin;
    }
  }
  // A marker needs whitespace and then content after it: a lone "-" or "12)" is content itself.
  return marker_end < end && whitespace_len(text, marker_end) > 0 ? marker_end : begin;
}

bool ends_sentence(std::string_view text, size_t begin, size_t end) {
  // Walk code points backwards past closing quotes and brackets to the last other one.
  while (end > begin) {
    size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    size_t len;
    const UChar32 cp = decode_at(text, start, end, &len);
    if (!is_closer(cp)) return is_sentence_final(cp);
    end = start;
  }
  return is_sentence_final(0);
}

size_t count_code_points(std::string_view text, size_t begin, size_t end) {
  size_t n = 0;
  for (size_t i = begin; i < end; ++i) n += (static_cast<uint8_t>(text[i]) & 0xC0) != 0x80;
  return n;
}

}  // namespace docsift::detail
