#include "text/internal/fast_path.h"

#include <cstdint>
#include <cstring>

#include "text/internal/char_table.h"

namespace docsift::detail {
namespace {

constexpr CharEntry kSlowEntry{};

struct Decoded {
  const CharEntry* entry;
  uint32_t len;
};

// Decodes the code point at p (p < end). Anything outside the table, ill-formed or truncated
// decodes to kSlow so ICU handles it.
inline Decoded decode(const uint8_t* p, const uint8_t* end, const CharTable& table) {
  const uint8_t c = p[0];
  if (c < 0x80) return {&table.low[c], 1};
  if (c >= 0xC2 && c < 0xE0) {
    if (end - p >= 2 && (p[1] & 0xC0) == 0x80) {
      return {&table.low[((c & 0x1Fu) << 6) | (p[1] & 0x3Fu)], 2};
    }
    return {&kSlowEntry, 1};
  }
  // U+2000..U+206F is E2 80 80 .. E2 81 AF.
  if (c == 0xE2 && end - p >= 3 && (p[1] == 0x80 || p[1] == 0x81) && (p[2] & 0xC0) == 0x80) {
    const uint32_t index = ((p[1] & 1u) << 6) | (p[2] & 0x3Fu);
    if (index < kPunctEnd - kPunctBegin) return {&table.punct[index], 3};
  }
  return {&kSlowEntry, 1};
}

inline bool is_word_class(WordClass cls) {
  return cls == WordClass::kLetter || cls == WordClass::kNumeric || cls == WordClass::kExtendNumLet;
}

// WB6/7 (letter, MidLetter|MidNumLet|Single_Quote, letter) and WB11/12 (digit, MidNum|MidNumLet|
// Single_Quote, digit): a joiner between two characters of the same class `side`.
inline bool joins(WordClass side, WordClass mid) {
  if (side == WordClass::kLetter)
    return mid == WordClass::kMidLetter || mid == WordClass::kMidNumLet;
  if (side == WordClass::kNumeric) return mid == WordClass::kMidNum || mid == WordClass::kMidNumLet;
  return false;
}

// ASCII letters and digits whose form is one byte (every one but '@', whose form is empty): the
// bytes a token's inner loop copies without decoding. 0 marks any other byte.
struct AsciiLane {
  char form[0x80] = {};
  char folded[0x80] = {};
  WordClass cls[0x80] = {};
};

const AsciiLane& ascii_lane() {
  static const AsciiLane lane = [] {
    AsciiLane l;
    const CharTable& table = char_table();
    for (unsigned c = 0; c < 0x80; ++c) {
      const CharEntry& e = table.low[c];
      l.cls[c] = e.cls;
      if (e.cls != WordClass::kLetter && e.cls != WordClass::kNumeric) continue;
      if (e.form_len == 1) l.form[c] = e.form[0];
      if (e.folded_len == 1) l.folded[c] = e.folded[0];
    }
    return l;
  }();
  return lane;
}

}  // namespace

size_t first_slow_code_point(std::string_view text, size_t begin, size_t end) {
  const CharTable& table = char_table();
  const auto* base = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* stop = base + end;
  size_t i = begin;
  while (i < end) {
    if (base[i] < 0x80) {
      ++i;
      continue;
    }
    const Decoded d = decode(base + i, stop, table);
    if (d.entry->cls == WordClass::kSlow) return i;
    i += d.len;
  }
  return end;
}

size_t fast_tokenize(std::string_view text, size_t begin, size_t end, bool fold_digits,
                     TokenizedText& out) {
  const CharTable& table = char_table();
  const auto* base = reinterpret_cast<const uint8_t*>(text.data());
  const uint8_t* stop = base + end;

  // Forms are at most 2 bytes per input byte (enforced when the table is built); the slack lets
  // every form be copied as a fixed 6-byte block.
  std::string& chars = out.norm_chars;
  const size_t chars_before = chars.size();
  chars.resize(chars_before + 2 * (end - begin) + sizeof(CharEntry::form));
  char* const chars_base = chars.data();
  char* w = chars_base + chars_before;

  auto emit = [&](const CharEntry* e) {
    std::memcpy(w, fold_digits ? e->folded : e->form, sizeof(e->form));
    w += fold_digits ? e->folded_len : e->form_len;
  };
  auto finish = [&](size_t result) {
    chars.resize(static_cast<size_t>(w - chars_base));
    return result;
  };

  const AsciiLane& lane = ascii_lane();
  const char* const lane_forms = fold_digits ? lane.folded : lane.form;

  size_t i = begin;
  while (i < end) {
    const Decoded d = decode(base + i, stop, table);
    const WordClass cls = d.entry->cls;
    if (cls == WordClass::kSlow) return finish(i);
    if (!is_word_class(cls)) {
      i += d.len;
      continue;
    }
    const size_t token_begin = i;
    char* const form_begin = w;
    WordClass prev = cls;
    emit(d.entry);
    i += d.len;
    while (i < end) {
      // Runs of plain ASCII letters and digits (most of a Latin-script word): byte in, byte out,
      // exactly what the decode-and-emit step below would do for them.
      uint8_t c;
      while (i < end && (c = base[i]) < 0x80 && lane_forms[c] != 0) {
        *w++ = lane_forms[c];
        prev = lane.cls[c];
        ++i;
      }
      if (i == end) break;
      const Decoded next = decode(base + i, stop, table);
      const WordClass next_cls = next.entry->cls;
      if (next_cls == WordClass::kSlow) return finish(i);
      if (is_word_class(next_cls)) {  // WB5, WB8, WB9, WB10, WB13a, WB13b
        emit(next.entry);
        prev = next_cls;
        i += next.len;
        continue;
      }
      if (joins(prev, next_cls) && i + next.len < end) {
        const Decoded after = decode(base + i + next.len, stop, table);
        if (after.entry->cls == WordClass::kSlow) return finish(i + next.len);
        if (after.entry->cls == prev) {  // joiners have empty forms (table invariant)
          emit(after.entry);
          i += next.len + after.len;
          continue;
        }
      }
      break;
    }
    if (w != form_begin) {  // tokens whose form is empty are dropped, as in the ICU path
      out.spans.push_back({static_cast<uint32_t>(token_begin), static_cast<uint32_t>(i)});
      out.norm_offsets.push_back(static_cast<uint32_t>(w - chars_base));
    }
  }
  return finish(end);
}

}  // namespace docsift::detail
